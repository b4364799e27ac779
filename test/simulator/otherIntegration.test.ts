/**
 * Other integrations on the account: K slots held by requests of a chosen duration, counted.
 */
import type { RunningSimulator } from './index';
import type { TbaClient } from './testing/tbaClient';
import { REST, sleep, startTestSimulator, listInLoops } from './testing/setup';
import { startSimulatorProcess } from '../e2e/simulatorProcess';

let sim: RunningSimulator;
let client: TbaClient;

beforeAll(async () => {
	({ sim, client } = await startTestSimulator());
});
afterAll(() => sim.stop());
afterEach(async () => {
	await sim.control.setOtherIntegration({ slots: 0 });
	await sim.control.setLatency({ latencyMs: 0 });
	// Their requests already out finish as any request would.
	while ((await sim.control.counters()).inFlight > 0) await sleep(20);
});

test('K busy slots leave the client the rest of the limit, and are counted like any request', async () => {
	await sim.control.resetCounters();
	await sim.control.setOtherIntegration({ slots: 2, durationMs: 100 });
	// Long enough that the five arrive while the first three are still held, even on a loaded machine.
	await sim.control.setLatency({ latencyMs: 1000 });
	const statuses = (
		await Promise.all(Array.from({ length: 5 }, () => client.get(`${REST}/customer?limit=1`)))
	).map((r) => r.status);
	expect(statuses.filter((s) => s === 200)).toHaveLength(3);
	expect(statuses.filter((s) => s === 429)).toHaveLength(2);
	const c = await sim.control.counters();
	// 2 loops × 100 ms requests over the ≥ 1 s so far: ten or more each, all 200s, still holding their slots.
	expect(c.byKind.integration).toBeGreaterThanOrEqual(18);
	expect(c.inFlight).toBe(2);
	expect(c.peakConcurrency).toBe(5);
	expect(c.status['200']).toBe(3 + c.byKind.integration - 2);
	expect(c.sent429).toBe(2);
});

test('they keep their slots: a client at the limit that is left never takes one of them', async () => {
	await sim.control.setOtherIntegration({ slots: 3, durationMs: 20 });
	await sim.control.setLatency({ latencyMs: 5 });
	await sim.control.resetCounters();
	await listInLoops(client, 2, 30);
	const c = await sim.control.counters();
	expect(c.sent429).toBe(0);
	expect(c.peakConcurrency).toBe(5);
});

test('starting while the account is full: they take slots as clients free them; 0 stops them', async () => {
	await sim.control.setLatency({ latencyMs: 200 });
	const clients = Promise.all(
		Array.from({ length: 5 }, () => client.get(`${REST}/customer?limit=1`)),
	);
	await sleep(50);
	await sim.control.setOtherIntegration({ slots: 2, durationMs: 300 });
	expect((await clients).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
	expect((await sim.control.counters()).inFlight).toBe(2);
	await sim.control.setOtherIntegration({ slots: 0 });
	await sleep(350);
	expect((await sim.control.counters()).inFlight).toBe(0);
});

test('bad settings are refused with the field and the range', async () => {
	await expect(sim.control.setOtherIntegration({ slots: 6 })).rejects.toThrow(
		/slots must be a whole number from 0 to the account limit \(5\), got 6/,
	);
	await expect(sim.control.setOtherIntegration({ slots: 1, durationMs: 0 })).rejects.toThrow(
		/durationMs must be a positive number/,
	);
});

test('the --other-integration flags start them with the simulator process', async () => {
	const proc = await startSimulatorProcess({
		records: { customer: 10 },
		extraArgs: ['--other-integration', '4', '--other-integration-ms', '50'],
	});
	try {
		await sleep(200);
		const c = await proc.control.counters();
		expect(c.inFlight).toBe(4);
		expect(c.byKind.integration).toBeGreaterThanOrEqual(8);
	} finally {
		await proc.stop();
	}
});
