/**
 * Where a feed starts reading: after the cursor, widened by the lookback and across a repeated
 * daylight-saving hour; and, from the same rule, the oldest stamp a later read can re-read.
 */
import type { FeedStart } from './changeFeed';
import type { ChangeCursor, FeedPosition } from './cursor';
import type { ReadChangesOptions } from './changeTypes';
import { ORIGIN } from './startPosition';
import { localToUtc, repeatedHourStart, toIsoSeconds, utcToLocal } from './timeZone';

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
	const inputPosition = position.id
		? { local: utcToLocal(cursorMs, timeZone), id: position.id }
		: undefined;
	let from =
		lookbackMs > 0 || !inputPosition ? utcToLocal(cursorMs - lookbackMs, timeZone) : undefined;
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
export function oldestReread(
	position: { lastModified: string; id?: string },
	lookbackMs: number,
	timeZone: string,
): number {
	const { start } = feedStart(position, undefined, lookbackMs, timeZone);
	if (!start) return 0;
	return localToUtc('from' in start ? start.from : start.after.local, timeZone);
}

/**
 * Where the deletions feed stands. Its own position once it has one; turned on for a cursor that
 * never tracked deletions, where the records are (minus the lookback), never at the beginning of
 * history; and for a feed started now, where the records start: the beginning (ORIGIN) or the start
 * date. Every cursor of a run with deletions carries this, read or not yet, so a later batch never
 * mistakes "not reached yet" for "never tracked".
 */
export function deletionsPosition(
	cursor: ChangeCursor | undefined,
	startAt?: number,
): Pick<ChangeCursor, 'deletedSince' | 'deletedId'> {
	if (cursor?.deletedSince)
		return { deletedSince: cursor.deletedSince, deletedId: cursor.deletedId };
	if (cursor) return { deletedSince: cursor.lastModified };
	if (startAt !== undefined) return { deletedSince: toIsoSeconds(startAt) };
	return { deletedSince: ORIGIN.lastModified, deletedId: ORIGIN.id };
}

/** The oldest stamps (epoch ms) a read from `cursor` can return again, per feed: what a memory of delivered versions must keep. */
export function rereadFrom(
	cursor: ChangeCursor,
	feed: Pick<ReadChangesOptions, 'lookbackMs' | 'timeZone' | 'includeDeletions'>,
): { changed: number; deleted?: number } {
	const changed = oldestReread(cursor, feed.lookbackMs, feed.timeZone);
	if (!feed.includeDeletions) return { changed };
	const deletions = deletionsPosition(cursor);
	return {
		changed,
		deleted: oldestReread(
			{ lastModified: deletions.deletedSince!, id: deletions.deletedId },
			feed.lookbackMs,
			feed.timeZone,
		),
	};
}
