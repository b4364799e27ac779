/**
 * SuiteQL shows datetimes as the account's local wall-clock time with no offset, while record GETs
 * give UTC. Local time runs backwards once a year (daylight-saving fall-back), so every conversion
 * here is explicit about the repeated hour.
 */

/** `YYYY-MM-DD HH:MM:SS` local wall time, the form the change feed asks SuiteQL for. */
export type LocalDateTime = string;

export const LOCAL_FORMAT_SQL = 'YYYY-MM-DD HH24:MI:SS';
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, f);
	}
	return f;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		formatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

export function utcToLocal(epochMs: number, timeZone: string): LocalDateTime {
	const parts = Object.fromEntries(
		formatter(timeZone)
			.formatToParts(new Date(epochMs))
			.map((p) => [p.type, p.value]),
	);
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

function localAsUtc(local: LocalDateTime): number {
	const m = LOCAL_PATTERN.exec(local);
	if (!m) throw new Error(`Not a local datetime: ${local}`);
	return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

function offsetAt(epochMs: number, timeZone: string): number {
	return localAsUtc(utcToLocal(epochMs, timeZone)) - Math.floor(epochMs / 1000) * 1000;
}

/** Every instant that shows as `local` in the zone: one normally, two in the repeated hour, none in the skipped one. */
export function localToInstants(local: LocalDateTime, timeZone: string): number[] {
	const naive = localAsUtc(local);
	const offsets = new Set([
		offsetAt(naive - 86_400_000, timeZone),
		offsetAt(naive, timeZone),
		offsetAt(naive + 86_400_000, timeZone),
	]);
	return [...offsets]
		.map((offset) => naive - offset)
		.filter((instant) => utcToLocal(instant, timeZone) === local)
		.sort((a, b) => a - b);
}

/**
 * The earliest instant a local time can mean. Earliest, so a cursor built from it can only re-read,
 * never skip. A local time in the skipped spring-forward hour never shows on a row; it maps to the
 * instant the gap ends (the first instant whose local time is later than it).
 */
export function localToUtc(local: LocalDateTime, timeZone: string): number {
	const instants = localToInstants(local, timeZone);
	if (instants.length > 0) return instants[0];
	const naive = localAsUtc(local);
	// Before the gap the zone's offset is the smaller one: naive − offsetBefore lies after the gap, naive − offsetAfter before it.
	let before = naive - offsetAt(naive + 86_400_000, timeZone);
	let after = naive - offsetAt(naive - 86_400_000, timeZone);
	const offsetBefore = offsetAt(before, timeZone);
	while (after - before > 1000) {
		const mid = before + Math.floor((after - before) / 2000) * 1000;
		if (offsetAt(mid, timeZone) === offsetBefore) before = mid;
		else after = mid;
	}
	return after;
}

/**
 * When `local` lies in a fall-back hour that occurs twice, the local time at which that hour began;
 * a feed positioned inside it must re-read the whole hour, since rows from its second occurrence
 * sort before rows from its first.
 */
export function repeatedHourStart(
	local: LocalDateTime,
	timeZone: string,
): LocalDateTime | undefined {
	const instants = localToInstants(local, timeZone);
	if (instants.length < 2) return undefined;
	let before = instants[0];
	let after = instants[instants.length - 1];
	const offsetBefore = offsetAt(before, timeZone);
	// Binary-search the transition instant between the two occurrences.
	while (after - before > 1000) {
		const mid = before + Math.floor((after - before) / 2000) * 1000;
		if (offsetAt(mid, timeZone) === offsetBefore) before = mid;
		else after = mid;
	}
	return utcToLocal(after, timeZone);
}

export function toIsoSeconds(epochMs: number): string {
	return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
