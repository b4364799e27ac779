/**
 * Get Many in two steps: list IDs from the record collection, then GET each record. The next list
 * page is requested before this page's records are queued, so listing and hydration overlap and
 * the account's slots never sit idle between pages.
 */
import type { NetSuiteClient } from '../transport/client';
import {
	fetchCollectionPage,
	MAX_PAGE_SIZE,
	nextOffset,
	OFFSET_ROW_CAP,
	OffsetCapError,
} from '../transport/paging';
import type { CollectionPage } from '../transport/paging';
import { createHydrator } from './hydrate';
import type { Hydration } from './hydrate';

export interface TwoStepOptions {
	recordType: string;
	q?: string;
	/** Records wanted at most; all when undefined. */
	limit?: number;
	expandSubResources: boolean;
	fields?: string[];
	/** Records hydrated at once (the batch). */
	window: number;
	itemIndex?: number;
}

export interface ListedRecord {
	id: string;
	hydration: Hydration;
}

export async function fetchTwoStep(
	client: NetSuiteClient,
	options: TwoStepOptions,
): Promise<ListedRecord[]> {
	const limit = options.limit ?? Number.POSITIVE_INFINITY;
	const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
	const hydrate = createHydrator(client, { ...options });
	const listed: Array<{ id: string; hydration: Promise<Hydration> }> = [];
	let nextPage: Promise<CollectionPage> | undefined = fetchCollectionPage(
		client,
		options.recordType,
		0,
		pageSize,
		options.q,
		options.itemIndex,
	);
	while (nextPage) {
		const page: CollectionPage = await nextPage;
		// Refuse up front what the offset cap would stop halfway, before a single record is read.
		if (listed.length === 0 && Math.min(limit, page.totalResults ?? 0) > OFFSET_ROW_CAP)
			throw new OffsetCapError(page.totalResults);
		const take = page.items.slice(0, Math.max(0, limit - listed.length));
		const offset = listed.length + take.length < limit ? nextOffset(page, pageSize) : undefined;
		nextPage =
			offset === undefined
				? undefined
				: fetchCollectionPage(
						client,
						options.recordType,
						offset,
						pageSize,
						options.q,
						options.itemIndex,
					);
		for (const item of take)
			listed.push({ id: String(item.id), hydration: hydrate(String(item.id)) });
	}
	return await Promise.all(
		listed.map(async ({ id, hydration }) => ({ id, hydration: await hydration })),
	);
}
