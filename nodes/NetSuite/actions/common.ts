/** Parameters and helpers shared by several operations. */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { AccountConfigError } from '../account';
import type { ClientOptions } from '../transport/client';
import { OffsetCapError } from '../transport/paging';
import { CursorError } from '../sync/cursor';
import { RecordTypeError } from '../sync/recordTypes';

export const recordTypeLocator: INodeProperties = {
	displayName: 'Record Type',
	name: 'recordType',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The NetSuite record type, e.g. customer, salesOrder, or a custom record like customrecord_my_type',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchRecordTypes', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'salesOrder',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[A-Za-z][A-Za-z0-9_]{0,99}$',
						errorMessage: 'Use a record type ID: letters, digits and underscores (e.g. salesOrder, customrecord_my_type)',
					},
				},
			],
		},
	],
};

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
	description: 'Records fetched (hydrated) at once; bounds memory and queued work while listing continues',
};

export const recordReadOptions: INodeProperties[] = [
	{
		displayName: 'Expand Sub-Resources',
		name: 'expandSubResources',
		type: 'boolean',
		default: true,
		description: 'Whether to include sublists (e.g. order lines) and subrecords in full instead of as links',
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
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

export function clientOptionsFrom(options: IDataObject): ClientOptions {
	const seconds = (value: unknown) => (typeof value === 'number' && value > 0 ? value * 1000 : undefined);
	return {
		concurrency: typeof options.concurrency === 'number' ? options.concurrency : undefined,
		retry: { budgetMs: seconds(options.retryBudgetSeconds) },
		timeoutMs: seconds(options.timeoutSeconds),
	};
}

/** Validation errors from the shared code, as n8n errors naming the parameter. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex?: number): unknown {
	if (
		error instanceof RecordTypeError ||
		error instanceof CursorError ||
		error instanceof AccountConfigError
	) {
		return new NodeOperationError(ctx.getNode(), `Parameter "${error.field}": ${error.message}`, { itemIndex });
	}
	if (error instanceof OffsetCapError) {
		return new NodeOperationError(ctx.getNode(), error.message, { itemIndex });
	}
	return error;
}

export function parseJsonParameter(ctx: IExecuteFunctions, value: unknown, name: string, itemIndex: number): IDataObject {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (typeof value === 'string') {
		try {
			const parsed = JSON.parse(value === '' ? '{}' : value) as unknown;
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
		} catch {
			// reported below
		}
	}
	throw new NodeOperationError(ctx.getNode(), `Parameter "${name}" must be a JSON object with the record's fields, e.g. {"companyName": "Acme"}`, {
		itemIndex,
	});
}

export function splitList(value: unknown): string[] {
	return (typeof value === 'string' ? value : '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}
