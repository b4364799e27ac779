import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { authenticationParameter, credentialsDescription } from './actions/authentication';
import { batchSizeOption, clientOptionsFrom, optionsCollection, recordReadOptions, recordTypeLocator, runOptions } from './actions/common';
import { batchSummary, entryToItem } from './actions/record/changeItems';
import { changeFeedParameters, hydrationOptions, readFeedParameters } from './actions/record/changeFeedParameters';
import { searchRecordTypes } from './methods/listSearch';
import { NetSuiteClient } from './transport/client';
import type { AuthenticationMethod } from './transport/client';
import { changesTable, newestRow } from './sync/changeFeed';
import { CursorError, parseCursor } from './sync/cursor';
import { createHydrator } from './sync/hydrate';
import { readChanges } from './sync/readChanges';
import { RecordTypeError } from './sync/recordTypes';
import { cursorAtNewest } from './sync/startPosition';
import { localToUtc, toIsoSeconds } from './sync/timeZone';
import { DeliveredVersions } from './sync/deliveredVersions';
import { eventParameter } from './triggerEvent';
import { isSimplified, simplifyChangeItem, simplifyParameter } from './actions/simplify';

/** Polls in progress in this process; n8n does not stop a poll from starting while the last still runs. */
const pollsInProgress = new Set<string>();

export class NetSuiteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetSuite Trigger',
		name: 'netSuiteTrigger',
		icon: { light: 'file:netsuite.svg', dark: 'file:netsuite.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{"changes: " + ($parameter["recordType"].value || $parameter["recordType"])}}',
		description: 'Starts the workflow when NetSuite records are created, updated or deleted',
		defaults: { name: 'NetSuite Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
			authenticationParameter,
			eventParameter,
			{
				displayName:
					"The watermark is kept per node name: renaming this node starts it over. n8n saves it before later nodes run; if one fails, retry that execution (or sync with Get Changes and your own cursor).",
				name: 'deliveryNotice',
				type: 'notice',
				default: '',
			},
			recordTypeLocator,
			{
				displayName: 'First Run',
				name: 'firstRun',
				type: 'options',
				default: 'now',
				options: [
					{ name: 'From Now', value: 'now', description: 'Only changes after activation (NetSuite’s newest record at that moment)' },
					{ name: 'From a Date', value: 'date' },
					{ name: 'Everything', value: 'everything', description: 'Every existing record, then changes' },
				],
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				displayOptions: { show: { firstRun: ['date'] } },
			},
			...changeFeedParameters(5),
			{
				displayName: 'Emit Failed Records',
				name: 'skipFailed',
				type: 'boolean',
				default: false,
				description:
					'Whether a record that still fails to load after retries is emitted flagged failed: true (with its error) so the watermark moves on. Off: the poll stops before it and the next poll tries again.',
			},
			simplifyParameter,
			optionsCollection([batchSizeOption, ...recordReadOptions, ...runOptions]),
		],
	};

	methods = { listSearch: { searchRecordTypes } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const simplify = isSimplified(this.getNode().typeVersion, () => this.getNodeParameter('simplify', true));
		const lockKey = `${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`;
		if (pollsInProgress.has(lockKey)) return null;
		pollsInProgress.add(lockKey);
		let failure: unknown;
		try {
			const output = await pollChanges.call(this);
			return simplify && output ? output.map((items) => items.map(simplifyChangeItem)) : output;
		} catch (error) {
			failure = error;
		} finally {
			pollsInProgress.delete(lockKey);
		}
		if (failure instanceof RecordTypeError || failure instanceof CursorError) {
			throw new NodeOperationError(this.getNode(), `Parameter "${failure.field}": ${failure.message}`);
		}
		throw failure;
	}
}

async function pollChanges(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const feed = readFeedParameters((name, fallback) =>
		this.getNodeParameter(name, fallback, name === 'recordType' ? { extractValue: true } : undefined),
	);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const client = await NetSuiteClient.create(this, {
		authentication: this.getNodeParameter('authentication', 'tokenBased') as AuthenticationMethod,
		...clientOptionsFrom(options),
	});
	const recordType = feed.source.recordType;

	if (this.getMode() === 'manual') {
		// "Fetch Test Event": the newest record as a sample; static data is neither read nor written.
		const newest = await newestRow(client, changesTable(feed.source, feed.columns));
		if (!newest) throw new NodeOperationError(this.getNode(), `No ${recordType} records found in NetSuite to show as a sample.`);
		let record: IDataObject = { id: newest.id, ...newest.columns };
		if (feed.mode === 'full') {
			const hydration = await createHydrator(client, { recordType, ...hydrationOptions(options) })(newest.id);
			if (hydration.status === 'failed') throw hydration.error;
			if (hydration.status === 'ok') record = hydration.record;
		}
		const lastModified = toIsoSeconds(localToUtc(newest.local, feed.timeZone));
		return [[{ json: { recordType, id: newest.id, lastModified, deleted: false, reread: false, record, sample: true } }]];
	}

	// n8n persists only top-level static-data changes it can see: whole values are assigned, last.
	const state = this.getWorkflowStaticData('node');
	const cursor = parseCursor(state.cursor, 'watermark');
	if (!cursor) {
		const firstRun = this.getNodeParameter('firstRun', 'now') as string;
		if (firstRun === 'now') {
			const start = await cursorAtNewest(client, feed.source, feed.includeDeletions, feed.timeZone);
			// Rows already in the lookback window at activation are history, not changes: remember
			// them so the lookback's re-reads skip them, while a late commit still shows up.
			const history = await readChanges(client, { ...feed, mode: 'columns', columns: [], cursor: start, maxRecords: 1, skipFailed: true, hydration: hydrationOptions(options) });
			const seen = DeliveredVersions.from({});
			for (const entry of history.entries) if (entry.reread) seen.add(entry.kind === 'deleted' ? 'deleted' : 'changed', entry.id, entry.feedLastModified);
			state.delivered = seen.keepAfter(Date.parse(start.lastModified) - feed.lookbackMs);
			state.cursor = start;
			return null;
		}
	}
	let startAt: number | undefined;
	if (!cursor && this.getNodeParameter('firstRun', 'now') === 'date') {
		startAt = Date.parse(String(this.getNodeParameter('startDate', '')));
		if (Number.isNaN(startAt)) throw new NodeOperationError(this.getNode(), 'Parameter "startDate": set a start date, or choose another First Run.');
	}

	const delivered = DeliveredVersions.from(state.delivered);
	const batch = await readChanges(client, {
		...feed,
		cursor,
		startAt,
		skipFailed: this.getNodeParameter('skipFailed', false) as boolean,
		hydration: hydrationOptions(options),
		alreadyDelivered: (kind, id, lastModified) => delivered.has(kind, id, lastModified),
	});
	if (batch.entries.length === 0 && batch.stoppedBy) throw batch.stoppedBy.error;

	for (const entry of batch.entries) delivered.add(entry.kind === 'deleted' ? 'deleted' : 'changed', entry.id, entry.feedLastModified);
	if (batch.cursor) {
		state.delivered = delivered.keepAfter(Date.parse(batch.cursor.lastModified) - feed.lookbackMs, batch.cursor.deletedSince ? Date.parse(batch.cursor.deletedSince) - feed.lookbackMs : undefined);
		state.cursor = batch.cursor;
	}
	if (batch.entries.length === 0) return null;
	const summary = batchSummary(batch, client.snapshotCounters());
	return [batch.entries.map((entry) => entryToItem(entry, recordType, summary))];
}
