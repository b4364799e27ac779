import initSqlJs from 'sql.js';

/** sql.js loads its wasm once per process. */
let sqlJs: Promise<initSqlJs.SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<initSqlJs.SqlJsStatic> {
	sqlJs ??= initSqlJs();
	return sqlJs;
}

export type SqlValue = initSqlJs.SqlValue;

const MAX_CACHED_STATEMENTS = 400;

/**
 * A sql.js database with a prepared-statement cache: the hot paths (GET by id, list pages,
 * repeated SuiteQL keyset queries) reuse compiled statements instead of re-parsing SQL.
 */
export class Db {
	private readonly cache = new Map<string, initSqlJs.Statement>();

	constructor(readonly raw: initSqlJs.Database) {}

	static async open(): Promise<Db> {
		const SQL = await loadSqlJs();
		const db = new Db(new SQL.Database());
		// Oracle's LIKE is case-sensitive; SQLite's is not unless told.
		db.raw.run('PRAGMA case_sensitive_like = ON');
		return db;
	}

	statement(sql: string): initSqlJs.Statement {
		let st = this.cache.get(sql);
		if (st) {
			// LRU: move to the end.
			this.cache.delete(sql);
			this.cache.set(sql, st);
			return st;
		}
		st = this.raw.prepare(sql);
		this.cache.set(sql, st);
		if (this.cache.size > MAX_CACHED_STATEMENTS) {
			const [oldest, old] = this.cache.entries().next().value as [string, initSqlJs.Statement];
			this.cache.delete(oldest);
			old.free();
		}
		return st;
	}

	all(sql: string, params: SqlValue[] = []): SqlValue[][] {
		const st = this.statement(sql);
		try {
			st.bind(params);
			const rows: SqlValue[][] = [];
			while (st.step()) rows.push(st.get());
			return rows;
		} finally {
			st.reset();
		}
	}

	/** Rows as objects keyed by column name. */
	objects(sql: string, params: SqlValue[] = []): Array<Record<string, SqlValue>> {
		const st = this.statement(sql);
		try {
			st.bind(params);
			const rows: Array<Record<string, SqlValue>> = [];
			while (st.step()) rows.push(st.getAsObject());
			return rows;
		} finally {
			st.reset();
		}
	}

	one(sql: string, params: SqlValue[] = []): SqlValue[] | undefined {
		const st = this.statement(sql);
		try {
			st.bind(params);
			return st.step() ? st.get() : undefined;
		} finally {
			st.reset();
		}
	}

	run(sql: string, params: SqlValue[] = []): void {
		const st = this.statement(sql);
		try {
			st.run(params);
		} finally {
			st.reset();
		}
	}

	exec(sql: string): void {
		this.raw.run(sql);
	}

	/** Drop cached statements (needed before schema changes) and the database itself. */
	close(): void {
		for (const st of this.cache.values()) st.free();
		this.cache.clear();
		this.raw.close();
	}
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
