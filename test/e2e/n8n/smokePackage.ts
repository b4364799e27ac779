// Generates and packs `n8n-nodes-e2e-smoke`, a minimal community-node package (plain JS, no
// build step): one programmatic node and one credential. It stands in for the real package so the
// e2e machinery can be proven before the real nodes exist. The node answers with a marker,
// the credential's greeting and the request body it received, so a test can tell its output apart.

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { withoutNpmVars } from './steps';

export const SMOKE_PACKAGE = 'n8n-nodes-e2e-smoke';
export const SMOKE_NODE_TYPE = `${SMOKE_PACKAGE}.e2eSmoke`;
export const SMOKE_CREDENTIAL_TYPE = 'e2eSmokeApi';
export const SMOKE_MARKER = 'answered-by-n8n-nodes-e2e-smoke';

const credentialJs = `'use strict';
class E2eSmokeApi {
	constructor() {
		this.name = '${SMOKE_CREDENTIAL_TYPE}';
		this.displayName = 'E2E Smoke API';
		this.documentationUrl = 'https://example.com/e2e-smoke';
		this.properties = [
			{ displayName: 'Greeting', name: 'greeting', type: 'string', default: '' },
			{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}
}
module.exports = { E2eSmokeApi };
`;

const nodeJs = `'use strict';
class E2eSmoke {
	constructor() {
		this.description = {
			displayName: 'E2E Smoke',
			name: 'e2eSmoke',
			group: ['transform'],
			version: 1,
			description: 'Answers with a marker, proving a community node ran',
			defaults: { name: 'E2E Smoke' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: '${SMOKE_CREDENTIAL_TYPE}', required: true }],
			properties: [{ displayName: 'Label', name: 'label', type: 'string', default: 'smoke' }],
		};
	}
	async execute() {
		const credentials = await this.getCredentials('${SMOKE_CREDENTIAL_TYPE}');
		const items = this.getInputData();
		return [
			items.map((item, i) => ({
				json: {
					marker: '${SMOKE_MARKER}',
					label: this.getNodeParameter('label', i),
					greeting: credentials.greeting,
					secretLength: String(credentials.secret || '').length,
					received: item.json.body === undefined ? item.json : item.json.body,
				},
				pairedItem: { item: i },
			})),
		];
	}
}
module.exports = { E2eSmoke };
`;

/** Writes the package into `<workDir>/n8n-nodes-e2e-smoke`, packs it there, returns the .tgz path. */
export async function packSmokePackage(workDir: string): Promise<string> {
	const dir = path.join(workDir, SMOKE_PACKAGE);
	await fs.mkdir(path.join(dir, 'dist', 'credentials'), { recursive: true });
	await fs.mkdir(path.join(dir, 'dist', 'nodes', 'E2eSmoke'), { recursive: true });
	const pkg = {
		name: SMOKE_PACKAGE,
		version: '0.0.1',
		description: 'Throwaway community-node package for the e2e smoke test',
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: 1,
			credentials: ['dist/credentials/E2eSmokeApi.credentials.js'],
			nodes: ['dist/nodes/E2eSmoke/E2eSmoke.node.js'],
		},
		peerDependencies: { 'n8n-workflow': '*' },
	};
	await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	await fs.writeFile(
		path.join(dir, 'dist', 'credentials', 'E2eSmokeApi.credentials.js'),
		credentialJs,
	);
	await fs.writeFile(path.join(dir, 'dist', 'nodes', 'E2eSmoke', 'E2eSmoke.node.js'), nodeJs);
	const { stdout } = await promisify(execFile)(
		'npm',
		['pack', '--silent', '--pack-destination', workDir],
		{
			cwd: dir,
			env: withoutNpmVars(process.env),
		},
	);
	return path.join(workDir, stdout.trim().split('\n').pop() as string);
}

export const SMOKE_CREDENTIAL_ID = 'E2eSmokeCred0001';
export const SMOKE_WORKFLOW_ID = 'E2eSmokeFlow0001';
export const SMOKE_WEBHOOK_PATH = 'e2e-smoke';

/** Credential fixture for `import:credentials` (plain data: the CLI encrypts it). */
export function smokeCredential(): object {
	return {
		id: SMOKE_CREDENTIAL_ID,
		name: 'E2E Smoke credential',
		type: SMOKE_CREDENTIAL_TYPE,
		data: { greeting: 'hello from the imported credential', secret: 'not-a-real-secret' },
	};
}

/** Webhook (POST /webhook/e2e-smoke, answers with the last node's output) → E2E Smoke. */
export function smokeWorkflow(): object {
	return {
		id: SMOKE_WORKFLOW_ID,
		name: 'E2E smoke: webhook to community node',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { Webhook: { main: [[{ node: 'E2E Smoke', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: '0f6c7a8e-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '0f6c7a8e-0000-4000-8000-0000000000ff',
				parameters: {
					httpMethod: 'POST',
					path: SMOKE_WEBHOOK_PATH,
					responseMode: 'lastNode',
					options: {},
				},
			},
			{
				id: '0f6c7a8e-0000-4000-8000-000000000002',
				name: 'E2E Smoke',
				type: SMOKE_NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { label: 'smoke-run' },
				credentials: {
					[SMOKE_CREDENTIAL_TYPE]: { id: SMOKE_CREDENTIAL_ID, name: 'E2E Smoke credential' },
				},
			},
		],
	};
}
