/** Change-feed entries as n8n items: the same shape from Get Changes and from the trigger. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RunCounters } from '../transport/counters';
import type { ChangeEntry, ChangesBatch } from '../sync/readChanges';

export interface BatchSummary extends IDataObject {
	hasMore: boolean;
	size: number;
	run: IDataObject;
}

export function entryToItem(
	entry: ChangeEntry,
	recordType: string,
	batch?: BatchSummary,
): INodeExecutionData {
	const json: IDataObject = {
		recordType,
		id: entry.id,
		lastModified: entry.lastModified,
		deleted: entry.kind === 'deleted',
		reread: entry.reread,
		cursor: entry.cursor as unknown as IDataObject,
	};
	if (entry.kind === 'failed') {
		// Only `error` and `details` keys, and no item.error: n8n then routes the item to the error
		// output when one is set up, and keeps the record's id (item.error would replace the JSON).
		json.failed = true;
		json.description = entry.error?.description ?? null;
		if (batch) json.batch = batch;
		return { json: { error: entry.error?.message ?? 'Record could not be read', details: json } };
	}
	if (entry.kind === 'changed') json.record = entry.record;
	if (batch) json.batch = batch;
	return { json };
}

/** A batch that delivered nothing but moved the cursor: no `id`, only where to resume. */
export function cursorItem(recordType: string, batch: BatchSummary): INodeExecutionData {
	return { json: { recordType, cursor: batch.cursor, batch } };
}

export function batchSummary(batch: ChangesBatch, counters: RunCounters): BatchSummary {
	const summary: BatchSummary = {
		hasMore: batch.hasMore,
		size: batch.entries.length,
		cursor: (batch.cursor ?? null) as unknown as IDataObject,
		// Listed, then gone when read (deleted in between): counted, never silently dropped.
		vanished: batch.vanished.length,
		run: {
			calls: counters.calls,
			retries: counters.retries,
			throttled: counters.throttled,
			bytes: counters.bytes,
			durationMs: counters.durationMs,
			window: counters.window,
			windowLowest: counters.windowLowest,
		},
	};
	if (batch.vanished.length > 0) summary.vanishedIds = batch.vanished.slice(0, 100);
	if (batch.stoppedBy)
		summary.stoppedBy = { id: batch.stoppedBy.id, error: batch.stoppedBy.error.message };
	return summary;
}
