import { Db, quoteIdent, type SqlValue } from './sqlite';
import {
	customRecordType,
	STANDARD_TYPES,
	TABLES,
	utcCol,
	xutcCol,
	type ColumnDef,
	type RecordTypeDef,
	type TableDef,
} from './schema';
import { formatCanonical, type TimeZone } from '../timezone';

export type Row = Record<string, SqlValue>;

/** Column values for a write: datetime columns as UTC ms, date columns as 'YYYY-MM-DD', booleans as 'T'/'F'. */
export type ColumnValues = Record<string, SqlValue | boolean | undefined>;

interface PendingCommit {
	visibleAt: number;
	apply: () => void;
}

/**
 * All simulator data lives in one in-memory SQLite database, so SuiteQL, the REST record
 * service and the control API can never disagree. Datetime columns are stored as the
 * account's local wall-clock string (what SuiteQL compares and sorts) next to hidden columns
 * holding the true instant (what REST returns as ISO UTC).
 */
export class Store {
	readonly types = new Map<string, RecordTypeDef>();
	readonly tables = new Map<string, TableDef>();
	private readonly seqs = new Map<string, number>();
	private readonly counts = new Map<string, number>();
	private pending: PendingCommit[] = [];
	/**
	 * Simulator-only: the REST type of each DeletedRecord row, keyed by type and record id.
	 * DeletedRecord.type cannot tell some types apart (all non-inventory subtypes write
	 * 'noninventoryitem'), yet the control API reports the exact type that was deleted.
	 */
	private readonly deletedRestTypes = new Map<string, string>();
	/** Bumped on every write; lets callers cache derived answers. */
	version = 0;

	private constructor(
		readonly db: Db,
		readonly tz: TimeZone,
		customTypes: string[],
	) {
		for (const def of STANDARD_TYPES) this.types.set(def.name.toLowerCase(), def);
		for (const name of customTypes) this.types.set(name, customRecordType(name));
		for (const t of Object.values(TABLES)) this.tables.set(t.name, t);
		for (const def of this.types.values()) this.tables.set(def.table.name, def.table);
	}

	static async open(tz: TimeZone, customTypes: string[]): Promise<Store> {
		const store = new Store(await Db.open(), tz, customTypes);
		store.createSchema();
		return store;
	}

	close(): void {
		this.db.close();
	}

	typeByName(name: string): RecordTypeDef | undefined {
		return this.types.get(name.toLowerCase());
	}

	typeOfTableRow(table: TableDef, row: Row): RecordTypeDef | undefined {
		for (const def of this.types.values()) {
			if (def.table !== table) continue;
			if (Object.entries(def.discriminators ?? {}).every(([col, v]) => row[col] === v)) return def;
		}
		return undefined;
	}

	// ------------------------------------------------------------------ schema

	private createSchema(): void {
		for (const t of this.tables.values()) {
			const cols: string[] = [];
			for (const c of t.columns) {
				const sqlType = c.type === 'int' ? 'INTEGER' : c.type === 'num' ? 'REAL' : 'TEXT';
				const pk = t.primaryKey.length === 1 && t.primaryKey[0] === c.name ? ' PRIMARY KEY' : '';
				cols.push(`${quoteIdent(c.name)} ${sqlType}${pk}${c.notNull && !pk ? ' NOT NULL' : ''}`);
				if (c.type === 'dt') cols.push(`${quoteIdent(utcCol(c.name))} INTEGER`);
			}
			if (t.modifiedCol) cols.push(`${quoteIdent(xutcCol(t.modifiedCol))} TEXT`);
			if (t.primaryKey.length > 1)
				cols.push(`PRIMARY KEY (${t.primaryKey.map(quoteIdent).join(', ')})`);
			this.db.exec(`CREATE TABLE ${quoteIdent(t.sqlName)} (${cols.join(', ')})`);
		}
	}

	/** Indexes are built after bulk generation: far faster than maintaining them row by row. */
	createIndexes(): void {
		for (const t of this.tables.values()) {
			t.indexes.forEach((cols, i) => {
				this.db.exec(
					`CREATE INDEX IF NOT EXISTS ${quoteIdent(`${t.sqlName}_ix${i}`)} ON ${quoteIdent(t.sqlName)} (${cols
						.map(quoteIdent)
						.join(', ')})`,
				);
			});
		}
		this.db.exec('ANALYZE');
	}

	// ------------------------------------------------------------------ encoding

	localOf(utcMs: number): string {
		return this.tz.formatLocal(utcMs);
	}

	/** What SYS_EXTRACT_UTC(FROM_TZ(CAST(col AS TIMESTAMP), <zone>)) yields: the later instant when ambiguous. */
	oracleUtcOf(utcMs: number): string {
		// Away from a transition the round trip is the identity; skip the candidate search.
		if (this.tz.offsetMs(utcMs - 10_800_000) === this.tz.offsetMs(utcMs + 10_800_000))
			return formatCanonical(utcMs);
		return formatCanonical(this.tz.toUtcMs(this.tz.toLocalMs(utcMs), 'later'));
	}

	private physicalColumns(t: TableDef): string[] {
		return this.expandCols(
			t,
			t.columns.map((c) => c.name),
		);
	}

	private encode(t: TableDef, values: ColumnValues, cols: string[]): SqlValue[] {
		const out: SqlValue[] = [];
		const defs = this.columnMap(t);
		for (const name of cols) {
			const c = defs.get(name);
			if (!c) throw new Error(`No column ${name} in ${t.name}`);
			const v = values[name];
			if (c.type === 'dt') {
				if (typeof v !== 'number') {
					out.push(null, null);
					if (t.modifiedCol === name) out.push(null);
					continue;
				}
				out.push(this.localOf(v), v);
				if (t.modifiedCol === name) out.push(this.oracleUtcOf(v));
			} else if (c.type === 'date') {
				out.push(typeof v === 'string' ? `${v.slice(0, 10)} 00:00:00` : null);
			} else if (c.type === 'bool') {
				out.push(
					v === true || v === 'T'
						? 'T'
						: v === undefined || v === null
							? c.notNull
								? 'F'
								: null
							: 'F',
				);
			} else {
				out.push(v === undefined || typeof v === 'boolean' ? null : v);
			}
		}
		return out;
	}

	private readonly columnMaps = new Map<TableDef, Map<string, ColumnDef>>();

	private columnMap(t: TableDef): Map<string, ColumnDef> {
		let m = this.columnMaps.get(t);
		if (!m) {
			m = new Map(t.columns.map((c) => [c.name, c]));
			this.columnMaps.set(t, m);
		}
		return m;
	}

	private expandCols(t: TableDef, cols: string[]): string[] {
		const out: string[] = [];
		for (const name of cols) {
			out.push(name);
			const c = this.columnMap(t).get(name);
			if (c?.type === 'dt') {
				out.push(utcCol(name));
				if (t.modifiedCol === name) out.push(xutcCol(name));
			}
		}
		return out;
	}

	/** A fast row writer for bulk generation: values in table column order. */
	inserter(t: TableDef): (values: ColumnValues) => void {
		const cols = t.columns.map((c) => c.name);
		const phys = this.physicalColumns(t);
		const sql = `INSERT INTO ${quoteIdent(t.sqlName)} (${phys.map(quoteIdent).join(', ')}) VALUES (${phys.map(() => '?').join(', ')})`;
		return (values) => this.db.run(sql, this.encode(t, values, cols));
	}

	insert(t: TableDef, values: ColumnValues): void {
		// Booleans are never NULL in NetSuite ('T'/'F'); encode() defaults them to 'F'.
		const cols = t.columns
			.filter((c) => values[c.name] !== undefined || (c.type === 'bool' && c.notNull))
			.map((c) => c.name);
		const phys = this.expandCols(t, cols);
		const sql = `INSERT INTO ${quoteIdent(t.sqlName)} (${phys.map(quoteIdent).join(', ')}) VALUES (${phys.map(() => '?').join(', ')})`;
		this.db.run(sql, this.encode(t, values, cols));
	}

	private updateRow(
		t: TableDef,
		where: string,
		whereParams: SqlValue[],
		values: ColumnValues,
	): void {
		const cols = t.columns.map((c) => c.name).filter((n) => values[n] !== undefined);
		if (cols.length === 0) return;
		const phys = this.expandCols(t, cols);
		const sql = `UPDATE ${quoteIdent(t.sqlName)} SET ${phys.map((c) => `${quoteIdent(c)} = ?`).join(', ')} WHERE ${where}`;
		this.db.run(sql, [...this.encode(t, values, cols), ...whereParams]);
	}

	// ------------------------------------------------------------------ sequences and counts

	initSequences(): void {
		this.seqs.clear();
		for (const def of this.types.values()) {
			const max = Number(
				this.db.one(`SELECT MAX(id) FROM ${quoteIdent(def.table.sqlName)}`)?.[0] ?? 0,
			);
			const deleted = Number(
				this.db.one(`SELECT MAX(recordid) FROM ns_deletedrecord WHERE type = ?`, [
					def.deletedType,
				])?.[0] ?? 0,
			);
			this.seqs.set(def.seq, Math.max(this.seqs.get(def.seq) ?? 1, max + 1, deleted + 1));
		}
		this.counts.clear();
	}

	nextId(def: RecordTypeDef): number {
		const id = this.seqs.get(def.seq) ?? 1;
		this.seqs.set(def.seq, id + 1);
		return id;
	}

	private typeWhere(def: RecordTypeDef): { sql: string; params: SqlValue[] } {
		const cols = Object.entries(def.discriminators ?? {});
		if (cols.length === 0) return { sql: '1=1', params: [] };
		return {
			sql: cols.map(([col]) => `${quoteIdent(col)} = ?`).join(' AND '),
			params: cols.map(([, v]) => v),
		};
	}

	/** Total records of a type, cached between writes (collections report it on every page). */
	count(def: RecordTypeDef): number {
		let n = this.counts.get(def.name);
		if (n === undefined) {
			const w = this.typeWhere(def);
			n = Number(
				this.db.one(
					`SELECT COUNT(*) FROM ${quoteIdent(def.table.sqlName)} WHERE ${w.sql}`,
					w.params,
				)?.[0] ?? 0,
			);
			this.counts.set(def.name, n);
		}
		return n;
	}

	private touched(): void {
		this.version++;
		this.counts.clear();
	}

	// ------------------------------------------------------------------ reads

	getRow(def: RecordTypeDef, id: number): Row | undefined {
		const w = this.typeWhere(def);
		const rows = this.db.objects(
			`SELECT * FROM ${quoteIdent(def.table.sqlName)} WHERE id = ? AND ${w.sql}`,
			[id, ...w.params],
		);
		return rows[0];
	}

	idByExternalId(def: RecordTypeDef, externalId: string): number | undefined {
		const w = this.typeWhere(def);
		const row = this.db.one(
			`SELECT id FROM ${quoteIdent(def.table.sqlName)} WHERE externalid = ? AND ${w.sql}`,
			[externalId, ...w.params],
		);
		return row ? Number(row[0]) : undefined;
	}

	/** Item/line sublist rows of a transaction, without the main line. */
	lines(transactionId: number): Row[] {
		return this.db.objects(
			`SELECT * FROM ns_transactionline WHERE "transaction" = ? AND mainline = 'F' ORDER BY linesequencenumber`,
			[transactionId],
		);
	}

	/** Ids of one page, ordered by id like NetSuite's record collections. */
	listIds(
		def: RecordTypeDef,
		filter: { sql: string; params: SqlValue[] } | undefined,
		limit: number,
		offset: number,
	): number[] {
		const w = this.typeWhere(def);
		const where = filter ? `${w.sql} AND (${filter.sql})` : w.sql;
		const params = filter ? [...w.params, ...filter.params] : w.params;
		return this.db
			.all(
				`SELECT id FROM ${quoteIdent(def.table.sqlName)} WHERE ${where} ORDER BY id LIMIT ? OFFSET ?`,
				[...params, limit, offset],
			)
			.map((r) => Number(r[0]));
	}

	countWhere(def: RecordTypeDef, filter: { sql: string; params: SqlValue[] } | undefined): number {
		if (!filter) return this.count(def);
		const w = this.typeWhere(def);
		return Number(
			this.db.one(
				`SELECT COUNT(*) FROM ${quoteIdent(def.table.sqlName)} WHERE ${w.sql} AND (${filter.sql})`,
				[...w.params, ...filter.params],
			)?.[0] ?? 0,
		);
	}

	allIds(def: RecordTypeDef): number[] {
		const w = this.typeWhere(def);
		return this.db
			.all(`SELECT id FROM ${quoteIdent(def.table.sqlName)} WHERE ${w.sql} ORDER BY id`, w.params)
			.map((r) => Number(r[0]));
	}

	// ------------------------------------------------------------------ writes

	/**
	 * Insert a record (and its lines). `values` uses column names; the type discriminator,
	 * id and timestamps are filled here.
	 */
	insertRecord(
		def: RecordTypeDef,
		values: ColumnValues,
		lines: ColumnValues[] | undefined,
		stampMs: number,
		id?: number,
	): number {
		const newId = id ?? this.nextId(def);
		const row: ColumnValues = { ...values, id: newId };
		Object.assign(row, def.discriminators);
		row[def.createdField.col] = stampMs;
		row[def.modifiedField.col] = stampMs;
		if (def.family === 'custom' && row.scriptid === undefined) row.scriptid = `val_${newId}`;
		this.insert(def.table, row);
		if (def.sublist) this.replaceLines(def, newId, lines ?? []);
		this.touched();
		return newId;
	}

	updateRecord(
		def: RecordTypeDef,
		id: number,
		values: ColumnValues,
		lines: ColumnValues[] | undefined,
		stampMs: number,
	): void {
		this.updateRow(def.table, 'id = ?', [id], { ...values, [def.modifiedField.col]: stampMs });
		if (def.sublist && lines) this.replaceLines(def, id, lines);
		this.touched();
	}

	/** Lines are replaced wholesale; the main line (mainline='T', id 0) carries the total, as in NetSuite. */
	private replaceLines(def: RecordTypeDef, transactionId: number, lines: ColumnValues[]): void {
		this.db.run(`DELETE FROM ns_transactionline WHERE "transaction" = ?`, [transactionId]);
		let total = 0;
		const ins = (v: ColumnValues): void => this.insert(TABLES.transactionline, v);
		lines.forEach((l, i) => {
			const line: ColumnValues = {
				...l,
				transaction: transactionId,
				id: i + 1,
				linesequencenumber: i + 1,
				mainline: 'F',
			};
			if (def.sublist?.name === 'item') {
				const amount = round2(Number(l.quantity ?? 1) * Number(l.rate ?? 0));
				line.netamount = amount;
				total += amount;
			} else {
				total += Number(l.debitforeignamount ?? 0);
			}
			ins(line);
		});
		ins({
			transaction: transactionId,
			id: 0,
			linesequencenumber: 0,
			mainline: 'T',
			netamount: round2(total),
		});
		this.db.run(`UPDATE ns_transaction SET foreigntotal = ? WHERE id = ?`, [
			round2(total),
			transactionId,
		]);
	}

	deleteRecord(def: RecordTypeDef, id: number, stampMs: number, context: string): void {
		const row = this.getRow(def, id);
		if (!row) return;
		this.db.run(`DELETE FROM ${quoteIdent(def.table.sqlName)} WHERE id = ?`, [id]);
		if (def.sublist) this.db.run(`DELETE FROM ns_transactionline WHERE "transaction" = ?`, [id]);
		this.insertDeleted(
			def,
			id,
			(row[def.nameCol] as string | null) ?? null,
			(row.externalid as string | null) ?? null,
			stampMs,
			context,
		);
		this.touched();
	}

	/** The REST type name of a DeletedRecord row, as known when it was deleted. */
	restTypeOfDeleted(deletedType: string, recordId: number): string | undefined {
		return this.deletedRestTypes.get(`${deletedType}/${recordId}`);
	}

	insertDeleted(
		def: RecordTypeDef,
		id: number,
		name: string | null,
		externalId: string | null,
		stampMs: number,
		context: string,
	): void {
		this.deletedRestTypes.set(`${def.deletedType}/${id}`, def.name);
		this.insert(TABLES.deletedrecord, {
			recordid: id,
			type: def.deletedType,
			name,
			externalid: externalId,
			iscustomrecord: def.family === 'custom' ? 'T' : 'F',
			context,
			deleteddate: stampMs,
		});
	}

	// ------------------------------------------------------------------ late commits

	/** A change stamped in the past that no endpoint may see before `visibleAt` (real ms). */
	schedule(visibleAt: number, apply: () => void): void {
		this.pending.push({ visibleAt, apply });
		this.pending.sort((a, b) => a.visibleAt - b.visibleAt);
	}

	applyDue(nowMs = Date.now()): void {
		while (this.pending.length > 0 && this.pending[0].visibleAt <= nowMs)
			this.pending.shift()!.apply();
	}

	applyAllPending(): number {
		const n = this.pending.length;
		const all = this.pending;
		this.pending = [];
		for (const p of all) p.apply();
		return n;
	}

	pendingCount(): number {
		return this.pending.length;
	}
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
