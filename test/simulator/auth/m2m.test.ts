/**
 * OAuth 2.0 client credentials (M2M): the token endpoint, JWT assertion checks, bearer use on
 * every endpoint, and expiry on the movable token clock.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { accountHosts, type RunningSimulator } from '../index';
import { rawRequest } from '../testing/tbaClient';
import { clientAssertion, tokenForm, type Alg, type AssertionOptions } from '../testing/jwt';
import { REST, startTestSimulator } from '../testing/setup';

let sim: RunningSimulator;
let tokenUrl: string;
const rsa = generateKeyPairSync('rsa', { modulusLength: 3072 });
const ec: Record<string, ReturnType<typeof generateKeyPairSync>> = {
	ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
	ES384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
	ES512: generateKeyPairSync('ec', { namedCurve: 'P-521' }),
};
const pem = (k: KeyObject): string => k.export({ type: 'spki', format: 'pem' }).toString();

beforeAll(async () => {
	({ sim } = await startTestSimulator());
	tokenUrl = `${sim.baseUrl}/services/rest/auth/oauth2/v1/token`;
	await sim.control.registerM2mClient({
		clientId: 'client-rsa',
		certificateId: 'cert-rsa',
		publicKeyPem: pem(rsa.publicKey),
	});
	for (const [alg, pair] of Object.entries(ec)) {
		await sim.control.registerM2mClient({
			clientId: `client-${alg}`,
			certificateId: `cert-${alg}`,
			publicKeyPem: pem(pair.publicKey),
		});
	}
	await sim.control.registerM2mClient({
		clientId: 'client-restlets-only',
		certificateId: 'cert-restlets-only',
		publicKeyPem: pem(ec.ES256.publicKey),
		scopes: ['restlets'],
	});
}, 60_000);
afterAll(() => sim.stop());

const assertion = (alg: Alg, more: Partial<AssertionOptions> = {}): string => {
	const isEc = alg.startsWith('ES');
	return clientAssertion({
		alg,
		kid: isEc ? `cert-${alg}` : 'cert-rsa',
		iss: isEc ? `client-${alg}` : 'client-rsa',
		aud: tokenUrl,
		privateKey: isEc ? ec[alg].privateKey : rsa.privateKey,
		...more,
	});
};

const requestToken = (body: string, contentType = 'application/x-www-form-urlencoded') =>
	rawRequest('POST', tokenUrl, { 'Content-Type': contentType }, body);

async function tokenFor(alg: Alg, more: Partial<AssertionOptions> = {}): Promise<string> {
	const res = await requestToken(tokenForm(assertion(alg, more)));
	if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
	return res.json.access_token;
}

describe('the token endpoint', () => {
	test.each(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as Alg[])(
		'%s assertions get a bearer token that lasts 3600 s',
		async (alg) => {
			const res = await requestToken(tokenForm(assertion(alg)));
			expect(res.status).toBe(200);
			expect(res.headers['content-type']).toMatch(/^application\/json/);
			expect(res.json).toEqual({
				access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
				expires_in: 3600,
				token_type: 'bearer',
			});
		},
	);

	test("NetSuite's own token URLs (suitetalk and restlets hosts) are accepted as aud; scope may be a string", async () => {
		const hosts = accountHosts('1234567_SB1');
		await expect(
			tokenFor('ES256', { aud: `https://${hosts.restlets}/services/rest/auth/oauth2/v1/token` }),
		).resolves.toEqual(expect.any(String));
		await expect(
			tokenFor('ES256', { aud: [`https://${hosts.rest}/services/rest/auth/oauth2/v1/token`] }),
		).resolves.toEqual(expect.any(String));
		await expect(tokenFor('ES256', { scope: 'rest_webservices,restlets' })).resolves.toEqual(
			expect.any(String),
		);
		await expect(tokenFor('ES256', { scope: 'rest_webservices restlets' })).resolves.toEqual(
			expect.any(String),
		);
	});

	const now = (): number => Math.floor(Date.now() / 1000);
	test.each<[string, () => string]>([
		[
			'RS256 (no longer accepted)',
			() =>
				clientAssertion({
					alg: 'RS256',
					kid: 'cert-rsa',
					iss: 'client-rsa',
					aud: tokenUrl,
					privateKey: rsa.privateKey,
				}),
		],
		['an unknown certificate id', () => assertion('ES256', { kid: 'cert-nope' })],
		['iss that is not the client id', () => assertion('ES256', { iss: 'someone-else' })],
		[
			'aud that is not the token URL',
			() => assertion('ES256', { aud: 'https://example.com/token' }),
		],
		['an expired assertion', () => assertion('ES256', { iat: now() - 4000, exp: now() - 10 })],
		[
			'exp more than an hour after iat',
			() => assertion('ES256', { iat: now(), exp: now() + 3601 }),
		],
		[
			'a scope the mapping does not allow',
			() =>
				assertion('ES256', {
					kid: 'cert-restlets-only',
					iss: 'client-restlets-only',
					scope: ['rest_webservices'],
				}),
		],
		['typ other than JWT', () => assertion('ES256', { typ: 'JOSE' })],
		[
			'a signature from another key',
			() =>
				assertion('ES256', {
					privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
				}),
		],
		[
			'an algorithm that does not fit the key',
			() =>
				assertion('ES384', {
					kid: 'cert-ES256',
					iss: 'client-ES256',
					privateKey: ec.ES384.privateKey,
				}),
		],
	])('refuses %s with 400 invalid_grant', async (_why, make) => {
		const res = await requestToken(tokenForm(make()));
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ error: 'invalid_grant' });
	});

	test('malformed requests get invalid_request / unsupported_grant_type', async () => {
		expect(
			(await requestToken(tokenForm(assertion('ES256'), { grant_type: 'password' }))).json,
		).toEqual({ error: 'unsupported_grant_type' });
		expect(
			(await requestToken(tokenForm(assertion('ES256'), { client_assertion_type: 'nope' }))).json,
		).toEqual({ error: 'invalid_request' });
		expect((await requestToken(tokenForm('not-a-jwt'))).json).toEqual({ error: 'invalid_request' });
		expect(
			(await requestToken(JSON.stringify({ grant_type: 'client_credentials' }), 'application/json'))
				.json,
		).toEqual({ error: 'invalid_request' });
	});

	test('a revoked certificate gets invalid_grant and its tokens stop working', async () => {
		const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		await sim.control.registerM2mClient({
			clientId: 'client-revoked',
			certificateId: 'cert-revoked',
			publicKeyPem: pem(publicKey),
		});
		const token = await tokenFor('ES256', {
			kid: 'cert-revoked',
			iss: 'client-revoked',
			privateKey,
		});
		await sim.control.revokeM2mCertificate('cert-revoked');
		expect(
			(
				await rawRequest('GET', `${sim.baseUrl}${REST}/customer?limit=1`, {
					Authorization: `Bearer ${token}`,
				})
			).status,
		).toBe(401);
		const again = await requestToken(
			tokenForm(assertion('ES256', { kid: 'cert-revoked', iss: 'client-revoked', privateKey })),
		);
		expect(again.json).toEqual({ error: 'invalid_grant' });
		const log = await sim.control.authLog();
		expect(log.some((l) => /revoked/.test(l.reason))).toBe(true);
	});

	test('certificates with RSA keys under 3072 bits cannot be registered', async () => {
		const small = generateKeyPairSync('rsa', { modulusLength: 2048 });
		await expect(
			sim.control.registerM2mClient({
				clientId: 'x',
				certificateId: 'small',
				publicKeyPem: pem(small.publicKey),
			}),
		).rejects.toThrow(/3072/);
	});
});

describe('bearer tokens on every endpoint', () => {
	test('REST, SuiteQL, RESTlets and metadata accept Authorization: Bearer', async () => {
		const auth = { Authorization: `Bearer ${await tokenFor('PS256')}` };
		expect((await rawRequest('GET', `${sim.baseUrl}${REST}/customer?limit=1`, auth)).status).toBe(
			200,
		);
		const q = await rawRequest(
			'POST',
			`${sim.baseUrl}/services/rest/query/v1/suiteql`,
			{ ...auth, Prefer: 'transient', 'Content-Type': 'application/json' },
			JSON.stringify({ q: 'SELECT id FROM customer FETCH FIRST 1 ROWS ONLY' }),
		);
		expect(q.status).toBe(200);
		expect(
			(
				await rawRequest(
					'GET',
					`${sim.baseUrl}/app/site/hosting/restlet.nl?script=6&deploy=1`,
					auth,
				)
			).status,
		).toBe(200);
		expect((await rawRequest('GET', `${sim.baseUrl}${REST}/metadata-catalog`, auth)).status).toBe(
			200,
		);
	});

	test('expiry follows the token clock and setTokenTtl; expired tokens get 401 invalid_token in both error shapes', async () => {
		await sim.control.setTokenTtl(120);
		const res = await requestToken(tokenForm(assertion('ES384')));
		expect(res.json.expires_in).toBe(120);
		const auth = { Authorization: `Bearer ${res.json.access_token}` };
		await sim.control.advanceTokenClock(119_000);
		expect((await rawRequest('GET', `${sim.baseUrl}${REST}/customer?limit=1`, auth)).status).toBe(
			200,
		);
		await sim.control.advanceTokenClock(2_000);
		const rest = await rawRequest('GET', `${sim.baseUrl}${REST}/customer?limit=1`, auth);
		expect(rest.status).toBe(401);
		expect(rest.json['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_LOGIN');
		expect(rest.headers['www-authenticate']).toBe(
			'Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."',
		);
		const restlet = await rawRequest(
			'GET',
			`${sim.baseUrl}/app/site/hosting/restlet.nl?script=6&deploy=1`,
			auth,
		);
		expect(restlet.status).toBe(401);
		expect(restlet.json).toEqual({
			error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' },
		});
		expect(restlet.headers['www-authenticate']).toContain('error="invalid_token"');
		await sim.control.setTokenTtl(3600);
	});

	test('a token without the restlets scope cannot call a RESTlet', async () => {
		const token = await tokenFor('ES256', { scope: ['rest_webservices'] });
		const res = await rawRequest(
			'GET',
			`${sim.baseUrl}/app/site/hosting/restlet.nl?script=6&deploy=1`,
			{ Authorization: `Bearer ${token}` },
		);
		expect(res.status).toBe(401);
		expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
	});

	test('unknown tokens are refused; token requests are counted', async () => {
		await sim.control.resetCounters();
		await requestToken(tokenForm(assertion('ES256')));
		const res = await rawRequest('GET', `${sim.baseUrl}${REST}/customer?limit=1`, {
			Authorization: 'Bearer not.a.token',
		});
		expect(res.status).toBe(401);
		const c = await sim.control.counters();
		expect(c.byKind.token).toBe(1);
		expect(c.authFailures).toBe(1);
	});
});
