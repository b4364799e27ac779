import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	accountIdField,
	baseUrlField,
	concurrencyLimitField,
	credentialTestRequest,
} from '../nodes/NetSuite/credentialFields';
import { absoluteUrl, resolveAccountEndpoints } from '../nodes/NetSuite/account';
import { ParameterError } from '../nodes/NetSuite/parameterError';
import {
	M2M_AUTH_FAILED_MESSAGE,
	M2M_FORBIDDEN_MESSAGE,
	M2M_INVALID_GRANT_MESSAGE,
} from '../nodes/NetSuite/transport/oauth2/messages';
import { DEFAULT_M2M_SCOPES, readM2mSettings } from '../nodes/NetSuite/transport/oauth2/settings';
import type { M2mSettings } from '../nodes/NetSuite/transport/oauth2/settings';
import { m2mTokenCache } from '../nodes/NetSuite/transport/oauth2/tokenCache';
import { isRefusal, requestAccessToken } from '../nodes/NetSuite/transport/oauth2/tokenResponse';

/**
 * OAuth 2.0 client credentials (machine to machine). The NetSuite nodes' transport gets, caches and
 * renews the access token itself; `preAuthentication` (run by n8n for the credential test, when the
 * stored token is empty, and after a 401 outside the nodes, e.g. in the HTTP Request node) fetches
 * one too and hands it to the same in-memory cache.
 */
export class NetSuiteM2mOAuth2Api implements ICredentialType {
	// Written out: n8n's lint rules read a credential's name only as a literal (credentialTypes.ts
	// holds it for the nodes; test/unit/credentialTypes.test.ts keeps the two equal).
	name = 'netSuiteOAuth2M2mApi';

	displayName = 'NetSuite (OAuth2 Client Credentials) API';

	icon: Icon = {
		light: 'file:../nodes/NetSuite/netsuite.svg',
		dark: 'file:../nodes/NetSuite/netsuite.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-netsuite-sync/n8n-nodes-netsuite-sync#oauth-20-machine-to-machine';

	properties: INodeProperties[] = [
		accountIdField,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'From the integration record (Setup > Integration > Manage Integrations) with the Client Credentials (Machine to Machine) grant enabled; NetSuite shows it once, when the integration is saved',
		},
		{
			displayName: 'Certificate ID',
			name: 'certificateId',
			type: 'string',
			default: '',
			required: true,
			description:
				'From Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup, the mapping (entity, role, application) that holds your uploaded certificate',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			required: true,
			placeholder: '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----',
			description:
				'The PEM private key the uploaded certificate was made from: RSA 3072 or 4096 bits, or EC P-256, P-384 or P-521. Paste the whole file, BEGIN and END lines included.',
		},
		{
			displayName: 'Algorithm',
			name: 'algorithm',
			type: 'options',
			options: [
				{ name: 'PS256 (RSA-PSS, SHA-256)', value: 'PS256' },
				{ name: 'PS384 (RSA-PSS, SHA-384)', value: 'PS384' },
				{ name: 'PS512 (RSA-PSS, SHA-512)', value: 'PS512' },
				{ name: 'ES256 (ECDSA P-256)', value: 'ES256' },
				{ name: 'ES384 (ECDSA P-384)', value: 'ES384' },
				{ name: 'ES512 (ECDSA P-521)', value: 'ES512' },
			],
			default: 'PS256',
			description:
				'How the token request is signed: PS* for an RSA key, ES* for an EC key on the matching curve. NetSuite no longer accepts RS256.',
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'multiOptions',
			options: [
				{ name: 'REST Web Services', value: 'rest_webservices' },
				{ name: 'RESTlets', value: 'restlets' },
				{ name: 'SuiteAnalytics Connect', value: 'suite_analytics' },
			],
			default: [...DEFAULT_M2M_SCOPES],
			description:
				'Scopes asked for in the token; each must be enabled on the integration record. REST Web Services covers records and SuiteQL; RESTlets covers RESTlet calls.',
		},
		baseUrlField('; the token is requested there too'),
		concurrencyLimitField,
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		let settings: M2mSettings;
		try {
			settings = readM2mSettings(credentials);
		} catch (error) {
			if (error instanceof ParameterError) {
				// A plain Error: n8n shows its message; no `code` that would replace it.
				throw new Error(`Credential field "${error.field}": ${error.message}`);
			}
			throw error;
		}
		const requestedAt = Date.now();
		const issued = await requestAccessToken(
			async (options) => await this.helpers.httpRequest(options),
			settings,
		);
		// A plain Error whose message is the sentence: n8n's credential test shows it as it is.
		if (isRefusal(issued)) throw new Error(issued.message);
		m2mTokenCache.store(settings.cacheKey, issued, requestedAt);
		return { accessToken: issued.accessToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { baseURL, url, ...rest } = requestOptions;
		const absolute = absoluteUrl(
			url,
			() => baseURL ?? resolveAccountEndpoints(credentials).restBaseUrl,
		);
		const token = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
		const headers = { ...(requestOptions.headers ?? {}) };
		// No token yet: send without one; the 401 makes n8n run preAuthentication and try again.
		if (token !== '') headers.Authorization = `Bearer ${token}`;
		return { ...rest, url: absolute, headers };
	}

	test: ICredentialTestRequest = {
		request: credentialTestRequest,
		rules: [
			{
				type: 'responseCode',
				properties: { value: 400, message: M2M_INVALID_GRANT_MESSAGE },
			},
			{
				type: 'responseCode',
				properties: { value: 401, message: M2M_AUTH_FAILED_MESSAGE },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: M2M_FORBIDDEN_MESSAGE },
			},
		],
	};
}
