import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../credentialTypes';
import type { AuthenticationMethod } from '../credentialTypes';

export const authenticationParameter: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Token-Based Authentication (TBA)', value: 'tokenBased' },
		{ name: 'OAuth 2.0 Machine-to-Machine', value: 'oAuth2M2m' },
	],
	default: 'tokenBased',
};

const credentialFor = (authentication: AuthenticationMethod): INodeCredentialDescription => ({
	name: CREDENTIAL_TYPES[authentication],
	required: true,
	displayOptions: { show: { authentication: [authentication] } },
});

export const credentialsDescription: INodeCredentialDescription[] = [
	credentialFor('tokenBased'),
	credentialFor('oAuth2M2m'),
];
