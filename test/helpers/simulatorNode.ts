/** Drives the NetSuite node and trigger against a real simulator through n8n-core's engine. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { NetSuite } from '../../nodes/NetSuite/NetSuite.node';
import { NetSuiteTrigger } from '../../nodes/NetSuite/NetSuiteTrigger.node';
import { startSimulator } from '../simulator';
import type { RunningSimulator, SimulatorOptions } from '../simulator';
import { PollHarness, runNode } from './n8nHarness';
import type { RunNodeResult } from './n8nHarness';

export async function withSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	return await startSimulator({ timeZone: 'America/New_York', ...options });
}

export function credentialsFor(sim: RunningSimulator, extra: IDataObject = {}) {
	return { netSuiteTbaApi: { ...sim.credentials, ...extra } };
}

export async function runNetSuite(
	sim: RunningSimulator,
	parameters: INodeParameters,
	options: {
		input?: INodeExecutionData[];
		onError?: 'continueRegularOutput' | 'continueErrorOutput';
		credentials?: IDataObject;
		settings?: IDataObject;
		typeVersion?: number;
	} = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new NetSuite(),
		typeVersion: options.typeVersion,
		parameters,
		credentials: credentialsFor(sim, options.credentials),
		input: options.input,
		onError: options.onError,
		settings: options.settings,
	});
}

export function recordType(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function triggerFor(
	sim: RunningSimulator,
	parameters: INodeParameters,
	typeVersion?: number,
): PollHarness {
	return new PollHarness(
		new NetSuiteTrigger() as NetSuiteTrigger & { poll: NonNullable<NetSuiteTrigger['poll']> },
		parameters,
		credentialsFor(sim),
		undefined,
		typeVersion,
	);
}
