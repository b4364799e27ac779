/** What both credentials share (fields, the test request), so they read and validate the same way. */
import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

export const accountIdField: INodeProperties = {
	displayName: 'Account ID',
	name: 'accountId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1234567 or 1234567_SB1',
	hint: 'Production: 1234567. Sandbox: 1234567_SB1 (Setup > Company > Company Information)',
	description:
		'From Setup > Company > Company Information. Sandbox IDs like 1234567_SB1 (or 1234567-sb1, or a pasted NetSuite URL) are accepted; the realm and hosts are derived from it.',
};

export const concurrencyLimitField: INodeProperties = {
	displayName: 'Account Concurrency Limit',
	name: 'concurrencyLimit',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 1000 },
	default: 5,
	description:
		'Requests this account accepts at once (Setup > Integration > Integration Management > Integration Governance). 5 is the smallest NetSuite limit.',
	hint: 'A cap shared by every workflow using this account in this n8n process; fewer are sent while NetSuite refuses for concurrency (other workers or integrations)',
};

/** Base URL; `alsoUsedFor` names what else this authentication sends there (the token request). */
export function baseUrlField(alsoUsedFor = ''): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		placeholder: 'https://1234567-sb1.suitetalk.api.netsuite.com',
		hint: 'Leave empty for a real NetSuite account; set it only for the local simulator or a proxy',
		description: `Optional. The SuiteTalk (REST) URL from Setup > Company > Company Information > Company URLs${alsoUsedFor}. Leave empty to derive it from the Account ID. Also points the nodes at the local NetSuite simulator.`,
	};
}

/** The credential test: a metadata read any role with REST Web Services may make. */
export const credentialTestRequest: ICredentialTestRequest['request'] = {
	method: 'GET',
	url: '/services/rest/record/v1/metadata-catalog?select=customer',
};
