/**
 * Where a feed starts reading: after the cursor, widened by the lookback and across a repeated
 * daylight-saving hour; and, from the same rule, the oldest stamp a later read can re-read.
 */
import type { FeedStart } from './changeFeed';
import type { FeedPosition } from './cursor';
import { localToUtc, repeatedHourStart, utcToLocal } from './timeZone';

export function feedStart(
	position: { lastModified: string; id?: string } | undefined,
	startAt: number | undefined,
	lookbackMs: number,
	timeZone: string,
): { start?: FeedStart; inputPosition?: FeedPosition } {
	if (!position) {
		if (startAt === undefined) return {};
		const from = utcToLocal(startAt, timeZone);
		return { start: { from: repeatedHourStart(from, timeZone) ?? from } };
	}
	const cursorMs = Date.parse(position.lastModified);
	const inputPosition = position.id ? { local: utcToLocal(cursorMs, timeZone), id: position.id } : undefined;
	let from = lookbackMs > 0 || !inputPosition ? utcToLocal(cursorMs - lookbackMs, timeZone) : undefined;
	const anchor = from ?? inputPosition!.local;
	// Rows from the second occurrence of a repeated hour sort before rows from the first: re-read it all.
	const rewind = repeatedHourStart(anchor, timeZone);
	if (rewind !== undefined && rewind < anchor) from = rewind;
	if (from !== undefined) return { start: { from }, inputPosition };
	return { start: { after: inputPosition! }, inputPosition };
}

/**
 * The oldest stamp (epoch ms, as the feed reports stamps) that a read starting at `position` can
 * return: a memory of delivered versions older than this can be dropped.
 */
export function oldestReread(position: { lastModified: string; id?: string }, lookbackMs: number, timeZone: string): number {
	const { start } = feedStart(position, undefined, lookbackMs, timeZone);
	if (!start) return 0;
	return localToUtc('from' in start ? start.from : start.after.local, timeZone);
}
