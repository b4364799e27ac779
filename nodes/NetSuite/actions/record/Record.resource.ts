import type { INodeProperties } from 'n8n-workflow';

import type { ResourceExecutors } from '../node.type';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getChanges from './getChanges.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';
import { recordTypeLocator } from './recordParameters';

export const executors: ResourceExecutors<'record'> = {
	create: create.execute,
	delete: del.execute,
	get: get.execute,
	getChanges: getChanges.execute,
	getMany: getMany.execute,
	update: update.execute,
	upsert: upsert.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['record'] } },
		default: 'getMany',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a record',
				description: 'Create a record (with an idempotency key, so a retry never doubles it)',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a record by external ID',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a record' },
			{ name: 'Get', value: 'get', action: 'Get a record' },
			{
				name: 'Get Changes',
				value: 'getChanges',
				action: 'Get changes since a cursor',
				description:
					'Records modified (and optionally deleted) since a cursor, for resumable syncs',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many records',
				description: 'List IDs, then GET each record concurrently at the account limit',
			},
			{ name: 'Update', value: 'update', action: 'Update a record' },
		],
	},
	// Every record operation is about one record type: declared once, shown right below Operation.
	{ ...recordTypeLocator, displayOptions: { show: { resource: ['record'] } } },
	...create.description,
	...del.description,
	...get.description,
	...getChanges.description,
	...getMany.description,
	...update.description,
	...upsert.description,
];
