import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AuthenticationMethod } from '../credentialTypes';
import { NetSuiteClient } from '../transport/client';
import type { Executor, NetSuiteResource, ResourceExecutors } from './node.type';
import { clientOptionsFrom } from './parameterValues';
import * as record from './record/Record.resource';
import * as restlet from './restlet/Restlet.resource';
import * as suiteql from './suiteql/SuiteQl.resource';

const executors: { [R in NetSuiteResource]: ResourceExecutors<R> } = {
	record: record.executors,
	restlet: restlet.executors,
	suiteql: suiteql.executors,
};

/** Undefined for a pair this version does not have (a workflow saved by another version can name one). */
function executorFor(resource: string, operation: string): Executor | undefined {
	return (executors as Record<string, Record<string, Executor> | undefined>)[resource]?.[operation];
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const executor = executorFor(resource, operation);
	if (!executor) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not known for "${resource}".`,
		);
	}
	// One client per execution: one set of counters, and the account's shared limiter.
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const client = await NetSuiteClient.create(this, {
		authentication: this.getNodeParameter(
			'authentication',
			0,
			'tokenBased',
		) as AuthenticationMethod,
		...clientOptionsFrom(options),
	});
	const output = await executor.call(this, client, items);
	this.logger.debug('NetSuite run finished', { resource, operation, ...client.snapshotCounters() });
	return [output];
}
