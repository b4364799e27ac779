/**
 * One named test per "fact a simulator must reproduce" (shared/reference/netsuite-api.md).
 * The client signs with the oauth-1.0a library, independently of the simulator's verifier.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { accountHosts, type RunningSimulator } from './index';
import { INVALID_LOGIN_DETAIL } from './errors';
import { rawRequest, TbaClient } from './testing/tbaClient';
import { REST, startTestSimulator } from './testing/setup';
import { clientAssertion, tokenForm } from './testing/jwt';
import { CONCURRENCY_LIMIT_BODY } from '../helpers/netsuiteBodies';

const INVALID_LOGIN_BODY = {
	type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
	title: 'Unauthorized',
	status: 401,
	'o:errorDetails': [{ detail: INVALID_LOGIN_DETAIL, 'o:errorCode': 'INVALID_LOGIN' }],
};

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let sim: RunningSimulator;
let client: TbaClient;

beforeAll(async () => {
	({ sim, client } = await startTestSimulator());
});
afterAll(() => sim.stop());

function signedWith(
	opts: OAuth.Options,
	method: string,
	url: string,
	tweak?: (o: OAuth) => void,
): string {
	const oauth = new OAuth(opts);
	tweak?.(oauth);
	return oauth.toHeader(
		oauth.authorize(
			{ url, method },
			{ key: sim.credentials.tokenId, secret: sim.credentials.tokenSecret },
		),
	).Authorization;
}

const baseOAuth = (): OAuth.Options => ({
	consumer: { key: sim.credentials.consumerKey, secret: sim.credentials.consumerSecret },
	signature_method: 'HMAC-SHA256',
	hash_function: (b: string, k: string) => createHmac('sha256', k).update(b).digest('base64'),
	realm: sim.credentials.accountId,
});

test("Fact 1: realm is the account id upper-case with '_' (1234567_SB1), the host lower-case with '-'; a lower-case realm gets 401 INVALID_LOGIN", async () => {
	expect(sim.credentials.accountId).toBe('1234567_SB1');
	const host = accountHosts('1234567_SB1').rest;
	expect(host).toBe('1234567-sb1.suitetalk.api.netsuite.com');
	expect(accountHosts('1234567_SB1').restlets).toBe('1234567-sb1.restlets.api.netsuite.com');
	// Address the simulator as the account's real REST host (as a proxy would), sign that URL.
	const path = `${REST}/customer?limit=1`;
	const asNetSuite = {
		signUrl: `https://${host}${path}`,
		hostHeader: host,
		headers: { 'X-Forwarded-Proto': 'https' },
	};
	expect((await client.get(path, asNetSuite)).status).toBe(200);
	const lower = await client.get(path, { ...asNetSuite, realm: '1234567_sb1' });
	expect(lower.status).toBe(401);
	expect(lower.json).toEqual(INVALID_LOGIN_BODY);
});

describe('Fact 2: TBA — HMAC-SHA256 and version 1.0 only, ±300 s, nonce ≥ 6 chars used once, RFC 5849 base string; every failure is the same 401', () => {
	const url = (): string =>
		`${sim.baseUrl}${REST}/customer?limit=1&q=${encodeURIComponent('id GREATER 0')}`;

	test('a correctly signed request with query parameters passes', async () => {
		expect(
			(await client.get(`${REST}/customer?limit=1&q=${encodeURIComponent('id GREATER 0')}`)).status,
		).toBe(200);
	});

	test.each([
		[
			'HMAC-SHA1',
			() =>
				signedWith(
					{
						...baseOAuth(),
						signature_method: 'HMAC-SHA1',
						hash_function: (b, k) => createHmac('sha1', k).update(b).digest('base64'),
					},
					'GET',
					url(),
				),
		],
		[
			'a timestamp 10 minutes old',
			() =>
				signedWith(
					baseOAuth(),
					'GET',
					url(),
					(o) => (o.getTimeStamp = () => Math.floor(Date.now() / 1000) - 600),
				),
		],
		['a 5-character nonce', () => signedWith({ ...baseOAuth(), nonce_length: 5 }, 'GET', url())],
		['oauth_version 1.1', () => signedWith({ ...baseOAuth(), version: '1.1' }, 'GET', url())],
		[
			'a signature that leaves out the query parameters',
			() => signedWith(baseOAuth(), 'GET', url().split('?')[0]),
		],
		[
			'a wrong token secret',
			() =>
				signedWith(
					baseOAuth(),
					'GET',
					url(),
					(o) =>
						(o.getSigningKey = () => `${o.percentEncode(sim.credentials.consumerSecret)}&wrong`),
				),
		],
	])('rejects %s with the INVALID_LOGIN envelope', async (_what, makeHeader) => {
		const res = await rawRequest('GET', url(), { Authorization: makeHeader() });
		expect(res.status).toBe(401);
		expect(res.json).toEqual(INVALID_LOGIN_BODY);
		expect(res.headers['content-type']).toBe('application/vnd.oracle.resource+json; type=error');
	});

	test("a wrong consumer secret gets exactly NetSuite's documented 401 text", async () => {
		const res = await client.get(`${REST}/customer?limit=1`, { consumerSecret: 'not-the-secret' });
		expect(res.status).toBe(401);
		expect(res.text).toBe(
			'{"type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html","title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.","o:errorCode":"INVALID_LOGIN"}]}',
		);
	});

	test('a replayed nonce + timestamp is rejected; the reason is in the auth log, not the response', async () => {
		const authorization = signedWith(baseOAuth(), 'GET', url());
		expect((await rawRequest('GET', url(), { Authorization: authorization })).status).toBe(200);
		const replay = await rawRequest('GET', url(), { Authorization: authorization });
		expect(replay.status).toBe(401);
		expect(replay.text).not.toMatch(/nonce/i);
		const log = await sim.control.authLog();
		expect(log[log.length - 1].reason).toBe('NonceUsed');
	});

	test('the host is lower-cased before signing', async () => {
		const u = new URL(sim.baseUrl);
		const signUrl = `http://localhost:${u.port}${REST}/customer?limit=1`;
		const res = await client.get(`${REST}/customer?limit=1`, {
			signUrl,
			hostHeader: `LocalHost:${u.port}`,
		});
		expect(res.status).toBe(200);
	});
});

test('Fact 3: bearer mode — client_credentials with a JWT assertion (PS*/ES* only) returns expires_in 3600; an expired token gets 401 invalid_token', async () => {
	const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	await sim.control.registerM2mClient({
		clientId: 'fact3-client',
		certificateId: 'fact3-cert',
		publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
	});
	const aud = `${sim.baseUrl}/services/rest/auth/oauth2/v1/token`;
	const tokenRes = await rawRequest(
		'POST',
		aud,
		{ 'Content-Type': 'application/x-www-form-urlencoded' },
		tokenForm(
			clientAssertion({ alg: 'ES256', kid: 'fact3-cert', iss: 'fact3-client', aud, privateKey }),
		),
	);
	expect(tokenRes.status).toBe(200);
	expect(tokenRes.json).toMatchObject({
		expires_in: 3600,
		token_type: 'bearer',
		access_token: expect.any(String),
	});
	const bearer = { Authorization: `Bearer ${tokenRes.json.access_token}` };
	expect((await rawRequest('GET', `${sim.baseUrl}${REST}/customer?limit=1`, bearer)).status).toBe(
		200,
	);
	const rs256 = await rawRequest(
		'POST',
		aud,
		{ 'Content-Type': 'application/x-www-form-urlencoded' },
		tokenForm(
			clientAssertion({
				alg: 'RS256',
				kid: 'fact3-cert',
				iss: 'fact3-client',
				aud,
				privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
			}),
		),
	);
	expect(rs256.status).toBe(400);
	expect(rs256.json).toEqual({ error: 'invalid_grant' });
	await sim.control.advanceTokenClock(3600_000);
	const expired = await rawRequest('GET', `${sim.baseUrl}${REST}/customer?limit=1`, bearer);
	expect(expired.status).toBe(401);
	expect(expired.json).toEqual(INVALID_LOGIN_BODY);
	expect(expired.headers['www-authenticate']).toBe(
		'Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."',
	);
});

describe('Fact 4: collections — {links, items:[{links, id:string}], count, offset, hasMore, totalResults}, limit ≤ 1000, offset divisible by limit, 100k cap', () => {
	test('first, middle and last pages carry the documented links', async () => {
		const total = (await client.get(`${REST}/customer`)).json.totalResults as number;
		const first = await client.get(`${REST}/customer?limit=2&offset=0`);
		expect(first.status).toBe(200);
		expect(first.headers['content-type']).toBe(
			'application/vnd.oracle.resource+json; type=collection',
		);
		expect(first.json.links.map((l: { rel: string }) => l.rel)).toEqual(['next', 'last', 'self']);
		expect(first.json).toMatchObject({ count: 2, offset: 0, hasMore: true, totalResults: total });
		expect(first.json.items[0]).toEqual({
			links: [{ rel: 'self', href: `${sim.baseUrl}${REST}/customer/${first.json.items[0].id}` }],
			id: expect.stringMatching(/^\d+$/),
		});
		expect(Number(first.json.items[0].id)).toBeLessThan(Number(first.json.items[1].id));
		const middle = await client.get(`${REST}/customer?limit=2&offset=2`);
		expect(middle.json.links.map((l: { rel: string }) => l.rel)).toEqual([
			'prev',
			'first',
			'next',
			'last',
			'self',
		]);
		const lastOffset = Math.floor((total - 1) / 2) * 2;
		const last = await client.get(`${REST}/customer?limit=2&offset=${lastOffset}`);
		expect(last.json.links.map((l: { rel: string }) => l.rel)).toEqual(['prev', 'first', 'self']);
		expect(last.json.hasMore).toBe(false);
		expect(first.json.links[1].href).toBe(
			`${sim.baseUrl}${REST}/customer?limit=2&offset=${lastOffset}`,
		);
	});

	test('limit defaults to 1000 and may not exceed it', async () => {
		const all = await client.get(`${REST}/customer`);
		expect(all.json.count).toBe(Math.min(1000, all.json.totalResults));
		const tooMany = await client.get(`${REST}/customer?limit=1001`);
		expect(tooMany.status).toBe(400);
		expect(tooMany.json['o:errorDetails'][0]).toMatchObject({
			'o:errorCode': 'INVALID_PARAMETER',
			'o:errorQueryParam': 'limit',
		});
	});

	test('an offset not divisible by the limit is a 400', async () => {
		const res = await client.get(`${REST}/customer?limit=10&offset=5`);
		expect(res.status).toBe(400);
		expect(res.json['o:errorDetails'][0].detail).toMatch(/offset is divisible by the limit/);
	});

	test('an offset at or past the 100,000-result cap is a 400 naming the cap', async () => {
		const res = await client.get(`${REST}/customer?limit=1000&offset=100000`);
		expect(res.status).toBe(400);
		expect(res.json['o:errorDetails'][0].detail).toMatch(/100,000/);
	});
});

describe('Fact 5: the q filter — operators, AND over OR, parentheses, quoted values, lists, user date format, "Unparseable date"', () => {
	let ids: string[];
	beforeAll(async () => {
		ids = (await client.get(`${REST}/customer?limit=5`)).json.items.map(
			(i: { id: string }) => i.id,
		);
	});
	const q = async (
		filter: string,
	): Promise<{
		status: number;
		ids: string[];
		json: { 'o:errorDetails': Array<{ detail: string; 'o:errorCode': string }> };
	}> => {
		const res = await client.get(`${REST}/customer?q=${encodeURIComponent(filter)}`);
		return {
			status: res.status,
			ids: res.json.items?.map((i: { id: string }) => i.id) ?? [],
			json: res.json,
		};
	};

	test('AND binds tighter than OR; parentheses regroup', async () => {
		expect(
			(await q(`id EQUAL ${ids[0]} OR id EQUAL ${ids[1]} AND id EQUAL ${ids[2]}`)).ids,
		).toEqual([ids[0]]);
		expect(
			(await q(`(id EQUAL ${ids[0]} OR id EQUAL ${ids[1]}) AND id EQUAL ${ids[1]}`)).ids,
		).toEqual([ids[1]]);
	});

	test('lists, BETWEEN and quoted strings', async () => {
		expect((await q(`id ANY_OF [${ids[0]}, ${ids[3]}]`)).ids).toEqual([ids[0], ids[3]]);
		expect((await q(`id BETWEEN [${ids[1]}, ${ids[2]}]`)).ids).toEqual([ids[1], ids[2]]);
		const rec = (await client.get(`${REST}/customer/${ids[0]}`)).json;
		expect((await q(`entityId IS "${rec.entityId}"`)).ids).toEqual([ids[0]]);
	});

	test('dates in the user date format (M/D/YYYY), with an optional time', async () => {
		const onDay = await q('lastModifiedDate ON "11/1/2026"');
		expect(onDay.status).toBe(200);
		const res = await q(
			'lastModifiedDate ON_OR_AFTER "11/1/2026 1:00 am" AND lastModifiedDate BEFORE "11/1/2026 2:00 am"',
		);
		expect(res.status).toBe(200);
		expect(res.ids.length).toBeGreaterThan(0);
		expect(onDay.ids).toEqual(expect.arrayContaining(res.ids));
	});

	test('an ISO date is "Unparseable" in an M/D/YYYY account: 400 INVALID_PARAMETER', async () => {
		const res = await q('lastModifiedDate AFTER "2026-11-01"');
		expect(res.status).toBe(400);
		expect(res.json['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_PARAMETER');
		expect(res.json['o:errorDetails'][0].detail).toContain('Unparseable date: "2026-11-01"');
	});

	test('unknown and non-filterable fields are 400s', async () => {
		expect((await q('nosuchfield EQUAL 1')).status).toBe(400);
		const phone = await q('phone IS "555"');
		expect(phone.status).toBe(400);
		expect(phone.json['o:errorDetails'][0].detail).toMatch(/not filterable/);
	});
});

describe('Fact 6: GET a record — ISO-UTC datetimes, {id, refName, links} references, fields=, sublists collapsed unless expanded, 404 NONEXISTENT_ID', () => {
	test('body fields, references and datetimes', async () => {
		const id = (await client.get(`${REST}/customer?limit=1`)).json.items[0].id;
		const res = await client.get(`${REST}/customer/${id}`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/vnd.oracle.resource+json; type=singular');
		expect(res.json.id).toBe(id);
		expect(res.json.lastModifiedDate).toMatch(ISO_SECONDS);
		expect(res.json.dateCreated).toMatch(ISO_SECONDS);
		expect(res.json.subsidiary).toEqual({
			links: [{ rel: 'self', href: expect.stringContaining('/subsidiary/') }],
			id: expect.any(String),
			refName: expect.any(String),
		});
		expect(typeof res.json.isInactive).toBe('boolean');
	});

	test('fields= returns only those fields plus links, and the self link echoes it', async () => {
		const id = (await client.get(`${REST}/customer?limit=1`)).json.items[0].id;
		const res = await client.get(`${REST}/customer/${id}?fields=email,lastModifiedDate`);
		expect(Object.keys(res.json).sort()).toEqual(
			['email', 'lastModifiedDate', 'links']
				.filter((k) => k !== 'email' || res.json.email !== undefined)
				.sort(),
		);
		expect(res.json.links[0].href).toBe(
			`${sim.baseUrl}${REST}/customer/${id}?fields=email%2ClastModifiedDate`,
		);
	});

	test('sales order lines are a link unless expandSubResources=true', async () => {
		const id = (await client.get(`${REST}/salesOrder?limit=1`)).json.items[0].id;
		const collapsed = await client.get(`${REST}/salesOrder/${id}`);
		expect(collapsed.json.item).toEqual({
			links: [{ rel: 'self', href: `${sim.baseUrl}${REST}/salesOrder/${id}/item` }],
		});
		const expanded = await client.get(`${REST}/salesOrder/${id}?expandSubResources=true`);
		expect(expanded.json.item).toMatchObject({
			count: expect.any(Number),
			hasMore: false,
			offset: 0,
			totalResults: expect.any(Number),
		});
		expect(expanded.json.item.items[0]).toMatchObject({
			line: 1,
			item: { id: expect.any(String), refName: expect.any(String) },
			quantity: expect.any(Number),
		});
		expect(expanded.json.tranDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	test('external ids address records too; a missing record is 404 NONEXISTENT_ID "Record does not exist."', async () => {
		const [withEid] = await client.rows(
			'SELECT id, externalid FROM customer WHERE externalid IS NOT NULL ORDER BY id FETCH FIRST 1 ROWS ONLY',
		);
		expect((await client.get(`${REST}/customer/eid:${withEid.externalid}`)).json.id).toBe(
			withEid.id,
		);
		const missing = await client.get(`${REST}/customer/999999999`);
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({
			type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
			title: 'Not Found',
			status: 404,
			'o:errorDetails': [{ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' }],
		});
	});
});

describe('Fact 7: writes — POST 204 + Location and no body; PATCH 204 + Location; DELETE 204; PUT eid: upserts', () => {
	test('create, update, upsert, delete', async () => {
		const created = await client.request('POST', `${REST}/customer`, {
			body: { companyName: 'Fact Seven Ltd', email: 'f7@example.com', subsidiary: { id: '1' } },
		});
		expect(created.status).toBe(204);
		expect(created.text).toBe('');
		const location = String(created.headers.location);
		expect(location).toMatch(new RegExp(`^${sim.baseUrl}${REST}/customer/\\d+$`));
		const id = location.split('/').pop()!;
		const patched = await client.request('PATCH', `${REST}/customer/${id}`, {
			body: { email: 'f7b@example.com' },
		});
		expect(patched.status).toBe(204);
		expect(patched.headers.location).toBe(location);
		expect((await client.get(`${REST}/customer/${id}`)).json.email).toBe('f7b@example.com');

		const upsert1 = await client.request('PUT', `${REST}/customer/eid:F7-UPSERT`, {
			body: { companyName: 'Upserted' },
		});
		expect(upsert1.status).toBe(204);
		const upsertId = String(upsert1.headers.location).split('/').pop();
		const upsert2 = await client.request('PUT', `${REST}/customer/eid:F7-UPSERT`, {
			body: { companyName: 'Upserted again' },
		});
		expect(String(upsert2.headers.location).split('/').pop()).toBe(upsertId);
		expect((await client.get(`${REST}/customer/eid:F7-UPSERT`)).json).toMatchObject({
			companyName: 'Upserted again',
			externalId: 'F7-UPSERT',
		});

		const deleted = await client.request('DELETE', `${REST}/customer/${id}`);
		expect(deleted.status).toBe(204);
		expect((await client.get(`${REST}/customer/${id}`)).status).toBe(404);
		const rows = await client.rows(
			`SELECT recordid, type FROM deletedrecord WHERE recordid = ${id}`,
		);
		expect(rows).toEqual([{ recordid: id, type: 'customer' }]);
	});
});

describe('Fact 8: Prefer: respond-async → 202 + job Location; a repeated X-NetSuite-idempotency-key → 400 IDEMPOTENCY_ERROR', () => {
	test('async create and its job/task/result', async () => {
		const res = await client.request('POST', `${REST}/customer`, {
			body: { companyName: 'Async Co' },
			headers: { Prefer: 'respond-async' },
		});
		expect(res.status).toBe(202);
		expect(res.headers['preference-applied']).toBe('respond-async');
		const job = String(res.headers.location);
		expect(job).toMatch(/\/services\/rest\/async\/v1\/job\/\d+$/);
		const path = job.slice(sim.baseUrl.length);
		expect((await client.get(path)).json).toMatchObject({ completed: true, progress: 'succeeded' });
		const task = (await client.get(`${path}/task`)).json.items[0].links[0].href.slice(
			sim.baseUrl.length,
		);
		const result = await client.get(`${task}/result`);
		expect(result.status).toBe(204);
		expect(String(result.headers.location)).toMatch(/\/customer\/\d+$/);
	});

	test("a repeated idempotency key answers 400 Conflict with the first result's Location", async () => {
		const key = 'b8a1c1a2-7f5e-4a8f-9c1d-fact8fact8aa';
		const first = await client.request('POST', `${REST}/customer`, {
			body: { companyName: 'Idem Co' },
			headers: { 'X-NetSuite-idempotency-key': key },
		});
		expect(first.status).toBe(204);
		const second = await client.request('POST', `${REST}/customer`, {
			body: { companyName: 'Idem Co' },
			headers: { 'X-NetSuite-idempotency-key': key },
		});
		expect(second.status).toBe(400);
		expect(second.json.title).toBe('Conflict');
		expect(second.json['o:errorDetails'][0]['o:errorCode']).toBe('IDEMPOTENCY_ERROR');
		expect(second.headers.location).toBe(first.headers.location);
	});
});

describe('Fact 9: SuiteQL — Prefer: transient, string values, lower-case keys, links: [], user-format dates unless TO_CHAR, DeletedRecord', () => {
	test('row and envelope shape', async () => {
		const res = await client.suiteql(
			"SELECT ID, EntityId, companyname, isinactive, datecreated, TO_CHAR(datecreated, 'YYYY-MM-DD HH24:MI:SS') AS created FROM customer ORDER BY id",
			undefined,
			'?limit=3',
		);
		expect(res.status).toBe(200);
		expect(Object.keys(res.json).sort()).toEqual([
			'count',
			'hasMore',
			'items',
			'links',
			'offset',
			'totalResults',
		]);
		expect(res.json).toMatchObject({ count: 3, offset: 0, hasMore: true });
		const row = res.json.items[0];
		expect(row.links).toEqual([]);
		expect(Object.keys(row)).toEqual(
			expect.arrayContaining(['id', 'entityid', 'isinactive', 'datecreated', 'created']),
		);
		for (const [k, v] of Object.entries(row)) if (k !== 'links') expect(typeof v).toBe('string');
		expect(row.datecreated).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
		expect(row.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	});

	test('NULL columns are omitted from the row', async () => {
		const rows = await client.rows(
			'SELECT id, companyname FROM customer WHERE companyname IS NULL FETCH FIRST 1 ROWS ONLY',
		);
		expect(rows[0]).toEqual({ id: expect.any(String) });
	});

	test('missing Prefer: transient is a 400', async () => {
		const res = await client.suiteql('SELECT id FROM customer', undefined, '', {
			headers: { Prefer: '' },
		});
		expect(res.status).toBe(400);
	});

	test('TO_DATE / TO_TIMESTAMP filters and the DeletedRecord table', async () => {
		const n = await client.rows(
			"SELECT COUNT(*) AS n FROM customer WHERE lastmodifieddate >= TO_DATE('2026-11-01', 'YYYY-MM-DD') AND lastmodifieddate < TO_TIMESTAMP('2026-11-02 00:00:00', 'YYYY-MM-DD HH24:MI:SS')",
		);
		expect(Number(n[0].n)).toBeGreaterThan(0);
		const deleted = await client.rows(
			"SELECT recordid, type, TO_CHAR(deleteddate, 'YYYY-MM-DD HH24:MI:SS') AS at FROM deletedrecord ORDER BY deleteddate",
		);
		expect(deleted.length).toBeGreaterThan(0);
		expect(deleted[0]).toMatchObject({
			recordid: expect.stringMatching(/^\d+$/),
			type: expect.any(String),
			at: expect.any(String),
		});
	});
});

describe('Fact 10: concurrency — limit 5 by default; over it REST gets 429 CONCURRENCY_LIMIT_EXCEEDED (no Retry-After), RESTlets 400 SSS_REQUEST_LIMIT_EXCEEDED', () => {
	afterEach(() => sim.control.setLatency({ latencyMs: 0, jitterMs: 0 }));

	test("6 parallel calls against a limit of 5 produce a 429 with NetSuite's body", async () => {
		await sim.control.setLatency({ latencyMs: 300 });
		await sim.control.resetCounters();
		const results = await Promise.all(
			Array.from({ length: 6 }, () => client.get(`${REST}/customer?limit=1`)),
		);
		const rejected = results.filter((r) => r.status === 429);
		expect(rejected.length).toBeGreaterThanOrEqual(1);
		expect(results.filter((r) => r.status === 200).length).toBe(5);
		expect(rejected[0].json).toEqual(CONCURRENCY_LIMIT_BODY);
		expect(rejected[0].headers['retry-after']).toBeUndefined();
		const counters = await sim.control.counters();
		expect(counters.sent429).toBe(rejected.length);
		expect(counters.peakConcurrency).toBe(5);
	});

	test('RESTlets over the limit get 400 SSS_REQUEST_LIMIT_EXCEEDED', async () => {
		await sim.control.setLatency({ latencyMs: 300 });
		const results = await Promise.all(
			Array.from({ length: 6 }, () => client.get('/app/site/hosting/restlet.nl?script=6&deploy=1')),
		);
		const rejected = results.filter((r) => r.status !== 200);
		expect(rejected.length).toBe(1);
		expect(rejected[0].status).toBe(400);
		expect(rejected[0].json).toEqual({
			error: { code: 'SSS_REQUEST_LIMIT_EXCEEDED', message: expect.any(String) },
		});
	});

	test('GET governanceLimits reports the limit', async () => {
		const res = await client.get('/services/rest/system/v1/governanceLimits');
		expect(res.json).toEqual({
			accountConcurrencyLimit: 5,
			accountUnallocatedConcurrencyLimit: 5,
			integrationConcurrencyLimit: 5,
			integrationLimitType: 'accountLimit',
		});
	});
});

describe('Fact 11: every error uses the envelope {type, title, status, o:errorDetails}; injectable 500 UNEXPECTED_ERROR and 503', () => {
	afterEach(() => sim.control.setFaults({}));

	test('an unknown record type', async () => {
		const res = await client.get(`${REST}/nosuchtype`);
		expect(res.status).toBe(404);
		expect(res.headers['content-type']).toBe('application/vnd.oracle.resource+json; type=error');
		expect(res.json).toEqual({
			type: expect.any(String),
			title: 'Not Found',
			status: 404,
			'o:errorDetails': [
				{
					detail: expect.any(String),
					'o:errorCode': 'INVALID_RCRD_TYPE',
					'o:errorPath': 'nosuchtype',
				},
			],
		});
	});

	test('injected 500 and 503', async () => {
		await sim.control.setFaults({ rate500: 1 });
		const e500 = await client.get(`${REST}/customer?limit=1`);
		expect(e500.status).toBe(500);
		expect(e500.json['o:errorDetails'][0]).toEqual({
			detail: expect.stringMatching(/^An unexpected error occurred\. Error ID: [a-z]{20}$/),
			'o:errorCode': 'UNEXPECTED_ERROR',
		});
		expect(e500.json.title).toBe('Internal Server Error');
		await sim.control.setFaults({ rate503: 1 });
		const e503 = await client.get(`${REST}/customer?limit=1`);
		expect(e503.status).toBe(503);
		expect(e503.json).toMatchObject({
			status: 503,
			title: 'Service Unavailable',
			'o:errorDetails': [{ 'o:errorCode': expect.any(String) }],
		});
	});
});

describe('Fact 12: RESTlets — the signature covers script, deploy and custom params; errors are {"error":{"code","message"}}', () => {
	test('echo script with custom parameters and a JSON body', async () => {
		const get = await client.get(
			'/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=some%20value&other=2',
		);
		expect(get.status).toBe(200);
		expect(get.json).toEqual({
			method: 'GET',
			query: { customParam: 'some value', other: '2' },
			body: null,
		});
		const post = await client.request(
			'POST',
			'/app/site/hosting/restlet.nl?script=customscript_sync_echo&deploy=customdeploy_sync_echo',
			{ body: { hello: 'world' } },
		);
		expect(post.json).toEqual({ method: 'POST', query: {}, body: { hello: 'world' } });
	});

	test('a signature without the custom parameter fails with the RESTlet 401', async () => {
		const path = '/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=x';
		const res = await client.get(path, {
			signUrl: `${sim.baseUrl}/app/site/hosting/restlet.nl?script=6&deploy=1`,
		});
		expect(res.status).toBe(401);
		expect(res.json).toEqual({
			error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' },
		});
	});

	test('unknown script → 400 SSS_INVALID_SCRIPTLET_ID; a script error keeps the RESTlet shape', async () => {
		const unknown = await client.get('/app/site/hosting/restlet.nl?script=999&deploy=1');
		expect(unknown.status).toBe(400);
		expect(unknown.json.error.code).toBe('SSS_INVALID_SCRIPTLET_ID');
		const failing = await client.request('POST', '/app/site/hosting/restlet.nl?script=7&deploy=1', {
			body: {},
		});
		expect(failing.status).toBe(400);
		expect(failing.json).toEqual({
			error: { code: 'SYNC_DEMO_ERROR', message: expect.any(String) },
		});
		const prefer = await client.get('/app/site/hosting/restlet.nl?script=6&deploy=1', {
			headers: { Prefer: 'transient' },
		});
		expect(prefer.status).toBe(400);
	});
});
