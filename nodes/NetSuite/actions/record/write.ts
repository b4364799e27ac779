/** Create, update, upsert and delete share how a write is sent and what it returns. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { NetSuiteClient, NetSuiteRequest } from '../../transport/client';
import { runOptions } from '../common';
import { idFromLocation } from './recordId';
import { getRecord } from './get.operation';

export const bodyParameter: INodeProperties = {
	displayName: 'Fields (JSON)',
	name: 'body',
	type: 'json',
	default: '{\n  "companyName": "Acme Inc."\n}',
	required: true,
	description: 'The record\'s fields as NetSuite\'s REST API names them. References are objects like {"ID": "1"}.',
};

export const returnRecordOption: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Return Record',
			name: 'returnRecord',
			type: 'boolean',
			default: false,
			description: 'Whether to read the record back after writing it and return it in full (one more call)',
		},
		...runOptions,
	],
};

export async function sendWrite(
	ctx: IExecuteFunctions,
	client: NetSuiteClient,
	request: NetSuiteRequest,
	recordType: string,
	itemIndex: number,
	knownId?: string,
): Promise<INodeExecutionData[]> {
	const response = await client.request<IDataObject>({ ...request, itemIndex });
	const id = idFromLocation(response.headers.location) ?? knownId;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (options.returnRecord === true && id) {
		return [{ json: await getRecord(client, recordType, id, { expandSubResources: true }, itemIndex) }];
	}
	return [{ json: { id: id ?? null, recordType, location: (response.headers.location as string) ?? null } }];
}
