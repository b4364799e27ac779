import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../itemRunner';
import { parseJsonParameter } from '../parameterValues';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Script',
		name: 'script',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'customscript_my_restlet or 6',
		description: 'Script ID or internal ID of the RESTlet',
	},
	{
		displayName: 'Deployment',
		name: 'deploy',
		type: 'string',
		default: '1',
		required: true,
		placeholder: 'customdeploy_my_restlet or 1',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Parameter',
		options: [
			{
				name: 'parameter',
				displayName: 'Parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: ['POST', 'PUT'] } },
	},
];

export const description = operationFields('restlet', 'call', properties);

const SCRIPT_PATTERN = /^[A-Za-z0-9_]{1,100}$/;

export const execute: Executor = async function (client, items) {
	return await runPerItem(this, items, async (i) => {
		const script = String(this.getNodeParameter('script', i, '')).trim();
		const deploy = String(this.getNodeParameter('deploy', i, '')).trim();
		for (const [name, value] of [
			['script', script],
			['deploy', deploy],
		]) {
			if (!SCRIPT_PATTERN.test(value)) {
				throw new NodeOperationError(
					this.getNode(),
					`Parameter "${name}": use the RESTlet's script/deployment ID or internal ID (letters, digits, _).`,
					{ itemIndex: i },
				);
			}
		}
		const method = this.getNodeParameter('method', i, 'GET') as IHttpRequestMethods;
		const extra = (
			this.getNodeParameter('queryParameters.parameter', i, []) as Array<{
				name: string;
				value: string;
			}>
		).filter((p) => p.name);
		const query: Record<string, string> = { script, deploy };
		for (const { name, value } of extra) {
			if (name === 'script' || name === 'deploy') continue;
			query[name] = value;
		}
		const body =
			method === 'POST' || method === 'PUT'
				? parseJsonParameter(this, this.getNodeParameter('body', i, '{}'), 'body', i)
				: undefined;
		// A RESTlet is the user's own code: only reads are assumed safe to resend.
		const response = await client.request<unknown>({
			method,
			service: 'restlet',
			path: '/app/site/hosting/restlet.nl',
			query,
			body,
			replaySafe: method === 'GET',
			itemIndex: i,
		});
		const result = response.body;
		if (Array.isArray(result))
			return result.map((entry) => ({
				json: (entry && typeof entry === 'object' ? entry : { value: entry }) as IDataObject,
			}));
		if (result && typeof result === 'object') return [{ json: result as IDataObject }];
		return [{ json: { response: (result ?? null) as IDataObject[string] } }];
	});
};
