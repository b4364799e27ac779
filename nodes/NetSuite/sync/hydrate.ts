/**
 * Step two of the two-step fetch: GET each listed record. The client's limiter bounds requests in
 * flight to the account's limit; the window bounds how many records are being hydrated at once,
 * which bounds memory and queued work when the listing runs ahead.
 */
import pLimit from 'p-limit';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { NetSuiteClient } from '../transport/client';
import { getRecordIfExists } from './recordApi';
import type { RecordRead } from './recordApi';

export interface HydrateOptions extends RecordRead {
	recordType: string;
	expandSubResources: boolean;
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

export function createHydrator(client: NetSuiteClient, options: HydrateOptions): Hydrator {
	const window = pLimit(Math.max(1, options.window));
	return async (id) =>
		await window(async (): Promise<Hydration> => {
			try {
				const record = await getRecordIfExists(
					client,
					options.recordType,
					id,
					options,
					options.itemIndex,
				);
				return record === undefined ? { status: 'vanished' } : { status: 'ok', record };
			} catch (error) {
				// The client throws NodeApiError only; anything else is wrapped rather than lost.
				return {
					status: 'failed',
					error:
						error instanceof NodeApiError
							? error
							: new NodeApiError(client.node, { message: String(error) }),
				};
			}
		});
}
