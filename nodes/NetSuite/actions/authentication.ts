import type { INodeProperties } from 'n8n-workflow';

export const authenticationParameter: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [{ name: 'Token-Based Authentication (TBA)', value: 'tokenBased' }],
	default: 'tokenBased',
};

export const credentialsDescription = [
	{ name: 'netSuiteTbaApi', required: true, displayOptions: { show: { authentication: ['tokenBased'] } } },
];
