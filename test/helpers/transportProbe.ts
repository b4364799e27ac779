import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { NetSuiteClient } from '../../nodes/NetSuite/transport/client';
import type { ClientOptions } from '../../nodes/NetSuite/transport/client';

export type ProbeScenario = (client: NetSuiteClient) => Promise<unknown>;

/**
 * A node that hands a real, engine-built NetSuiteClient to its scenario. One instance per run: the
 * engine calls execute() with the execution context as `this`, so the scenario is closed over.
 */
export class TransportProbe implements INodeType {
	description = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'test',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'netSuiteTbaApi', required: true }],
		properties: [],
	} as unknown as INodeTypeDescription;

	readonly execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	constructor(scenario: ProbeScenario, clientOptions: ClientOptions = {}) {
		this.execute = async function (this: IExecuteFunctions) {
			const client = await NetSuiteClient.create(this, clientOptions);
			const result = await scenario(client);
			return [[{ json: { result: result as never, counters: { ...client.snapshotCounters() } } }]];
		};
	}
}
