/** The simulator in its own process, so its work is not measured as the package's. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { SimulatorControlClient } from '../simulator/controlClient';

export interface SimulatorProcess {
	baseUrl: string;
	credentials: Record<string, string>;
	control: SimulatorControlClient;
	stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

export async function startSimulatorProcess(args: string[]): Promise<SimulatorProcess> {
	const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'test/simulator/cli.ts'), '--port', '0', ...args], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
	});
	const ready = await new Promise<Record<string, string | number>>((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(() => reject(new Error('simulator did not start within 120 s')), 120_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			buffer += chunk.toString();
			const line = buffer.split('\n').find((l) => l.startsWith('SIMULATOR_READY '));
			if (line) {
				clearTimeout(timer);
				resolve(JSON.parse(line.slice('SIMULATOR_READY '.length)));
			}
		});
		child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
	});
	const baseUrl = String(ready.baseUrl);
	return {
		baseUrl,
		credentials: {
			accountId: String(ready.accountId),
			consumerKey: String(ready.consumerKey),
			consumerSecret: String(ready.consumerSecret),
			tokenId: String(ready.tokenId),
			tokenSecret: String(ready.tokenSecret),
			baseUrl,
		},
		control: new SimulatorControlClient(baseUrl),
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}
