/**
 * The simulator's hand-written TBA verifier against published vectors and its own rules.
 */
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { parseOAuthHeader, rfc3986, tbaBaseString, tbaSignature, TbaVerifier } from './tba';

// Oracle's worked example [O:section_1534941088], values as recomputed in the reference.
const ORACLE = {
	consumerKey: 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4',
	consumerSecret: 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5',
	token: '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc',
	tokenSecret: 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295',
	nonce: 'fjaLirsIcCGVZWzBX0pg',
	timestamp: '1508242306',
};

const oracleParams = (): Record<string, string> => ({
	realm: '123456',
	oauth_consumer_key: ORACLE.consumerKey,
	oauth_token: ORACLE.token,
	oauth_signature_method: 'HMAC-SHA256',
	oauth_timestamp: ORACLE.timestamp,
	oauth_nonce: ORACLE.nonce,
	oauth_version: '1.0',
});

const header = (params: Record<string, string>): string =>
	`OAuth ${Object.entries(params)
		.map(([k, v]) => `${k}="${rfc3986(v)}"`)
		.join(', ')}`;

describe('TBA signature base string and signature (RFC 5849 §3.4.1, HMAC-SHA256)', () => {
	test('Oracle REST vector: GET employee/40 signs to B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=', () => {
		const url = 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40';
		const base = tbaBaseString('GET', url, oracleParams());
		expect(base).toBe(
			`GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Femployee%2F40&oauth_consumer_key%3D${ORACLE.consumerKey}%26oauth_nonce%3D${ORACLE.nonce}%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D${ORACLE.timestamp}%26oauth_token%3D${ORACLE.token}%26oauth_version%3D1.0`,
		);
		expect(tbaSignature(base, ORACLE.consumerSecret, ORACLE.tokenSecret)).toBe(
			'B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=',
		);
	});

	test('Oracle RESTlet vector: script, deploy and custom query parameters are signed', () => {
		const url =
			'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue';
		const base = tbaBaseString('POST', url, oracleParams());
		expect(
			base.startsWith(
				'POST&https%3A%2F%2F123456.restlets.api.netsuite.com%2Fapp%2Fsite%2Fhosting%2Frestlet.nl&customParam%3DsomeValue%26deploy%3D1%26oauth_consumer_key',
			),
		).toBe(true);
		expect(base.endsWith('oauth_version%3D1.0%26script%3D6%26testParam%3DsomeOtherValue')).toBe(
			true,
		);
		expect(tbaSignature(base, ORACLE.consumerSecret, ORACLE.tokenSecret)).toBe(
			'+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ=',
		);
	});

	test('RFC 5849 §1.2 vector (HMAC-SHA1 over our base string) gives MdpQcU8iPSUjWoN/UDMsK2sui9I=', () => {
		const base = tbaBaseString(
			'GET',
			'http://photos.example.net/photos?file=vacation.jpg&size=original',
			{
				oauth_consumer_key: 'dpf43f3p2l4k3l03',
				oauth_token: 'nnch734d00sl2jdk',
				oauth_signature_method: 'HMAC-SHA1',
				oauth_timestamp: '137131202',
				oauth_nonce: 'chapoH',
			},
		);
		expect(base).toBe(
			'GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal',
		);
		expect(
			createHmac('sha1', 'kd94hf93k423kf44&pfkkdhi9sl3r4s00').update(base).digest('base64'),
		).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
	});

	test('RFC 5849 §3.4.1.1 encoding vector (double-encoded values, empty values, sorting)', () => {
		const base = tbaBaseString(
			'POST',
			'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
			{
				oauth_consumer_key: '9djdj82h48djs9d2',
				oauth_token: 'kkk9d7dh3k39sjv7',
				oauth_signature_method: 'HMAC-SHA1',
				oauth_timestamp: '137131201',
				oauth_nonce: '7d8f3e4a',
				oauth_signature: 'ignored',
			},
			'c2&a3=2+q',
		);
		expect(base).toBe(
			'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
		);
	});

	test('host is lower-cased and a default port dropped in the base string', () => {
		const a = tbaBaseString(
			'get',
			'HTTPS://123456.SuiteTalk.API.NetSuite.com:443/services/rest/record/v1/employee/40',
			oracleParams(),
		);
		const b = tbaBaseString(
			'GET',
			'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40',
			oracleParams(),
		);
		expect(a).toBe(b);
		expect(tbaBaseString('GET', 'http://127.0.0.1:8787/x', {})).toContain('127.0.0.1%3A8787');
	});

	test('an independent signer (oauth-1.0a) and the verifier agree', () => {
		const oauth = new OAuth({
			consumer: { key: 'ck', secret: 'cs' },
			signature_method: 'HMAC-SHA256',
			hash_function: (b, k) => createHmac('sha256', k).update(b).digest('base64'),
			realm: 'ACCT',
		});
		const url = 'http://127.0.0.1:9/services/rest/record/v1/customer?limit=5&q=id%20EQUAL%201';
		const h = oauth.toHeader(
			oauth.authorize({ url, method: 'GET' }, { key: 'tk', secret: 'ts' }),
		).Authorization;
		const v = new TbaVerifier({
			realm: 'ACCT',
			consumerKey: 'ck',
			consumerSecret: 'cs',
			tokenId: 'tk',
			tokenSecret: 'ts',
		});
		expect(v.verify('GET', url, h)).toEqual({ ok: true });
	});
});

describe('TBA verifier rules (reasons are logged, never sent)', () => {
	const now = Number(ORACLE.timestamp) * 1000;
	const url = 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40';
	const verifier = (): TbaVerifier =>
		new TbaVerifier({
			realm: '123456',
			consumerKey: ORACLE.consumerKey,
			consumerSecret: ORACLE.consumerSecret,
			tokenId: ORACLE.token,
			tokenSecret: ORACLE.tokenSecret,
		});
	const signed = (p: Record<string, string>): string =>
		header({
			...p,
			oauth_signature: tbaSignature(
				tbaBaseString('GET', url, p),
				ORACLE.consumerSecret,
				ORACLE.tokenSecret,
			),
		});

	test("the Oracle vector's header verifies at its own timestamp", () => {
		expect(
			verifier().verify(
				'GET',
				url,
				header({
					...oracleParams(),
					oauth_signature: 'B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=',
				}),
				now,
			),
		).toEqual({ ok: true });
	});

	test('a nonce + timestamp pair is accepted once per token', () => {
		const v = verifier();
		const h = signed(oracleParams());
		expect(v.verify('GET', url, h, now).ok).toBe(true);
		expect(v.verify('GET', url, h, now)).toEqual({ ok: false, reason: 'NonceUsed' });
	});

	test.each([
		[
			'timestamp 301 s in the past',
			{ oauth_timestamp: String(Number(ORACLE.timestamp) - 301) },
			/InvalidTimestamp/,
		],
		[
			'timestamp 301 s in the future',
			{ oauth_timestamp: String(Number(ORACLE.timestamp) + 301) },
			/InvalidTimestamp/,
		],
		['a 5-character nonce', { oauth_nonce: 'abcde' }, /nonce_rejected/],
		['HMAC-SHA1', { oauth_signature_method: 'HMAC-SHA1' }, /UnknownAlgorithm/],
		['oauth_version 2.0', { oauth_version: '2.0' }, /VersionRejected/],
		['a lower-case realm', { realm: '123456_sb1' }, /InvalidAccount/],
		['an unknown consumer key', { oauth_consumer_key: 'nope' }, /consumer_key_unknown/],
		['an unknown token', { oauth_token: 'nope' }, /token_rejected/],
	])('rejects %s', (_name, change, reason) => {
		const r = verifier().verify('GET', url, signed({ ...oracleParams(), ...change }), now);
		expect(r.ok).toBe(false);
		expect(r.ok === false && r.reason).toMatch(reason);
	});

	test('timestamps within ±300 s pass', () => {
		expect(
			verifier().verify(
				'GET',
				url,
				signed({ ...oracleParams(), oauth_timestamp: String(Number(ORACLE.timestamp) - 300) }),
				now,
			).ok,
		).toBe(true);
	});

	test('a wrong secret, a changed query or a changed method fails the signature', () => {
		const h = signed(oracleParams());
		expect(verifier().verify('POST', url, h, now)).toMatchObject({
			ok: false,
			reason: 'InvalidSignature',
		});
		expect(verifier().verify('GET', `${url}?expandSubResources=true`, h, now)).toMatchObject({
			ok: false,
			reason: 'InvalidSignature',
		});
		const wrong = header({
			...oracleParams(),
			oauth_signature: tbaSignature(
				tbaBaseString('GET', url, oracleParams()),
				'wrong',
				ORACLE.tokenSecret,
			),
		});
		expect(verifier().verify('GET', url, wrong, now)).toMatchObject({
			ok: false,
			reason: 'InvalidSignature',
		});
	});

	test('duplicate or empty oauth parameters are rejected', () => {
		const dup = `${signed(oracleParams())}, oauth_nonce="again12"`;
		expect(verifier().verify('GET', url, dup, now)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/parameter_rejected/),
		});
		expect(parseOAuthHeader('OAuth realm="1", oauth_token=""')?.params.oauth_token).toBe('');
		expect(
			verifier().verify('GET', url, 'OAuth realm="123456", oauth_token=""', now),
		).toMatchObject({ ok: false, reason: expect.stringMatching(/parameter_rejected/) });
		expect(verifier().verify('GET', url, undefined, now)).toMatchObject({
			ok: false,
			reason: 'MissingAuthorization',
		});
		expect(verifier().verify('GET', url, 'Basic abc', now)).toMatchObject({ ok: false });
	});
});
