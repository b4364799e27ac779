/**
 * SuiteQL AST → SQLite SQL, with static types so that datetime behaviour matches NetSuite.
 *
 * DATETIME SEMANTICS (the reason this file exists rather than passing SQL through):
 * - NetSuite stores instants but SuiteQL presents lastmodifieddate/datecreated (and every
 *   datetime) as the ACCOUNT TIME ZONE'S LOCAL WALL-CLOCK TIME with no offset. We store that
 *   local text ('YYYY-MM-DD HH:MM:SS') and compare/sort on it, so across a DST fall-back local
 *   time runs backwards: `ORDER BY lastmodifieddate` interleaves the two occurrences of the
 *   repeated hour, and `lastmodifieddate > TO_TIMESTAMP('… 01:30:00', …)` matches both. That is
 *   the real-world hazard and we reproduce it on purpose.
 * - A bare datetime in the select list comes back in the user's date format, date only
 *   ("11/1/2026"); TO_CHAR(x, fmt) gives the local wall time in any Oracle format model.
 * - FROM_TZ(CAST(x AS TIMESTAMP), 'Region/City') attaches a zone; SYS_EXTRACT_UTC converts to
 *   UTC. For an ambiguous wall time Oracle picks standard time (the LATER instant), so both
 *   occurrences of 01:30 map to the same UTC value — also reproduced. SYS_EXTRACT_UTC over a
 *   table's last-modified column in the account zone reads a precomputed, indexed column.
 * - Comparing a datetime with a plain string (Oracle's implicit NLS conversion) is rejected:
 *   convert with TO_DATE/TO_TIMESTAMP. Oracle's '' is NULL, and NULLs sort last ascending.
 */
import { SuiteQLError, type Expr, type Select } from './ast';
import { checkFormat, numberToString } from './functions';
import type { ColumnDef } from '../data/schema';
import { quoteIdent } from '../data/sqlite';
import {
	colType,
	constant,
	lit,
	NUMBER_TYPES,
	STRING_TYPES,
	unsupported,
	type Emitted,
	type ExprTranslator,
	type Scope,
	type ScopeEntry,
	type SqlType,
	type TranslateContext,
} from './emit';
import { translateCall } from './functionCalls';

export interface OutputColumn {
	key: string;
	type: SqlType;
	/** False for generated names (expr1…), which ORDER BY cannot refer to. */
	named: boolean;
}

export interface Translated {
	/** `SELECT … FROM … WHERE … GROUP BY … HAVING …` */
	body: string;
	/** `SELECT COUNT(*) …` over the same rows (before limit/offset). */
	count: string;
	/** ` ORDER BY …` or '' */
	orderBy: string;
	fetchFirst?: number;
	offsetRows?: number;
	columns: OutputColumn[];
}

export type { TranslateContext };

export function translate(select: Select, ctx: TranslateContext): Translated {
	return new Translator(ctx).top(select);
}

class Translator implements ExprTranslator {
	private aliasSeq = 0;

	constructor(readonly ctx: TranslateContext) {}

	top(s: Select): Translated {
		const scope = this.scope(s, undefined);
		const { selectList, columns, hasAgg, notNull } = this.selectList(s, scope);
		const rest = this.rest(s, scope);
		const distinct = s.distinct ? 'DISTINCT ' : '';
		const body = `SELECT ${distinct}${selectList}${rest}`;
		const grouped = !!s.groupBy || s.distinct;
		let count: string;
		if (hasAgg && !s.groupBy) count = `SELECT 1`;
		else if (grouped) count = `SELECT COUNT(*) FROM (${body})`;
		else count = `SELECT COUNT(*)${rest}`;
		const orderBy = this.orderBy(s, scope, columns, notNull);
		if (s.fetchFirst !== undefined || s.offsetRows !== undefined) {
			// The row-limiting clause applies after ORDER BY; count what it lets through.
			count = `SELECT COUNT(*) FROM (${body}${orderBy} LIMIT ${s.fetchFirst ?? -1} OFFSET ${s.offsetRows ?? 0})`;
		}
		return { body, count, orderBy, fetchFirst: s.fetchFirst, offsetRows: s.offsetRows, columns };
	}

	/** A subquery used as an expression (IN, EXISTS, scalar). */
	private subquery(s: Select, parent: Scope): { sql: string; type: SqlType } {
		const scope = this.scope(s, parent);
		const { selectList, columns, notNull } = this.selectList(s, scope);
		let sql = `SELECT ${s.distinct ? 'DISTINCT ' : ''}${selectList}${this.rest(s, scope)}${this.orderBy(s, scope, columns, notNull)}`;
		if (s.fetchFirst !== undefined || s.offsetRows !== undefined)
			sql += ` LIMIT ${s.fetchFirst ?? -1} OFFSET ${s.offsetRows ?? 0}`;
		return { sql, type: columns[0]?.type ?? 'null' };
	}

	private scope(s: Select, parent: Scope | undefined): Scope {
		const entries: ScopeEntry[] = [];
		for (const ref of [...s.from, ...s.joins]) {
			const table = this.ctx.tables.get(ref.table);
			if (!table) throw new SuiteQLError(`Record '${ref.table}' was not found.`);
			const alias = ref.alias ?? ref.table;
			if (entries.some((e) => e.alias === alias))
				throw new SuiteQLError(`ORA-00918: table alias '${alias}' used twice`);
			entries.push({ alias, table, sqlAlias: `t${this.aliasSeq++}` });
		}
		return { entries, parent };
	}

	private fromClause(s: Select, scope: Scope): string {
		const n = s.from.length;
		const parts = scope.entries
			.slice(0, n)
			.map((e) => `${quoteIdent(e.table.sqlName)} AS ${e.sqlAlias}`);
		let sql = ` FROM ${parts.join(', ')}`;
		s.joins.forEach((j, i) => {
			const e = scope.entries[n + i];
			const kind = j.kind === 'INNER' ? 'JOIN' : `${j.kind} JOIN`;
			sql += ` ${kind} ${quoteIdent(e.table.sqlName)} AS ${e.sqlAlias}`;
			if (j.on) sql += ` ON ${this.condition(j.on, scope, 'ON')}`;
		});
		return sql;
	}

	private rest(s: Select, scope: Scope): string {
		let sql = this.fromClause(s, scope);
		if (s.where) sql += ` WHERE ${this.condition(s.where, scope, 'WHERE')}`;
		if (s.groupBy) sql += ` GROUP BY ${s.groupBy.map((g) => this.value(g, scope).sql).join(', ')}`;
		if (s.having) sql += ` HAVING ${this.condition(s.having, scope, 'HAVING')}`;
		return sql;
	}

	private selectList(
		s: Select,
		scope: Scope,
	): { selectList: string; columns: OutputColumn[]; hasAgg: boolean; notNull: boolean[] } {
		const parts: string[] = [];
		const columns: OutputColumn[] = [];
		const notNull: boolean[] = [];
		let hasAgg = false;
		let unnamed = 0;
		const add = (e: Emitted, key: string, named = true): void => {
			parts.push(`${e.sql} AS "c${columns.length}"`);
			columns.push({ key, type: e.type, named });
			notNull.push(!!e.notNull);
		};
		for (const item of s.items) {
			if (item.e.k === 'star') {
				const q = item.e.q;
				const entries = q ? scope.entries.filter((e) => e.alias === q) : scope.entries;
				if (q && entries.length === 0)
					throw new SuiteQLError(`ORA-00904: "${q}"."*": invalid identifier`);
				for (const entry of entries) {
					for (const def of entry.table.columns) add(this.column(entry, def), def.name);
				}
				continue;
			}
			const e = this.value(item.e, scope);
			if (e.type === 'bool')
				throw new SuiteQLError('a condition cannot be selected; use CASE WHEN … THEN … END');
			hasAgg ||= !!e.agg;
			const named = item.alias !== undefined || item.e.k === 'col';
			const key = item.alias ?? (item.e.k === 'col' ? item.e.name : `expr${++unnamed}`);
			add(e, key.toLowerCase(), named);
		}
		return { selectList: parts.join(', '), columns, hasAgg, notNull };
	}

	private orderBy(s: Select, scope: Scope, columns: OutputColumn[], notNull: boolean[]): string {
		if (!s.orderBy) return '';
		const items = s.orderBy.map((o) => {
			let sql: string;
			let type: SqlType;
			let nn: boolean;
			const aliasIdx =
				o.e.k === 'col' && !o.e.q
					? columns.findIndex((c) => c.named && c.key === (o.e as { name: string }).name)
					: -1;
			const named = aliasIdx >= 0;
			if (o.e.k === 'num' && /^\d+$/.test(o.e.v)) {
				const pos = Number(o.e.v);
				if (pos < 1 || pos > columns.length)
					throw new SuiteQLError(
						'ORA-01785: ORDER BY item must be the number of a SELECT-list expression',
					);
				sql = `"c${pos - 1}"`;
				type = columns[pos - 1].type;
				nn = notNull[pos - 1];
			} else if (named) {
				// Oracle resolves an unqualified ORDER BY name to a select-list alias first.
				sql = `"c${aliasIdx}"`;
				type = columns[aliasIdx].type;
				nn = notNull[aliasIdx];
			} else {
				const e = this.value(o.e, scope);
				sql = e.sql;
				type = e.type;
				nn = !!e.notNull;
			}
			if (type === 'tz')
				throw unsupported('ORDER BY a TIMESTAMP WITH TIME ZONE value (wrap it in SYS_EXTRACT_UTC)');
			if (type === 'bool') throw new SuiteQLError('cannot ORDER BY a condition');
			let out = `${sql}${o.desc ? ' DESC' : ''}`;
			// Oracle sorts NULLs as the largest value; SQLite as the smallest.
			const nulls = o.nulls ?? (o.desc ? 'FIRST' : 'LAST');
			if (!nn) out += ` NULLS ${nulls}`;
			return out;
		});
		return ` ORDER BY ${items.join(', ')}`;
	}

	// ---------------------------------------------------------------- expressions

	private condition(e: Expr, scope: Scope, where: string): string {
		const out = this.value(e, scope);
		if (out.type !== 'bool')
			throw new SuiteQLError(`${where} needs a condition (a comparison), not a value`);
		return out.sql;
	}

	private column(entry: ScopeEntry, def: ColumnDef): Emitted {
		return {
			sql: `${entry.sqlAlias}.${quoteIdent(def.name)}`,
			type: colType(def),
			notNull: !!def.notNull,
			col: { entry, def },
		};
	}

	private resolve(q: string | undefined, name: string, scope: Scope): Emitted {
		for (let sc: Scope | undefined = scope; sc; sc = sc.parent) {
			if (q) {
				const entry = sc.entries.find((e) => e.alias === q);
				if (!entry) continue;
				const def = entry.table.columns.find((c) => c.name === name);
				if (!def)
					throw new SuiteQLError(`Field '${name}' for record '${entry.table.name}' was not found.`);
				return this.column(entry, def);
			}
			const hits = sc.entries.flatMap((entry) => {
				const def = entry.table.columns.find((c) => c.name === name);
				return def ? [this.column(entry, def)] : [];
			});
			if (hits.length > 1)
				throw new SuiteQLError(`ORA-00918: column ambiguously defined ('${name}')`);
			if (hits.length === 1) return hits[0];
		}
		if (q) throw new SuiteQLError(`ORA-00904: "${q}"."${name}": invalid identifier`);
		throw new SuiteQLError(
			`Field '${name}' for record '${scope.entries[0]?.table.name ?? '?'}' was not found.`,
		);
	}

	value(e: Expr, scope: Scope): Emitted {
		switch (e.k) {
			case 'num':
				return constant('num', Number(e.v));
			case 'str':
				// Oracle: the empty string IS NULL.
				return e.v === '' ? constant('null', null) : constant('str', e.v);
			case 'null':
				return constant('null', null);
			case 'param': {
				if (e.i >= this.ctx.params.length)
					throw new SuiteQLError(
						`no value was given for parameter ${e.i + 1} (params has ${this.ctx.params.length})`,
					);
				const p = this.ctx.params[e.i];
				if (p === null || p === undefined || p === '') return constant('null', null);
				if (typeof p === 'number') return constant('num', p);
				if (typeof p === 'boolean') return constant('str', p ? 'T' : 'F');
				if (typeof p === 'string') return { ...constant('any', p) };
				throw new SuiteQLError(`parameter ${e.i + 1} must be a string or a number`);
			}
			case 'col':
				return this.resolve(e.q, e.name, scope);
			case 'star':
				throw new SuiteQLError("'*' is only allowed in the select list and in COUNT(*)");
			case 'sysdate':
				return constant('dt', this.ctx.fns.sysdate());
			case 'neg': {
				const v = this.value(e.e, scope);
				this.expectNumeric(v, 'unary minus');
				if (typeof v.value === 'number') return constant('num', -v.value);
				return { sql: `(-${v.sql})`, type: 'num', agg: v.agg };
			}
			case 'bin':
				return this.binary(e.op, this.value(e.l, scope), this.value(e.r, scope));
			case 'cmp': {
				const l = this.value(e.l, scope);
				const r = this.value(e.r, scope);
				this.comparable(l, r);
				return { sql: `(${l.sql} ${e.op} ${r.sql})`, type: 'bool', agg: l.agg || r.agg };
			}
			case 'and':
			case 'or': {
				const l = this.condition(e.l, scope, e.k.toUpperCase());
				const r = this.condition(e.r, scope, e.k.toUpperCase());
				return { sql: `(${l} ${e.k.toUpperCase()} ${r})`, type: 'bool' };
			}
			case 'not':
				return { sql: `(NOT ${this.condition(e.e, scope, 'NOT')})`, type: 'bool' };
			case 'between': {
				const v = this.value(e.e, scope);
				const lo = this.value(e.lo, scope);
				const hi = this.value(e.hi, scope);
				this.comparable(v, lo);
				this.comparable(v, hi);
				return {
					sql: `(${v.sql} ${e.not ? 'NOT ' : ''}BETWEEN ${lo.sql} AND ${hi.sql})`,
					type: 'bool',
				};
			}
			case 'in': {
				const v = this.value(e.e, scope);
				if (e.sub) {
					const sub = this.subquery(e.sub, scope);
					this.comparable(v, { sql: '', type: sub.type });
					return { sql: `(${v.sql} ${e.not ? 'NOT ' : ''}IN (${sub.sql}))`, type: 'bool' };
				}
				const list = e.list!.map((x) => {
					const item = this.value(x, scope);
					this.comparable(v, item);
					return item.sql;
				});
				return { sql: `(${v.sql} ${e.not ? 'NOT ' : ''}IN (${list.join(', ')}))`, type: 'bool' };
			}
			case 'like': {
				const v = this.value(e.e, scope);
				const pat = this.value(e.pat, scope);
				if (v.type === 'dt' || v.type === 'tz')
					throw unsupported('LIKE on a date/time (use TO_CHAR first)');
				let sql = `(${v.sql} ${e.not ? 'NOT ' : ''}LIKE ${pat.sql}`;
				if (e.esc) sql += ` ESCAPE ${this.value(e.esc, scope).sql}`;
				return { sql: `${sql})`, type: 'bool' };
			}
			case 'isnull': {
				const v = this.value(e.e, scope);
				return { sql: `(${v.sql} IS ${e.not ? 'NOT ' : ''}NULL)`, type: 'bool', agg: v.agg };
			}
			case 'exists':
				return { sql: `(EXISTS (${this.subquery(e.sub, scope).sql}))`, type: 'bool' };
			case 'subq': {
				const sub = this.subquery(e.sub, scope);
				return { sql: `(${sub.sql})`, type: sub.type };
			}
			case 'case':
				return this.caseExpr(e, scope);
			case 'cast':
				return this.cast(this.value(e.e, scope), e.to);
			case 'func':
				return this.func(e.name, e.args, !!e.distinct, scope);
		}
	}

	expectNumeric(v: Emitted, what: string): void {
		if (v.type === 'dt' || v.type === 'tz')
			throw new SuiteQLError(
				`ORA-00932: inconsistent datatypes: ${what} expects a NUMBER, got a date/time`,
			);
		if (v.type === 'bool') throw new SuiteQLError(`${what} expects a value, got a condition`);
	}

	private comparable(l: Emitted, r: Emitted): void {
		const types = [l.type, r.type];
		if (types.includes('bool')) throw new SuiteQLError('a condition cannot be compared');
		if (types.includes('tz'))
			throw unsupported(
				'comparing TIMESTAMP WITH TIME ZONE values (wrap them in SYS_EXTRACT_UTC(...))',
			);
		if (types.includes('dt') && (types.includes('str') || types.includes('any'))) {
			throw unsupported(
				"comparing a date/time with a string (Oracle's implicit NLS conversion); convert the string with TO_DATE or TO_TIMESTAMP and a format model",
			);
		}
		if (types.includes('dt') && types.includes('num'))
			throw new SuiteQLError('ORA-00932: inconsistent datatypes: expected DATE got NUMBER');
	}

	binary(op: '+' | '-' | '*' | '/' | '||', l: Emitted, r: Emitted): Emitted {
		const agg = l.agg || r.agg;
		if (op === '||') {
			const s = (x: Emitted): string =>
				x.type === 'dt'
					? `ns_userdate(${x.sql})`
					: x.type === 'num'
						? `ns_num_to_char(${x.sql})`
						: x.type === 'tz'
							? `ns_to_char_tz(${x.sql}, NULL)`
							: x.sql;
			// Oracle treats NULL as '' when concatenating; the result '' is NULL again.
			return {
				sql: `NULLIF(COALESCE(${s(l)}, '') || COALESCE(${s(r)}, ''), '')`,
				type: 'str',
				agg,
			};
		}
		if (l.type === 'tz' || r.type === 'tz')
			throw unsupported('arithmetic on TIMESTAMP WITH TIME ZONE values');
		if (l.type === 'bool' || r.type === 'bool') throw new SuiteQLError('arithmetic on a condition');
		if (l.type === 'dt' && r.type === 'dt') {
			if (op !== '-')
				throw new SuiteQLError(`ORA-00932: inconsistent datatypes: cannot ${op} two dates`);
			return { sql: `(julianday(${l.sql}) - julianday(${r.sql}))`, type: 'num', agg };
		}
		if (l.type === 'dt' || r.type === 'dt') {
			// Oracle date arithmetic: date ± days (fractions allowed), on the wall clock.
			if (op === '*' || op === '/' || (op === '-' && r.type === 'dt'))
				throw new SuiteQLError(`ORA-00932: inconsistent datatypes: date ${op} date`);
			const date = l.type === 'dt' ? l : r;
			const days = l.type === 'dt' ? r : l;
			const sign = op === '-' ? '-' : '';
			return { sql: `datetime(${date.sql}, (${sign}(${days.sql})) || ' days')`, type: 'dt', agg };
		}
		if (typeof l.value === 'number' && typeof r.value === 'number') {
			const v =
				op === '+'
					? l.value + r.value
					: op === '-'
						? l.value - r.value
						: op === '*'
							? l.value * r.value
							: l.value / r.value;
			return constant('num', v);
		}
		// SQLite divides integers as integers; Oracle never does.
		if (op === '/') return { sql: `(CAST(${l.sql} AS REAL) / ${r.sql})`, type: 'num', agg };
		return { sql: `(${l.sql} ${op} ${r.sql})`, type: 'num', agg };
	}

	private caseExpr(e: Extract<Expr, { k: 'case' }>, scope: Scope): Emitted {
		const operand = e.operand ? this.value(e.operand, scope) : undefined;
		let type: SqlType = 'null';
		let sql = `CASE${operand ? ` ${operand.sql}` : ''}`;
		for (const w of e.whens) {
			if (operand) {
				const v = this.value(w.when, scope);
				this.comparable(operand, v);
				sql += ` WHEN ${v.sql}`;
			} else sql += ` WHEN ${this.condition(w.when, scope, 'WHEN')}`;
			const then = this.value(w.then, scope);
			if (type === 'null' || type === 'any') type = then.type;
			sql += ` THEN ${then.sql}`;
		}
		if (e.else) {
			const els = this.value(e.else, scope);
			if (type === 'null' || type === 'any') type = els.type;
			sql += ` ELSE ${els.sql}`;
		}
		return { sql: `${sql} END`, type };
	}

	private cast(v: Emitted, to: string): Emitted {
		if (to === 'TIMESTAMP' || to === 'DATE') {
			if (v.type === 'dt' || v.type === 'null') return v;
			if (v.type === 'tz')
				return { sql: `substr(${v.sql}, 1, instr(${v.sql}, '|') - 1)`, type: 'dt', agg: v.agg };
			if (v.type === 'num')
				throw new SuiteQLError(`ORA-00932: inconsistent datatypes: cannot CAST a NUMBER AS ${to}`);
			return this.toTimestamp(v, null, to === 'TIMESTAMP');
		}
		if (NUMBER_TYPES.has(to)) {
			this.expectNumeric(v, 'CAST AS NUMBER');
			if (v.value !== undefined) {
				if (v.value === null) return v;
				const n = Number(v.value);
				if (String(v.value).trim() === '' || !Number.isFinite(n))
					throw new SuiteQLError(`ORA-01722: invalid number ('${v.value}')`);
				return constant('num', n);
			}
			return { sql: `CAST(${v.sql} AS REAL)`, type: 'num', agg: v.agg };
		}
		if (STRING_TYPES.has(to)) {
			if (v.type === 'dt') return { sql: `ns_userdate(${v.sql})`, type: 'str', agg: v.agg };
			if (v.type === 'tz') return { sql: `ns_to_char_tz(${v.sql}, NULL)`, type: 'str', agg: v.agg };
			if (v.type === 'num') {
				if (typeof v.value === 'number') return constant('str', numberToString(v.value)!);
				return { sql: `ns_num_to_char(${v.sql})`, type: 'str', agg: v.agg };
			}
			return { ...v, type: v.type === 'any' ? 'str' : v.type };
		}
		throw unsupported(`CAST AS ${to}`);
	}

	constString(e: Emitted, what: string): string | null {
		if (e.value === undefined || typeof e.value === 'number')
			throw unsupported(`${what} that is not a string literal`);
		return e.value;
	}

	toTimestamp(s: Emitted, fmt: string | null, allowFraction: boolean): Emitted {
		if (s.type === 'dt') return s;
		if (s.type === 'tz' || s.type === 'bool')
			throw new SuiteQLError(
				'ORA-00932: inconsistent datatypes: TO_DATE/TO_TIMESTAMP expects a string',
			);
		if (fmt !== null) checkFormat(fmt);
		if (s.value !== undefined) {
			return constant('dt', this.ctx.fns.toTimestamp(s.value, fmt, allowFraction));
		}
		return {
			sql: `ns_to_ts(${s.sql}, ${lit(fmt)}, ${allowFraction ? 1 : 0})`,
			type: 'dt',
			agg: s.agg,
		};
	}

	private func(name: string, argExprs: Expr[], distinct: boolean, scope: Scope): Emitted {
		return translateCall(this, name, argExprs, distinct, scope);
	}
}
