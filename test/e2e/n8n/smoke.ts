// Smoke test of the e2e machinery against a real n8n, with a throwaway community package:
//   npx ts-node --transpile-only test/e2e/n8n/smoke.ts [--line 1|2] [--keep]
// Without --line it runs both lines. It installs the line (cached), packs n8n-nodes-e2e-smoke,
// prepares an instance with it, imports a credential and a Webhook → E2E Smoke workflow, activates
// it, starts n8n, calls the webhook, checks the answer came from the community node and that the
// execution is listed as a success, then stops. --keep leaves the temp user folder for inspection.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureN8n, N8nLine } from './install';
import { N8nInstance, startN8n } from './instance';
import {
	packSmokePackage,
	smokeCredential,
	smokeWorkflow,
	SMOKE_MARKER,
	SMOKE_PACKAGE,
	SMOKE_WEBHOOK_PATH,
	SMOKE_WORKFLOW_ID,
} from './smokePackage';

interface SmokeResult {
	line: N8nLine;
	version: string;
	timings: Array<[string, number]>;
	executions: string;
	userFolder: string;
}

async function timed<T>(
	timings: Array<[string, number]>,
	label: string,
	fn: () => Promise<T>,
): Promise<T> {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		timings.push([label, Date.now() - started]);
		console.log(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)}s`);
	}
}

async function smoke(line: N8nLine, keep: boolean): Promise<SmokeResult> {
	const timings: Array<[string, number]> = [];
	console.log(`\n== n8n line ${line}`);
	const install = await timed(timings, 'ensure n8n install', () => ensureN8n(line));
	console.log(`  n8n ${install.version}, node ${install.node.version}, ${install.root}`);

	const work = await fs.mkdtemp(path.join(os.tmpdir(), `n8n-e2e-smoke-${line}-`));
	const tgz = await timed(timings, 'pack smoke package', () => packSmokePackage(work));
	let instance: N8nInstance | undefined;
	try {
		instance = await timed(timings, 'prepare instance', () =>
			startN8n({ install, userFolder: path.join(work, 'user'), packageTgz: tgz }),
		);
		const n8n = instance;
		console.log(
			`  user folder ${n8n.userFolder}, port ${n8n.port}, broker ${n8n.brokerPort}, log ${n8n.logFile}`,
		);
		await timed(timings, 'import credential', () => n8n.importCredentials([smokeCredential()]));
		await timed(timings, 'import workflow', () => n8n.importWorkflows([smokeWorkflow()]));
		await timed(timings, 'activate workflow (CLI)', () => n8n.activateWorkflow(SMOKE_WORKFLOW_ID));
		await timed(timings, 'start n8n', () => n8n.start());
		assert.ok(n8n.loadedPackage, `n8n did not log loading ${SMOKE_PACKAGE}`);

		const answer = await timed(timings, 'call webhook', async () => {
			const response = await fetch(n8n.webhookUrl(SMOKE_WEBHOOK_PATH), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ping: 'smoke', n: 42 }),
			});
			const text = await response.text();
			assert.equal(response.status, 200, `webhook answered ${response.status}: ${text}`);
			return JSON.parse(text);
		});
		assert.equal(
			answer.marker,
			SMOKE_MARKER,
			`answer did not come from the community node: ${JSON.stringify(answer)}`,
		);
		assert.equal(answer.greeting, 'hello from the imported credential');
		assert.deepEqual(answer.received, { ping: 'smoke', n: 42 });

		const executions = await timed(timings, 'read executions (public API)', () =>
			n8n.waitForExecutions((list) => list.some((e) => e.status === 'success'), {
				workflowId: SMOKE_WORKFLOW_ID,
				timeoutMs: 30_000,
			}),
		);
		assert.equal(executions.length, 1, `expected 1 execution, got ${executions.length}`);
		assert.equal(executions[0].mode, 'webhook');
		assert.equal(executions[0].lastNodeExecuted, 'E2E Smoke');

		await timed(timings, 'stop n8n', () => n8n.stop());
		return {
			line,
			version: install.version,
			timings,
			executions: executions.map((e) => `#${e.id} ${e.mode} ${e.status}`).join(', '),
			userFolder: n8n.userFolder,
		};
	} catch (error) {
		if (instance)
			console.error(`--- log tail (${instance.logFile}):\n${await instance.logTail(40)}`);
		keep = true;
		throw error;
	} finally {
		await instance?.stop();
		if (!keep) await fs.rm(work, { recursive: true, force: true });
		else console.log(`  kept ${work}`);
	}
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const lineArg = argv.includes('--line') ? argv[argv.indexOf('--line') + 1] : undefined;
	if (lineArg !== undefined && lineArg !== '1' && lineArg !== '2')
		throw new Error('--line must be 1 or 2');
	const lines: N8nLine[] = lineArg ? [lineArg] : ['2', '1'];
	const keep = argv.includes('--keep');
	const started = Date.now();
	const results: SmokeResult[] = [];
	for (const line of lines) results.push(await smoke(line, keep));

	console.log('\n== summary');
	for (const r of results) {
		const total = r.timings.reduce((sum, [, ms]) => sum + ms, 0);
		console.log(
			`n8n ${r.version} (line ${r.line}): PASS in ${(total / 1000).toFixed(1)}s; executions: ${r.executions}`,
		);
		console.log(
			`  ${r.timings.map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)}s`).join(' | ')}`,
		);
	}
	console.log(`total ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((error) => {
	console.error(`\nSMOKE FAILED: ${error instanceof Error ? error.stack : error}`);
	process.exit(1);
});
