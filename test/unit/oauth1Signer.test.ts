import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { signRequest } from '../../nodes/NetSuite/transport/oauth1Signer';
import { wireSignature } from '../helpers/wireSignature';

// Oracle's worked TBA example (Help Center section_1534941088), recomputed independently.
const ORACLE = {
	realm: '123456',
	consumerKey: 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4',
	consumerSecret: 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5',
	tokenId: '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc',
	tokenSecret: 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295',
};
const NONCE = 'fjaLirsIcCGVZWzBX0pg';
const TIMESTAMP = 1508242306;

function headerParam(header: string, name: string): string {
	const match = new RegExp(`${name}="([^"]*)"`).exec(header);
	if (!match) throw new Error(`${name} missing from ${header}`);
	return decodeURIComponent(match[1]);
}

describe('TBA signing (oauth-1.0a, HMAC-SHA256)', () => {
	test("reproduces Oracle's REST example: GET employee/40", () => {
		const signed = signRequest(ORACLE, {
			method: 'GET',
			url: 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40',
			nonce: NONCE,
			timestamp: TIMESTAMP,
		});
		expect(signed.baseString).toBe(
			'GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Femployee%2F40&oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1508242306%26oauth_token%3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%26oauth_version%3D1.0',
		);
		expect(headerParam(signed.authorization, 'oauth_signature')).toBe(
			'B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=',
		);
		expect(signed.authorization).toContain(
			'oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"',
		);
		expect(signed.authorization.startsWith('OAuth realm="123456", ')).toBe(true);
	});

	test("reproduces Oracle's RESTlet example: every query parameter is signed", () => {
		const signed = signRequest(ORACLE, {
			method: 'POST',
			url: 'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue',
			nonce: NONCE,
			timestamp: TIMESTAMP,
		});
		expect(headerParam(signed.authorization, 'oauth_signature')).toBe(
			'+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ=',
		);
		expect(signed.url).toBe(
			'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue',
		);
	});

	test('reproduces the RFC 5849 §3.4.1.1 base string (encoded keys and values, repeated keys)', () => {
		const rfcExample =
			'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7';
		const signed = signRequest(
			{
				realm: '',
				consumerKey: '9djdj82h48djs9d2',
				consumerSecret: 'cs',
				tokenId: 'kkk9d7dh3k39sjv7',
				tokenSecret: 'ts',
			},
			{
				method: 'post',
				url: 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
				qs: { c2: '', a3: '2 q' },
				nonce: '7d8f3e4a',
				timestamp: 137131201,
			},
		);
		// The RFC's example signs with HMAC-SHA1 and leaves oauth_version out; NetSuite wants HMAC-SHA256 and 1.0.
		expect(signed.baseString).toBe(
			`${rfcExample.replace('HMAC-SHA1', 'HMAC-SHA256')}%26oauth_version%3D1.0`,
		);
	});

	test('lower-cases scheme and host, keeps a non-default port, signs the query as sent', () => {
		const signed = signRequest(ORACLE, {
			method: 'get',
			url: 'HTTP://LocalHost:8787/services/rest/record/v1/customer?limit=5',
			qs: { offset: 0, q: 'lastModifiedDate AFTER "1/1/2026"' },
			nonce: NONCE,
			timestamp: TIMESTAMP,
		});
		expect(signed.baseString.startsWith('GET&http%3A%2F%2Flocalhost%3A8787%2Fservices')).toBe(true);
		expect(signed.baseString).toContain(
			'q%3DlastModifiedDate%2520AFTER%2520%25221%252F1%252F2026%2522',
		);
		expect(signed.url).toBe(
			'http://localhost:8787/services/rest/record/v1/customer?limit=5&offset=0&q=lastModifiedDate%20AFTER%20%221%2F1%2F2026%22',
		);
	});

	test('a fresh nonce and timestamp per signature', () => {
		const a = signRequest(ORACLE, { method: 'GET', url: 'https://h.example/x' });
		const b = signRequest(ORACLE, { method: 'GET', url: 'https://h.example/x' });
		expect(headerParam(a.authorization, 'oauth_nonce')).not.toBe(
			headerParam(b.authorization, 'oauth_nonce'),
		);
		expect(headerParam(a.authorization, 'oauth_nonce')).toMatch(/^[A-Za-z0-9]{20}$/);
		expect(
			Math.abs(Number(headerParam(a.authorization, 'oauth_timestamp')) - Date.now() / 1000),
		).toBeLessThan(5);
	});
});

describe('credential authenticate()', () => {
	const credential = new NetSuiteTbaApi();
	const sandbox = {
		accountId: ' 1234567-sb1 ',
		consumerKey: 'ck',
		consumerSecret: 'cs',
		tokenId: 'tk',
		tokenSecret: 'ts',
	};

	test('signs exactly the URL it returns, realm upper case, host derived and lower case', async () => {
		const out = await credential.authenticate(sandbox, {
			method: 'GET',
			url: '/services/rest/record/v1/customer?limit=2',
			qs: { offset: 0, q: 'a b', skip: undefined },
			headers: { Accept: 'application/json' },
		});
		expect(out.url).toBe(
			'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=2&offset=0&q=a%20b',
		);
		expect(out.qs).toBeUndefined();
		expect(out.baseURL).toBeUndefined();
		const header = (out.headers as Record<string, string>).Authorization;
		expect(header).toMatch(/^OAuth realm="1234567_SB1", /);
		// Recomputed from what is on the wire, independently of oauth-1.0a.
		const { sent, expected } = wireSignature('GET', out.url!, header, {
			consumerSecret: 'cs',
			tokenSecret: 'ts',
		});
		expect(sent).toBe(expected);
		expect(headerParam(header, 'oauth_signature_method')).toBe('HMAC-SHA256');
	});

	test('returns a new options object and leaves the caller’s untouched', async () => {
		const request = {
			method: 'GET' as const,
			url: 'https://x.example/a',
			qs: { limit: 1 },
			headers: {},
		};
		const out = await credential.authenticate(sandbox, request);
		expect(out).not.toBe(request);
		expect(request).toEqual({
			method: 'GET',
			url: 'https://x.example/a',
			qs: { limit: 1 },
			headers: {},
		});
	});

	test('uses the Base URL override when set', async () => {
		const out = await credential.authenticate(
			{ ...sandbox, baseUrl: 'http://127.0.0.1:8787/' },
			{ method: 'GET', url: '/services/rest/record/v1/metadata-catalog' },
		);
		expect(out.url).toBe('http://127.0.0.1:8787/services/rest/record/v1/metadata-catalog');
	});

	test.each([
		[{ accountId: '' }, 'accountId', /Account ID is empty/],
		[{ accountId: '12 34$' }, 'accountId', /is not a NetSuite account ID/],
		[{ consumerKey: ' ck' }, 'consumerKey', /Consumer Key contains spaces/],
		[{ tokenSecret: 'ts\n' }, 'tokenSecret', /Token Secret contains spaces/],
		[{ tokenId: '' }, 'tokenId', /Token ID is empty/],
		[{ baseUrl: '1234567.suitetalk.api.netsuite.com' }, 'baseUrl', /Base URL .* has no scheme/],
	])(
		'bad input %j is refused naming the field, before any request',
		async (patch, field, message) => {
			const error = await credential
				.authenticate({ ...sandbox, ...patch }, { method: 'GET', url: '/x' })
				.catch((e: Error & { field?: string }) => e);
			expect(error).toBeInstanceOf(Error);
			expect((error as { field?: string }).field).toBe(field);
			expect((error as Error).message).toMatch(message);
			for (const secret of ['cs', 'ts\n', ' ck']) {
				if (secret.length > 2) expect((error as Error).message).not.toContain(secret);
			}
		},
	);
});
