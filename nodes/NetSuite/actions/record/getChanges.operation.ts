import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseCursor } from '../../sync/cursor';
import { readChanges } from '../../sync/readChanges';
import { batchSummary, cursorItem, entryToItem } from '../../changeFeed/items';
import {
	changeFeedParameters,
	parseStartDate,
	readFeedParameters,
	startDateParameter,
} from '../../changeFeed/parameters';
import {
	batchSizeOption,
	optionsCollection,
	recordReadOptions,
	runOptions,
} from '../common.descriptions';
import { runEachItemInTurn } from '../itemRunner';
import { hydrationOptions } from '../parameterValues';
import { isSimplified, simplifyChangeItem, simplifyParameter } from '../simplify';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Cursor',
		name: 'cursor',
		type: 'json',
		default: '',
		placeholder: '{"lastModified": "2026-11-01T05:30:00Z", "ID": "1234"}',
		description:
			'Where the last run stopped: the cursor of the last item you processed (e.g. {{ $JSON.cursor }} from your database). Empty starts from the Start setting.',
	},
	{
		displayName: 'Start (Without Cursor)',
		name: 'startFrom',
		type: 'options',
		default: 'beginning',
		options: [
			{ name: 'From the Beginning', value: 'beginning' },
			{ name: 'From a Date', value: 'date' },
		],
	},
	startDateParameter({ startFrom: ['date'] }),
	...changeFeedParameters(),
	{
		displayName: 'Skip Failed Records',
		name: 'skipFailed',
		type: 'boolean',
		default: false,
		description:
			'Whether a record that still fails to load after retries (e.g. locked) goes to the error output with its ID and error while the cursor moves on. Off: the batch stops before it and the next run tries it again.',
		hint: "Set the node's On Error to 'Continue (using error output)' to route it",
	},
	simplifyParameter,
	optionsCollection([batchSizeOption, ...recordReadOptions, ...runOptions]),
];

export const description = operationFields('record', 'getChanges', properties);

export const execute: Executor = async function (client, items) {
	return await runEachItemInTurn(this, items, async (i) => {
		const output: INodeExecutionData[] = [];
		const feed = readFeedParameters((name, fallback) =>
			this.getNodeParameter(
				name,
				i,
				fallback,
				name === 'recordType' ? { extractValue: true } : undefined,
			),
		);
		const cursor = parseCursor(this.getNodeParameter('cursor', i, ''));
		const startFrom = this.getNodeParameter('startFrom', i, 'beginning') as string;
		let startAt: number | undefined;
		if (!cursor && startFrom === 'date') {
			startAt = parseStartDate(this.getNodeParameter('startDate', i, ''), this.getTimezone());
			if (Number.isNaN(startAt)) {
				throw new NodeOperationError(
					this.getNode(),
					'Parameter "startDate": set a start date, or choose From the Beginning.',
					{ itemIndex: i },
				);
			}
		}
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const batch = await readChanges(client, {
			...feed,
			cursor,
			startAt,
			skipFailed: this.getNodeParameter('skipFailed', i, false) as boolean,
			hydration: hydrationOptions(options),
			itemIndex: i,
		});
		if (batch.entries.length === 0 && batch.stoppedBy) throw batch.stoppedBy.error;
		const summary = batchSummary(batch, client.snapshotCounters());
		for (const entry of batch.entries) {
			output.push({
				...entryToItem(entry, feed.source.recordType, summary),
				pairedItem: { item: i },
			});
		}
		// Nothing to deliver, yet the feed moved (rows passed over, or more to read): the cursor must still reach the workflow.
		if (
			output.length === 0 &&
			(batch.hasMore || JSON.stringify(batch.cursor) !== JSON.stringify(cursor))
		) {
			output.push({ ...cursorItem(feed.source.recordType, summary), pairedItem: { item: i } });
		}
		// Simplify (nodes from version 1.1): the records without NetSuite's links.
		if (isSimplified(this.getNode().typeVersion, () => this.getNodeParameter('simplify', i, true)))
			return output.map(simplifyChangeItem);
		return output;
	});
};
