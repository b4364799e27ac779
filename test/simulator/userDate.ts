/**
 * The user's date-format preference (Home > Set Preferences > Date Format). N/query, and so
 * the REST `q` filter and unformatted SuiteQL date output, speak this format rather than ISO
 * [O:section_157305090645]; Airbyte learned it from "Unparseable date:" 400s.
 *
 * Supported tokens: YYYY YY MM M DD D MON Mon MONTH Month; anything else is a literal.
 */

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

type Tok =
	| { t: 'YYYY' | 'YY' | 'MM' | 'M' | 'DD' | 'D' | 'MON' | 'Mon' | 'MONTH' | 'Month' }
	| { t: 'lit'; v: string };

const TOKENS = ['YYYY', 'YY', 'MONTH', 'Month', 'MON', 'Mon', 'MM', 'M', 'DD', 'D'] as const;

function tokenize(format: string): Tok[] {
	const out: Tok[] = [];
	let i = 0;
	outer: while (i < format.length) {
		for (const tok of TOKENS) {
			if (format.startsWith(tok, i)) {
				out.push({ t: tok });
				i += tok.length;
				continue outer;
			}
		}
		const last = out[out.length - 1];
		if (last && last.t === 'lit') last.v += format[i];
		else out.push({ t: 'lit', v: format[i] });
		i++;
	}
	return out;
}

export interface UserDateTime {
	year: number;
	month: number;
	day: number;
	/** Present when the value carried a time of day. */
	time?: { hour: number; minute: number; second: number; hasSeconds: boolean };
}

export class UserDateFormat {
	private readonly toks: Tok[];

	constructor(readonly pattern: string) {
		this.toks = tokenize(pattern);
		if (!this.toks.some((t) => t.t === 'YYYY' || t.t === 'YY'))
			throw new Error(`Date format '${pattern}' has no year`);
	}

	format(year: number, month: number, day: number): string {
		let s = '';
		for (const tok of this.toks) {
			switch (tok.t) {
				case 'YYYY':
					s += String(year).padStart(4, '0');
					break;
				case 'YY':
					s += String(year % 100).padStart(2, '0');
					break;
				case 'MM':
					s += String(month).padStart(2, '0');
					break;
				case 'M':
					s += String(month);
					break;
				case 'DD':
					s += String(day).padStart(2, '0');
					break;
				case 'D':
					s += String(day);
					break;
				case 'MON':
					s += MONTHS[month - 1].slice(0, 3).toUpperCase();
					break;
				case 'Mon':
					s += MONTHS[month - 1].slice(0, 3);
					break;
				case 'MONTH':
					s += MONTHS[month - 1].toUpperCase();
					break;
				case 'Month':
					s += MONTHS[month - 1];
					break;
				default:
					s += tok.v;
			}
		}
		return s;
	}

	/** Format a canonical local 'YYYY-MM-DD ...' string as a date. */
	formatCanonical(canonical: string): string {
		return this.format(
			Number(canonical.slice(0, 4)),
			Number(canonical.slice(5, 7)),
			Number(canonical.slice(8, 10)),
		);
	}

	/**
	 * Parse a date in this format, optionally followed by a time of day: `h:mm[:ss] am|pm`
	 * (12-hour) or `H:mm[:ss]` (24-hour). Returns undefined when it does not parse.
	 */
	parse(input: string): UserDateTime | undefined {
		const s = input.trim();
		let i = 0;
		let year: number | undefined;
		let month: number | undefined;
		let day: number | undefined;
		const digits = (min: number, max: number): number | undefined => {
			let j = i;
			while (j < s.length && j - i < max && s[j] >= '0' && s[j] <= '9') j++;
			if (j - i < min) return undefined;
			const n = Number(s.slice(i, j));
			i = j;
			return n;
		};
		for (const tok of this.toks) {
			switch (tok.t) {
				case 'YYYY':
					year = digits(4, 4);
					if (year === undefined) return undefined;
					break;
				case 'YY': {
					const y = digits(2, 2);
					if (y === undefined) return undefined;
					year = 2000 + y;
					break;
				}
				case 'MM':
				case 'M':
					month = digits(1, 2);
					if (month === undefined) return undefined;
					break;
				case 'DD':
				case 'D':
					day = digits(1, 2);
					if (day === undefined) return undefined;
					break;
				case 'MON':
				case 'Mon':
				case 'MONTH':
				case 'Month': {
					const rest = s.slice(i).toLowerCase();
					const full = tok.t === 'MONTH' || tok.t === 'Month';
					const idx = MONTHS.findIndex((m) =>
						rest.startsWith((full ? m : m.slice(0, 3)).toLowerCase()),
					);
					if (idx < 0) return undefined;
					month = idx + 1;
					i += full ? MONTHS[idx].length : 3;
					break;
				}
				default:
					if (s.slice(i, i + tok.v.length).toLowerCase() !== tok.v.toLowerCase()) return undefined;
					i += tok.v.length;
			}
		}
		if (year === undefined || month === undefined || day === undefined) return undefined;
		if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
		const rest = s.slice(i);
		if (rest === '') return { year, month, day };
		const m = /^\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(rest);
		if (!m) return undefined;
		let hour = Number(m[1]);
		const minute = Number(m[2]);
		const second = m[3] ? Number(m[3]) : 0;
		if (minute > 59 || second > 59) return undefined;
		if (m[4]) {
			if (hour < 1 || hour > 12) return undefined;
			const pm = m[4].toLowerCase().startsWith('p');
			hour = (hour % 12) + (pm ? 12 : 0);
		} else if (hour > 23) return undefined;
		return { year, month, day, time: { hour, minute, second, hasSeconds: m[3] !== undefined } };
	}
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
