/**
 * NetSuite's offset paging for record collections and SuiteQL: limit ≤ 1000, offset a multiple of
 * the limit, `hasMore` to continue, and at most 100,000 rows reachable by offset. `Prefer: transient`
 * goes on SuiteQL only (RESTlets reject it).
 */
import type { IDataObject } from 'n8n-workflow';

import type { NetSuiteClient } from './client';

export const MAX_PAGE_SIZE = 1000;
/** Rows reachable by offset paging in one query, without SuiteAnalytics Connect. */
export const OFFSET_ROW_CAP = 100_000;

export interface CollectionPage {
	links: IDataObject[];
	items: Array<{ id: string; links?: IDataObject[] }>;
	count: number;
	offset: number;
	hasMore: boolean;
	totalResults?: number;
}

export interface SuiteQlPage {
	items: IDataObject[];
	count: number;
	offset: number;
	hasMore: boolean;
	totalResults?: number;
}

export class OffsetCapError extends Error {
	constructor(readonly totalResults: number | undefined) {
		super(
			`NetSuite returns at most ${OFFSET_ROW_CAP.toLocaleString('en-US')} rows to one query${
				totalResults ? ` and this one matches ${totalResults.toLocaleString('en-US')}` : ''
			}. Narrow it (a WHERE or q filter on id or lastModifiedDate ranges), or use Record > Get Changes, which pages past the cap.`,
		);
		this.name = 'OffsetCapError';
	}
}

export function recordCollectionPath(recordType: string): string {
	return `/services/rest/record/v1/${encodeURIComponent(recordType)}`;
}

const SUITEQL_PATH = '/services/rest/query/v1/suiteql';

export async function fetchCollectionPage(
	client: NetSuiteClient,
	recordType: string,
	offset: number,
	pageSize: number,
	q?: string,
	itemIndex?: number,
): Promise<CollectionPage> {
	const { body } = await client.request<CollectionPage>({
		method: 'GET',
		path: recordCollectionPath(recordType),
		query: { limit: pageSize, offset, q: q || undefined },
		itemIndex,
	});
	return body;
}

export async function fetchSuiteQlPage(
	client: NetSuiteClient,
	query: string,
	params: Array<string | number> | undefined,
	offset: number,
	pageSize: number,
	itemIndex?: number,
): Promise<SuiteQlPage> {
	const body: IDataObject = { q: query };
	if (params && params.length > 0) body.params = params.map(String);
	const response = await client.request<SuiteQlPage>({
		method: 'POST',
		path: SUITEQL_PATH,
		query: { limit: pageSize, offset },
		headers: { Prefer: 'transient' },
		body,
		// A query changes nothing, so it is as safe to resend as a GET.
		replaySafe: true,
		itemIndex,
	});
	return response.body;
}

/** Offsets of successive pages, refusing the one that would pass the 100,000-row cap. */
export function nextOffset(
	page: { offset: number; count: number; hasMore: boolean; totalResults?: number },
	pageSize: number,
): number | undefined {
	if (!page.hasMore) return undefined;
	const next = page.offset + pageSize;
	if (next >= OFFSET_ROW_CAP) throw new OffsetCapError(page.totalResults);
	return next;
}

/** Pages of a SuiteQL query by offset, for user queries; the change feed uses keyset paging instead. */
export async function* suiteQlPages(
	client: NetSuiteClient,
	query: string,
	params: Array<string | number> | undefined,
	pageSize = MAX_PAGE_SIZE,
	itemIndex?: number,
): AsyncGenerator<SuiteQlPage> {
	let offset: number | undefined = 0;
	while (offset !== undefined) {
		const page = await fetchSuiteQlPage(client, query, params, offset, pageSize, itemIndex);
		yield page;
		offset = nextOffset(page, pageSize);
	}
}
