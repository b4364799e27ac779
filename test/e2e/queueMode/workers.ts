// `n8n worker` processes next to a main started with startN8n: the same environment (queue mode,
// database, Redis, encryption key), each with its own user folder holding the package installed
// the way n8n's installer lays it out, its own ports, and its own log — from which we learn which
// executions it ran ("Worker started execution <id>", n8n's job processor, info level).

import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { installCommunityPackage } from '../n8n/communityPackage';
import type { N8nInstall } from '../n8n/install';
import { freePorts } from '../n8n/ports';

export interface N8nWorker {
	name: string;
	logFile: string;
	pid: number;
	/** Execution ids this worker logged starting. */
	executions(): Promise<string[]>;
	/** Lines n8n's NetSuite node logged at the end of each run ("NetSuite run finished …"). */
	runSummaries(): Promise<string[]>;
	kill(signal?: NodeJS.Signals): void;
	stop(): Promise<void>;
}

export async function startWorker(opts: {
	install: N8nInstall;
	name: string;
	folder: string;
	packageTgz: string;
	env: NodeJS.ProcessEnv;
	concurrency: number;
}): Promise<N8nWorker> {
	await fs.mkdir(path.join(opts.folder, '.n8n'), { recursive: true });
	const logFile = path.join(opts.folder, 'worker.log');
	await installCommunityPackage(opts.install, opts.folder, opts.packageTgz, logFile);
	const [port, brokerPort, healthPort] = await freePorts(3);
	const log = createWriteStream(logFile, { flags: 'a' });
	const child: ChildProcess = spawn(
		opts.install.nodeBin,
		[opts.install.n8nBin, 'worker', `--concurrency=${opts.concurrency}`],
		{
			cwd: opts.folder,
			env: {
				...opts.env,
				N8N_USER_FOLDER: opts.folder,
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			},
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		},
	);
	const killOnExit = () => child.pid && process.kill(-child.pid, 'SIGKILL');
	process.on('exit', killOnExit);
	let output = '';
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`${opts.name} not ready after 180 s; see ${logFile}`)),
			180_000,
		);
		const onData = (d: Buffer) => {
			log.write(d);
			if (output.length < 200_000) output += d.toString();
			if (/n8n worker is now ready/.test(output)) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`${opts.name} exited with ${code} before it was ready; see ${logFile}`));
		});
	});
	const read = async () => await fs.readFile(logFile, 'utf8');
	return {
		name: opts.name,
		logFile,
		pid: child.pid!,
		async executions() {
			return [...(await read()).matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
		},
		async runSummaries() {
			return (await read()).split('\n').filter((l) => l.includes('NetSuite run finished'));
		},
		kill(signal = 'SIGKILL') {
			if (child.exitCode === null && child.pid) process.kill(-child.pid, signal);
		},
		async stop() {
			process.off('exit', killOnExit);
			if (child.exitCode === null && child.signalCode === null && child.pid) {
				process.kill(-child.pid, 'SIGTERM');
				const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 20_000);
				await exited;
				clearTimeout(timer);
			}
			await new Promise<void>((resolve) => log.end(resolve));
		},
	};
}
