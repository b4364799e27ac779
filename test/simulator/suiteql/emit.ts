/** Shared pieces of the SuiteQL translator: typed SQL fragments and their helpers. */
import { SuiteQLError, type Expr } from './ast';
import type { ColumnDef, TableDef } from '../data/schema';
import type { OracleFunctions } from './functions';

export type SqlType = 'num' | 'str' | 'dt' | 'tz' | 'null' | 'any' | 'bool';

export interface ScopeEntry {
	alias: string;
	table: TableDef;
	sqlAlias: string;
}

export interface Scope {
	entries: ScopeEntry[];
	parent?: Scope;
}

export interface Emitted {
	sql: string;
	type: SqlType;
	/** Set when the expression is a constant we can fold (string/number/null). */
	value?: string | number | null;
	notNull?: boolean;
	col?: { entry: ScopeEntry; def: ColumnDef };
	fromTz?: { inner: Emitted; zone: string };
	agg?: boolean;
}

export const AGGREGATES = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX']);
export const NUMBER_TYPES = new Set([
	'NUMBER',
	'INTEGER',
	'INT',
	'FLOAT',
	'DECIMAL',
	'NUMERIC',
	'REAL',
	'DOUBLE',
	'SMALLINT',
	'BINARY_DOUBLE',
	'BINARY_FLOAT',
]);
export const STRING_TYPES = new Set([
	'VARCHAR',
	'VARCHAR2',
	'CHAR',
	'NVARCHAR2',
	'NCHAR',
	'CLOB',
	'NCLOB',
]);

export const unsupported = (what: string): SuiteQLError =>
	new SuiteQLError(`${what} is not supported`);

export const lit = (v: string | number | null): string => {
	if (v === null) return 'NULL';
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
	return `'${v.replace(/'/g, "''")}'`;
};

export const constant = (type: SqlType, value: string | number | null): Emitted => ({
	sql: lit(value),
	type: value === null ? 'null' : type,
	value,
	notNull: value !== null,
});

export const colType = (c: ColumnDef): SqlType =>
	c.type === 'int' || c.type === 'num'
		? 'num'
		: c.type === 'dt' || c.type === 'date'
			? 'dt'
			: 'str';

export interface TranslateContext {
	tables: Map<string, TableDef>;
	fns: OracleFunctions;
	accountZone: string;
	params: unknown[];
}

/** What function-call translation needs from the expression translator. */
export interface ExprTranslator {
	readonly ctx: TranslateContext;
	value(e: Expr, scope: Scope): Emitted;
	binary(op: '+' | '-' | '*' | '/' | '||', l: Emitted, r: Emitted): Emitted;
	expectNumeric(v: Emitted, what: string): void;
	constString(e: Emitted, what: string): string | null;
	toTimestamp(s: Emitted, fmt: string | null, allowFraction: boolean): Emitted;
}
