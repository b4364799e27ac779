import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { NetSuiteClient } from '../transport/client';
import type { AuthenticationMethod } from '../transport/client';
import { clientOptionsFrom } from './common';
import * as record from './record/Record.resource';
import * as restlet from './restlet/Restlet.resource';
import * as suiteql from './suiteql/SuiteQl.resource';

type Executor = (this: IExecuteFunctions, client: NetSuiteClient, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

const executors: Record<string, Record<string, Executor>> = {
	record: record.executors,
	suiteql: suiteql.executors,
	restlet: restlet.executors,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const executor = executors[resource]?.[operation];
	if (!executor) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}".`);
	}
	// One client per execution: one set of counters, and the account's shared limiter.
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const client = await NetSuiteClient.create(this, {
		authentication: this.getNodeParameter('authentication', 0, 'tokenBased') as AuthenticationMethod,
		...clientOptionsFrom(options),
	});
	const output = await executor.call(this, client, items);
	this.logger.debug('NetSuite run finished', { resource, operation, ...client.snapshotCounters() });
	return [output];
}
