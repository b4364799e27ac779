/** Credential fields both authentication methods share, so they read and validate the same way. */
import type { INodeProperties } from 'n8n-workflow';

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
		'Requests this account accepts at once (Setup > Integration > Integration Management > Integration Governance). 5 is the smallest NetSuite limit. A cap: every workflow using this account in this n8n process shares it, and sends fewer while NetSuite refuses for concurrency (other workers or integrations).',
};
