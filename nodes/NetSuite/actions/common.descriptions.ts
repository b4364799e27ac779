/** Parameters several operations, and the trigger, show the same way (parameterValues.ts reads them). */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

export const runOptions: INodePropertyCollection['values'] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 5,
		description:
			"Requests this run keeps in flight at most. Never more than the credential's Account Concurrency Limit, which all workflows using the account share.",
	},
	{
		displayName: 'Retry Time Budget (Seconds)',
		name: 'retryBudgetSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description:
			'How long one request may keep retrying after NetSuite refuses it for concurrency (429), a 5xx or a dropped connection',
	},
	{
		displayName: 'Request Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'How long to wait for one NetSuite answer before treating it as a timeout',
	},
];

/** How records are read (GET): shared by Get, Get Many, Get Changes and the trigger. */
export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 100,
	description:
		'Records fetched (hydrated) at once; bounds memory and queued work while listing continues',
};

export const recordReadOptions: INodeProperties[] = [
	{
		displayName: 'Expand Sub-Resources',
		name: 'expandSubResources',
		type: 'boolean',
		default: true,
		description:
			'Whether to include sublists (e.g. order lines) and subrecords in full instead of as links',
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '',
		placeholder: 'companyName,email',
		description: 'Comma-separated body fields to return; all when empty',
	},
];

export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
