// The NetSuite simulator in its own process (n8n reaches it over HTTP anyway, and its work is not
// mixed with the test's), started through its CLI as a user would (`npm run simulator`), driven
// through the control API.

import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { SimulatorControlClient } from '../simulator/controlClient';

const REPO = path.resolve(__dirname, '../..');

export interface SimulatorProcessOptions {
	/** 0 (default): a free port. */
	port?: number;
	timeZone?: string;
	/** e.g. { customer: 300, salesOrder: 50 }, merged over the simulator's demo counts. */
	records?: Record<string, number>;
	seed?: number;
	/** Further CLI flags, e.g. ['--latency-ms', '50', '--concurrency', '5'] (benchmarks). */
	extraArgs?: string[];
	/** Where the simulator's output goes (default: kept in memory for error messages). */
	onOutput?: (line: string) => void;
	readyTimeoutMs?: number;
}

export interface SimulatorProcess {
	baseUrl: string;
	accountId: string;
	consumerKey: string;
	consumerSecret: string;
	tokenId: string;
	tokenSecret: string;
	control: SimulatorControlClient;
	stop(): Promise<void>;
}

export async function startSimulatorProcess(
	opts: SimulatorProcessOptions = {},
): Promise<SimulatorProcess> {
	const args = [
		path.join(REPO, 'node_modules/ts-node/dist/bin.js'),
		'--transpile-only',
		path.join(REPO, 'test/simulator/cli.ts'),
		'--port',
		String(opts.port ?? 0),
		'--timezone',
		opts.timeZone ?? 'America/Los_Angeles',
	];
	if (opts.records)
		args.push(
			'--records',
			Object.entries(opts.records)
				.map(([t, n]) => `${t}=${n}`)
				.join(','),
		);
	if (opts.seed !== undefined) args.push('--seed', String(opts.seed));
	args.push(...(opts.extraArgs ?? []));
	const child: ChildProcess = spawn(process.execPath, args, {
		cwd: REPO,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const killOnExit = () => child.kill('SIGKILL');
	process.on('exit', killOnExit);
	let output = '';
	const ready = await new Promise<Record<string, string>>((resolve, reject) => {
		const timer = setTimeout(
			() =>
				reject(
					new Error(`simulator not ready after ${opts.readyTimeoutMs ?? 60_000} ms:\n${output}`),
				),
			opts.readyTimeoutMs ?? 60_000,
		);
		const onLine = (chunk: Buffer) => {
			for (const line of chunk.toString().split('\n')) {
				if (!line) continue;
				if (line.startsWith('SIMULATOR_READY ')) {
					clearTimeout(timer);
					resolve(JSON.parse(line.slice('SIMULATOR_READY '.length)));
				} else {
					// Kept for an error message, without the credential lines the simulator prints.
					if (output.length < 20_000 && !/key|secret|token/i.test(line)) output += `${line}\n`;
					opts.onOutput?.(line);
				}
			}
		};
		child.stdout?.on('data', onLine);
		child.stderr?.on('data', onLine);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`simulator exited with ${code} before it was ready:\n${output}`));
		});
	});
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	return {
		baseUrl: ready.baseUrl,
		accountId: ready.accountId,
		consumerKey: ready.consumerKey,
		consumerSecret: ready.consumerSecret,
		tokenId: ready.tokenId,
		tokenSecret: ready.tokenSecret,
		control: new SimulatorControlClient(ready.baseUrl),
		async stop() {
			process.off('exit', killOnExit);
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** The values a user pastes into the TBA credential, as one object. */
export function credentialsOf(sim: SimulatorProcess): Record<string, string> {
	const { baseUrl, accountId, consumerKey, consumerSecret, tokenId, tokenSecret } = sim;
	return { baseUrl, accountId, consumerKey, consumerSecret, tokenId, tokenSecret };
}
