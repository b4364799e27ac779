import nock from 'nock';

import { backoffDelay, DEFAULT_RETRY_SETTINGS } from '../../nodes/NetSuite/transport/retryPolicy';
import { runNode } from '../helpers/n8nHarness';
import { ScriptedServer } from '../helpers/scriptedServer';
import { TransportProbe } from '../helpers/transportProbe';
import type { NetSuiteClient } from '../../nodes/NetSuite/transport/client';
import { CONCURRENCY_LIMIT_BODY } from '../helpers/netsuiteBodies';

const BASE = 'https://1234567-sb1.suitetalk.api.netsuite.com';
const CREDENTIALS = {
	netSuiteTbaApi: {
		accountId: '1234567_SB1',
		consumerKey: 'consumer-key-abc',
		consumerSecret: 'consumer-secret-0123456789abcdef',
		tokenId: 'token-id-xyz',
		tokenSecret: 'token-secret-fedcba9876543210',
		concurrencyLimit: 5,
	},
};
const SECRETS = [
	'consumer-secret-0123456789abcdef',
	'token-secret-fedcba9876543210',
	'token-id-xyz',
];

const INVALID_LOGIN = {
	type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
	title: 'Unauthorized',
	status: 401,
	'o:errorDetails': [
		{
			detail:
				'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
			'o:errorCode': 'INVALID_LOGIN',
		},
	],
};
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40 };

async function probe(
	scenario: (client: NetSuiteClient) => Promise<unknown>,
	options = {},
	credentialPatch = {},
) {
	const { outputs, error } = await runNode({
		nodeType: new TransportProbe(scenario, { retry: FAST_RETRY, ...options }),
		parameters: {},
		credentials: { netSuiteTbaApi: { ...CREDENTIALS.netSuiteTbaApi, ...credentialPatch } },
	});
	const json = outputs[0]?.[0]?.json as
		| { result: unknown; counters: Record<string, number> }
		| undefined;
	return { result: json?.result, counters: json?.counters, error };
}

function expectNoSecrets(value: unknown) {
	const text = JSON.stringify(value, Object.getOwnPropertyNames(value ?? {}));
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('backoff', () => {
	test('full-jitter ceilings double from the base and stop at the cap', () => {
		const top = () => 0.999999;
		const ceilings = Array.from(
			{ length: 10 },
			(_, n) => backoffDelay(n, DEFAULT_RETRY_SETTINGS, top) + 1,
		);
		expect(ceilings).toEqual([200, 400, 800, 1600, 3200, 6400, 10000, 10000, 10000, 10000]);
		expect(backoffDelay(5, DEFAULT_RETRY_SETTINGS, () => 0)).toBe(0);
	});

	test('429s are retried until they stop, and counted', async () => {
		const scope = nock(BASE)
			.get('/services/rest/record/v1/customer/1')
			.times(6)
			.reply(429, CONCURRENCY_LIMIT_BODY)
			.get('/services/rest/record/v1/customer/1')
			.reply(200, { id: '1' });
		const { result, counters, error } = await probe(
			async (c) =>
				(await c.request({ method: 'GET', path: '/services/rest/record/v1/customer/1' })).body,
		);
		expect(error).toBeUndefined();
		expect(result).toEqual({ id: '1' });
		expect(counters).toMatchObject({ calls: 7, retries: 6, throttled: 6 });
		expect(scope.isDone()).toBe(true);
	});

	test('Retry-After is honoured', async () => {
		nock(BASE)
			.get('/x')
			.reply(429, CONCURRENCY_LIMIT_BODY, { 'Retry-After': '1' })
			.get('/x')
			.reply(200, {});
		const started = Date.now();
		const { counters, error } = await probe(async (c) => c.request({ method: 'GET', path: '/x' }));
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(counters?.backoffMs).toBeGreaterThanOrEqual(1000);
	});

	test('the time budget ends a 429 storm with NetSuite’s message and what to do', async () => {
		nock(BASE).get('/x').times(1000).reply(429, CONCURRENCY_LIMIT_BODY);
		const started = Date.now();
		const { error } = await probe(async (c) => c.request({ method: 'GET', path: '/x' }), {
			retry: { baseDelayMs: 20, maxDelayMs: 100, budgetMs: 800 },
		});
		const elapsed = Date.now() - started;
		expect(error?.message).toBe('Concurrent request limit exceeded. Request blocked.');
		expect(error?.description).toMatch(/retry time budget/);
		expect(elapsed).toBeGreaterThanOrEqual(600);
		expect(elapsed).toBeLessThan(3000);
	});
});

describe('what is safe to send again', () => {
	let server: ScriptedServer;
	beforeEach(async () => {
		nock.enableNetConnect('127.0.0.1');
		server = await new ScriptedServer().start();
	});
	afterEach(async () => server.stop());
	const local = (scenario: (c: NetSuiteClient) => Promise<unknown>, options = {}) =>
		probe(scenario, options, { baseUrl: server.baseUrl });

	test('GET after a 500 and a connection reset is retried', async () => {
		server.script(
			'GET /r',
			{
				status: 500,
				body: {
					title: 'Internal Server Error',
					status: 500,
					'o:errorDetails': [
						{
							detail: 'An unexpected error occurred. Error ID: abc',
							'o:errorCode': 'UNEXPECTED_ERROR',
						},
					],
				},
			},
			{ reset: true },
			{ status: 200, body: { ok: true } },
		);
		const { result, counters, error } = await local(
			async (c) => (await c.request({ method: 'GET', path: '/r' })).body,
		);
		expect(error).toBeUndefined();
		expect(result).toEqual({ ok: true });
		expect(counters?.calls).toBe(3);
	});

	test('a create (POST) without an idempotency key is not resent after a reset or a 503', async () => {
		server.script('POST /services/rest/record/v1/customer', { reset: true });
		const reset = await local(async (c) =>
			c.request({
				method: 'POST',
				path: '/services/rest/record/v1/customer',
				body: { companyName: 'A' },
			}),
		);
		expect(reset.error?.message).toMatch(/ECONNRESET.*not sent again/);
		expectNoSecrets(reset.error);
		expect(server.count('POST /services/rest/record/v1/customer')).toBe(1);

		server.script('POST /services/rest/record/v1/customer', {
			status: 503,
			body: {
				title: 'Service Unavailable',
				status: 503,
				'o:errorDetails': [{ detail: 'Service unavailable', 'o:errorCode': 'SERVICE_UNAVAILABLE' }],
			},
		});
		const unavailable = await local(async (c) =>
			c.request({
				method: 'POST',
				path: '/services/rest/record/v1/customer',
				body: { companyName: 'A' },
			}),
		);
		expect(unavailable.error?.message).toBe('Service unavailable');
		expect(server.count('POST /services/rest/record/v1/customer')).toBe(2);
	});

	test('a create with an idempotency key is resent, and IDEMPOTENCY_ERROR after a lost answer means it was created', async () => {
		server.script(
			'POST /services/rest/record/v1/customer',
			{ reset: true },
			{
				status: 400,
				body: {
					title: 'Conflict',
					status: 400,
					'o:errorDetails': [
						{ detail: 'Duplicate idempotency key.', 'o:errorCode': 'IDEMPOTENCY_ERROR' },
					],
				},
				headers: { Location: 'https://x/services/rest/record/v1/customer/647' },
			},
		);
		const { result, error } = await local(async (c) => {
			const r = await c.request({
				method: 'POST',
				path: '/services/rest/record/v1/customer',
				body: { companyName: 'A' },
				headers: { 'X-NetSuite-idempotency-key': 'key-1' },
			});
			return r.headers.location;
		});
		expect(error).toBeUndefined();
		expect(result).toBe('https://x/services/rest/record/v1/customer/647');
		expect(server.seen.map((r) => r.headers['x-netsuite-idempotency-key'])).toEqual([
			'key-1',
			'key-1',
		]);
	});

	test('PATCH, PUT and DELETE are resent after a reset or 5xx; SuiteQL POST marked safe is too', async () => {
		server
			.script('PATCH /p', { reset: true }, { status: 204 })
			.script('PUT /u', { reset: true }, { status: 204 })
			.script('DELETE /d', { status: 502, body: {} }, { status: 204 })
			.script(
				'POST /services/rest/query/v1/suiteql',
				{ reset: true },
				{ status: 200, body: { items: [], hasMore: false, count: 0, offset: 0 } },
			);
		const { counters, error } = await local(async (c) => {
			await c.request({ method: 'PATCH', path: '/p', body: { a: 1 } });
			await c.request({ method: 'PUT', path: '/u', body: { a: 1 } });
			await c.request({ method: 'DELETE', path: '/d' });
			await c.request({
				method: 'POST',
				path: '/services/rest/query/v1/suiteql',
				query: { limit: 1, offset: 0 },
				body: { q: 'SELECT id FROM customer' },
				replaySafe: true,
			});
		});
		expect(error).toBeUndefined();
		expect(counters).toMatchObject({ calls: 8, retries: 4 });
	});

	test('resets stop after the transient-attempt bound', async () => {
		server.script('GET /r', { reset: true });
		const { error } = await local(async (c) => c.request({ method: 'GET', path: '/r' }), {
			retry: { ...FAST_RETRY, maxTransientAttempts: 3 },
		});
		expect(error?.message).toMatch(/Could not complete GET \/r at 127\.0\.0\.1:\d+: ECONNRESET/);
		expect(server.count('GET /r')).toBe(3);
	});
});

describe('NetSuite error envelope', () => {
	test('other 4xx fail at once with NetSuite’s detail, code and path', async () => {
		nock(BASE)
			.post('/services/rest/record/v1/salesOrder')
			.reply(400, {
				type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
				title: 'Bad Request',
				status: 400,
				'o:errorDetails': [
					{
						detail:
							'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item',
						'o:errorCode': 'INVALID_CONTENT',
						'o:errorPath': 'item.items[0].item',
					},
				],
			});
		const { error, counters } = await probe(async (c) =>
			c.request({ method: 'POST', path: '/services/rest/record/v1/salesOrder', body: {} }),
		);
		expect(counters).toBeUndefined();
		expect(error?.message).toBe(
			'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item',
		);
		expect(error?.description).toContain('INVALID_CONTENT at item.items[0].item');
		expect(error?.httpCode).toBe('400');
	});
});

describe('401 INVALID_LOGIN', () => {
	test('on the first call: fails at once, as a sentence a user can act on, without secrets', async () => {
		const scope = nock(BASE).get('/x').reply(401, INVALID_LOGIN);
		const { error } = await probe(async (c) => c.request({ method: 'GET', path: '/x' }));
		expect(scope.isDone()).toBe(true);
		expect(error?.message).toMatch(/^Invalid login attempt/);
		expect(error?.description).toMatch(/Account ID.*Login Audit Trail/s);
		expectNoSecrets(error);
	});

	test('after a success in the same run: retried a bounded number of times (overload can show as 401)', async () => {
		nock(BASE)
			.get('/ok')
			.reply(200, {})
			.get('/x')
			.reply(401, INVALID_LOGIN)
			.get('/x')
			.reply(200, { second: true });
		const ok = await probe(async (c) => {
			await c.request({ method: 'GET', path: '/ok' });
			return (await c.request({ method: 'GET', path: '/x' })).body;
		});
		expect(ok.result).toEqual({ second: true });

		nock(BASE).get('/ok').reply(200, {}).get('/x').times(3).reply(401, INVALID_LOGIN);
		const failed = await probe(async (c) => {
			await c.request({ method: 'GET', path: '/ok' });
			return c.request({ method: 'GET', path: '/x' });
		});
		expect(failed.error?.message).toMatch(/^Invalid login attempt/);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('account concurrency', () => {
	let server: ScriptedServer;
	beforeEach(async () => {
		nock.enableNetConnect('127.0.0.1');
		server = await new ScriptedServer().start();
		server.otherwise(() => ({ status: 200, body: { ok: true }, delayMs: 15 }));
	});
	afterEach(async () => server.stop());

	test('two runs on one account at once never exceed the account limit together', async () => {
		const scenario = async (c: NetSuiteClient) =>
			Promise.all(
				Array.from({ length: 30 }, (_, i) =>
					c.request({ method: 'GET', path: `/services/rest/record/v1/customer/${i}` }),
				),
			);
		const [a, b] = await Promise.all([
			probe(scenario, { concurrency: 5 }, { baseUrl: server.baseUrl }),
			probe(scenario, { concurrency: 5 }, { baseUrl: server.baseUrl }),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(server.seen).toHaveLength(60);
		expect(server.peakInFlight).toBe(5);
	});

	test('a run’s own concurrency is capped by the account limit', async () => {
		const { result } = await probe(
			async (c) => {
				await Promise.all(
					Array.from({ length: 20 }, (_, i) => c.request({ method: 'GET', path: `/c/${i}` })),
				);
				return c.concurrency;
			},
			{ concurrency: 50 },
			{ baseUrl: server.baseUrl },
		);
		expect(result).toBe(5);
		expect(server.peakInFlight).toBe(5);
	});

	test('a lower run concurrency is honoured', async () => {
		await probe(
			async (c) =>
				Promise.all(
					Array.from({ length: 12 }, (_, i) => c.request({ method: 'GET', path: `/c/${i}` })),
				),
			{ concurrency: 2 },
			{ baseUrl: server.baseUrl },
		);
		expect(server.peakInFlight).toBe(2);
	});
});
