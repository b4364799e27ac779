/**
 * One record of NetSuite's REST record service: its address and its GET. Get, the writes' Return
 * Record, hydration and the account check all read a record; they differ only in whether "does not
 * exist" is an answer (getRecordIfExists) or an error (getRecord).
 */
import type { IDataObject } from 'n8n-workflow';

import type { NetSuiteClient } from '../transport/client';
import { netSuiteApiError, parseNetSuiteError } from '../transport/errors';
import { recordCollectionPath } from '../transport/paging';

/** How much of a record a GET returns. */
export interface RecordRead {
	/** Sublists and subrecords in full instead of as links. */
	expandSubResources?: boolean;
	/** Body fields to return (NetSuite `fields=`); all when empty. */
	fields?: string[];
}

/** `…/customer/107`, or `…/customer/eid:CID001` for an external ID (the `eid:` prefix stays literal). */
export function recordPath(recordType: string, id: string): string {
	const key = id.startsWith('eid:')
		? `eid:${encodeURIComponent(id.slice(4))}`
		: encodeURIComponent(id);
	return `${recordCollectionPath(recordType)}/${key}`;
}

function readQuery(read: RecordRead): Record<string, string | boolean | undefined> {
	return {
		expandSubResources: read.expandSubResources ? true : undefined,
		fields: read.fields && read.fields.length > 0 ? read.fields.join(',') : undefined,
	};
}

/** The record; a record that does not exist fails like any other error. */
export async function getRecord(
	client: NetSuiteClient,
	recordType: string,
	id: string,
	read: RecordRead,
	itemIndex?: number,
): Promise<IDataObject> {
	const { body } = await client.request<IDataObject>({
		method: 'GET',
		path: recordPath(recordType, id),
		query: readQuery(read),
		itemIndex,
	});
	return body;
}

/**
 * The record, or undefined when NetSuite answers NONEXISTENT_ID: gone since it was listed. Only
 * NetSuite's own "Record does not exist" means gone; any other 404 throws as a failure.
 */
export async function getRecordIfExists(
	client: NetSuiteClient,
	recordType: string,
	id: string,
	read: RecordRead,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const response = await client.request<IDataObject>({
		method: 'GET',
		path: recordPath(recordType, id),
		query: readQuery(read),
		itemIndex,
		acceptStatuses: [404],
	});
	if (response.statusCode !== 404) return response.body;
	const parsed = parseNetSuiteError(404, response.body);
	if (parsed.code === 'NONEXISTENT_ID') return undefined;
	throw netSuiteApiError(client.node, parsed, itemIndex);
}
