/**
 * The HTTP control API and its client, as a benchmark in another process would use them.
 */
import { SimulatorControlClient, type RunningSimulator } from './index';
import type { TbaClient } from './testing/tbaClient';
import { rawRequest } from './testing/tbaClient';
import { REST, sleep, startTestSimulator, TEST_CLOCK_START } from './testing/setup';

let sim: RunningSimulator;
let client: TbaClient;
let remote: SimulatorControlClient;

beforeAll(async () => {
	({ sim, client } = await startTestSimulator({ records: { customer: 50, salesOrder: 10 } }));
	remote = new SimulatorControlClient(sim.baseUrl);
});
afterAll(() => sim.stop());

test('records, writes and the clock over HTTP', async () => {
	await remote.setClock('2026-11-20T16:00:00Z');
	expect(await remote.now()).toBe('2026-11-20T16:00:00.000Z');
	const created = await remote.createRecord('customer', {
		companyName: 'Remote Co',
		externalId: 'REMOTE-1',
	});
	expect(created).toEqual({
		id: expect.stringMatching(/^\d+$/),
		lastModifiedDate: '2026-11-20T16:00:00Z',
	});
	await remote.advanceClock(1000);
	expect(
		(await remote.updateRecord('customer', created.id, { email: 'r@example.com' }))
			.lastModifiedDate,
	).toBe('2026-11-20T16:00:01Z');
	const snap = (await remote.records('customer')).find((r) => r.id === created.id)!;
	expect(snap).toMatchObject({
		externalId: 'REMOTE-1',
		lastModifiedDate: '2026-11-20T16:00:01Z',
		fields: { companyName: 'Remote Co', email: 'r@example.com' },
	});
	await remote.deleteRecord('customer', created.id);
	expect(await remote.deletedRecords()).toContainEqual({
		type: 'customer',
		id: created.id,
		deletedDate: '2026-11-20T16:00:01Z',
	});
});

test('late commits over HTTP', async () => {
	const late = await remote.lateCommit('customer', {
		fields: { companyName: 'Remote Late' },
		stampedAt: '2026-11-20T15:00:00Z',
		visibleAfterMs: 200,
	});
	expect((await client.get(`${REST}/customer/${late.id}`)).status).toBe(404);
	await sleep(250);
	expect((await client.get(`${REST}/customer/${late.id}`)).status).toBe(200);
	await remote.lateCommit('customer', {
		fields: { companyName: 'Remote Later' },
		stampedAt: '2026-11-20T15:00:00Z',
		visibleAfterMs: 600_000,
	});
	expect(await remote.commitLate()).toBe(1);
});

test('faults, concurrency, latency and counters over HTTP', async () => {
	await remote.resetCounters();
	await remote.setFaults({ rate503: 1 });
	expect((await client.get(`${REST}/customer?limit=1`)).status).toBe(503);
	await remote.setFaults({});
	await remote.setConcurrency(1);
	await remote.setLatency({ latencyMs: 150 });
	const both = await Promise.all([
		client.get(`${REST}/customer?limit=1`),
		client.get(`${REST}/customer?limit=1`),
	]);
	expect(both.map((r) => r.status).sort()).toEqual([200, 429]);
	await remote.setLatency({ latencyMs: 0 });
	await remote.setConcurrency(5);
	const c = await remote.counters();
	expect(c).toMatchObject({
		requests: 3,
		sent429: 1,
		status: { '200': 1, '429': 1, '503': 1 },
		inFlight: 0,
	});
});

test('auth log over HTTP (GET /__sim/auth-log works too)', async () => {
	await client.get(`${REST}/customer?limit=1`, { consumerSecret: 'nope' });
	const log = await remote.authLog();
	expect(log[log.length - 1]).toMatchObject({
		method: 'GET',
		path: `${REST}/customer`,
		reason: 'InvalidSignature',
	});
	const viaGet = await rawRequest('GET', `${sim.baseUrl}/__sim/auth-log`, {});
	expect(viaGet.json.result[viaGet.json.result.length - 1].reason).toBe('InvalidSignature');
});

test('errors come back as exceptions with the reason', async () => {
	await expect(remote.createRecord('nosuchtype', {})).rejects.toThrow(
		/Unknown record type 'nosuchtype'/,
	);
	await expect(
		remote.updateRecord('customer', '999999999', { email: 'x@example.com' }),
	).rejects.toThrow(/NONEXISTENT_ID/);
	await expect(remote.createRecord('customer', { notAField: 1 })).rejects.toThrow(
		/NONEXISTENT_FIELD/,
	);
	const unknown = await rawRequest('POST', `${sim.baseUrl}/__sim/noSuchMethod`, {});
	expect(unknown.status).toBe(404);
});

test('reset regenerates the same data for the same seed and clears state', async () => {
	await remote.createRecord('customer', { companyName: 'Wiped' });
	await remote.setFaults({ rate500: 1 });
	await remote.reset({ records: { customer: 30 }, clockStart: TEST_CLOCK_START });
	expect((await client.get(`${REST}/customer?limit=1`)).status).toBe(200);
	const first = await remote.records('customer');
	expect(first).toHaveLength(30);
	expect(first.some((r) => r.fields.companyName === 'Wiped')).toBe(false);
	await remote.reset({ records: { customer: 30 }, clockStart: TEST_CLOCK_START });
	expect(await remote.records('customer')).toEqual(first);
	expect((await remote.counters()).requests).toBe(0);
	await remote.reset({ records: { customer: 30 }, seed: 2, clockStart: TEST_CLOCK_START });
	expect((await remote.records('customer')).map((r) => r.fields.companyName)).not.toEqual(
		first.map((r) => r.fields.companyName),
	);
});
