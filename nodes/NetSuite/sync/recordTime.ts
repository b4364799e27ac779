/** A hydrated record's own timestamp: exact UTC, unlike SuiteQL's local wall time. */
import type { IDataObject } from 'n8n-workflow';

import { toIsoSeconds } from './timeZone';

// As NetSuite writes it: any number of fraction digits (cursors allow at most 3: cursor.ts).
const NETSUITE_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** `lastModifiedDate` (custom records: `lastModified`) to the second, when the record has one. */
export function ownLastModified(record: IDataObject): string | undefined {
	const value = record.lastModifiedDate ?? record.lastModified;
	return typeof value === 'string' && NETSUITE_UTC.test(value)
		? toIsoSeconds(Date.parse(value))
		: undefined;
}
