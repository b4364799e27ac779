/**
 * Parser for the REST record service's `q` filter [O:section_1545222128]:
 *   field OPERATOR value, joined by AND/OR (AND binds tighter), parentheses group,
 *   values with spaces in double quotes, lists in [a, b].
 */
import { invalidSearch } from '../errors';

export type QNode =
	| { k: 'and' | 'or'; l: QNode; r: QNode }
	| { k: 'cond'; field: string; op: string; values: string[]; list: boolean };

type Tok =
	| { t: '(' | ')' | '[' | ']' | ','; pos: number }
	| { t: 'word' | 'str'; v: string; pos: number };

function tokenize(q: string): Tok[] {
	const out: Tok[] = [];
	let i = 0;
	while (i < q.length) {
		const c = q[i];
		if (/\s/.test(c)) {
			i++;
		} else if ('()[],'.includes(c)) {
			out.push({ t: c as '(' | ')' | '[' | ']' | ',', pos: i });
			i++;
		} else if (c === '"') {
			let v = '';
			let j = i + 1;
			for (; j < q.length && q[j] !== '"'; j++) {
				if (q[j] === '\\' && j + 1 < q.length) j++;
				v += q[j];
			}
			if (j >= q.length)
				throw invalidSearch(`Search error occurred: Unterminated quoted value at position ${i}.`);
			out.push({ t: 'str', v, pos: i });
			i = j + 1;
		} else {
			let j = i;
			while (j < q.length && !/\s/.test(q[j]) && !'()[],"'.includes(q[j])) j++;
			out.push({ t: 'word', v: q.slice(i, j), pos: i });
			i = j;
		}
	}
	return out;
}

/** Operators that take no value, a two-element list, or a list. */
const NO_VALUE = new Set(['EMPTY', 'EMPTY_NOT']);
const PAIR = new Set(['BETWEEN', 'BETWEEN_NOT', 'WITHIN', 'WITHIN_NOT']);

export function parseQ(q: string): QNode {
	const toks = tokenize(q);
	let i = 0;
	const peek = (): Tok | undefined => toks[i];
	const isWord = (t: Tok | undefined, w: string): boolean =>
		!!t && t.t === 'word' && t.v.toUpperCase() === w;
	const fail = (what: string): never => {
		const t = peek();
		throw invalidSearch(
			`Search error occurred: ${what} ${t ? `near ${'v' in t ? `'${t.v}'` : `'${t.t}'`} at position ${t.pos}` : 'at the end of the query'}.`,
		);
	};

	const value = (): string => {
		const t = peek();
		if (t && (t.t === 'str' || t.t === 'word')) {
			i++;
			return t.v;
		}
		return fail('Expected a value');
	};

	const condition = (): QNode => {
		const f = peek();
		if (!f || f.t !== 'word') return fail('Expected a field name');
		i++;
		const o = peek();
		if (!o || o.t !== 'word') return fail(`Expected an operator after '${f.v}'`);
		i++;
		const op = o.v.toUpperCase();
		if (NO_VALUE.has(op)) return { k: 'cond', field: f.v, op, values: [], list: false };
		if (peek()?.t === '[') {
			i++;
			const values = [value()];
			while (peek()?.t === ',') {
				i++;
				values.push(value());
			}
			if (peek()?.t !== ']') fail("Expected ']'");
			i++;
			if (PAIR.has(op) && values.length !== 2) fail(`${op} takes a list of two values`);
			return { k: 'cond', field: f.v, op, values, list: true };
		}
		if (PAIR.has(op)) return fail(`${op} takes a list of two values, like [1, 10]`);
		return { k: 'cond', field: f.v, op, values: [value()], list: false };
	};

	const primary = (): QNode => {
		if (peek()?.t === '(') {
			i++;
			const e = orExpr();
			if (peek()?.t !== ')') fail("Expected ')'");
			i++;
			return e;
		}
		return condition();
	};

	const andExpr = (): QNode => {
		let l = primary();
		while (isWord(peek(), 'AND')) {
			i++;
			l = { k: 'and', l, r: primary() };
		}
		return l;
	};

	function orExpr(): QNode {
		let l = andExpr();
		while (isWord(peek(), 'OR')) {
			i++;
			l = { k: 'or', l, r: andExpr() };
		}
		return l;
	}

	if (toks.length === 0) throw invalidSearch('Search error occurred: The query is empty.');
	const tree = orExpr();
	if (i < toks.length) fail('Unexpected input');
	return tree;
}
