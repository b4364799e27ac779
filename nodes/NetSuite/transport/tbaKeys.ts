import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ParameterError } from '../parameterError';
import type { TbaKeys } from './oauth1Signer';

/** What NetSuite's generic "Invalid login attempt" most often means, in the order worth checking. */
export const TBA_AUTH_FAILED_MESSAGE =
	'NetSuite refused the login (401 Invalid login attempt). Check: 1) the Account ID (sandboxes look like 1234567_SB1); 2) the consumer key/secret and token ID/secret belong together and were pasted whole; 3) the token is not revoked and its role has "Log in using Access Tokens" and "REST Web Services"; 4) this machine\'s clock is correct (NetSuite allows 5 minutes of skew). The exact reason is in NetSuite under Setup > Users/Roles > User Management > View Login Audit Trail.';

const KEY_FIELDS: Array<[keyof Omit<TbaKeys, 'realm'>, string]> = [
	['consumerKey', 'Consumer Key'],
	['consumerSecret', 'Consumer Secret'],
	['tokenId', 'Token ID'],
	['tokenSecret', 'Token Secret'],
];

/** Validates the four TBA secrets; errors name the field and never echo its value. */
export function buildTbaKeys(credentials: ICredentialDataDecryptedObject, realm: string): TbaKeys {
	const keys = { realm } as TbaKeys;
	for (const [field, label] of KEY_FIELDS) {
		const value = credentials[field];
		if (typeof value !== 'string' || value === '') {
			throw new ParameterError(field, `${label} is empty. Paste it from NetSuite.`);
		}
		if (value.trim() !== value || /\s/.test(value)) {
			throw new ParameterError(
				field,
				`${label} contains spaces or line breaks. Paste it again without leading or trailing whitespace.`,
			);
		}
		keys[field] = value;
	}
	return keys;
}
