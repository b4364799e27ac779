/**
 * The published package has no runtime dependencies: installed next to nothing but n8n-workflow,
 * its credential still signs a request (oauth-1.0a and p-limit are bundled into the built files).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { wireSignature } from '../helpers/wireSignature';
import { packOnce, ROOT } from './packedPackage';

const N8N_WORKFLOW_VERSION = JSON.parse(
	readFileSync(join(ROOT, 'node_modules/n8n-workflow/package.json'), 'utf8'),
).version as string;

test('the packed package installs beside only n8n-workflow and signs a request with its bundled signer', () => {
	const { tarball, unpacked } = packOnce();
	const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
	expect(manifest.dependencies ?? {}).toEqual({});
	expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });

	const app = mkdtempSync(join(tmpdir(), 'netsuite-install-'));
	writeFileSync(
		join(app, 'package.json'),
		JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
	);
	execFileSync(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--prefer-offline',
			'--legacy-peer-deps',
			tarball,
			`n8n-workflow@${N8N_WORKFLOW_VERSION}`,
		],
		{
			cwd: app,
			stdio: 'pipe',
			env: { ...process.env, npm_config_ignore_scripts: 'true' },
		},
	);
	const topLevel = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
	expect(topLevel).toContain('n8n-nodes-netsuite-sync');
	expect(topLevel).not.toContain('oauth-1.0a');
	expect(topLevel).not.toContain('p-limit');

	const script = `
		const { NetSuiteTbaApi } = require('n8n-nodes-netsuite-sync/dist/credentials/NetSuiteTbaApi.credentials.js');
		require('n8n-nodes-netsuite-sync/dist/nodes/NetSuite/NetSuite.node.js');
		require('n8n-nodes-netsuite-sync/dist/nodes/NetSuite/NetSuiteTrigger.node.js');
		new NetSuiteTbaApi().authenticate(
			{ accountId: '1234567_SB1', consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'tk', tokenSecret: 'ts' },
			{ method: 'GET', url: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40', qs: { fields: 'email' } },
		).then((out) => console.log(JSON.stringify(out)));`;
	const signed = JSON.parse(
		execFileSync(process.execPath, ['-e', script], {
			cwd: app,
			encoding: 'utf8',
			env: { PATH: process.env.PATH ?? '' },
		}),
	);
	expect(signed.url).toBe(
		'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40?fields=email',
	);
	const header: string = signed.headers.Authorization;
	expect(header.startsWith('OAuth realm="1234567_SB1"')).toBe(true);
	const { sent, expected } = wireSignature('GET', signed.url, header, {
		consumerSecret: 'cs',
		tokenSecret: 'ts',
	});
	expect(sent).toBe(expected);
}, 180_000);
