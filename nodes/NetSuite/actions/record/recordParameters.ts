/** Which record an operation is about: the Record Type locator, the Record ID, and how both are read. */
import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { validateRecordType } from '../../sync/recordTypes';
import { runPerItem } from '../itemRunner';

/** Declared once for the Record resource (Record.resource.ts), and in the trigger. */
export const recordTypeLocator: INodeProperties = {
	displayName: 'Record Type',
	name: 'recordType',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The NetSuite record type, e.g. customer, salesOrder, or a custom record like customrecord_my_type',
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
						errorMessage:
							'Use a record type ID: letters, digits and underscores (e.g. salesOrder, customrecord_my_type)',
					},
				},
			],
		},
	],
};

/** The record type as picked or typed, checked (validateRecordType). */
export function readRecordType(ctx: IExecuteFunctions, itemIndex: number): string {
	return validateRecordType(rawRecordType(ctx, itemIndex));
}

function rawRecordType(ctx: IExecuteFunctions, itemIndex: number): unknown {
	return ctx.getNodeParameter('recordType', itemIndex, '', { extractValue: true });
}

export const recordIdParameter: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '107 or eid:CID001',
	description: 'Internal ID, or an external ID prefixed with eid:',
};

const INTERNAL_ID = /^\d{1,19}$/;
const EXTERNAL_ID = /^eid:.{1,255}$/;

export function readRecordId(ctx: IExecuteFunctions, itemIndex: number, name = 'recordId'): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as string | number;
	const id = String(raw).trim();
	if (!INTERNAL_ID.test(id) && !EXTERNAL_ID.test(id)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Parameter "${name}": "${id.slice(0, 40)}" is not a record ID. Use the internal ID (digits, e.g. 107) or eid: followed by the external ID.`,
			{ itemIndex },
		);
	}
	return id;
}

/** What an error item of an operation on one record (Get, Update, Delete) says it was about: the values as given. */
export function recordErrorContext(ctx: IExecuteFunctions): (itemIndex: number) => IDataObject {
	return (itemIndex) => ({
		recordType: rawRecordType(ctx, itemIndex) as string,
		id: String(ctx.getNodeParameter('recordId', itemIndex, '')),
	});
}

/** Runs an operation on one record per item: its type and id read and checked, failures named by both. */
export async function runPerRecord(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: (recordType: string, id: string, itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		ctx,
		items,
		async (i) => await operation(readRecordType(ctx, i), readRecordId(ctx, i), i),
		recordErrorContext(ctx),
	);
}
