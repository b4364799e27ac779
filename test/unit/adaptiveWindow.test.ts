/**
 * The adaptive account window: the control law on a fake clock, then the transport against a local
 * server that enforces an account limit the way NetSuite does (refuse at once when full).
 */
import nock from 'nock';

import { AdaptiveWindow, PROBE_MS, YIELD_MS } from '../../nodes/NetSuite/transport/adaptiveWindow';
import { runNode } from '../helpers/n8nHarness';
import { ScriptedServer } from '../helpers/scriptedServer';
import { TransportProbe } from '../helpers/transportProbe';
import type { NetSuiteClient } from '../../nodes/NetSuite/transport/client';
import type { RunCounters } from '../../nodes/NetSuite/transport/counters';
import { CONCURRENCY_LIMIT_BODY } from '../helpers/netsuiteBodies';

function fakeClock() {
	let t = 1_000_000;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('control law', () => {
	test('starts at the cap; one cut per burst; multiplicative above 3, one step below', async () => {
		const clock = fakeClock();
		const w = new AdaptiveWindow(5, clock.now);
		expect(w.allowance).toBe(5);
		const slots = await Promise.all(
			Array.from(
				{ length: 5 },
				() =>
					new Promise<{ epoch: number }>((resolve) => void w.run(async (slot) => resolve(slot))),
			),
		);
		expect(w.refused(slots[0])).toBe('cut');
		expect(w.allowance).toBe(3);
		// The other requests that were out at the cut are the same burst.
		expect(slots.slice(1).map((s) => w.refused(s))).toEqual([
			'absorbed',
			'absorbed',
			'absorbed',
			'absorbed',
		]);
		expect(w.allowance).toBe(3);
		expect(w.state()).toMatchObject({ cuts: 1, absorbed: 4 });
		expect(w.refused({ epoch: 1 })).toBe('cut');
		expect(w.allowance).toBe(2);
		expect(w.refused({ epoch: 2 })).toBe('cut');
		expect(w.allowance).toBe(1);
		expect(w.refused({ epoch: 3 })).toBe('floor');
		expect(w.allowance).toBe(1);
	});

	test('probes up slowly after a cut, then faster: back at the cap two probe periods later', () => {
		const clock = fakeClock();
		const w = new AdaptiveWindow(5, clock.now);
		w.refused({ epoch: 0 });
		w.refused({ epoch: 1 });
		w.refused({ epoch: 2 });
		expect(w.allowance).toBe(1);
		const seen: number[] = [];
		for (let t = 0; t <= 2 * PROBE_MS; t += PROBE_MS / 4) {
			seen.push(w.allowance);
			clock.advance(PROBE_MS / 4);
		}
		// Nothing for a whole probe period, then +1, +2 … (1 + (t/PROBE)²).
		expect(seen).toEqual([1, 1, 1, 1, 2, 2, 3, 4, 5]);
	});

	test('under contention a window above one gives a slot back once per yield period; alone it never does', async () => {
		const clock = fakeClock();
		const alone = new AdaptiveWindow(5, clock.now);
		const contended = new AdaptiveWindow(5, clock.now);
		contended.refused({ epoch: 0 });
		expect(contended.allowance).toBe(3);
		// Back at the cap two probe periods after the cut (= one yield period), then the next send yields.
		clock.advance(YIELD_MS);
		await contended.run(async () => undefined);
		await alone.run(async () => undefined);
		expect(alone.allowance).toBe(5);
		expect(contended.allowance).toBe(4);
		// Not refused since: the next yield period leaves it alone, and it probes back up.
		clock.advance(YIELD_MS);
		await contended.run(async () => undefined);
		expect(contended.allowance).toBe(5);
		// A window of one has nothing to give.
		const floor = new AdaptiveWindow(1, clock.now);
		floor.refused({ epoch: 0 });
		clock.advance(YIELD_MS);
		await floor.run(async () => undefined);
		expect(floor.allowance).toBe(1);
	});

	test('a queued task starts as soon as the window has room again', async () => {
		const clock = fakeClock();
		const w = new AdaptiveWindow(2, clock.now);
		w.refused({ epoch: 0 });
		const order: string[] = [];
		let finishFirst: () => void = () => undefined;
		const first = w.run(
			() => new Promise<void>((resolve) => (finishFirst = () => (order.push('first'), resolve()))),
		);
		const second = w.run(async () => void order.push('second'));
		await Promise.resolve();
		expect(w.state().active).toBe(1);
		expect(order).toEqual([]);
		finishFirst();
		await Promise.all([first, second]);
		expect(order).toEqual(['first', 'second']);
	});
});

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
