/**
 * POST /services/rest/query/v1/suiteql — runs the translated query on the store's SQLite and
 * shapes NetSuite's answer: rows with lower-case keys, every value a string, NULL columns
 * omitted, `links: []` per row; `count`, `hasMore`, `offset`, `totalResults` (the true total,
 * even past the 100,000-row cap that offset paging cannot cross).
 */
import { invalidRequestSyntax, invalidSearch, SimError } from '../errors';
import { SuiteQLError } from './ast';
import { numberToString, type OracleFunctions } from './functions';
import { parseSuiteQL } from './parser';
import { translate, type OutputColumn, type Translated } from './translate';
import { pageLinks, RESULT_CAP, type Paging } from '../records/paging';
import type { Store } from '../data/store';
import type { SqlValue } from '../data/sqlite';
import type { UserDateFormat } from '../userDate';

export interface SuiteQLPage {
	links: Array<{ rel: string; href: string }>;
	count: number;
	hasMore: boolean;
	items: Array<Record<string, unknown>>;
	offset: number;
	totalResults: number;
}

/** NetSuite's own phrases for unknown tables/fields pass through; anything else is flagged as ours. */
function searchError(e: Error): SimError {
	const msg = e.message;
	if (/^(Record|Field) '/.test(msg)) return invalidSearch(`Search error occurred: ${msg}`);
	return invalidSearch(`Search error occurred: Invalid or unsupported search. Simulator: ${msg}`);
}

export class SuiteQLService {
	constructor(
		private readonly store: Store,
		private readonly fns: OracleFunctions,
		private readonly accountZone: string,
		private readonly userDate: UserDateFormat,
	) {}

	run(
		body: unknown,
		paging: Paging,
		selfHref: (limit: number, offset: number) => string,
	): SuiteQLPage {
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidRequestSyntax();
		const { q, params } = body as { q?: unknown; params?: unknown };
		if (typeof q !== 'string' || q.trim() === '') {
			throw new SimError(
				400,
				'INVALID_PARAMETER',
				"The request body must contain the SuiteQL query as a non-empty string in 'q'.",
			);
		}
		if (params !== undefined && !Array.isArray(params)) {
			throw new SimError(
				400,
				'INVALID_PARAMETER',
				"'params' must be an array of values for the '?' placeholders.",
			);
		}
		let sql: Translated;
		try {
			const parsed = parseSuiteQL(q);
			const given = (params as unknown[] | undefined)?.length ?? 0;
			if (given !== parsed.paramCount) {
				throw new SuiteQLError(
					`the query has ${parsed.paramCount} '?' placeholder(s) but params has ${given} value(s)`,
				);
			}
			sql = translate(parsed.select, {
				tables: this.store.tables,
				fns: this.fns,
				accountZone: this.accountZone,
				params: (params as unknown[] | undefined) ?? [],
			});
		} catch (e) {
			if (e instanceof SuiteQLError) throw searchError(e);
			throw e;
		}
		const { limit, offset } = paging;
		const pageSize = Math.min(limit, RESULT_CAP - offset);
		let rows: SqlValue[][];
		let total: number;
		try {
			total = Number(this.store.db.one(sql.count)?.[0] ?? 0);
			const inner = `${sql.body}${sql.orderBy}`;
			const pageSql =
				sql.fetchFirst !== undefined || sql.offsetRows !== undefined
					? `SELECT * FROM (${inner} LIMIT ${sql.fetchFirst ?? -1} OFFSET ${sql.offsetRows ?? 0}) LIMIT ${pageSize} OFFSET ${offset}`
					: `${inner} LIMIT ${pageSize} OFFSET ${offset}`;
			rows = this.store.db.all(pageSql);
		} catch (e) {
			throw searchError(e as Error);
		}
		const items = rows.map((r) => this.row(r, sql.columns));
		return {
			links: pageLinks(selfHref, limit, offset, total),
			count: items.length,
			hasMore: offset + items.length < total,
			items,
			offset,
			totalResults: total,
		};
	}

	private row(values: SqlValue[], columns: OutputColumn[]): Record<string, unknown> {
		const out: Record<string, unknown> = { links: [] };
		for (let i = 0; i < columns.length; i++) {
			const v = values[i];
			if (v === null || v === undefined) continue;
			const c = columns[i];
			let s: string;
			if (c.type === 'dt') s = this.userDate.formatCanonical(String(v));
			else if (c.type === 'tz') s = this.userDate.formatCanonical(String(v).split('|')[0]);
			else if (typeof v === 'number') s = numberToString(v)!;
			else s = String(v);
			out[c.key] = s;
		}
		return out;
	}
}
