import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { authenticationParameter, credentialsDescription } from './actions/authentication';
import {
	batchSizeOption,
	optionsCollection,
	recordReadOptions,
	runOptions,
} from './actions/common.descriptions';
import { recordTypeLocator } from './actions/record/recordParameters';
import { isSimplified, simplifyChangeItem, simplifyParameter } from './actions/simplify';
import { changeFeedParameters, startDateParameter } from './changeFeed/parameters';
import { listSearch } from './methods';
import { ParameterError } from './parameterError';
import { pollChanges } from './trigger/pollChanges';
import { eventParameter } from './triggerEvent';

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
					'The watermark is kept per node name: renaming this node starts it over. n8n saves it before later nodes run; if one fails, retry that execution (or sync with Get Changes and your own cursor).',
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
					{
						name: 'From Now',
						value: 'now',
						description: 'Only changes after activation (NetSuite’s newest record at that moment)',
					},
					{ name: 'From a Date', value: 'date' },
					{
						name: 'Everything',
						value: 'everything',
						description: 'Every existing record, then changes',
					},
				],
			},
			startDateParameter({ firstRun: ['date'] }),
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

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const simplify = isSimplified(this.getNode().typeVersion, () =>
			this.getNodeParameter('simplify', true),
		);
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
		if (failure instanceof ParameterError) {
			throw new NodeOperationError(
				this.getNode(),
				`Parameter "${failure.field}": ${failure.message}`,
			);
		}
		throw failure;
	}
}
