import { normalizeAccountId, resolveAccountEndpoints } from '../../nodes/NetSuite/account';

describe('Account ID → realm and hosts', () => {
	test.each([
		['1234567', '1234567'],
		['1234567_SB1', '1234567_SB1'],
		['1234567_sb1', '1234567_SB1'],
		['1234567-sb1', '1234567_SB1'],
		['  1234567-SB1 ', '1234567_SB1'],
		['tstdrv1234567', 'TSTDRV1234567'],
		['https://1234567-sb1.app.netsuite.com/app/center/card.nl', '1234567_SB1'],
		['1234567-sb1.suitetalk.api.netsuite.com', '1234567_SB1'],
		['1234567_RP', '1234567_RP'],
	])('%j → realm %s', (pasted, realm) => {
		expect(normalizeAccountId(pasted)).toBe(realm);
	});

	test('sandbox hosts are lower case with a hyphen', () => {
		expect(resolveAccountEndpoints({ accountId: '1234567_SB1' })).toEqual({
			realm: '1234567_SB1',
			restBaseUrl: 'https://1234567-sb1.suitetalk.api.netsuite.com',
			restletBaseUrl: 'https://1234567-sb1.restlets.api.netsuite.com',
		});
	});

	test('RESTlet base defaults to the Base URL when only that is set', () => {
		expect(
			resolveAccountEndpoints({ accountId: '1', baseUrl: 'http://127.0.0.1:8787' }).restletBaseUrl,
		).toBe('http://127.0.0.1:8787');
		expect(
			resolveAccountEndpoints({
				accountId: '1',
				baseUrl: 'http://127.0.0.1:8787',
				restletBaseUrl: 'http://127.0.0.1:9000/',
			}).restletBaseUrl,
		).toBe('http://127.0.0.1:9000');
	});

	test.each(['', '   ', '12#4', 'a_b_c'])(
		'%j is refused with a message naming Account ID',
		(bad) => {
			expect(() => normalizeAccountId(bad)).toThrow(/Account ID/);
		},
	);
});
