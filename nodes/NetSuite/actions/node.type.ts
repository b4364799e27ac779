/** Every resource and its operations, as the router dispatches them (n8n's Airtable v2 `node.type.ts`). */
import type {
	AllEntities,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../transport/client';

type NetSuiteMap = {
	record: 'create' | 'delete' | 'get' | 'getChanges' | 'getMany' | 'update' | 'upsert';
	restlet: 'call';
	suiteql: 'execute';
};

export type NetSuiteType = AllEntities<NetSuiteMap>;
export type NetSuiteResource = NetSuiteType['resource'];

export type Executor = (
	this: IExecuteFunctions,
	client: NetSuiteClient,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/** One resource's operations, each to its executor: a missing or unknown operation does not compile. */
export type ResourceExecutors<R extends NetSuiteResource> = Record<
	Extract<NetSuiteType, { resource: R }>['operation'],
	Executor
>;

/** An operation's own fields, shown only while its resource and operation are chosen. */
export function operationFields<R extends NetSuiteResource>(
	resource: R,
	operation: Extract<NetSuiteType, { resource: R }>['operation'],
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [operation] } },
		properties,
	);
}
