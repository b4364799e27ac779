/**
 * One poll of the NetSuite Trigger: a sample in manual mode, the starting point on the first
 * activation, otherwise what changed since the watermark. The watermark lives in the workflow's
 * static data: n8n persists only top-level values it can see change, so whole values are
 * assigned, and last, after every page of the poll succeeded.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { clientOptionsFrom, hydrationOptions } from '../actions/parameterValues';
import { batchSummary, entryToItem } from '../changeFeed/items';
import { parseStartDate, readFeedParameters } from '../changeFeed/parameters';
import type { FeedParameters } from '../changeFeed/parameters';
import type { AuthenticationMethod } from '../credentialTypes';
import { NetSuiteClient } from '../transport/client';
import { checkFeedAgainstAccount } from '../sync/accountCheck';
import { changesTable, newestRow } from '../sync/changeFeed';
import { parseCursor } from '../sync/cursor';
import type { ChangeCursor } from '../sync/cursor';
import { DeliveredVersions } from '../sync/deliveredVersions';
import { createHydrator } from '../sync/hydrate';
import { rereadFrom } from '../sync/feedStart';
import { readChanges } from '../sync/readChanges';
import { cursorAtNewest } from '../sync/startPosition';
import { localToUtc, toIsoSeconds } from '../sync/timeZone';

type Poll = INodeExecutionData[][] | null;

export async function pollChanges(this: IPollFunctions): Promise<Poll> {
	const feed = readFeedParameters((name, fallback) =>
		this.getNodeParameter(
			name,
			fallback,
			name === 'recordType' ? { extractValue: true } : undefined,
		),
	);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const client = await NetSuiteClient.create(this, {
		authentication: this.getNodeParameter('authentication', 'tokenBased') as AuthenticationMethod,
		...clientOptionsFrom(options),
	});
	if (this.getMode() === 'manual') return await sampleEvent(this, client, feed, options);

	const state = this.getWorkflowStaticData('node');
	const cursor = parseCursor(state.cursor, 'watermark');
	const firstRun = cursor ? undefined : (this.getNodeParameter('firstRun', 'now') as string);
	if (firstRun === 'now') {
		await startFromNow(client, feed, options, state);
		return null;
	}
	const startAt = firstRun === 'date' ? startDate(this) : undefined;
	return await emitChanges(this, client, feed, options, state, cursor, startAt);
}

/** "Fetch Test Event": the newest record as a sample; static data is neither read nor written. */
async function sampleEvent(
	ctx: IPollFunctions,
	client: NetSuiteClient,
	feed: FeedParameters,
	options: IDataObject,
): Promise<Poll> {
	const recordType = feed.source.recordType;
	await checkFeedAgainstAccount(client, feed.source, feed.timeZone);
	const newest = await newestRow(client, changesTable(feed.source, feed.columns));
	if (!newest)
		throw new NodeOperationError(
			ctx.getNode(),
			`No ${recordType} records found in NetSuite to show as a sample.`,
		);
	let record: IDataObject = { id: newest.id, ...newest.columns };
	if (feed.mode === 'full') {
		const hydration = await createHydrator(client, { recordType, ...hydrationOptions(options) })(
			newest.id,
		);
		if (hydration.status === 'failed') throw hydration.error;
		if (hydration.status === 'ok') record = hydration.record;
	}
	const lastModified = toIsoSeconds(localToUtc(newest.local, feed.timeZone));
	return [
		[
			{
				json: {
					recordType,
					id: newest.id,
					lastModified,
					deleted: false,
					reread: false,
					record,
					sample: true,
				},
			},
		],
	];
}

/**
 * The watermark starts at NetSuite's newest row. Rows already inside the lookback window then are
 * history, not changes: their versions are remembered, so the lookback's re-reads pass over them
 * while a late commit, or a second save within the same second, still shows up.
 */
async function startFromNow(
	client: NetSuiteClient,
	feed: FeedParameters,
	options: IDataObject,
	state: IDataObject,
): Promise<void> {
	await checkFeedAgainstAccount(client, feed.source, feed.timeZone);
	const start = await cursorAtNewest(client, feed.source, feed.includeDeletions, feed.timeZone);
	const history = await readChanges(client, {
		...feed,
		cursor: start,
		// Rows committed since `start` are not history; reading past them keeps the deletions' history complete.
		maxRecords: Number.MAX_SAFE_INTEGER,
		skipFailed: true,
		hydration: hydrationOptions(options),
	});
	const seen = DeliveredVersions.from({});
	const now = Date.now();
	for (const entry of history.entries) {
		if (entry.reread && entry.kind !== 'failed')
			seen.add(entry.kind, entry.id, entry.feedLastModified, entry.hash, now);
	}
	state.delivered = seen.keepFrom(rereadFrom(start, feed));
	state.cursor = start as unknown as IDataObject;
}

function startDate(ctx: IPollFunctions): number {
	const startAt = parseStartDate(ctx.getNodeParameter('startDate', ''), ctx.getTimezone());
	if (Number.isNaN(startAt))
		throw new NodeOperationError(
			ctx.getNode(),
			'Parameter "startDate": set a start date, or choose another First Run.',
		);
	return startAt;
}

async function emitChanges(
	ctx: IPollFunctions,
	client: NetSuiteClient,
	feed: FeedParameters,
	options: IDataObject,
	state: IDataObject,
	cursor: ChangeCursor | undefined,
	startAt: number | undefined,
): Promise<Poll> {
	const delivered = DeliveredVersions.from(state.delivered);
	const startedAt = Date.now();
	const batch = await readChanges(client, {
		...feed,
		cursor,
		startAt,
		skipFailed: ctx.getNodeParameter('skipFailed', false) as boolean,
		hydration: hydrationOptions(options),
		alreadyDelivered: (kind, id, feedLastModified, hash) =>
			delivered.has(kind, id, feedLastModified, hash),
		settled: (kind, id, feedLastModified) =>
			delivered.settled(kind, id, feedLastModified, startedAt, feed.lookbackMs),
	});
	if (batch.entries.length === 0 && batch.stoppedBy) throw batch.stoppedBy.error;

	const emittedAt = Date.now();
	for (const entry of batch.entries)
		delivered.add(
			entry.kind === 'deleted' ? 'deleted' : 'changed',
			entry.id,
			entry.feedLastModified,
			entry.hash,
			emittedAt,
		);
	if (batch.cursor) {
		state.delivered = delivered.keepFrom(rereadFrom(batch.cursor, feed));
		state.cursor = batch.cursor as unknown as IDataObject;
	}
	if (batch.entries.length === 0) return null;
	const summary = batchSummary(batch, client.snapshotCounters());
	return [batch.entries.map((entry) => entryToItem(entry, feed.source.recordType, summary))];
}
