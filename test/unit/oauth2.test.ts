/**
 * OAuth 2.0 M2M building blocks without a network: key and field checks, the signed JWT client
 * assertion, the token cache's renewal and sharing rules, and the token endpoint's answers.
 */
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { ParameterError } from '../../nodes/NetSuite/parameterError';
import { netSuiteApiError, parseNetSuiteError } from '../../nodes/NetSuite/transport/errors';
import {
	ASSERTION_LIFETIME_SECONDS,
	signClientAssertion,
	tokenRequestForm,
} from '../../nodes/NetSuite/transport/oauth2/assertion';
import { M2M_INVALID_GRANT_MESSAGE } from '../../nodes/NetSuite/transport/oauth2/messages';
import {
	normalizePrivateKeyPem,
	readM2mSettings,
} from '../../nodes/NetSuite/transport/oauth2/settings';
import type { M2mAlgorithm } from '../../nodes/NetSuite/transport/oauth2/settings';
import { TokenCache } from '../../nodes/NetSuite/transport/oauth2/tokenCache';
import { isRefusal, readTokenResponse } from '../../nodes/NetSuite/transport/oauth2/tokenResponse';
import type { IssuedToken } from '../../nodes/NetSuite/transport/oauth2/tokenResponse';

const pkcs8 = (k: KeyObject): string => k.export({ type: 'pkcs8', format: 'pem' }).toString();
const keys = {
	rsa3072: generateKeyPairSync('rsa', { modulusLength: 3072 }),
	rsaPss3072: generateKeyPairSync('rsa-pss', { modulusLength: 3072 }),
	rsa2048: generateKeyPairSync('rsa', { modulusLength: 2048 }),
	p256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
	p384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
	p521: generateKeyPairSync('ec', { namedCurve: 'P-521' }),
	k256: generateKeyPairSync('ec', { namedCurve: 'secp256k1' }),
	ed25519: generateKeyPairSync('ed25519'),
};

const base = {
	accountId: '1234567_SB1',
	clientId: 'client-abc',
	certificateId: 'cert-xyz',
	scopes: ['rest_webservices', 'restlets'],
};
const creds = (privateKey: string, algorithm: string, extra: Record<string, unknown> = {}) => ({
	...base,
	privateKey,
	algorithm,
	...extra,
});

/** Every line of base64 in a PEM: none may appear in any message. */
function keyLines(pem: string): string[] {
	return pem.split('\n').filter((l) => l && !l.startsWith('-----'));
}

function refusal(fn: () => unknown): ParameterError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ParameterError);
		return error as ParameterError;
	}
	throw new Error('expected the credential to be refused');
}

describe('credential checks before any request', () => {
	test.each<[string, () => string, M2mAlgorithm]>([
		['RSA 3072 (PKCS#8) with PS256', () => pkcs8(keys.rsa3072.privateKey), 'PS256'],
		['RSA-PSS 3072 with PS384', () => pkcs8(keys.rsaPss3072.privateKey), 'PS384'],
		[
			'RSA 3072 as PKCS#1 "RSA PRIVATE KEY" with PS512',
			() => keys.rsa3072.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
			'PS512',
		],
		['EC P-256 with ES256', () => pkcs8(keys.p256.privateKey), 'ES256'],
		[
			'EC P-384 as SEC1 "EC PRIVATE KEY" after an EC PARAMETERS block with ES384',
			() =>
				`-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n${keys.p384.privateKey.export({ type: 'sec1', format: 'pem' })}`,
			'ES384',
		],
		['EC P-521 with ES512', () => pkcs8(keys.p521.privateKey), 'ES512'],
	])('accepts %s', (_name, pem, algorithm) => {
		const settings = readM2mSettings(creds(pem(), algorithm));
		expect(settings.algorithm).toBe(algorithm);
		expect(settings.tokenUrl).toBe(
			'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
		);
		expect(settings.scopes).toEqual(['rest_webservices', 'restlets']);
		for (const line of keyLines(pem())) expect(settings.cacheKey).not.toContain(line);
	});

	test('keys pasted with line breaks lost, turned into spaces, or as literal \\n are rebuilt', () => {
		const pem = pkcs8(keys.p256.privateKey);
		const expected = readM2mSettings(creds(pem, 'ES256')).keyFingerprint;
		for (const pasted of [
			pem.replace(/\n/g, ''),
			pem.replace(/\n/g, ' '),
			pem.replace(/\n/g, '\\n'),
			`  ${pem.replace(/\n/g, '\r\n')}  `,
		]) {
			expect(readM2mSettings(creds(pasted, 'ES256')).keyFingerprint).toBe(expected);
		}
		expect(normalizePrivateKeyPem(pem.replace(/\n/g, ' '))).toBe(pem);
	});

	const rsaPem = pkcs8(keys.rsa3072.privateKey);
	const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
		[
			'a key that is not PEM',
			creds('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'PS256'),
			'privateKey',
			/not in PEM format.*BEGIN PRIVATE KEY/,
		],
		['an empty key', creds('', 'PS256'), 'privateKey', /Private Key is empty/],
		[
			'a certificate instead of the key',
			creds('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'PS256'),
			'privateKey',
			/holds a certificate, not a private key/,
		],
		[
			'a public key instead of the private key',
			creds(keys.p256.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'ES256'),
			'privateKey',
			/holds a public key/,
		],
		[
			'a passphrase-protected key',
			creds(
				keys.p256.privateKey
					.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' })
					.toString(),
				'ES256',
			),
			'privateKey',
			/passphrase.*openssl pkcs8 -topk8 -nocrypt/,
		],
		[
			'a damaged key',
			creds(rsaPem.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n'), 'PS256'),
			'privateKey',
			/could not be read/,
		],
		[
			'an RSA key with ES256',
			creds(rsaPem, 'ES256'),
			'algorithm',
			/ES256 needs an EC P-256 key, but Private Key is a 3072-bit RSA key.*PS256/,
		],
		[
			'an EC key with PS256',
			creds(pkcs8(keys.p256.privateKey), 'PS256'),
			'algorithm',
			/PS256 needs an RSA key, but Private Key is an EC P-256 key. For this key choose ES256/,
		],
		[
			'a P-384 key with ES256',
			creds(pkcs8(keys.p384.privateKey), 'ES256'),
			'algorithm',
			/ES256 needs an EC P-256 key, but Private Key is an EC P-384 key. For this key choose ES384/,
		],
		[
			'a P-256 key with ES512',
			creds(pkcs8(keys.p256.privateKey), 'ES512'),
			'algorithm',
			/ES512 needs an EC P-521 key.*choose ES256/,
		],
		[
			'a secp256k1 key with ES256',
			creds(pkcs8(keys.k256.privateKey), 'ES256'),
			'algorithm',
			/P-256 \(ES256\), P-384 \(ES384\) or P-521 \(ES512\) only/,
		],
		[
			'an RSA key under 3072 bits',
			creds(pkcs8(keys.rsa2048.privateKey), 'PS256'),
			'privateKey',
			/2048-bit RSA key; NetSuite requires RSA keys of at least 3072 bits.*openssl req/,
		],
		[
			'an Ed25519 key',
			creds(pkcs8(keys.ed25519.privateKey), 'ES256'),
			'privateKey',
			/ED25519 key. NetSuite accepts RSA keys of 3072 or 4096 bits/,
		],
		[
			'RS256',
			creds(rsaPem, 'RS256'),
			'algorithm',
			/RS256 \(RSA PKCS#1 v1.5\) is no longer accepted by NetSuite/,
		],
		[
			'an empty Client ID',
			{ ...creds(rsaPem, 'PS256'), clientId: '  ' },
			'clientId',
			/Client ID is empty.*Manage Integrations/,
		],
		[
			'an empty Certificate ID',
			{ ...creds(rsaPem, 'PS256'), certificateId: '' },
			'certificateId',
			/Certificate ID is empty.*OAuth 2.0 Client Credentials \(M2M\) Setup/,
		],
		[
			'a Certificate ID with a line break',
			{ ...creds(rsaPem, 'PS256'), certificateId: 'abc\ndef' },
			'certificateId',
			/spaces or line breaks/,
		],
		['no scopes', { ...creds(rsaPem, 'PS256'), scopes: [] }, 'scopes', /Scopes is empty/],
		[
			'an unknown scope',
			{ ...creds(rsaPem, 'PS256'), scopes: ['rest_webservices', 'full_access'] },
			'scopes',
			/"full_access", which NetSuite does not know/,
		],
		[
			'an empty Account ID',
			{ ...creds(rsaPem, 'PS256'), accountId: '' },
			'accountId',
			/Account ID is empty/,
		],
	];
	test.each(cases)(
		'refuses %s, naming the field and the fix, never quoting the key',
		(_name, credentials, field, message) => {
			const error = refusal(() => readM2mSettings(credentials as ICredentialDataDecryptedObject));
			expect(error.field).toBe(field);
			expect(error.message).toMatch(message);
			for (const line of keyLines(String(credentials.privateKey)))
				expect(error.message).not.toContain(line);
		},
	);
});

describe('the JWT client assertion', () => {
	const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

	test.each<[M2mAlgorithm, KeyObject, KeyObject, number]>([
		['PS256', keys.rsaPss3072.privateKey, keys.rsaPss3072.publicKey, 32],
		['PS384', keys.rsa3072.privateKey, keys.rsa3072.publicKey, 48],
		['PS512', keys.rsa3072.privateKey, keys.rsa3072.publicKey, 64],
		['ES256', keys.p256.privateKey, keys.p256.publicKey, 32],
		['ES384', keys.p384.privateKey, keys.p384.publicKey, 48],
		['ES512', keys.p521.privateKey, keys.p521.publicKey, 66],
	])(
		'%s: header {alg, typ, kid}, claims {iss, scope[], aud, iat, exp < iat + 3600}, a signature that verifies',
		(alg, privateKey, publicKey, bytes) => {
			const settings = readM2mSettings(
				creds(pkcs8(privateKey), alg, {
					scopes: ['restlets', 'rest_webservices', 'suite_analytics'],
				}),
			);
			const jwt = signClientAssertion(settings, 1_800_000_000.7);
			const [h, p, s] = jwt.split('.');
			expect(decode(h)).toEqual({ alg, typ: 'JWT', kid: 'cert-xyz' });
			expect(decode(p)).toEqual({
				iss: 'client-abc',
				scope: ['restlets', 'rest_webservices', 'suite_analytics'],
				aud: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
				iat: 1_800_000_000,
				exp: 1_800_000_000 + ASSERTION_LIFETIME_SECONDS,
			});
			expect(ASSERTION_LIFETIME_SECONDS).toBeLessThan(3600);
			const signature = Buffer.from(s, 'base64url');
			const hash = `sha${alg.slice(2)}`;
			const data = Buffer.from(`${h}.${p}`);
			if (alg.startsWith('ES')) {
				expect(signature).toHaveLength(bytes * 2); // JOSE r||s, not DER
				expect(verify(hash, data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
					true,
				);
			} else {
				// Salt length = digest length, exactly: a verifier that insists on it accepts the signature.
				expect(
					verify(
						hash,
						data,
						{ key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: bytes },
						signature,
					),
				).toBe(true);
				expect(
					verify(
						hash,
						data,
						{ key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 0 },
						signature,
					),
				).toBe(false);
			}
		},
	);

	test('the token request form: client_credentials grant with a jwt-bearer assertion', () => {
		const form = tokenRequestForm(readM2mSettings(creds(pkcs8(keys.p256.privateKey), 'ES256')));
		expect(form.grant_type).toBe('client_credentials');
		expect(form.client_assertion_type).toBe(
			'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		);
		expect(form.client_assertion.split('.')).toHaveLength(3);
		expect(new URLSearchParams(form).toString()).toMatch(
			/^grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=/,
		);
	});

	test('the cache key tells keys, certificates, clients, scopes and hosts apart without holding the key', () => {
		const pem = pkcs8(keys.p256.privateKey);
		const key = (extra: Record<string, unknown> = {}, p = pem) =>
			readM2mSettings(creds(p, 'ES256', extra)).cacheKey;
		const all = [
			key(),
			key({ certificateId: 'other' }),
			key({ clientId: 'other' }),
			key({ scopes: ['restlets'] }),
			key({ baseUrl: 'http://127.0.0.1:1' }),
			key({}, pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)),
		];
		expect(new Set(all).size).toBe(all.length);
		expect(key({ scopes: ['restlets', 'rest_webservices'] })).toBe(
			key({ scopes: ['rest_webservices', 'restlets'] }),
		);
		for (const line of keyLines(pem)) expect(all.join()).not.toContain(line);
	});
});

describe('the token cache', () => {
	let now = 0;
	const clock = () => now;
	const issued = (n: number, expiresInSeconds = 3600): IssuedToken => ({
		accessToken: `token-${n}`,
		expiresInSeconds,
	});
	beforeEach(() => {
		now = 1_000_000;
	});

	test('reuses a token until 60 s before expires_in runs out, then renews', async () => {
		const cache = new TokenCache(clock);
		let fetches = 0;
		const fetch = async () => issued(++fetches);
		expect(await cache.get('k', fetch)).toBe('token-1');
		now += 3600_000 - 60_001;
		expect(await cache.get('k', fetch)).toBe('token-1');
		now += 1;
		expect(await cache.get('k', fetch)).toBe('token-2');
		expect(fetches).toBe(2);
	});

	test('short-lived tokens renew a tenth of their lifetime early, so they are still reused', async () => {
		const cache = new TokenCache(clock);
		let fetches = 0;
		const fetch = async () => issued(++fetches, 10);
		await cache.get('k', fetch);
		now += 8_999;
		expect(await cache.get('k', fetch)).toBe('token-1');
		now += 1;
		expect(await cache.get('k', fetch)).toBe('token-2');
	});

	test('concurrent callers share one renewal', async () => {
		const cache = new TokenCache(clock);
		let fetches = 0;
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const fetch = async () => {
			fetches++;
			await gate;
			return issued(fetches);
		};
		const waiting = Array.from({ length: 25 }, async () => await cache.get('k', fetch));
		release();
		expect(new Set(await Promise.all(waiting))).toEqual(new Set(['token-1']));
		expect(fetches).toBe(1);
	});

	test('a failed renewal fails everyone waiting on it once and is not remembered', async () => {
		const cache = new TokenCache(clock);
		let fetches = 0;
		const failing = async (): Promise<IssuedToken> => {
			fetches++;
			throw new Error('invalid_grant');
		};
		const results = await Promise.allSettled([
			cache.get('k', failing),
			cache.get('k', failing),
			cache.get('k', failing),
		]);
		expect(results.every((r) => r.status === 'rejected')).toBe(true);
		expect(fetches).toBe(1);
		expect(await cache.get('k', async () => issued(7))).toBe('token-7');
	});

	test('invalidating forgets only the refused token, so many refusals lead to one renewal', async () => {
		const cache = new TokenCache(clock);
		let fetches = 0;
		const fetch = async () => issued(++fetches);
		await cache.get('k', fetch);
		cache.invalidate('k', 'token-1');
		expect(await cache.get('k', fetch)).toBe('token-2');
		cache.invalidate('k', 'token-1'); // a late 401 for the old token
		expect(await cache.get('k', fetch)).toBe('token-2');
		expect(fetches).toBe(2);
	});

	test('keys are separate; a stored token (from the credential test) is used', async () => {
		const cache = new TokenCache(clock);
		cache.store('a', issued(1));
		expect(await cache.get('a', async () => issued(99))).toBe('token-1');
		expect(await cache.get('b', async () => issued(2))).toBe('token-2');
	});
});

describe('token endpoint answers', () => {
	test('a token and its lifetime; 3600 s when expires_in is missing', () => {
		expect(
			readTokenResponse(200, { access_token: 'abc', expires_in: 120, token_type: 'bearer' }),
		).toEqual({ accessToken: 'abc', expiresInSeconds: 120 });
		expect(readTokenResponse(200, '{"access_token":"abc","expires_in":"3600"}')).toEqual({
			accessToken: 'abc',
			expiresInSeconds: 3600,
		});
		expect(readTokenResponse(200, { access_token: 'abc' })).toEqual({
			accessToken: 'abc',
			expiresInSeconds: 3600,
		});
	});

	test('invalid_grant becomes one message listing the causes and where to check each', () => {
		const answer = readTokenResponse(400, { error: 'invalid_grant' });
		expect(isRefusal(answer) && answer.message).toBe(M2M_INVALID_GRANT_MESSAGE);
		for (const part of [
			'invalid_grant',
			'Certificate ID',
			'expired',
			'revoked',
			'scope',
			'mapping of entity, role and application',
			'Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup',
			'Setup > Integration > Manage Integrations',
		]) {
			expect(M2M_INVALID_GRANT_MESSAGE).toContain(part);
		}
	});

	test('other refusals read as sentences too', () => {
		const malformed = readTokenResponse(400, { error: 'invalid_request' });
		expect(isRefusal(malformed) && malformed.message).toMatch(/malformed \(invalid_request\)/);
		const grant = readTokenResponse(400, { error: 'unsupported_grant_type' });
		expect(isRefusal(grant) && grant.message).toMatch(/Client Credentials \(Machine to Machine\)/);
		const empty = readTokenResponse(200, {});
		expect(isRefusal(empty) && empty.message).toMatch(/without an access token/);
	});

	test('an invalid_grant body anywhere gets the same hint in the node error description', () => {
		const parsed = parseNetSuiteError(400, { error: 'invalid_grant' });
		expect(parsed.code).toBe('invalid_grant');
		const node: INode = {
			id: '1',
			name: 'NetSuite',
			type: 'netSuite',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		expect(netSuiteApiError(node, parsed).description).toContain(M2M_INVALID_GRANT_MESSAGE);
	});
});
