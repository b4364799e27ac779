/**
 * Oracle datetime functions implemented in JS. The translator calls them directly to fold
 * constant arguments (TO_TIMESTAMP('…','…') becomes a literal, so comparisons can use the
 * (lastmodifieddate, id) index) and registers them as SQLite functions for per-row use.
 *
 * Value representations inside SQLite:
 *   DATE/TIMESTAMP                → canonical local wall-clock text 'YYYY-MM-DD HH:MM:SS[.f]'
 *   TIMESTAMP WITH TIME ZONE      → 'YYYY-MM-DD HH:MM:SS[.f]|<zone>'
 */
import { SuiteQLError } from './ast';
import { compileFormat, formatDateTime, parseDateTime } from './formatModel';
import { formatCanonical, parseCanonical, TimeZone } from '../timezone';
import type { UserDateFormat } from '../userDate';
import type { Db } from '../data/sqlite';

export interface FunctionContext {
	accountZone: TimeZone;
	userDate: UserDateFormat;
	/** Data clock, local canonical: SYSDATE and the default year/month of TO_DATE. */
	localNow(): string;
}

interface Zone {
	name: string;
	/** Wall clock → instant, Oracle's rule (later instant when ambiguous). */
	toUtc(localMs: number): number;
	offsetMinutesAtLocal(localMs: number): number;
}

const zones = new Map<string, Zone>();

export function zoneByName(name: string): Zone {
	const key = name.trim();
	const hit = zones.get(key.toUpperCase());
	if (hit) return hit;
	let zone: Zone;
	const fixed = /^([+-])(\d{1,2}):(\d{2})$/.exec(key);
	if (fixed || /^(UTC|GMT|Z)$/i.test(key)) {
		const minutes = fixed
			? (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]))
			: 0;
		zone = { name: key, toUtc: (l) => l - minutes * 60_000, offsetMinutesAtLocal: () => minutes };
	} else {
		let tz: TimeZone;
		try {
			tz = new TimeZone(key);
		} catch {
			throw new SuiteQLError(`ORA-01882: timezone region not found ('${name}')`);
		}
		zone = {
			name: tz.name,
			toUtc: (l) => tz.toUtcMs(l, 'later'),
			offsetMinutesAtLocal: (l) => tz.offsetMs(tz.toUtcMs(l, 'later')) / 60_000,
		};
	}
	zones.set(key.toUpperCase(), zone);
	return zone;
}

function splitTz(v: string): { local: string; zone: Zone } {
	const bar = v.lastIndexOf('|');
	return { local: v.slice(0, bar), zone: zoneByName(v.slice(bar + 1)) };
}

function localMs(canonical: string): number {
	const ms = parseCanonical(canonical);
	if (ms === undefined) throw new SuiteQLError(`internal: not a datetime '${canonical}'`);
	return ms;
}

function keepFraction(canonical: string, utcCanonical: string): string {
	const dot = canonical.indexOf('.');
	return dot < 0 ? utcCanonical : utcCanonical + canonical.slice(dot);
}

export class OracleFunctions {
	constructor(private readonly ctx: FunctionContext) {}

	userDate(v: string | null): string | null {
		return v === null ? null : this.ctx.userDate.formatCanonical(v);
	}

	toChar(v: string | null, fmt: string | null): string | null {
		if (v === null) return null;
		if (fmt === null) return this.userDate(v);
		return formatDateTime(v, fmt, { userDate: this.ctx.userDate });
	}

	toCharTz(v: string | null, fmt: string | null): string | null {
		if (v === null) return null;
		const { local, zone } = splitTz(v);
		if (fmt === null) return this.userDate(local);
		return formatDateTime(local, fmt, {
			userDate: this.ctx.userDate,
			zone: { name: zone.name, offsetMinutes: zone.offsetMinutesAtLocal(localMs(local)) },
		});
	}

	/** TO_DATE / TO_TIMESTAMP. Without a format Oracle uses NLS_DATE_FORMAT: the user's date format here. */
	toTimestamp(
		s: string | number | null,
		fmt: string | null,
		allowFraction: boolean,
	): string | null {
		if (s === null) return null;
		const str = String(s);
		if (str === '') return null;
		if (fmt === null) {
			const d = this.ctx.userDate.parse(str);
			if (!d)
				throw new SuiteQLError(
					`ORA-01858: '${str}' does not match the date format ${this.ctx.userDate.pattern}`,
				);
			const t = d.time ?? { hour: 0, minute: 0, second: 0 };
			return formatCanonical(Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute, t.second));
		}
		const now = this.ctx.localNow();
		return parseDateTime(
			str,
			fmt,
			{ year: Number(now.slice(0, 4)), month: Number(now.slice(5, 7)) },
			allowFraction,
		);
	}

	fromTz(v: string | null, zone: string | null): string | null {
		if (v === null || zone === null) return null;
		zoneByName(zone);
		return `${v}|${zone}`;
	}

	/** SYS_EXTRACT_UTC(tz value): wall clock in its zone → UTC wall clock. */
	tzToUtc(v: string | null): string | null {
		if (v === null) return null;
		const { local, zone } = splitTz(v);
		return keepFraction(local, formatCanonical(zone.toUtc(localMs(local))));
	}

	localToUtc(v: string | null, zone: string | null): string | null {
		if (v === null || zone === null) return null;
		return keepFraction(v, formatCanonical(zoneByName(zone).toUtc(localMs(v))));
	}

	sysdate(): string {
		return this.ctx.localNow();
	}

	register(db: Db): void {
		const raw = db.raw;
		raw.create_function('ns_userdate', (v: string | null) => this.userDate(v));
		raw.create_function('ns_to_char', (v: string | null, f: string | null) => this.toChar(v, f));
		raw.create_function('ns_to_char_tz', (v: string | null, f: string | null) =>
			this.toCharTz(v, f),
		);
		raw.create_function('ns_to_ts', (s: string | null, f: string | null, frac: number) =>
			this.toTimestamp(s, f, frac === 1),
		);
		raw.create_function('ns_from_tz', (v: string | null, z: string | null) => this.fromTz(v, z));
		raw.create_function('ns_tz_to_utc', (v: string | null) => this.tzToUtc(v));
		raw.create_function('ns_local_to_utc', (v: string | null, z: string | null) =>
			this.localToUtc(v, z),
		);
		raw.create_function('ns_num_to_char', (n: number | null) => numberToString(n));
		raw.create_function('ns_trunc_num', (n: number | null, d: number | null) =>
			n === null ? null : Math.trunc(n * 10 ** (d ?? 0)) / 10 ** (d ?? 0),
		);
	}
}

/** Validate a format model at translation time so a bad one fails before any row is read. */
export function checkFormat(fmt: string): void {
	compileFormat(fmt);
}

/**
 * NUMBER → text as Oracle prints it: no trailing zeros and no leading zero before the
 * decimal point (0.5 → ".5"; seen in SuiteQL results, UNCONFIRMED as a documented rule).
 */
export function numberToString(n: number | null): string | null {
	if (n === null || n === undefined) return null;
	if (!Number.isFinite(n)) return String(n);
	const s = String(Number(n.toPrecision(15)));
	if (s.startsWith('0.')) return s.slice(1);
	if (s.startsWith('-0.')) return `-${s.slice(2)}`;
	return s;
}
