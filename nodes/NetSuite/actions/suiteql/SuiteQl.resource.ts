import type { INodeProperties } from 'n8n-workflow';

import * as execute from './execute.operation';

export const executors = { execute: execute.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['suiteql'] } },
		default: 'execute',
		options: [{ name: 'Execute', value: 'execute', action: 'Execute a suite ql query', description: 'Run a query, paging 1,000 rows at a time' }],
	},
	...execute.description,
];
