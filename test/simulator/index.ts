/**
 * A NetSuite REST simulator for tests, benchmarks and demos: TBA and OAuth 2.0 M2M auth,
 * the record service, SuiteQL (on sql.js), RESTlets, governance and fault injection.
 * See README.md in this folder for what it reproduces and what it approximates.
 */
import { createControl } from './control';
import { startServer } from './server';
import { resolveOptions, Simulator } from './simulator';
import type { RunningSimulator, SimulatorOptions } from './types';

export * from './types';
export { DEMO_KEYS, DEFAULT_ACCOUNT_ID, accountHosts, realmOf } from './simulator';
export { SimulatorControlClient } from './controlClient';
export { tbaBaseString, tbaSignature, rfc3986, TbaVerifier, parseOAuthHeader } from './auth/tba';
export { DEMO_COUNTS, onlyRecords } from './data/generator';

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
	const resolved = resolveOptions(opts);
	const sim = await Simulator.create(resolved);
	let baseUrl = '';
	const control = createControl(sim, () => baseUrl);
	const server = await startServer(sim, control, resolved.host, resolved.port);
	const linkHost =
		resolved.host === '0.0.0.0' || resolved.host === '::' ? '127.0.0.1' : resolved.host;
	baseUrl = `http://${linkHost}:${server.port}`;
	let stopped = false;
	return {
		baseUrl,
		port: server.port,
		credentials: {
			accountId: resolved.realm,
			consumerKey: resolved.consumerKey,
			consumerSecret: resolved.consumerSecret,
			tokenId: resolved.tokenId,
			tokenSecret: resolved.tokenSecret,
			baseUrl,
		},
		control,
		async stop() {
			if (stopped) return;
			stopped = true;
			await server.close();
			sim.close();
		},
	};
}
