/**
 * One "n8n worker" of benchmark P6: its own Node process, the built node's Get Many through n8n's
 * engine. Loads everything, prints READY, waits for "go" on stdin (so process start-up is not part
 * of the race), reads, then prints one JSON line: its start and end (epoch ms) and the ids it got.
 * Usage: node -r ts-node/register/transpile-only sharedAccountWorker.ts <credentials JSON> <records> <concurrency>
 */
import { join } from 'node:path';

import { builtNetSuiteNode } from './builtNode';
import { runNode } from '../helpers/n8nHarness';

async function main(): Promise<void> {
	const credentials = JSON.parse(process.argv[2]) as Record<string, string>;
	const records = Number(process.argv[3]);
	const concurrency = Number(process.argv[4]);
	const nodeType = builtNetSuiteNode();
	process.stdout.write('READY\n');
	await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
	const startedAt = Date.now();
	// The window as this process saw it, sampled every 50 ms: its time average, lowest, cuts.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { accountWindows } = require(
		join(__dirname, '..', '..', 'dist', 'nodes', 'NetSuite', 'transport', 'limiter.js'),
	) as typeof import('../../nodes/NetSuite/transport/limiter');
	let samples = 0;
	let sum = 0;
	let lowest = Number.POSITIVE_INFINITY;
	const trace: number[] = [];
	const sampler = setInterval(() => {
		const w = accountWindows()[0];
		if (!w) return;
		samples++;
		sum += w.allowance;
		lowest = Math.min(lowest, w.allowance);
		if (samples % 10 === 0) trace.push(w.allowance);
	}, 50);
	const { outputs, error } = await runNode({
		nodeType,
		parameters: {
			resource: 'record',
			operation: 'getMany',
			recordType: { __rl: true, mode: 'id', value: 'customer' },
			returnAll: false,
			limit: records,
			options: { concurrency, batchSize: 100 },
		},
		credentials: { netSuiteTbaApi: credentials },
	});
	const endedAt = Date.now();
	clearInterval(sampler);
	const w = accountWindows()[0];
	const window = {
		average: sum / Math.max(1, samples),
		lowest,
		cuts: w?.cuts,
		absorbed: w?.absorbed,
		trace: trace.join(''),
	};
	const ids = (outputs[0] ?? []).map((i) => String(i.json.id));
	process.stdout.write(
		`${JSON.stringify({ startedAt, endedAt, ids, window, error: error ? String(error.message) : undefined })}\n`,
	);
	process.stdin.destroy();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
