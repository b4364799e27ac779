import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { NetSuiteClient } from '../../nodes/NetSuite/transport/client';
import type { ClientOptions } from '../../nodes/NetSuite/transport/client';

export type ProbeScenario = (client: NetSuiteClient) => Promise<unknown>;

/** A node that hands a real, engine-built NetSuiteClient to the scenario a test sets. */
export class TransportProbe implements INodeType {
	static scenario: ProbeScenario = async () => undefined;

	static clientOptions: ClientOptions = {};

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

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await NetSuiteClient.create(this, TransportProbe.clientOptions);
		const result = await TransportProbe.scenario(client);
		return [[{ json: { result: result as never, counters: { ...client.snapshotCounters() } } }]];
	}
}
