import type { INodeProperties } from 'n8n-workflow';

import type { ResourceExecutors } from '../node.type';
import * as execute from './execute.operation';

// Product names keep their capitals (n8n's sentence-case check would write them as plain words).
const EXECUTE_ACTION = 'Execute a SuiteQL query';

export const executors: ResourceExecutors<'suiteql'> = { execute: execute.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['suiteql'] } },
		default: 'execute',
		options: [
			{
				name: 'Execute',
				value: 'execute',
				action: EXECUTE_ACTION,
				description: 'Run a query, paging 1,000 rows at a time',
			},
		],
	},
	...execute.description,
];
