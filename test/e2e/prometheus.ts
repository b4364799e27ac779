// A real Prometheus (Debian's package) for the e2e suite: started on a free port with a generated
// config that scrapes the bundled metrics workflow like the example in workflows/monitoring/ (bearer
// secret from a file) and loads the alert rules; stopped (and its data removed) afterwards.

import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PROMETHEUS } from '../helpers/promtool';
import { freePort } from './n8n';
import { waitFor } from './wait';

export const RULES_FILE = path.resolve(__dirname, '../../workflows/monitoring/alerts.yml');

export interface PromSample {
	metric: Record<string, string>;
	value: [number, string];
}

export interface PrometheusServer {
	url: string;
	/** Instant query (`time`: Unix seconds; default now); the result vector. */
	query(expr: string, time?: number): Promise<PromSample[]>;
	/** The scrape target's health as Prometheus sees it ("up", "down", "unknown") and its last error. */
	target(): Promise<{ health: string; lastError: string; lastScrape: string }>;
	/** Loaded rule groups (from /api/v1/rules). */
	rules(): Promise<
		Array<{
			name: string;
			rules: Array<{ name: string; health: string; lastError?: string; state?: string }>;
		}>
	>;
	/** Pending and firing alerts (from /api/v1/alerts). */
	alerts(): Promise<Array<{ labels: Record<string, string>; state: string; value: string }>>;
	stop(): Promise<void>;
}

async function api<T>(url: string): Promise<T> {
	const response = await fetch(url);
	const body = (await response.json()) as { status: string; data: T; error?: string };
	if (body.status !== 'success')
		throw new Error(`Prometheus ${url}: ${body.error ?? response.status}`);
	return body.data;
}

export async function startPrometheus(opts: {
	workDir: string;
	target: URL;
	bearer: string;
	scrapeIntervalSeconds?: number;
}): Promise<PrometheusServer> {
	const dir = await fs.mkdtemp(path.join(opts.workDir, 'prometheus-'));
	const secretFile = path.join(dir, 'bearer');
	await fs.writeFile(secretFile, opts.bearer, { mode: 0o600 });
	const interval = `${opts.scrapeIntervalSeconds ?? 1}s`;
	const config = [
		'global:',
		`  scrape_interval: ${interval}`,
		`  evaluation_interval: ${interval}`,
		'rule_files:',
		`  - ${JSON.stringify(RULES_FILE)}`,
		'scrape_configs:',
		'  - job_name: netsuite-sync',
		`    metrics_path: ${JSON.stringify(opts.target.pathname)}`,
		`    scheme: ${opts.target.protocol.replace(':', '')}`,
		'    authorization:',
		`      credentials_file: ${JSON.stringify(secretFile)}`,
		'    static_configs:',
		`      - targets: [${JSON.stringify(opts.target.host)}]`,
		'',
	].join('\n');
	await fs.writeFile(path.join(dir, 'prometheus.yml'), config);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child: ChildProcess = spawn(
		PROMETHEUS,
		[
			`--config.file=${path.join(dir, 'prometheus.yml')}`,
			`--storage.tsdb.path=${path.join(dir, 'data')}`,
			`--web.listen-address=127.0.0.1:${port}`,
			'--log.level=warn',
		],
		{ cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	const killOnExit = () => child.kill('SIGKILL');
	process.on('exit', killOnExit);
	let log = '';
	child.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-8000)));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const failed = new Promise<never>((_, reject) => {
		child.on('error', (e: NodeJS.ErrnoException) =>
			reject(
				e.code === 'ENOENT'
					? new Error(`${PROMETHEUS} not found: apt-get install -y prometheus`)
					: e,
			),
		);
		child.on('exit', (code) => reject(new Error(`prometheus exited with ${code}:\n${log}`)));
	});
	failed.catch(() => undefined);

	const stop = async () => {
		process.off('exit', killOnExit);
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		await fs.rm(dir, { recursive: true, force: true });
	};
	try {
		await Promise.race([
			failed,
			waitFor('Prometheus to be ready', async () => (await fetch(`${url}/-/ready`)).ok, {
				timeoutMs: 60_000,
				intervalMs: 250,
			}),
		]);
	} catch (error) {
		await stop();
		throw error;
	}

	return {
		url,
		async query(expr, time) {
			const params = new URLSearchParams({ query: expr });
			if (time !== undefined) params.set('time', String(time));
			return (await api<{ result: PromSample[] }>(`${url}/api/v1/query?${params}`)).result;
		},
		async target() {
			const data = await api<{
				activeTargets: Array<{ health: string; lastError: string; lastScrape: string }>;
			}>(`${url}/api/v1/targets`);
			const t = data.activeTargets[0];
			return t
				? { health: t.health, lastError: t.lastError, lastScrape: t.lastScrape }
				: { health: 'none', lastError: 'no target', lastScrape: '' };
		},
		async rules() {
			return (
				await api<{
					groups: Array<{
						name: string;
						rules: Array<{ name: string; health: string; lastError?: string; state?: string }>;
					}>;
				}>(`${url}/api/v1/rules`)
			).groups;
		},
		async alerts() {
			return (
				await api<{
					alerts: Array<{ labels: Record<string, string>; state: string; value: string }>;
				}>(`${url}/api/v1/alerts`)
			).alerts;
		},
		stop,
	};
}
