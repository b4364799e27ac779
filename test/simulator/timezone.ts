/**
 * Account time-zone arithmetic with nothing but Intl.
 *
 * "Local" values are wall-clock times held as milliseconds whose UTC fields ARE the wall
 * clock (so Date.UTC/getUTC* read and write them). SuiteQL works in that space: it shows and
 * compares lastmodifieddate as the account's wall-clock time, which is why a DST fall-back
 * makes local time run backwards.
 */

const BUCKET_MS = 15 * 60 * 1000; // every real zone changes offset on a 15-minute boundary

export class TimeZone {
	private readonly dtf: Intl.DateTimeFormat;
	private readonly offsets = new Map<number, number>();

	constructor(readonly name: string) {
		// Throws RangeError for an unknown zone, which is what we want at startup.
		this.dtf = new Intl.DateTimeFormat('en-US', {
			timeZone: name,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
	}

	/** Offset (local − UTC) in ms at a UTC instant. */
	offsetMs(utcMs: number): number {
		const bucket = Math.floor(utcMs / BUCKET_MS);
		let off = this.offsets.get(bucket);
		if (off === undefined) {
			off = this.computeOffset(bucket * BUCKET_MS);
			this.offsets.set(bucket, off);
		}
		return off;
	}

	private computeOffset(utcMs: number): number {
		const f: Record<string, number> = {};
		for (const p of this.dtf.formatToParts(new Date(utcMs))) {
			if (p.type !== 'literal') f[p.type] = Number(p.value);
		}
		const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour % 24, f.minute, f.second);
		return wall - utcMs;
	}

	toLocalMs(utcMs: number): number {
		return utcMs + this.offsetMs(utcMs);
	}

	/** Every UTC instant that shows this wall-clock time (0 in a spring-forward gap, 2 in a fall-back overlap). */
	candidates(localMs: number): number[] {
		const offs = new Set([
			this.offsetMs(localMs - 86_400_000),
			this.offsetMs(localMs),
			this.offsetMs(localMs + 86_400_000),
		]);
		const out: number[] = [];
		for (const off of offs) {
			const utc = localMs - off;
			if (this.offsetMs(utc) === off && !out.includes(utc)) out.push(utc);
		}
		return out.sort((a, b) => a - b);
	}

	/**
	 * Wall clock → instant. For an ambiguous time Oracle's FROM_TZ picks standard time, i.e.
	 * the LATER of the two instants (ERROR_ON_OVERLAP_TIME is off by default). A time inside a
	 * spring-forward gap is moved forward by the gap, as Oracle does.
	 */
	toUtcMs(localMs: number, prefer: 'later' | 'earlier' = 'later'): number {
		const c = this.candidates(localMs);
		if (c.length === 0) return localMs - this.offsetMs(localMs - 86_400_000);
		return prefer === 'later' ? c[c.length - 1] : c[0];
	}

	/** Local wall-clock time of a UTC instant, canonical 'YYYY-MM-DD HH:MM:SS'. */
	formatLocal(utcMs: number): string {
		return formatCanonical(this.toLocalMs(utcMs));
	}

	/** Fall-back transitions (offset decreases) in [fromMs, toMs], as the UTC instant they happen. */
	fallBacks(fromMs: number, toMs: number): Array<{ atUtcMs: number; overlapMs: number }> {
		const out: Array<{ atUtcMs: number; overlapMs: number }> = [];
		const step = 3_600_000;
		for (let t = Math.floor(fromMs / step) * step; t < toMs; t += step) {
			const a = this.offsetMs(t);
			const b = this.offsetMs(t + step);
			if (b < a) {
				// Narrow down to the 15-minute bucket where it changes.
				let at = t + step;
				for (let u = t; u <= t + step; u += BUCKET_MS) {
					if (this.offsetMs(u) === b) {
						at = u;
						break;
					}
				}
				if (at >= fromMs && at <= toMs) out.push({ atUtcMs: at, overlapMs: a - b });
			}
		}
		return out;
	}
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD HH:MM:SS' (plus '.fff' when the value has milliseconds and withMillis is set). */
export function formatCanonical(localMs: number, withMillis = false): string {
	const d = new Date(localMs);
	const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
		d.getUTCMinutes(),
	)}:${pad(d.getUTCSeconds())}`;
	if (withMillis && d.getUTCMilliseconds() !== 0)
		return `${base}.${pad(d.getUTCMilliseconds(), 3)}`;
	return base;
}

const CANONICAL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

export interface CanonicalParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	/** Fraction digits as written, '' when none. */
	fraction: string;
}

export function parseCanonicalParts(s: string): CanonicalParts | undefined {
	const m = CANONICAL.exec(s);
	if (!m) return undefined;
	return {
		year: Number(m[1]),
		month: Number(m[2]),
		day: Number(m[3]),
		hour: Number(m[4]),
		minute: Number(m[5]),
		second: Number(m[6]),
		fraction: m[7] ?? '',
	};
}

/** Canonical local string → local ms (UTC fields = wall clock). */
export function parseCanonical(s: string): number | undefined {
	const p = parseCanonicalParts(s);
	if (!p) return undefined;
	const ms = p.fraction ? Number(p.fraction.padEnd(3, '0').slice(0, 3)) : 0;
	return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms);
}

/** ISO 8601 UTC with second precision, the REST record service's datetime format. */
export function isoSeconds(utcMs: number): string {
	return new Date(Math.floor(utcMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Real zones only (Intl accepts them); throws a readable error otherwise. */
export function assertTimeZone(name: string): void {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
	} catch {
		throw new Error(`Unknown time zone '${name}' (expected an IANA name such as America/New_York)`);
	}
}
