/**
 * P6: W separate Node processes (as n8n queue-mode workers are) each run Get Many of N records at
 * Concurrency C against ONE simulator account with limit C (the simulator in its own process), so
 * together they ask for W × C slots of C. Measures the account as a whole: wall time from the first
 * start to the last end against the floor W·(⌈N/1000⌉ + N)·L / slots, the share of 429s among the
 * workers' requests, lost records, and fairness (slowest / fastest worker). With `otherSlots`,
 * another integration holds that many slots all along, and the floor is taken on the slots left.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { SimulatorControlClient } from '../simulator/controlClient';

export interface SharedAccountResult {
	workers: number;
	records: number;
	slots: number;
	wallSeconds: number;
	floorSeconds: number;
	efficiency: number;
	requests: number;
	sent429: number;
	share429: number;
	lost: number;
	duplicates: number;
	fairness: number;
	workerSeconds: number[];
	integrationRequests: number;
	/** Per worker: its window's time average and lowest, cuts and absorbed refusals. */
	windows: Array<WorkerResult['window']>;
}

interface WorkerResult {
	startedAt: number;
	endedAt: number;
	ids: string[];
	window: { average: number; lowest: number; cuts: number; absorbed: number; trace: string };
	error?: string;
}

function startWorker(credentials: Record<string, string>, records: number, concurrency: number) {
	const child: ChildProcessWithoutNullStreams = spawn(
		process.execPath,
		[
			'-r',
			'ts-node/register/transpile-only',
			join(__dirname, 'sharedAccountWorker.ts'),
			JSON.stringify(credentials),
			String(records),
			String(concurrency),
		],
		{
			env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
		},
	);
	let stderr = '';
	child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
	const lines = createInterface({ input: child.stdout });
	let onReady: () => void = () => undefined;
	const ready = new Promise<void>((resolve) => (onReady = resolve));
	const done = new Promise<WorkerResult>((resolve, reject) => {
		lines.on('line', (line) => {
			if (line === 'READY') onReady();
			else if (line.startsWith('{')) resolve(JSON.parse(line) as WorkerResult);
		});
		child.on('exit', (code) => reject(new Error(`P6 worker exited with ${code}: ${stderr}`)));
	});
	return { ready, done, go: () => child.stdin.write('go\n'), kill: () => child.kill('SIGKILL') };
}

export async function sharedAccount(
	control: SimulatorControlClient,
	credentials: Record<string, string>,
	opts: {
		workers: number;
		records: number;
		concurrency: number | number[];
		accountLimit: number;
		latencyMs: number;
		otherSlots?: number;
	},
): Promise<SharedAccountResult> {
	const truth = (await control.records('customer')).map((r) => r.id).slice(0, opts.records);
	const workers = Array.from({ length: opts.workers }, (_, i) =>
		startWorker(
			credentials,
			opts.records,
			Array.isArray(opts.concurrency) ? opts.concurrency[i] : opts.concurrency,
		),
	);
	try {
		await Promise.all(workers.map((w) => w.ready));
		await control.setOtherIntegration({ slots: opts.otherSlots ?? 0, durationMs: 500 });
		await new Promise((resolve) => setTimeout(resolve, 200));
		await control.resetCounters();
		for (const w of workers) w.go();
		const results = await Promise.all(workers.map((w) => w.done));
		const counters = await control.counters();
		await control.setOtherIntegration({ slots: 0 });
		const failed = results.find((r) => r.error);
		if (failed) throw new Error(`P6 worker failed: ${failed.error}`);
		const wallSeconds =
			(Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt))) /
			1000;
		const slots = opts.accountLimit - (opts.otherSlots ?? 0);
		const floorSeconds =
			(opts.workers * (Math.ceil(opts.records / 1000) + opts.records) * opts.latencyMs) /
			slots /
			1000;
		const integrationRequests = counters.byKind.integration ?? 0;
		const requests = counters.requests - integrationRequests;
		const workerSeconds = results.map((r) => (r.endedAt - r.startedAt) / 1000);
		let lost = 0;
		let duplicates = 0;
		for (const r of results) {
			const got = new Set(r.ids);
			duplicates += r.ids.length - got.size;
			lost += truth.filter((id) => !got.has(id)).length;
		}
		return {
			workers: opts.workers,
			records: opts.records,
			slots,
			wallSeconds,
			floorSeconds,
			efficiency: floorSeconds / wallSeconds,
			requests,
			sent429: counters.sent429,
			share429: counters.sent429 / requests,
			lost,
			duplicates,
			fairness: Math.max(...workerSeconds) / Math.min(...workerSeconds),
			workerSeconds,
			integrationRequests,
			windows: results.map((r) => r.window),
		};
	} finally {
		for (const w of workers) w.kill();
	}
}
