import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
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
import { buildTbaKeys, TBA_AUTH_FAILED_MESSAGE } from '../nodes/NetSuite/transport/tbaKeys';
import { absoluteUrl, resolveAccountEndpoints } from '../nodes/NetSuite/account';
import { signRequest } from '../nodes/NetSuite/transport/oauth1Signer';

export class NetSuiteTbaApi implements ICredentialType {
	// Written out: n8n's lint rules read a credential's name only as a literal (credentialTypes.ts
	// holds it for the nodes; test/unit/credentialTypes.test.ts keeps the two equal).
	name = 'netSuiteTbaApi';

	displayName = 'NetSuite (Token-Based Auth) API';

	icon: Icon = {
		light: 'file:../nodes/NetSuite/netsuite.svg',
		dark: 'file:../nodes/NetSuite/netsuite.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-netsuite-sync/n8n-nodes-netsuite-sync#token-based-authentication-tba';

	// The two ids (Consumer Key, Token ID) show as text, like an OAuth client ID; only the two
	// secrets are masked. n8n's lint agrees: it flags a masked field whose name marks no secret.
	properties: INodeProperties[] = [
		accountIdField,
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			default: '',
			required: true,
			hint: 'Shown once, when the integration record is saved (Setup > Integration > Manage Integrations)',
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Token ID',
			name: 'tokenId',
			type: 'string',
			default: '',
			required: true,
			hint: 'Shown once, when the access token is created (Setup > Users/Roles > Access Tokens)',
		},
		{
			displayName: 'Token Secret',
			name: 'tokenSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		baseUrlField(),
		{
			displayName: 'RESTlet Base URL',
			name: 'restletBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://1234567-sb1.restlets.api.netsuite.com',
			description:
				'Optional. The RESTlets URL from Company URLs. Defaults to the one derived from the Account ID, or to Base URL when only that is set.',
		},
		concurrencyLimitField,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const endpoints = resolveAccountEndpoints(credentials);
		const keys = buildTbaKeys(credentials, endpoints.realm);
		const { baseURL, qs, url, ...rest } = requestOptions;
		const signed = signRequest(keys, {
			method: requestOptions.method ?? 'GET',
			url: absoluteUrl(url, () => baseURL ?? endpoints.restBaseUrl),
			qs: qs as Record<string, string>,
		});
		return {
			...rest,
			url: signed.url,
			headers: { ...(requestOptions.headers ?? {}), Authorization: signed.authorization },
		};
	}

	test: ICredentialTestRequest = {
		request: credentialTestRequest,
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: TBA_AUTH_FAILED_MESSAGE },
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"NetSuite accepted the keys but the token's role lacks a permission: give the role REST Web Services and Log in using Access Tokens (Setup > Users/Roles > Manage Roles > Permissions > Setup).",
				},
			},
		],
	};
}
