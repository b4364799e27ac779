/**
 * Two adaptive windows against a local server that enforces an account limit the way NetSuite does
 * (refuse at once when full), in real time; the control law on a fake clock is in
 * test/unit/adaptiveWindow.test.ts.
 */
import nock from 'nock';

import { runNode } from '../helpers/n8nHarness';
import { ScriptedServer } from '../helpers/scriptedServer';
import { TransportProbe } from '../helpers/transportProbe';
import type { NetSuiteClient } from '../../nodes/NetSuite/transport/client';
import type { RunCounters } from '../../nodes/NetSuite/transport/counters';
import { CONCURRENCY_LIMIT_BODY } from '../helpers/netsuiteBodies';

async function run(
	server: ScriptedServer,
	accountId: string,
	scenario: (c: NetSuiteClient) => Promise<unknown>,
	concurrency = 5,
) {
	const { outputs, error } = await runNode({
		nodeType: new TransportProbe(scenario, {
			concurrency,
			retry: { baseDelayMs: 20, maxDelayMs: 200 },
		}),
		parameters: {},
		credentials: {
			netSuiteTbaApi: {
				accountId,
				consumerKey: 'ck',
				consumerSecret: 'cs-0123456789',
				tokenId: 'tid',
				tokenSecret: 'ts-0123456789',
				concurrencyLimit: 5,
				baseUrl: server.baseUrl,
			},
		},
	});
	return { error, counters: outputs[0]?.[0]?.json.counters as unknown as RunCounters };
}

const reads = (n: number) => async (c: NetSuiteClient) =>
	Promise.all(
		Array.from({ length: n }, (_, i) =>
			c.request({ method: 'GET', path: `/services/rest/record/v1/customer/${i}` }),
		),
	);

describe('against an account that refuses when full', () => {
	let server: ScriptedServer;
	let accountLimit = 2;
	beforeAll(() => nock.enableNetConnect('127.0.0.1'));
	afterAll(() => nock.enableNetConnect());
	beforeEach(async () => {
		server = await new ScriptedServer().start();
		// NetSuite's rule: a request arriving while the pool is full is refused at once.
		server.otherwise(() =>
			server.inFlight > accountLimit
				? { status: 429, body: CONCURRENCY_LIMIT_BODY }
				: { status: 200, body: { ok: true }, delayMs: 20 },
		);
	});
	afterEach(async () => server.stop());

	test('a process alone on a free account is at its cap from the first requests', async () => {
		accountLimit = 5;
		const { error, counters } = await run(server, '1111111', reads(40));
		expect(error).toBeUndefined();
		expect(server.peakInFlight).toBe(5);
		expect(counters).toMatchObject({ calls: 40, throttled: 0, window: 5, windowLowest: 5 });
	});

	test('an account with room for 2: the window comes down and the run is not flooded with 429s', async () => {
		accountLimit = 2;
		const { error, counters } = await run(server, '2222222', reads(150));
		expect(error).toBeUndefined();
		expect(counters.calls - counters.throttled).toBe(150);
		// A fixed limiter of 5 here is refused on most calls (each freed slot is refilled at once).
		expect(counters.throttled).toBeLessThanOrEqual(12);
		expect(counters.windowLowest).toBeLessThanOrEqual(2);
		expect(counters.window).toBeLessThanOrEqual(3);
	});

	test('two independent windows (two processes) on one account of 3 share it with few refusals', async () => {
		accountLimit = 3;
		const [a, b] = await Promise.all([
			run(server, '3333333', reads(150)),
			run(server, '4444444', reads(150)),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		const refused = a.counters.throttled + b.counters.throttled;
		expect(server.seen.length - refused).toBe(300);
		expect(refused / server.seen.length).toBeLessThan(0.1);
		expect(a.counters.windowLowest + b.counters.windowLowest).toBeLessThanOrEqual(4);
	});

	test('a 429 that is a rate limit (other code, Retry-After) is waited out and leaves the window alone', async () => {
		accountLimit = 5;
		server.script(
			'GET /services/rest/record/v1/customer/0',
			{
				status: 429,
				headers: { 'Retry-After': '1' },
				body: {
					title: 'Too Many Requests',
					status: 429,
					'o:errorDetails': [
						{ detail: 'Request rate exceeded.', 'o:errorCode': 'REQUEST_LIMIT_EXCEEDED' },
					],
				},
			},
			{ status: 200, body: { ok: true } },
		);
		const started = Date.now();
		const { error, counters } = await run(server, '5555555', reads(1));
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(counters).toMatchObject({ calls: 2, throttled: 1, window: 5, windowLowest: 5 });
	});
});
