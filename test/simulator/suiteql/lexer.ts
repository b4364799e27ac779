import { SuiteQLError } from './ast';

export type Token =
	| { t: 'id'; v: string; u: string; pos: number }
	| { t: 'qid'; v: string; pos: number }
	| { t: 'str'; v: string; pos: number }
	| { t: 'num'; v: string; pos: number }
	| { t: 'op'; v: string; pos: number }
	| { t: 'eof'; pos: number };

const OPS2 = ['<=', '>=', '<>', '!=', '^=', '||'];
const OPS1 = '=<>+-*/(),.?;';

export function lex(sql: string): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < sql.length) {
		const c = sql[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (sql.startsWith('--', i)) {
			while (i < sql.length && sql[i] !== '\n') i++;
			continue;
		}
		if (sql.startsWith('/*', i)) {
			const end = sql.indexOf('*/', i + 2);
			if (end < 0) throw new SuiteQLError('unterminated comment');
			i = end + 2;
			continue;
		}
		const pos = i;
		if (c === "'") {
			let v = '';
			i++;
			for (;;) {
				if (i >= sql.length)
					throw new SuiteQLError(`unterminated string literal at position ${pos}`);
				if (sql[i] === "'") {
					if (sql[i + 1] === "'") {
						v += "'";
						i += 2;
						continue;
					}
					i++;
					break;
				}
				v += sql[i++];
			}
			out.push({ t: 'str', v, pos });
			continue;
		}
		if (c === '"') {
			const end = sql.indexOf('"', i + 1);
			if (end < 0) throw new SuiteQLError(`unterminated quoted identifier at position ${pos}`);
			out.push({ t: 'qid', v: sql.slice(i + 1, end), pos });
			i = end + 1;
			continue;
		}
		if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
			const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i))!;
			out.push({ t: 'num', v: m[0], pos });
			i += m[0].length;
			continue;
		}
		if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_$#]*/.exec(sql.slice(i))!;
			out.push({ t: 'id', v: m[0], u: m[0].toUpperCase(), pos });
			i += m[0].length;
			continue;
		}
		const two = sql.slice(i, i + 2);
		if (OPS2.includes(two)) {
			out.push({ t: 'op', v: two, pos });
			i += 2;
			continue;
		}
		if (OPS1.includes(c)) {
			out.push({ t: 'op', v: c, pos });
			i++;
			continue;
		}
		throw new SuiteQLError(`unexpected character '${c}' at position ${pos}`);
	}
	out.push({ t: 'eof', pos: sql.length });
	return out;
}
