/**
 * Step two of the two-step fetch: GET each listed record. The client's limiter bounds requests in
 * flight to the account's limit; the window bounds how many records are being hydrated at once,
 * which bounds memory and queued work when the listing runs ahead.
 */
import pLimit from 'p-limit';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { NetSuiteClient } from '../transport/client';
import { netSuiteApiError, parseNetSuiteError } from '../transport/errors';
import { recordCollectionPath } from '../transport/paging';

export interface HydrateOptions {
	recordType: string;
	expandSubResources: boolean;
	/** Body fields to return (NetSuite `fields=`); all when empty. */
	fields?: string[];
	/** Records hydrated at once. */
	window: number;
	itemIndex?: number;
}

export type Hydration =
	| { status: 'ok'; record: IDataObject }
	/** 404 NONEXISTENT_ID: gone since it was listed (deleted, or listed under the wrong record type). */
	| { status: 'vanished' }
	| { status: 'failed'; error: NodeApiError };

export type Hydrator = (id: string) => Promise<Hydration>;

/** `…/customer/107`, or `…/customer/eid:CID001` for an external ID (the `eid:` prefix stays literal). */
export function recordPath(recordType: string, id: string): string {
	const key = id.startsWith('eid:') ? `eid:${encodeURIComponent(id.slice(4))}` : encodeURIComponent(id);
	return `${recordCollectionPath(recordType)}/${key}`;
}

export function createHydrator(client: NetSuiteClient, options: HydrateOptions): Hydrator {
	const window = pLimit(Math.max(1, options.window));
	const query: Record<string, string | boolean | undefined> = {
		expandSubResources: options.expandSubResources ? true : undefined,
		fields: options.fields && options.fields.length > 0 ? options.fields.join(',') : undefined,
	};
	return async (id) =>
		await window(async (): Promise<Hydration> => {
			try {
				const response = await client.request<IDataObject>({
					method: 'GET',
					path: recordPath(options.recordType, id),
					query,
					itemIndex: options.itemIndex,
					acceptStatuses: [404],
				});
				if (response.statusCode === 404) {
					// Only NetSuite's own "Record does not exist" means gone; any other 404 is a failure to report.
					const parsed = parseNetSuiteError(404, response.body);
					if (parsed.code === 'NONEXISTENT_ID') return { status: 'vanished' };
					return { status: 'failed', error: netSuiteApiError(client.node, parsed, options.itemIndex) };
				}
				return { status: 'ok', record: response.body };
			} catch (error) {
				// The client throws NodeApiError only; anything else is wrapped rather than lost.
				return {
					status: 'failed',
					error: error instanceof NodeApiError ? error : new NodeApiError(client.node, { message: String(error) }),
				};
			}
		});
}
