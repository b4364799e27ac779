/**
 * "From now" in NetSuite's own terms: the newest row NetSuite holds when the feed starts, not the
 * n8n host's clock (which may be skewed, and knows nothing of rows committed a moment ago).
 */
import type { NetSuiteClient } from '../transport/client';
import { changesTable, deletionsTable, newestRow } from './changeFeed';
import type { ChangeCursor } from './cursor';
import type { SuiteQlSource } from './recordTypes';
import { localToUtc, toIsoSeconds } from './timeZone';

/** Before every row: where an empty table's feed starts. */
export const ORIGIN = { lastModified: '1970-01-01T00:00:00Z', id: '0' };

export async function cursorAtNewest(
	client: NetSuiteClient,
	source: SuiteQlSource,
	includeDeletions: boolean,
	timeZone: string,
): Promise<ChangeCursor> {
	const newest = await newestRow(client, changesTable(source, []));
	const cursor: ChangeCursor = newest
		? { lastModified: toIsoSeconds(localToUtc(newest.local, timeZone)), id: newest.id }
		: { ...ORIGIN };
	if (includeDeletions) {
		const deleted = await newestRow(client, deletionsTable(source));
		cursor.deletedSince = deleted
			? toIsoSeconds(localToUtc(deleted.local, timeZone))
			: ORIGIN.lastModified;
		cursor.deletedId = deleted ? deleted.id : ORIGIN.id;
	}
	return cursor;
}
