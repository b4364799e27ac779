/**
 * OAuth 2.0 client credentials (M2M) end to end: the NetSuite node and trigger, run through n8n-core's
 * engine with the M2M credential, against the simulator's token endpoint. Keys are generated here;
 * each test registers its own certificate so token counts start from nothing.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { NetSuiteM2mOAuth2Api } from '../../credentials/NetSuiteM2mOAuth2Api.credentials';
import { NetSuite } from '../../nodes/NetSuite/NetSuite.node';
import { NetSuiteTrigger } from '../../nodes/NetSuite/NetSuiteTrigger.node';
import {
	M2M_AUTH_FAILED_MESSAGE,
	M2M_INSUFFICIENT_SCOPE_MESSAGE,
	M2M_INVALID_GRANT_MESSAGE,
} from '../../nodes/NetSuite/transport/oauth2/messages';
import { readM2mSettings } from '../../nodes/NetSuite/transport/oauth2/settings';
import { m2mTokenCache } from '../../nodes/NetSuite/transport/oauth2/tokenCache';
import { PollHarness, runNode } from '../helpers/n8nHarness';
import type { CredentialMap, RunNodeResult } from '../helpers/n8nHarness';
import { runCredentialTest } from '../helpers/credentialTest';
import { recordType, withSimulator } from '../helpers/simulatorNode';
import { onlyRecords } from '../simulator';
import type { RunningSimulator } from '../simulator';

const ZONE = 'America/New_York';
const TYPE = 'netSuiteOAuth2M2mApi';
const pkcs8 = (k: KeyObject): string => k.export({ type: 'pkcs8', format: 'pem' }).toString();
const spki = (k: KeyObject): string => k.export({ type: 'spki', format: 'pem' }).toString();
const KEYS = {
	rsaPss: generateKeyPairSync('rsa-pss', { modulusLength: 3072 }),
	rsa: generateKeyPairSync('rsa', { modulusLength: 3072 }),
	p256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
	p384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
};
type KeyName = keyof typeof KEYS;
const ALGORITHM: Record<KeyName, string> = {
	rsaPss: 'PS256',
	rsa: 'PS512',
	p256: 'ES256',
	p384: 'ES384',
};

interface M2mClient {
	credentials: CredentialMap;
	data: ICredentialDataDecryptedObject;
	certificateId: string;
}

/** Registers a fresh certificate for `key` and returns an n8n credential for it. */
async function m2mClient(
	sim: RunningSimulator,
	key: KeyName = 'p256',
	opts: { scopes?: string[]; mappingScopes?: string[]; extra?: IDataObject } = {},
): Promise<M2mClient> {
	const certificateId = `cert-${randomUUID()}`;
	const clientId = `client-${randomUUID()}`;
	await sim.control.registerM2mClient({
		clientId,
		certificateId,
		publicKeyPem: spki(KEYS[key].publicKey),
		scopes: opts.mappingScopes as never,
	});
	const data: ICredentialDataDecryptedObject = {
		accountId: sim.credentials.accountId,
		baseUrl: sim.baseUrl,
		clientId,
		certificateId,
		privateKey: pkcs8(KEYS[key].privateKey),
		algorithm: ALGORITHM[key],
		scopes: opts.scopes ?? ['rest_webservices', 'restlets'],
		concurrencyLimit: 5,
		accessToken: '',
		...(opts.extra ?? {}),
	};
	return { credentials: { [TYPE]: data }, data, certificateId };
}

async function run(
	client: M2mClient,
	parameters: INodeParameters,
	onError?: 'continueRegularOutput',
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new NetSuite(),
		parameters: { authentication: 'oAuth2M2m', ...parameters },
		credentials: client.credentials,
		onError,
	});
}

const getMany = (limit: number, extra: IDataObject = {}): INodeParameters => ({
	resource: 'record',
	operation: 'getMany',
	recordType: recordType('customer'),
	returnAll: false,
	limit,
	...extra,
});

async function tokenRequests(sim: RunningSimulator): Promise<number> {
	return (await sim.control.counters()).byKind.token;
}

/** The access token this process holds for the credential; fails if there is none to reuse. */
async function cachedToken(data: ICredentialDataDecryptedObject): Promise<string> {
	return await m2mTokenCache.get(
		readM2mSettings(data).cacheKey,
		async () => await Promise.reject(new Error('no token cached')),
	);
}

const sleepMs = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function credentialTest(data: ICredentialDataDecryptedObject) {
	return runCredentialTest(new NetSuiteM2mOAuth2Api(), data);
}

/** Nothing a run produced (items, errors, run data) holds the private key or an access token. */
function expectNoSecrets(client: M2mClient, ...values: unknown[]) {
	const text = values
		.map((v) =>
			JSON.stringify(v, (_k, val) =>
				val instanceof Error
					? {
							...val,
							message: val.message,
							stack: val.stack,
							description: (val as { description?: string }).description,
						}
					: val,
			),
		)
		.join('\n');
	const keyLines = String(client.data.privateKey)
		.split('\n')
		.filter((l) => l && !l.startsWith('-----'));
	for (const line of keyLines) expect(text).not.toContain(line);
	expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/]{16}/);
	expect(text).not.toMatch(/client_assertion=/);
}

let sim: RunningSimulator;

beforeAll(async () => {
	sim = await withSimulator({
		records: onlyRecords({ customer: 120, salesOrder: 10 }),
	});
});
afterAll(async () => sim.stop());
beforeEach(async () => {
	await sim.control.setFaults({});
	await sim.control.setTokenTtl(3600);
	await sim.control.resetCounters();
});

describe('every node operation family with the M2M credential', () => {
	test.each<KeyName>(['rsaPss', 'rsa', 'p256', 'p384'])(
		'Get Many works with a %s key, one token request for the whole run',
		async (key) => {
			const client = await m2mClient(sim, key);
			const { outputs, error } = await run(client, getMany(40));
			expect(error).toBeUndefined();
			const truth = (await sim.control.records('customer')).slice(0, 40).map((r) => r.id);
			expect(outputs[0].map((i) => i.json.id)).toEqual(truth);
			const counters = await sim.control.counters();
			expect(counters.byKind.token).toBe(1);
			expect(counters.byKind.get).toBe(40);
			expect(counters.authFailures).toBe(0);
		},
	);

	test('Get Changes, SuiteQL, RESTlet, Create and Get share the cached token', async () => {
		const client = await m2mClient(sim, 'p256');
		const changes = await run(client, {
			resource: 'record',
			operation: 'getChanges',
			recordType: recordType('salesOrder'),
			accountTimeZone: ZONE,
			mode: 'full',
		});
		expect(changes.error).toBeUndefined();
		expect(changes.outputs[0].length).toBe((await sim.control.records('salesOrder')).length);
		const suiteql = await run(client, {
			resource: 'suiteql',
			operation: 'execute',
			query: 'SELECT id FROM customer',
			returnAll: true,
		});
		expect(suiteql.error).toBeUndefined();
		expect(suiteql.outputs[0]).toHaveLength(120);
		const restlet = await run(client, {
			resource: 'restlet',
			operation: 'call',
			script: '6',
			deploy: '1',
			method: 'POST',
			body: '{"hello": "m2m"}',
		});
		expect(restlet.error).toBeUndefined();
		expect(restlet.outputs[0][0].json).toMatchObject({ method: 'POST', body: { hello: 'm2m' } });
		const created = await run(client, {
			resource: 'record',
			operation: 'create',
			recordType: recordType('customer'),
			body: '{"companyName": "M2M Co"}',
		});
		expect(created.error).toBeUndefined();
		const id = created.outputs[0][0].json.id as string;
		const fetched = await run(client, {
			resource: 'record',
			operation: 'get',
			recordType: recordType('customer'),
			recordId: id,
		});
		expect(fetched.error).toBeUndefined();
		expect(fetched.outputs[0][0].json.companyName).toBe('M2M Co');
		expect(await tokenRequests(sim)).toBe(1);
		expectNoSecrets(client, changes, suiteql, restlet, created, fetched);
	});

	test('the trigger polls with the M2M credential', async () => {
		const triggerSim = await withSimulator({
			records: onlyRecords(),
			clockStart: '2026-10-01T12:00:00Z',
		});
		try {
			await triggerSim.control.setClock('2026-10-01T12:00:00Z');
			const client = await m2mClient(triggerSim, 'rsaPss');
			const harness = new PollHarness(
				new NetSuiteTrigger() as never,
				{
					authentication: 'oAuth2M2m',
					recordType: recordType('customer'),
					accountTimeZone: ZONE,
					mode: 'columns',
					firstRun: 'now',
					lookbackMinutes: 5,
				},
				client.credentials,
			);
			expect(await harness.poll()).toBeNull();
			await triggerSim.control.advanceClock(1000);
			const { id } = await triggerSim.control.createRecord('customer', {
				companyName: 'Polled via M2M',
			});
			const emitted = await harness.poll();
			expect(emitted?.[0].map((i) => i.json.id)).toEqual([id]);
			expect((await triggerSim.control.counters()).byKind.token).toBe(1);
			expectNoSecrets(client, emitted, harness.staticData);
		} finally {
			await triggerSim.stop();
		}
	});
});

describe('the token: cached, renewed, shared', () => {
	test('is cached across runs (executions) of the same credential', async () => {
		const client = await m2mClient(sim, 'p256');
		for (let n = 0; n < 3; n++) expect((await run(client, getMany(2))).error).toBeUndefined();
		expect(await tokenRequests(sim)).toBe(1);
		// An edited credential (other key, same IDs) is another cache entry.
		const other = await m2mClient(sim, 'p384');
		expect((await run(other, getMany(1))).error).toBeUndefined();
		expect(await tokenRequests(sim)).toBe(2);
	});

	test('is renewed shortly before expires_in runs out', async () => {
		await sim.control.setTokenTtl(3);
		const client = await m2mClient(sim, 'p256');
		expect((await run(client, getMany(1))).error).toBeUndefined();
		expect((await run(client, getMany(1))).error).toBeUndefined();
		expect(await tokenRequests(sim)).toBe(1);
		await sleepMs(3000);
		expect((await run(client, getMany(1))).error).toBeUndefined();
		expect(await tokenRequests(sim)).toBe(2);
		expect((await sim.control.counters()).authFailures).toBe(0);
	});

	test('concurrent calls of one run, and concurrent runs, wait on ONE token request', async () => {
		await sim.control.setLatency({ latencyMs: 30, jitterMs: 10 });
		try {
			const client = await m2mClient(sim, 'rsaPss');
			const results = await Promise.all([
				run(client, getMany(60)),
				run(client, getMany(30)),
				run(client, {
					resource: 'suiteql',
					operation: 'execute',
					query: 'SELECT id FROM customer',
					returnAll: true,
				}),
			]);
			for (const r of results) expect(r.error).toBeUndefined();
			const counters = await sim.control.counters();
			expect(counters.byKind.token).toBe(1);
			expect(counters.byKind.get).toBe(90);
			expect(counters.peakConcurrency).toBeLessThanOrEqual(5);
		} finally {
			await sim.control.setLatency({ latencyMs: 0, jitterMs: 0 });
		}
	});

	test('a 401 invalid_token (expired early on NetSuite’s side) renews once — one renewal for all requests in flight — and retries', async () => {
		const clockSim = await withSimulator({
			records: onlyRecords({ customer: 50 }),
		});
		try {
			const client = await m2mClient(clockSim, 'p256');
			expect((await run(client, getMany(1))).error).toBeUndefined();
			await clockSim.control.advanceTokenClock(3601_000);
			await clockSim.control.resetCounters();
			const { outputs, error } = await run(client, getMany(50));
			expect(error).toBeUndefined();
			expect(outputs[0]).toHaveLength(50);
			const counters = await clockSim.control.counters();
			expect(counters.byKind.token).toBe(1);
			expect(counters.authFailures).toBeGreaterThanOrEqual(1);
			expect(counters.authFailures).toBeLessThanOrEqual(5);
		} finally {
			await clockSim.stop();
		}
	});

	test('the token request is throttled and retried like any call (its first two answers are 429s)', async () => {
		const client = await m2mClient(sim, 'p256');
		// The token request is the run's first: the first two answers it gets are 429s.
		await sim.control.setFaults({ next429: 2 });
		const { outputs, error } = await run(
			client,
			getMany(5, { options: { retryBudgetSeconds: 60 } }),
		);
		await sim.control.setFaults({});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(5);
		const counters = await sim.control.counters();
		expect(counters.sent429).toBe(2);
		expect(counters.byKind.token).toBe(3);
		await expect(cachedToken(client.data)).resolves.toEqual(expect.any(String));
	});
});

describe('NetSuite refusing the credential', () => {
	test('a wrong certificate ID: one invalid_grant message listing the causes, one token request', async () => {
		const client = await m2mClient(sim, 'p256');
		client.data.certificateId = 'not-the-certificate';
		const result = await run(client, getMany(30));
		expect(result.error?.message).toBe(M2M_INVALID_GRANT_MESSAGE);
		expect(result.error?.message).toContain(
			'Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup',
		);
		expect(result.error?.message).toContain('Setup > Integration > Manage Integrations');
		const counters = await sim.control.counters();
		expect(counters.byKind.token).toBe(1);
		expect(counters.byKind.list + counters.byKind.get).toBe(0);
		expectNoSecrets(client, result);
	});

	test('a scope the integration mapping lacks: invalid_grant', async () => {
		const client = await m2mClient(sim, 'p256', {
			mappingScopes: ['restlets'],
			scopes: ['rest_webservices', 'restlets'],
		});
		const result = await run(client, getMany(1));
		expect(result.error?.message).toBe(M2M_INVALID_GRANT_MESSAGE);
	});

	test('a revoked certificate: the 401 renews once, the renewal gets invalid_grant', async () => {
		const client = await m2mClient(sim, 'rsaPss');
		expect((await run(client, getMany(1))).error).toBeUndefined();
		await sim.control.revokeM2mCertificate(client.certificateId);
		const result = await run(client, getMany(1));
		expect(result.error?.message).toBe(M2M_INVALID_GRANT_MESSAGE);
		const counters = await sim.control.counters();
		expect(counters.byKind.token).toBe(2);
		expect(counters.authFailures).toBe(1);
		expectNoSecrets(client, result);
	});

	test('a token without the restlets scope: a 401 insufficient_scope is not renewed and names the scope', async () => {
		const client = await m2mClient(sim, 'p256', { scopes: ['rest_webservices'] });
		const result = await run(client, {
			resource: 'restlet',
			operation: 'call',
			script: '6',
			deploy: '1',
			method: 'GET',
		});
		expect(result.error?.description).toBe(M2M_INSUFFICIENT_SCOPE_MESSAGE);
		expect(await tokenRequests(sim)).toBe(1);
	});

	test('a token refused even after renewal reads as an M2M problem, not the TBA checklist', async () => {
		const clockSim = await withSimulator({
			records: onlyRecords({ customer: 5 }),
		});
		try {
			// Every token the simulator issues is expired by the time it is used.
			await clockSim.control.setTokenTtl(0.001);
			const client = await m2mClient(clockSim, 'p256');
			const result = await run(client, getMany(1));
			expect(result.error?.description).toBe(M2M_AUTH_FAILED_MESSAGE);
			expect((await clockSim.control.counters()).byKind.token).toBe(2);
		} finally {
			await clockSim.stop();
		}
	});
});

describe('bad input is refused before any request', () => {
	const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
	test.each<[string, (c: M2mClient) => void, string, RegExp]>([
		[
			'a key that is not PEM',
			(c) => (c.data.privateKey = 'just some text'),
			'privateKey',
			/not in PEM format/,
		],
		[
			'an RSA key with ES256',
			(c) => (c.data.algorithm = 'ES256'),
			'algorithm',
			/ES256 needs an EC P-256 key, but Private Key is a 3072-bit RSA key/,
		],
		[
			'an RSA key under 3072 bits',
			(c) => (c.data.privateKey = pkcs8(rsa2048.privateKey)),
			'privateKey',
			/2048-bit RSA key; NetSuite requires RSA keys of at least 3072 bits/,
		],
		[
			'an EC key with PS256',
			(c) => ((c.data.privateKey = pkcs8(KEYS.p256.privateKey)), (c.data.algorithm = 'PS256')),
			'algorithm',
			/PS256 needs an RSA key, but Private Key is an EC P-256 key/,
		],
		[
			'a P-384 key with ES256',
			(c) => ((c.data.privateKey = pkcs8(KEYS.p384.privateKey)), (c.data.algorithm = 'ES256')),
			'algorithm',
			/but Private Key is an EC P-384 key. For this key choose ES384/,
		],
		['an empty Client ID', (c) => (c.data.clientId = ''), 'clientId', /Client ID is empty/],
		[
			'an empty Certificate ID',
			(c) => (c.data.certificateId = ''),
			'certificateId',
			/Certificate ID is empty/,
		],
	])('%s', async (_name, spoil, field, message) => {
		const client = await m2mClient(sim, 'rsa');
		spoil(client);
		const result = await run(client, getMany(1));
		expect(result.error?.message).toMatch(new RegExp(`^Credential field "${field}": `));
		expect(result.error?.message).toMatch(message);
		expect((await sim.control.counters()).requests).toBe(0);
		expectNoSecrets(client, result);
	});
});

describe("n8n's credential test (preAuthentication + test request)", () => {
	test('passes against the simulator, stores the token for n8n and seeds the transport cache', async () => {
		const client = await m2mClient(sim, 'rsaPss');
		const result = await credentialTest(client.data);
		expect(result).toMatchObject({ status: 'OK' });
		expect(result.stored[TYPE].accessToken).toEqual(
			expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
		);
		const counters = await sim.control.counters();
		expect(counters.byKind.token).toBe(1);
		expect(counters.byKind.metadata).toBe(1);
		// The node's first run uses the token the test fetched.
		expect((await run(client, getMany(1))).error).toBeUndefined();
		expect(await tokenRequests(sim)).toBe(1);
	});

	test('invalid_grant reads as the list of causes', async () => {
		const client = await m2mClient(sim, 'p256');
		const result = await credentialTest({ ...client.data, certificateId: 'wrong-kid' });
		expect(result).toMatchObject({ status: 'Error', message: M2M_INVALID_GRANT_MESSAGE });
	});

	test('a bad key reads as a sentence naming the field, without any request', async () => {
		const client = await m2mClient(sim, 'p256');
		const result = await credentialTest({ ...client.data, algorithm: 'PS256' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Credential field "algorithm": Algorithm PS256 needs an RSA key/,
		);
		expect(result.message).not.toContain(String(client.data.privateKey).split('\n')[1]);
		expect((await sim.control.counters()).requests).toBe(0);
	});

	test('a stored token NetSuite no longer accepts gets the 401 rule', async () => {
		const client = await m2mClient(sim, 'p256', { scopes: ['restlets'] });
		// A token without rest_webservices: the metadata request is refused with 401.
		const result = await credentialTest(client.data);
		expect(result).toMatchObject({ status: 'Error', message: M2M_AUTH_FAILED_MESSAGE });
	});
});

describe('secrets stay out of output, errors and logs', () => {
	test('neither the private key nor the access token appears anywhere', async () => {
		const client = await m2mClient(sim, 'rsaPss');
		const logged: string[] = [];
		const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
			jest
				.spyOn(console, m)
				.mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
		);
		try {
			const ok = await run(client, getMany(3));
			const token = await cachedToken(client.data);
			expect(token).toEqual(expect.any(String));
			const failed = await run(
				{
					...client,
					credentials: { [TYPE]: { ...client.data, certificateId: 'nope' } },
					data: client.data,
				},
				getMany(3),
				'continueRegularOutput',
			);
			const badKey = await run(
				{
					...client,
					credentials: { [TYPE]: { ...client.data, algorithm: 'ES256' } },
					data: client.data,
				},
				getMany(3),
			);
			expect(ok.error).toBeUndefined();
			expect(failed.outputs[0][0].json.error).toBe(M2M_INVALID_GRANT_MESSAGE);
			expectNoSecrets(
				client,
				ok.outputs,
				ok.run,
				failed.outputs,
				failed.run,
				badKey.error,
				badKey.run,
				logged,
			);
			for (const value of [ok.outputs, ok.run, failed.run, badKey.run, logged])
				expect(JSON.stringify(value)).not.toContain(token);
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
	});
});
