import type { INodeProperties } from 'n8n-workflow';

import * as call from './call.operation';

export const executors = { call: call.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['restlet'] } },
		default: 'call',
		options: [{ name: 'Call', value: 'call', action: 'Call a res tlet' }],
	},
	...call.description,
];
