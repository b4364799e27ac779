/** Create, update and upsert share how a write is sent and what it returns. */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { NetSuiteClient, NetSuiteRequest } from '../../transport/client';
import { getRecord } from '../../sync/recordApi';
import { optionsCollection, runOptions } from '../common.descriptions';

export const bodyParameter: INodeProperties = {
	displayName: 'Fields (JSON)',
	name: 'body',
	type: 'json',
	default: '{\n  "companyName": "Acme Inc."\n}',
	required: true,
	description:
		'The record\'s fields as NetSuite\'s REST API names them. References are objects like {"ID": "1"}.',
};

export const returnRecordOption: INodeProperties = optionsCollection([
	{
		displayName: 'Return Record',
		name: 'returnRecord',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the record back after writing it and return it in full (one more call)',
	},
	...runOptions,
]);

/** The record ID at the end of a Location header NetSuite returns after a write. */
function idFromLocation(location: unknown): string | undefined {
	const text = Array.isArray(location) ? location[0] : location;
	if (typeof text !== 'string') return undefined;
	const last = text.split('?')[0].split('/').pop();
	return last ? decodeURIComponent(last) : undefined;
}

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
		return [
			{ json: await getRecord(client, recordType, id, { expandSubResources: true }, itemIndex) },
		];
	}
	return [
		{
			json: { id: id ?? null, recordType, location: (response.headers.location as string) ?? null },
		},
	];
}
