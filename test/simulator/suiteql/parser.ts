/**
 * Recursive-descent parser for the SELECT subset of SuiteQL (Oracle syntax). It accepts what
 * sync tools send and rejects, by name, what it does not know (UNION, ROWNUM, `(+)` joins,
 * derived tables…): the simulator must never answer a query it did not understand.
 */
import { SuiteQLError, type Expr, type Join, type Select, type TableRef } from './ast';
import { lex, type Token } from './lexer';

/** Words that end an expression or cannot be an implicit alias. */
const RESERVED = new Set([
	'SELECT',
	'FROM',
	'WHERE',
	'GROUP',
	'BY',
	'HAVING',
	'ORDER',
	'JOIN',
	'INNER',
	'LEFT',
	'RIGHT',
	'FULL',
	'OUTER',
	'CROSS',
	'ON',
	'AND',
	'OR',
	'NOT',
	'AS',
	'UNION',
	'INTERSECT',
	'MINUS',
	'EXCEPT',
	'FETCH',
	'OFFSET',
	'ASC',
	'DESC',
	'NULLS',
	'IS',
	'IN',
	'LIKE',
	'BETWEEN',
	'CASE',
	'WHEN',
	'THEN',
	'ELSE',
	'END',
	'DISTINCT',
	'ESCAPE',
	'CONNECT',
	'START',
	'WITH',
]);

const UNSUPPORTED_KEYWORDS: Record<string, string> = {
	UNION: 'UNION',
	INTERSECT: 'INTERSECT',
	MINUS: 'MINUS',
	EXCEPT: 'EXCEPT',
	CONNECT: 'CONNECT BY (hierarchical queries)',
	START: 'START WITH (hierarchical queries)',
	ROWNUM: 'ROWNUM (use the limit/offset query parameters or FETCH FIRST n ROWS ONLY)',
	ROWID: 'ROWID',
	LEVEL: 'LEVEL',
	PRIOR: 'PRIOR',
	OVER: 'analytic functions (OVER)',
	PIVOT: 'PIVOT',
};

export function parseSuiteQL(sql: string): { select: Select; paramCount: number } {
	const toks = lex(sql);
	let i = 0;
	let paramCount = 0;

	const peek = (o = 0): Token => toks[Math.min(i + o, toks.length - 1)];
	const isKw = (w: string, o = 0): boolean => {
		const t = peek(o);
		return t.t === 'id' && t.u === w;
	};
	const isOp = (v: string, o = 0): boolean => {
		const t = peek(o);
		return t.t === 'op' && t.v === v;
	};
	const describe = (t: Token): string =>
		t.t === 'eof' ? 'the end of the query' : `'${'v' in t ? t.v : ''}' at position ${t.pos}`;
	const fail = (what: string): never => {
		throw new SuiteQLError(`${what}, found ${describe(peek())}`);
	};
	const eatKw = (w: string): void => {
		if (!isKw(w)) fail(`expected ${w}`);
		i++;
	};
	const eatOp = (v: string): void => {
		if (!isOp(v)) fail(`expected '${v}'`);
		i++;
	};
	const checkUnsupported = (t: Token): void => {
		if (t.t === 'id' && UNSUPPORTED_KEYWORDS[t.u])
			throw new SuiteQLError(`${UNSUPPORTED_KEYWORDS[t.u]} is not supported`);
	};

	const identifier = (): string => {
		const t = peek();
		if (t.t === 'qid') {
			i++;
			return t.v.toLowerCase();
		}
		if (t.t === 'id' && !RESERVED.has(t.u)) {
			checkUnsupported(t);
			i++;
			return t.v.toLowerCase();
		}
		return fail('expected an identifier');
	};

	const intLiteral = (): number => {
		const t = peek();
		if (t.t !== 'num' || !/^\d+$/.test(t.v)) fail('expected a whole number');
		i++;
		return Number((t as { v: string }).v);
	};

	function select(): Select {
		eatKw('SELECT');
		const s: Select = { distinct: false, items: [], from: [], joins: [] };
		if (isKw('DISTINCT')) {
			i++;
			s.distinct = true;
		} else if (isKw('ALL')) i++;
		if (isKw('TOP'))
			throw new SuiteQLError('TOP n is not Oracle syntax; use FETCH FIRST n ROWS ONLY');
		do {
			if (s.items.length) eatOp(',');
			s.items.push(selectItem());
		} while (isOp(','));
		eatKw('FROM');
		s.from.push(tableRef());
		while (isOp(',')) {
			i++;
			s.from.push(tableRef());
		}
		for (;;) {
			const j = joinClause();
			if (!j) break;
			s.joins.push(j);
		}
		if (isKw('WHERE')) {
			i++;
			s.where = expr();
		}
		if (isKw('GROUP')) {
			i++;
			eatKw('BY');
			s.groupBy = [expr()];
			while (isOp(',')) {
				i++;
				s.groupBy.push(expr());
			}
		}
		if (isKw('HAVING')) {
			i++;
			s.having = expr();
		}
		if (isKw('ORDER')) {
			i++;
			eatKw('BY');
			s.orderBy = [];
			do {
				if (s.orderBy.length) eatOp(',');
				const e = expr();
				let desc = false;
				if (isKw('ASC')) i++;
				else if (isKw('DESC')) {
					i++;
					desc = true;
				}
				let nulls: 'FIRST' | 'LAST' | undefined;
				if (isKw('NULLS')) {
					i++;
					if (isKw('FIRST')) nulls = 'FIRST';
					else if (isKw('LAST')) nulls = 'LAST';
					else fail('expected FIRST or LAST');
					i++;
				}
				s.orderBy.push({ e, desc, nulls });
			} while (isOp(','));
		}
		if (isKw('OFFSET')) {
			i++;
			s.offsetRows = intLiteral();
			if (isKw('ROW') || isKw('ROWS')) i++;
			else fail('expected ROWS');
		}
		if (isKw('FETCH')) {
			i++;
			if (isKw('FIRST') || isKw('NEXT')) i++;
			else fail('expected FIRST or NEXT');
			s.fetchFirst = intLiteral();
			if (isKw('ROW') || isKw('ROWS')) i++;
			else fail('expected ROWS');
			if (isKw('WITH')) throw new SuiteQLError('FETCH … WITH TIES is not supported');
			eatKw('ONLY');
		}
		checkUnsupported(peek());
		return s;
	}

	function selectItem(): { e: Expr; alias?: string } {
		if (isOp('*')) {
			i++;
			return { e: { k: 'star' } };
		}
		const e = expr();
		if (isKw('AS')) {
			i++;
			return { e, alias: identifier() };
		}
		const t = peek();
		if (t.t === 'qid' || (t.t === 'id' && !RESERVED.has(t.u))) return { e, alias: identifier() };
		return { e };
	}

	function tableRef(): TableRef {
		if (isOp('(')) throw new SuiteQLError('subqueries in FROM (derived tables) are not supported');
		const table = identifier();
		if (isOp('.'))
			throw new SuiteQLError(`schema-qualified table names are not supported ('${table}.…')`);
		let alias: string | undefined;
		if (isKw('AS')) {
			i++;
			alias = identifier();
		} else {
			const t = peek();
			if (t.t === 'qid' || (t.t === 'id' && !RESERVED.has(t.u))) alias = identifier();
		}
		return { table, alias };
	}

	function joinClause(): Join | undefined {
		let kind: Join['kind'] | undefined;
		if (isKw('JOIN')) {
			kind = 'INNER';
		} else if (isKw('INNER') && isKw('JOIN', 1)) {
			kind = 'INNER';
			i++;
		} else if (
			(isKw('LEFT') || isKw('RIGHT') || isKw('FULL')) &&
			(isKw('JOIN', 1) || isKw('OUTER', 1))
		) {
			kind = (peek() as { u: string }).u as Join['kind'];
			i++;
			if (isKw('OUTER')) i++;
		} else if (isKw('CROSS') && isKw('JOIN', 1)) {
			kind = 'CROSS';
			i++;
		}
		if (!kind) return undefined;
		eatKw('JOIN');
		const ref = tableRef();
		if (kind === 'CROSS') return { ...ref, kind };
		eatKw('ON');
		return { ...ref, kind, on: expr() };
	}

	// ---------------------------------------------------------------- expressions

	function expr(): Expr {
		return orExpr();
	}

	function orExpr(): Expr {
		let l = andExpr();
		while (isKw('OR')) {
			i++;
			l = { k: 'or', l, r: andExpr() };
		}
		return l;
	}

	function andExpr(): Expr {
		let l = notExpr();
		while (isKw('AND')) {
			i++;
			l = { k: 'and', l, r: notExpr() };
		}
		return l;
	}

	function notExpr(): Expr {
		if (isKw('NOT')) {
			i++;
			return { k: 'not', e: notExpr() };
		}
		return predicate();
	}

	function predicate(): Expr {
		if (isKw('EXISTS')) {
			i++;
			eatOp('(');
			const sub = select();
			eatOp(')');
			return { k: 'exists', sub };
		}
		const l = additive();
		const t = peek();
		if (t.t === 'op' && ['=', '<>', '!=', '^=', '<', '>', '<=', '>='].includes(t.v)) {
			i++;
			if (isKw('ANY') || isKw('SOME') || isKw('ALL'))
				throw new SuiteQLError('ANY/SOME/ALL comparisons are not supported');
			const op = (t.v === '!=' || t.v === '^=' ? '<>' : t.v) as
				| '='
				| '<>'
				| '<'
				| '>'
				| '<='
				| '>=';
			return { k: 'cmp', op, l, r: additive() };
		}
		let not = false;
		if (isKw('NOT') && (isKw('BETWEEN', 1) || isKw('IN', 1) || isKw('LIKE', 1))) {
			i++;
			not = true;
		}
		if (isKw('BETWEEN')) {
			i++;
			const lo = additive();
			eatKw('AND');
			return { k: 'between', e: l, lo, hi: additive(), not };
		}
		if (isKw('IN')) {
			i++;
			eatOp('(');
			if (isKw('SELECT')) {
				const sub = select();
				eatOp(')');
				return { k: 'in', e: l, sub, not };
			}
			const list = [expr()];
			while (isOp(',')) {
				i++;
				list.push(expr());
			}
			eatOp(')');
			return { k: 'in', e: l, list, not };
		}
		if (isKw('LIKE')) {
			i++;
			const pat = additive();
			let esc: Expr | undefined;
			if (isKw('ESCAPE')) {
				i++;
				esc = additive();
			}
			return { k: 'like', e: l, pat, esc, not };
		}
		if (isKw('IS')) {
			i++;
			let n = false;
			if (isKw('NOT')) {
				i++;
				n = true;
			}
			eatKw('NULL');
			return { k: 'isnull', e: l, not: n };
		}
		return l;
	}

	function additive(): Expr {
		let l = multiplicative();
		for (;;) {
			const t = peek();
			if (t.t === 'op' && (t.v === '+' || t.v === '-' || t.v === '||')) {
				i++;
				l = { k: 'bin', op: t.v, l, r: multiplicative() };
			} else return l;
		}
	}

	function multiplicative(): Expr {
		let l = unary();
		for (;;) {
			const t = peek();
			if (t.t === 'op' && (t.v === '*' || t.v === '/')) {
				i++;
				l = { k: 'bin', op: t.v, l, r: unary() };
			} else return l;
		}
	}

	function unary(): Expr {
		if (isOp('-')) {
			i++;
			return { k: 'neg', e: unary() };
		}
		if (isOp('+')) {
			i++;
			return unary();
		}
		return primary();
	}

	function primary(): Expr {
		const t = peek();
		if (t.t === 'num') {
			i++;
			return { k: 'num', v: t.v };
		}
		if (t.t === 'str') {
			i++;
			return { k: 'str', v: t.v };
		}
		if (t.t === 'op' && t.v === '?') {
			i++;
			return { k: 'param', i: paramCount++ };
		}
		if (t.t === 'op' && t.v === '(') {
			i++;
			if (isKw('SELECT')) {
				const sub = select();
				eatOp(')');
				return { k: 'subq', sub };
			}
			if (isOp('+') && isOp(')', 1))
				throw new SuiteQLError("Oracle outer-join syntax '(+)' is not supported; use LEFT JOIN");
			const e = expr();
			if (isOp(',')) throw new SuiteQLError('row-value expressions like (a, b) are not supported');
			eatOp(')');
			return e;
		}
		if (t.t === 'qid') return columnOrFunction();
		if (t.t === 'id') {
			checkUnsupported(t);
			switch (t.u) {
				case 'NULL':
					i++;
					return { k: 'null' };
				case 'SYSDATE':
				case 'CURRENT_DATE':
					i++;
					return { k: 'sysdate' };
				case 'SYSTIMESTAMP':
				case 'CURRENT_TIMESTAMP':
				case 'LOCALTIMESTAMP':
					throw new SuiteQLError(`${t.u} is not supported (use SYSDATE)`);
				case 'CASE':
					return caseExpr();
				case 'CAST':
					return castExpr();
				case 'DATE':
				case 'TIMESTAMP':
					if (peek(1).t === 'str')
						throw new SuiteQLError(
							`${t.u} '…' literals are not supported; use TO_DATE/TO_TIMESTAMP with a format`,
						);
					break;
				case 'INTERVAL':
					throw new SuiteQLError('INTERVAL literals are not supported');
			}
			if (RESERVED.has(t.u)) fail('expected an expression');
			return columnOrFunction();
		}
		return fail('expected an expression');
	}

	function columnOrFunction(): Expr {
		const e = columnOrFunctionCall();
		if (isOp('(') && isOp('+', 1) && isOp(')', 2))
			throw new SuiteQLError("Oracle outer-join syntax '(+)' is not supported; use LEFT JOIN");
		return e;
	}

	function columnOrFunctionCall(): Expr {
		const first = peek();
		i++;
		const name1 = first.t === 'qid' ? first.v : (first as { v: string }).v;
		if (isOp('.')) {
			i++;
			if (isOp('*')) {
				i++;
				return { k: 'star', q: name1.toLowerCase() };
			}
			const second = peek();
			if (second.t !== 'id' && second.t !== 'qid') fail('expected a column name');
			i++;
			const name2 = (second as { v: string }).v;
			if (isOp('(') && !(isOp('+', 1) && isOp(')', 2)))
				return functionCall(`${name1}.${name2}`.toUpperCase());
			if (isOp('.'))
				throw new SuiteQLError(
					`multi-part names such as '${name1}.${name2}.…' (joins through fields) are not supported`,
				);
			return { k: 'col', q: name1.toLowerCase(), name: name2.toLowerCase() };
		}
		if (first.t === 'id' && isOp('(') && !(isOp('+', 1) && isOp(')', 2)))
			return functionCall(first.u);
		return { k: 'col', name: name1.toLowerCase() };
	}

	function functionCall(name: string): Expr {
		eatOp('(');
		const args: Expr[] = [];
		let distinct = false;
		if (isKw('DISTINCT')) {
			i++;
			distinct = true;
		}
		if (isOp('*')) {
			i++;
			args.push({ k: 'star' });
		} else if (!isOp(')')) {
			args.push(expr());
			while (isOp(',')) {
				i++;
				args.push(expr());
			}
		}
		eatOp(')');
		if (isKw('OVER')) checkUnsupported(peek());
		if (isKw('WITHIN')) throw new SuiteQLError(`${name} … WITHIN GROUP is not supported`);
		return { k: 'func', name, args, distinct };
	}

	function castExpr(): Expr {
		i++;
		eatOp('(');
		const e = expr();
		eatKw('AS');
		const t = peek();
		if (t.t !== 'id') fail('expected a type name');
		i++;
		let to = (t as { u: string }).u;
		if (isOp('(')) {
			i++;
			intLiteral();
			if (isOp(',')) {
				i++;
				intLiteral();
			}
			eatOp(')');
		}
		if (isKw('WITH')) {
			i++;
			if (isKw('LOCAL')) i++;
			eatKw('TIME');
			eatKw('ZONE');
			to += ' WITH TIME ZONE';
		}
		eatOp(')');
		return { k: 'cast', e, to };
	}

	function caseExpr(): Expr {
		i++;
		let operand: Expr | undefined;
		if (!isKw('WHEN')) operand = expr();
		const whens: Array<{ when: Expr; then: Expr }> = [];
		while (isKw('WHEN')) {
			i++;
			const when = expr();
			eatKw('THEN');
			whens.push({ when, then: expr() });
		}
		if (whens.length === 0) fail('expected WHEN');
		let els: Expr | undefined;
		if (isKw('ELSE')) {
			i++;
			els = expr();
		}
		eatKw('END');
		return { k: 'case', operand, whens, else: els };
	}

	if (isKw('WITH')) throw new SuiteQLError('WITH (common table expressions) is not supported');
	if (!isKw('SELECT')) {
		const t = peek();
		throw new SuiteQLError(`only SELECT statements are supported, found ${describe(t)}`);
	}
	const s = select();
	if (isOp(';')) i++;
	if (peek().t !== 'eof') {
		checkUnsupported(peek());
		fail('unexpected input');
	}
	return { select: s, paramCount };
}
