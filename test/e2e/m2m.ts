// OAuth 2.0 machine-to-machine for the e2e run: a key pair made now, its public half registered
// with the simulator as NetSuite's M2M setup page would hold it, and the bundled workflows switched
// to it the way a user does in the editor (Authentication: OAuth 2.0 M2M, pick the credential).

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { SimulatorControlClient } from '../simulator/controlClient';
import type { WorkflowJson } from './fixtures';

export interface M2mAccess {
	clientId: string;
	certificateId: string;
	privateKey: string;
	algorithm: 'ES256';
}

export const M2M_CREDENTIAL = {
	name: 'NetSuite account (OAuth 2.0 M2M)',
	type: 'netSuiteOAuth2M2mApi',
} as const;

const NETSUITE_NODE_TYPES = new Set([
	'n8n-nodes-netsuite-sync.netSuite',
	'n8n-nodes-netsuite-sync.netSuiteTrigger',
]);

export async function registerM2mClient(control: SimulatorControlClient): Promise<M2mAccess> {
	const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const access: M2mAccess = {
		clientId: randomBytes(16).toString('hex'),
		certificateId: randomBytes(12).toString('hex'),
		privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		algorithm: 'ES256',
	};
	await control.registerM2mClient({
		clientId: access.clientId,
		certificateId: access.certificateId,
		publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
	});
	return access;
}

/** Every NetSuite node and trigger of a workflow set to OAuth 2.0 M2M with the named credential. */
export function withM2mAuthentication(workflow: WorkflowJson): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	for (const node of copy.nodes) {
		if (!NETSUITE_NODE_TYPES.has(node.type)) continue;
		node.parameters.authentication = 'oAuth2M2m';
		node.credentials = {
			[M2M_CREDENTIAL.type]: { id: 'NetSuiteCredM2m1', name: M2M_CREDENTIAL.name },
		};
	}
	return copy;
}

export function m2mCredentialData(
	m2m: M2mAccess,
	accountId: string,
	baseUrl: string,
): Record<string, unknown> {
	return {
		accountId,
		clientId: m2m.clientId,
		certificateId: m2m.certificateId,
		privateKey: m2m.privateKey,
		algorithm: m2m.algorithm,
		scopes: ['rest_webservices', 'restlets'],
		baseUrl,
		concurrencyLimit: 5,
	};
}
