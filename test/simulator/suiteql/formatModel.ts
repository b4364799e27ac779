/**
 * Oracle datetime format models for TO_CHAR / TO_DATE / TO_TIMESTAMP.
 * Supported: YYYY YYY YY Y RRRR RR MM MON MONTH DD DDD DY DAY HH HH12 HH24 MI SS FF FF1–FF9
 * AM PM A.M. P.M. DS TS TZH TZM TZR FM, "quoted text", and the punctuation - / , . ; : and
 * space. Anything else fails like Oracle (ORA-01821), e.g. an unquoted T in
 * 'YYYY-MM-DDTHH24:MI:SS' — write "T".
 */
import { SuiteQLError } from './ast';
import { daysInMonth, type UserDateFormat } from '../userDate';
import { parseCanonicalParts, type CanonicalParts } from '../timezone';

type Code =
	| 'YYYY'
	| 'YYY'
	| 'YY'
	| 'Y'
	| 'RRRR'
	| 'RR'
	| 'MM'
	| 'MON'
	| 'MONTH'
	| 'DD'
	| 'DDD'
	| 'DY'
	| 'DAY'
	| 'HH'
	| 'HH12'
	| 'HH24'
	| 'MI'
	| 'SS'
	| 'FF'
	| 'AM'
	| 'PM'
	| 'A.M.'
	| 'P.M.'
	| 'DS'
	| 'TS'
	| 'TZH'
	| 'TZM'
	| 'TZR'
	| 'FM';

export type FmtTok =
	| { k: 'code'; code: Code; raw: string; digits?: number }
	| { k: 'lit'; v: string; quoted: boolean };

// Longest first so that e.g. HH24 wins over HH and MONTH over MON.
const CODES: Code[] = [
	'MONTH',
	'RRRR',
	'YYYY',
	'HH24',
	'HH12',
	'A.M.',
	'P.M.',
	'YYY',
	'DDD',
	'DAY',
	'MON',
	'TZH',
	'TZM',
	'TZR',
	'YY',
	'RR',
	'MM',
	'DD',
	'DY',
	'HH',
	'MI',
	'SS',
	'FF',
	'AM',
	'PM',
	'DS',
	'TS',
	'FM',
	'Y',
];

const PUNCT = '-/,.;: ';

const cache = new Map<string, FmtTok[]>();

export function compileFormat(fmt: string): FmtTok[] {
	const hit = cache.get(fmt);
	if (hit) return hit;
	const out: FmtTok[] = [];
	let i = 0;
	outer: while (i < fmt.length) {
		const c = fmt[i];
		if (c === '"') {
			const end = fmt.indexOf('"', i + 1);
			if (end < 0)
				throw new SuiteQLError(
					`ORA-01821: date format not recognized (unterminated quote in '${fmt}')`,
				);
			out.push({ k: 'lit', v: fmt.slice(i + 1, end), quoted: true });
			i = end + 1;
			continue;
		}
		if (PUNCT.includes(c)) {
			out.push({ k: 'lit', v: c, quoted: false });
			i++;
			continue;
		}
		const upper = fmt.slice(i).toUpperCase();
		for (const code of CODES) {
			if (upper.startsWith(code)) {
				const raw = fmt.slice(i, i + code.length);
				i += code.length;
				if (code === 'FF' && /[1-9]/.test(fmt[i] ?? '')) {
					out.push({ k: 'code', code, raw, digits: Number(fmt[i]) });
					i++;
				} else out.push({ k: 'code', code, raw });
				continue outer;
			}
		}
		throw new SuiteQLError(
			`ORA-01821: date format not recognized ('${fmt.slice(i)}' in '${fmt}'; quote literal text, e.g. "T")`,
		);
	}
	cache.set(fmt, out);
	return out;
}

const MONTHS = [
	'JANUARY',
	'FEBRUARY',
	'MARCH',
	'APRIL',
	'MAY',
	'JUNE',
	'JULY',
	'AUGUST',
	'SEPTEMBER',
	'OCTOBER',
	'NOVEMBER',
	'DECEMBER',
];
const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** Oracle echoes the case of the format element: MON → NOV, Mon → Nov, mon → nov. */
function caseLike(raw: string, word: string): string {
	if (raw === raw.toUpperCase()) return word.toUpperCase();
	if (raw[0] === raw[0].toUpperCase()) return word[0].toUpperCase() + word.slice(1).toLowerCase();
	return word.toLowerCase();
}

export interface FormatContext {
	userDate: UserDateFormat;
	/** For TZH/TZM/TZR on TIMESTAMP WITH TIME ZONE values. */
	zone?: { name: string; offsetMinutes: number };
}

export function formatDateTime(canonical: string, fmt: string, ctx: FormatContext): string {
	const p = parseCanonicalParts(canonical);
	if (!p) throw new SuiteQLError(`internal: not a datetime '${canonical}'`);
	let fm = false;
	let out = '';
	const num = (n: number, width: number): string =>
		fm ? String(n) : String(n).padStart(width, '0');
	const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
	for (const tok of compileFormat(fmt)) {
		if (tok.k === 'lit') {
			out += tok.v;
			continue;
		}
		switch (tok.code) {
			case 'FM':
				fm = !fm;
				break;
			case 'YYYY':
			case 'RRRR':
				out += String(p.year).padStart(4, '0');
				break;
			case 'YYY':
				out += String(p.year % 1000).padStart(3, '0');
				break;
			case 'YY':
			case 'RR':
				out += String(p.year % 100).padStart(2, '0');
				break;
			case 'Y':
				out += String(p.year % 10);
				break;
			case 'MM':
				out += num(p.month, 2);
				break;
			case 'MON':
				out += caseLike(tok.raw, MONTHS[p.month - 1].slice(0, 3));
				break;
			case 'MONTH': {
				const w = caseLike(tok.raw, MONTHS[p.month - 1]);
				out += fm ? w : w.padEnd(9);
				break;
			}
			case 'DD':
				out += num(p.day, 2);
				break;
			case 'DDD': {
				const doy =
					(Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86_400_000 + 1;
				out += num(doy, 3);
				break;
			}
			case 'DY':
			case 'DAY': {
				const name = DAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
				const w = caseLike(tok.raw, tok.code === 'DY' ? name.slice(0, 3) : name);
				out += tok.code === 'DAY' && !fm ? w.padEnd(9) : w;
				break;
			}
			case 'HH24':
				out += num(p.hour, 2);
				break;
			case 'HH':
			case 'HH12':
				out += num(hour12, 2);
				break;
			case 'MI':
				out += num(p.minute, 2);
				break;
			case 'SS':
				out += num(p.second, 2);
				break;
			case 'FF': {
				const digits = tok.digits ?? 6;
				out += p.fraction.padEnd(9, '0').slice(0, digits);
				break;
			}
			case 'AM':
			case 'PM':
				out += caseLike(tok.raw, p.hour < 12 ? 'AM' : 'PM');
				break;
			case 'A.M.':
			case 'P.M.':
				out += caseLike(tok.raw, p.hour < 12 ? 'A.M.' : 'P.M.');
				break;
			case 'DS':
				out += ctx.userDate.format(p.year, p.month, p.day);
				break;
			case 'TS':
				out += `${hour12}:${String(p.minute).padStart(2, '0')}:${String(p.second).padStart(2, '0')} ${p.hour < 12 ? 'AM' : 'PM'}`;
				break;
			case 'TZH':
			case 'TZM':
			case 'TZR': {
				if (!ctx.zone)
					throw new SuiteQLError(
						`ORA-01821: date format not recognized (${tok.code} needs a TIMESTAMP WITH TIME ZONE value)`,
					);
				const off = ctx.zone.offsetMinutes;
				const abs = Math.abs(off);
				if (tok.code === 'TZH')
					out += `${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}`;
				else if (tok.code === 'TZM') out += String(abs % 60).padStart(2, '0');
				else out += ctx.zone.name.toUpperCase();
				break;
			}
		}
	}
	return out;
}

export interface ParseDefaults {
	year: number;
	month: number;
}

/**
 * Parse `input` with an Oracle format model into a canonical local string. Oracle is lenient
 * about punctuation (any separator matches any separator) and about short numbers (1/5/2026
 * matches MM/DD/YYYY); we are too.
 */
export function parseDateTime(
	input: string,
	fmt: string,
	defaults: ParseDefaults,
	allowFraction: boolean,
): string {
	const toks = compileFormat(fmt);
	const s = input;
	let i = 0;
	const parts: Partial<CanonicalParts> & { pm?: boolean; h12?: boolean } = {};
	const digits = (max: number, what: string): number => {
		let j = i;
		while (j < s.length && j - i < max && s[j] >= '0' && s[j] <= '9') j++;
		if (j === i)
			throw new SuiteQLError(
				`ORA-01858: a non-numeric character was found where a numeric was expected (${what} in '${input}')`,
			);
		const n = Number(s.slice(i, j));
		i = j;
		return n;
	};
	const word = (list: string[], len?: number): number => {
		const rest = s.slice(i).toUpperCase();
		const idx = list.findIndex((w) => rest.startsWith(len ? w.slice(0, len) : w));
		if (idx < 0) throw new SuiteQLError(`ORA-01843: not a valid month ('${input}')`);
		i += len ?? list[idx].length;
		return idx;
	};
	for (const tok of toks) {
		if (tok.k === 'lit') {
			if (tok.quoted) {
				if (s.slice(i, i + tok.v.length).toUpperCase() !== tok.v.toUpperCase()) {
					throw new SuiteQLError(
						`ORA-01861: literal does not match format string ('${input}' vs '${fmt}')`,
					);
				}
				i += tok.v.length;
			} else if (i < s.length && !/[A-Za-z0-9]/.test(s[i])) {
				i++;
			}
			continue;
		}
		switch (tok.code) {
			case 'FM':
				break;
			case 'YYYY':
			case 'RRRR':
				parts.year = digits(4, 'year');
				break;
			case 'YYY':
				parts.year = 2000 + digits(3, 'year');
				break;
			case 'YY':
				parts.year = Math.floor(defaults.year / 100) * 100 + digits(2, 'year');
				break;
			case 'RR': {
				const y = digits(2, 'year');
				parts.year = y < 50 ? 2000 + y : 1900 + y;
				break;
			}
			case 'Y':
				parts.year = Math.floor(defaults.year / 10) * 10 + digits(1, 'year');
				break;
			case 'MM':
				parts.month = digits(2, 'month');
				break;
			case 'MON':
				parts.month = word(MONTHS, 3) + 1;
				break;
			case 'MONTH':
				parts.month = word(MONTHS) + 1;
				break;
			case 'DD':
				parts.day = digits(2, 'day');
				break;
			case 'DY':
				word(DAYS, 3);
				break;
			case 'DAY':
				word(DAYS);
				break;
			case 'HH24':
				parts.hour = digits(2, 'hour');
				break;
			case 'HH':
			case 'HH12':
				parts.hour = digits(2, 'hour');
				parts.h12 = true;
				break;
			case 'MI':
				parts.minute = digits(2, 'minute');
				break;
			case 'SS':
				parts.second = digits(2, 'second');
				break;
			case 'FF': {
				if (!allowFraction)
					throw new SuiteQLError(
						`ORA-01821: date format not recognized (FF is not valid for TO_DATE; use TO_TIMESTAMP)`,
					);
				const start = i;
				digits(tok.digits ?? 9, 'fraction');
				parts.fraction = s.slice(start, i);
				break;
			}
			case 'AM':
			case 'PM':
			case 'A.M.':
			case 'P.M.': {
				const rest = s.slice(i).toUpperCase();
				const m = /^(A\.M\.|P\.M\.|AM|PM)/.exec(rest);
				if (!m) throw new SuiteQLError(`ORA-01855: AM/A.M. or PM/P.M. required ('${input}')`);
				parts.pm = m[1].startsWith('P');
				i += m[1].length;
				break;
			}
			default:
				throw new SuiteQLError(
					`ORA-01821: date format not recognized (${tok.code} cannot be used to parse a date)`,
				);
		}
	}
	if (s.slice(i).trim() !== '') {
		throw new SuiteQLError(
			`ORA-01830: date format picture ends before converting entire input string ('${input}' with '${fmt}')`,
		);
	}
	const year = parts.year ?? defaults.year;
	const month = parts.month ?? defaults.month;
	const day = parts.day ?? 1;
	let hour = parts.hour ?? 0;
	if (month < 1 || month > 12) throw new SuiteQLError(`ORA-01843: not a valid month ('${input}')`);
	if (day < 1 || day > daysInMonth(year, month))
		throw new SuiteQLError(
			`ORA-01847: day of month must be between 1 and last day of month ('${input}')`,
		);
	if (parts.h12) {
		if (hour < 1 || hour > 12)
			throw new SuiteQLError(`ORA-01849: hour must be between 1 and 12 ('${input}')`);
		if (parts.pm !== undefined) hour = (hour % 12) + (parts.pm ? 12 : 0);
	} else if (hour > 23)
		throw new SuiteQLError(`ORA-01850: hour must be between 0 and 23 ('${input}')`);
	if ((parts.minute ?? 0) > 59)
		throw new SuiteQLError(`ORA-01851: minutes must be between 0 and 59 ('${input}')`);
	if ((parts.second ?? 0) > 59)
		throw new SuiteQLError(`ORA-01852: seconds must be between 0 and 59 ('${input}')`);
	const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
	let out = `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(parts.minute ?? 0)}:${pad(parts.second ?? 0)}`;
	const frac = (parts.fraction ?? '').replace(/0+$/, '');
	if (frac) out += `.${frac}`;
	return out;
}
