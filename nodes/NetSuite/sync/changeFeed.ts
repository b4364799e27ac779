/**
 * The change feed: SuiteQL keyset pages ordered by (lastmodifieddate, id).
 *
 * Each page asks for rows strictly after the last row seen, always at offset 0, so rows sharing a
 * timestamp, rows that move while the feed is read (they reappear later with their new timestamp),
 * and the 100,000-row offset cap cannot make it skip or repeat a row. Comparisons use
 * lastmodifieddate as SuiteQL shows it (account-local, whole seconds) so they match its ORDER BY.
 */
import type { IDataObject } from 'n8n-workflow';

import type { NetSuiteClient } from '../transport/client';
import { fetchSuiteQlPage, MAX_PAGE_SIZE } from '../transport/paging';
import type { FeedPosition } from './cursor';
import type { SuiteQlFilter, SuiteQlSource } from './recordTypes';
import { LOCAL_FORMAT_SQL } from './timeZone';
import type { LocalDateTime } from './timeZone';

export interface FeedRow extends FeedPosition {
	/** Requested columns, as SuiteQL returned them (strings, lower-case keys). */
	columns: IDataObject;
}

/** Where a page starts: from a time inclusive, or strictly after a row. */
export type FeedStart = { from: LocalDateTime } | { after: FeedPosition };

export interface FeedTable {
	table: string;
	idColumn: string;
	timeColumn: string;
	filters: SuiteQlFilter[];
	/** Columns to return besides id and time. */
	columns: string[];
}

const TIME_ALIAS = 'ns_feed_time';
const ID_ALIAS = 'ns_feed_id';

export function changesTable(source: SuiteQlSource, columns: string[]): FeedTable {
	return {
		table: source.table,
		idColumn: 'id',
		timeColumn: source.timeColumn,
		filters: source.filters,
		columns,
	};
}

export function deletionsTable(source: SuiteQlSource): FeedTable {
	return {
		table: 'deletedrecord',
		idColumn: 'recordid',
		timeColumn: 'deleteddate',
		filters: [{ column: 'type', values: source.deletedTypes }],
		columns: ['type'],
	};
}

export function buildFeedQuery(
	feed: FeedTable,
	start: FeedStart | undefined,
	direction: 'ASC' | 'DESC' = 'ASC',
): { q: string; params: string[] } {
	const time = `TO_TIMESTAMP(?, '${LOCAL_FORMAT_SQL}')`;
	const extra = feed.columns.filter((c) => c !== feed.idColumn && c !== feed.timeColumn);
	const select = [
		`${feed.idColumn} AS ${ID_ALIAS}`,
		`TO_CHAR(${feed.timeColumn}, '${LOCAL_FORMAT_SQL}') AS ${TIME_ALIAS}`,
		...extra,
	].join(', ');
	const where: string[] = [];
	const params: string[] = [];
	for (const filter of feed.filters) {
		where.push(
			filter.values.length === 1
				? `${filter.column} = ?`
				: `${filter.column} IN (${filter.values.map(() => '?').join(', ')})`,
		);
		params.push(...filter.values);
	}
	if (start && 'from' in start) {
		where.push(`${feed.timeColumn} >= ${time}`);
		params.push(start.from);
	} else if (start) {
		where.push(
			`(${feed.timeColumn} > ${time} OR (${feed.timeColumn} = ${time} AND ${feed.idColumn} > ?))`,
		);
		params.push(start.after.local, start.after.local, start.after.id);
	}
	const q = `SELECT ${select} FROM ${feed.table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${feed.timeColumn} ${direction}, ${feed.idColumn} ${direction}`;
	return { q, params };
}

function toRow(item: IDataObject, feed: FeedTable): FeedRow {
	const { links: _links, [ID_ALIAS]: id, [TIME_ALIAS]: local, ...columns } = item;
	if (typeof id !== 'string' && typeof id !== 'number')
		throw new Error(`SuiteQL row without ${feed.idColumn}`);
	return { id: String(id), local: String(local), columns };
}

/** One keyset page: rows after `start`, oldest first; `full` when NetSuite may have more. */
export async function fetchFeedPage(
	client: NetSuiteClient,
	feed: FeedTable,
	start: FeedStart | undefined,
	pageSize = MAX_PAGE_SIZE,
	itemIndex?: number,
): Promise<{ rows: FeedRow[]; full: boolean }> {
	const { q, params } = buildFeedQuery(feed, start);
	const page = await fetchSuiteQlPage(client, q, params, 0, pageSize, itemIndex);
	const rows = (page.items ?? []).map((item) => toRow(item, feed));
	return { rows, full: page.hasMore === true || rows.length >= pageSize };
}

/** The newest row NetSuite holds: "now" in NetSuite's own terms. */
export async function newestRow(
	client: NetSuiteClient,
	feed: FeedTable,
	itemIndex?: number,
): Promise<FeedRow | undefined> {
	const { q, params } = buildFeedQuery(feed, undefined, 'DESC');
	const page = await fetchSuiteQlPage(client, q, params, 0, 1, itemIndex);
	const first = page.items?.[0];
	return first ? toRow(first, feed) : undefined;
}
