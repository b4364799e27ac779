import type { INodeProperties } from 'n8n-workflow';

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

export const credentialsDescription = [
	{ name: 'netSuiteTbaApi', required: true, displayOptions: { show: { authentication: ['tokenBased'] } } },
	{
		name: 'netSuiteOAuth2M2mApi',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2M2m'] } },
	},
];
