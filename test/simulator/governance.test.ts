/**
 * Governance and faults: slots, release-before-write, Retry-After, injected failures,
 * counters, and the metadata endpoints.
 */
import type { RunningSimulator } from './index';
import type { TbaClient } from './testing/tbaClient';
import { rawRequest } from './testing/tbaClient';
import { REST, startTestSimulator, listInLoops } from './testing/setup';

let sim: RunningSimulator;
let client: TbaClient;

beforeAll(async () => {
	({ sim, client } = await startTestSimulator());
});
afterAll(() => sim.stop());
afterEach(async () => {
	await sim.control.setFaults({});
	await sim.control.setLatency({ latencyMs: 0, jitterMs: 0 });
	await sim.control.setConcurrency(5);
});

test('the slot is released before the response is written: back-to-back requests at the limit never get a 429', async () => {
	await sim.control.setConcurrency(1);
	await sim.control.resetCounters();
	for (let i = 0; i < 100; i++)
		expect((await client.get(`${REST}/customer?limit=1`)).status).toBe(200);
	await sim.control.setConcurrency(5);
	await sim.control.setLatency({ latencyMs: 5, jitterMs: 5 });
	await listInLoops(client, 5, 20);
	const c = await sim.control.counters();
	expect(c.sent429).toBe(0);
	expect(c.peakConcurrency).toBe(5);
	expect(c.inFlight).toBe(0);
});

test('latency is held inside the slot and the overhead on top of it is small', async () => {
	await sim.control.setLatency({ latencyMs: 50 });
	const started = Date.now();
	await Promise.all(
		Array.from({ length: 5 }, async () => {
			for (let i = 0; i < 10; i++)
				await client.get(
					`${REST}/customer/${(await client.get(`${REST}/customer?limit=1`)).json.items[0].id}`,
				);
		}),
	);
	const elapsed = Date.now() - started;
	// 5 workers × 20 requests × 50 ms = 1 s of pure latency; allow generous slack for CI.
	expect(elapsed).toBeGreaterThanOrEqual(1000);
	expect(elapsed).toBeLessThan(2500);
});

test('Retry-After is sent on 429s only when configured; injected 429s count in sent429', async () => {
	await sim.control.resetCounters();
	await sim.control.setFaults({ rate429: 1, retryAfterSeconds: 7 });
	const res = await client.get(`${REST}/customer?limit=1`);
	expect(res.status).toBe(429);
	expect(res.headers['retry-after']).toBe('7');
	expect(res.json['o:errorDetails'][0]['o:errorCode']).toBe('CONCURRENCY_LIMIT_EXCEEDED');
	const restlet = await client.get('/app/site/hosting/restlet.nl?script=6&deploy=1');
	expect(restlet.status).toBe(400);
	expect(restlet.json.error.code).toBe('SSS_REQUEST_LIMIT_EXCEEDED');
	const c = await sim.control.counters();
	expect(c.sent429).toBe(1);
	expect(c.concurrencyRejected).toBe(2);
	expect(c.status).toMatchObject({ '429': 1, '400': 1 });
});

test('slow responses are delayed by slowMs', async () => {
	await sim.control.setFaults({ rateSlow: 1, slowMs: 300 });
	const started = Date.now();
	expect((await client.get(`${REST}/customer?limit=1`)).status).toBe(200);
	expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

test('a connection reset fault destroys the socket before anything happens', async () => {
	await sim.control.setFaults({ rateReset: 1 });
	await expect(client.get(`${REST}/customer?limit=1`)).rejects.toThrow(/socket hang up|ECONNRESET/);
});

test('counters by request kind; control calls are not counted', async () => {
	await sim.control.resetCounters();
	const id = (await client.get(`${REST}/customer?limit=1`)).json.items[0].id;
	await client.get(`${REST}/customer/${id}`);
	await client.suiteql('SELECT id FROM customer FETCH FIRST 1 ROWS ONLY');
	const created = await client.request('POST', `${REST}/customer`, {
		body: { companyName: 'Counted' },
	});
	const newId = String(created.headers.location).split('/').pop();
	await client.request('PATCH', `${REST}/customer/${newId}`, { body: { email: 'c@example.com' } });
	await client.request('PUT', `${REST}/customer/eid:COUNTED-1`, {
		body: { companyName: 'Counted 2' },
	});
	await client.request('DELETE', `${REST}/customer/${newId}`);
	await client.get('/app/site/hosting/restlet.nl?script=6&deploy=1');
	await client.get(`${REST}/metadata-catalog`);
	await client.get('/services/rest/system/v1/governanceLimits');
	await rawRequest(
		'POST',
		`${sim.baseUrl}/services/rest/auth/oauth2/v1/token`,
		{ 'Content-Type': 'application/x-www-form-urlencoded' },
		'grant_type=client_credentials',
	);
	await client.get('/services/rest/nothing/here');
	await client.get(`${REST}/customer/${id}`, { unsigned: true });
	await sim.control.now();
	const c = await sim.control.counters();
	expect(c.byKind).toEqual({
		list: 1,
		get: 2,
		suiteql: 1,
		create: 1,
		update: 1,
		upsert: 1,
		delete: 1,
		restlet: 1,
		token: 1,
		metadata: 1,
		governance: 1,
		other: 1,
		integration: 0,
	});
	expect(c.requests).toBe(13);
	expect(c.authFailures).toBe(1);
	expect(c.status).toMatchObject({ '200': 6, '204': 4, '400': 1, '401': 1, '404': 1 });
});

test('the metadata catalog lists every record type, custom records included', async () => {
	const res = await client.get(`${REST}/metadata-catalog`);
	const names = res.json.items.map((i: { name: string }) => i.name);
	expect(names).toEqual(
		expect.arrayContaining([
			'customer',
			'vendor',
			'employee',
			'contact',
			'inventoryItem',
			'nonInventorySaleItem',
			'salesOrder',
			'invoice',
			'journalEntry',
			'customrecord_sync_demo',
		]),
	);
	expect(res.json.items[0].links[0]).toEqual({
		rel: 'canonical',
		href: `${sim.baseUrl}${REST}/metadata-catalog/${names[0]}`,
		mediaType: 'application/json',
	});
	const schema = await client.get(`${REST}/metadata-catalog/customer`);
	expect(schema.json.properties.lastModifiedDate).toMatchObject({
		type: 'string',
		format: 'date-time',
		'x-ns-filterable': true,
	});
	const selected = await client.get(`${REST}/metadata-catalog?select=customer,salesOrder`);
	expect(selected.json.items.map((i: { name: string }) => i.name)).toEqual([
		'customer',
		'salesOrder',
	]);
});
