/**
 * The benchmarks measure the built, bundled node: what users install (`npm run bench` builds first).
 * Loaded by path at run time, so linting a fresh clone does not need dist/; and ts-node, unlike
 * jest, would resolve `NetSuite.node` to the codex file NetSuite.node.json first.
 */
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import type { NetSuite } from '../../nodes/NetSuite/NetSuite.node';

export function builtNetSuiteNode(): NetSuite {
	const modulePath = join(__dirname, '..', '..', 'dist', 'nodes', 'NetSuite', 'NetSuite.node.js');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { NetSuite: Built } = require(modulePath) as { NetSuite: new () => NetSuite };
	return new Built();
}

/** Get Changes over every customer, columns only, in the simulator's zone: the feed the benchmarks time. */
export function customerChanges(parameters: INodeParameters): INodeParameters {
	return {
		resource: 'record',
		operation: 'getChanges',
		recordType: { __rl: true, mode: 'id', value: 'customer' },
		mode: 'columns',
		accountTimeZone: 'America/New_York',
		...parameters,
	};
}
