// A throwaway n8n instance: its own user folder (SQLite database, encryption key, community
// packages), its own ports, n8n's CLI bound to that folder, and the running server.
//
// Lifecycle: `startN8n(opts)` prepares the instance (user folder, community package) and returns
// it stopped; import credentials/workflows and activate them with the CLI; then `start()`;
// drive it over HTTP; `stop()`.
//
// CLI and a running server: the CLI opens the same SQLite file, so commands *work* while n8n runs,
// but the server does not see what they change (activation, imported workflows) until restart:
// n8n itself prints "Changes will not take effect if n8n is running". So use the CLI before
// `start()`; while running, `activateWorkflow` goes through the public API instead, which takes
// effect at once.

import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, promises as fs, WriteStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { activeWorkflowIds, waitUntilLive } from './activation';
import { installCommunityPackage, InstalledPackage } from './communityPackage';
import { ExecutionSummary, listExecutions } from './executions';
import type { N8nInstall } from './install';
import { freePorts } from './ports';
import { createApiKey, httpJson, OwnerSession, ownerSession, TEST_OWNER } from './restApi';
import { tail, withoutNpmVars } from './steps';

/** Fixed key so a user folder can be reused across runs and credential fixtures stay decryptable. */
export const TEST_ENCRYPTION_KEY = 'n8n-nodes-netsuite-sync-e2e-encryption-key';

export interface StartN8nOptions {
	install: N8nInstall;
	/** Becomes N8N_USER_FOLDER (n8n keeps its data in `<userFolder>/.n8n`). Default: a fresh temp dir. */
	userFolder?: string;
	/** HTTP port (N8N_PORT). Default: a free port. */
	port?: number;
	/** Task broker port (N8N_RUNNERS_BROKER_PORT). Default: a free port. */
	brokerPort?: number;
	/** A packed community package (`npm pack` output) to install into the user folder. */
	packageTgz?: string;
	/** Extra environment for n8n and its CLI (wins over the defaults). */
	env?: Record<string, string>;
	/** Server and CLI output. Default: `<userFolder>/n8n.log`. */
	logFile?: string;
	/** How long `start()` waits for readiness. Default 180 s (first start runs all DB migrations). */
	startTimeoutMs?: number;
}

export interface StartOptions {
	/**
	 * Wait until every active workflow's triggers are live (default true). This logs in as the
	 * owner (creating TEST_OWNER on a fresh instance) and creates an API key.
	 */
	waitForWorkflows?: boolean;
	/** Default 60 s: n8n 2.x's publication reconciler picks up CLI-published workflows every 10 s. */
	workflowsTimeoutMs?: number;
}

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface N8nInstance {
	readonly install: N8nInstall;
	readonly userFolder: string;
	readonly port: number;
	readonly brokerPort: number;
	/** http://127.0.0.1:<port> */
	readonly url: string;
	readonly logFile: string;
	/** Environment n8n and its CLI run with (everything this module sets plus opts.env). */
	readonly env: NodeJS.ProcessEnv;
	readonly installedPackage?: InstalledPackage;
	/** After start(): whether n8n logged loading the installed community package. */
	readonly loadedPackage: boolean;
	readonly running: boolean;

	/** Runs `n8n <args>` against this user folder (cwd = user folder). Never throws on exit code. */
	cli(args: string[]): Promise<CliResult>;
	/** `import:credentials`: a JSON file path, or credential objects (data may be plain; n8n encrypts it). */
	importCredentials(input: string | object[]): Promise<void>;
	/** `import:workflow`: a JSON file path, or workflow objects (each needs a fixed 16-char `id`). Imported inactive. */
	importWorkflows(input: string | object[]): Promise<void>;
	/**
	 * Makes a workflow active and checks that it is. Stopped: the CLI (`publish:workflow --id` on
	 * 2.x, `update:workflow --id --active=true` on 1.x), verified with `list:workflow --active=true`.
	 * Running: the public API (`POST /api/v1/workflows/:id/activate`), then waits until it is live.
	 */
	activateWorkflow(id: string): Promise<void>;
	/**
	 * Spawns `n8n start`, waits for /healthz and "Editor is now accessible", then (by default) until
	 * every active workflow's triggers are live — see activation.ts for why that is a separate wait.
	 * On any failure n8n is stopped and the error carries the log's tail.
	 */
	start(opts?: StartOptions): Promise<void>;
	/** Waits until the given (default: all active) workflows' triggers are live. Needs a running n8n. */
	waitForActiveWorkflows(ids?: string[], timeoutMs?: number): Promise<void>;
	/** SIGTERM, then SIGKILL to n8n's process group after a grace period; waits for exit. */
	stop(): Promise<void>;
	/** Signals n8n's whole process group, e.g. SIGKILL for a crash (then stop() to reap it). */
	killGroup(signal: NodeJS.Signals): void;
	/** Production webhook URL (`/webhook/<path>`); `{ test: true }` for `/webhook-test/<path>`. */
	webhookUrl(webhookPath: string, opts?: { test?: boolean }): string;
	/** Owner session (owner created on first call on a fresh instance). Needs a running n8n. */
	ownerLogin(): Promise<OwnerSession>;
	/** Public-API key of the owner (created once per instance object). Needs a running n8n. */
	apiKey(): Promise<string>;
	/** Executions (newest first), with status and error message. Needs a running n8n. */
	executions(workflowId?: string): Promise<ExecutionSummary[]>;
	/** Polls executions until `predicate` holds for the list, or throws after timeoutMs (default 60 s). */
	waitForExecutions(
		predicate: (executions: ExecutionSummary[]) => boolean,
		opts?: { workflowId?: string; timeoutMs?: number },
	): Promise<ExecutionSummary[]>;
	/** Last `lines` lines of the log file. */
	logTail(lines?: number): Promise<string>;
}

/** Prepares an n8n instance (user folder, ports, community package); call `start()` to run it. */
export async function startN8n(opts: StartN8nOptions): Promise<N8nInstance> {
	const userFolder = path.resolve(
		opts.userFolder ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-'))),
	);
	await fs.mkdir(path.join(userFolder, '.n8n'), { recursive: true });
	const logFile = path.resolve(opts.logFile ?? path.join(userFolder, 'n8n.log'));
	await fs.mkdir(path.dirname(logFile), { recursive: true });
	const [freeA, freeB] = await freePorts(2);
	const port = opts.port ?? freeA;
	const brokerPort = opts.brokerPort ?? (freeB === port ? freeA : freeB);
	const installedPackage = opts.packageTgz
		? await installCommunityPackage(opts.install, userFolder, opts.packageTgz, logFile)
		: undefined;
	return new Instance(opts, userFolder, logFile, port, brokerPort, installedPackage);
}

// n8n runs in its own process group (see start()), so Ctrl-C on the test does not reach it, and a
// CLI child whose parent died spins on its broken stdout pipe: kill what is still running when the
// test process exits or is interrupted, then let the signal act.
const runningInstances = new Set<Instance>();
const runningCli = new Set<ChildProcess>();
let exitHooksInstalled = false;
function killRunningInstancesOnExit(): void {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	const killAll = () => {
		runningInstances.forEach((instance) => instance.killGroup('SIGKILL'));
		runningCli.forEach((child) => child.kill('SIGKILL'));
	};
	process.on('exit', killAll);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			killAll();
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		});
	}
}

class Instance implements N8nInstance {
	readonly install: N8nInstall;
	readonly url: string;
	readonly env: NodeJS.ProcessEnv;
	loadedPackage = false;
	private child?: ChildProcess;
	private exited?: Promise<void>;
	private session?: OwnerSession;
	private key?: string;
	private readonly startTimeoutMs: number;

	constructor(
		opts: StartN8nOptions,
		readonly userFolder: string,
		readonly logFile: string,
		readonly port: number,
		readonly brokerPort: number,
		readonly installedPackage?: InstalledPackage,
	) {
		this.install = opts.install;
		this.url = `http://127.0.0.1:${port}`;
		this.startTimeoutMs = opts.startTimeoutMs ?? 180_000;
		this.env = {
			...withoutNpmVars(process.env),
			PATH: `${path.dirname(opts.install.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: userFolder,
			DB_TYPE: 'sqlite',
			N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_SECURE_COOKIE: 'false',
			// 1.x warns on every command that the config file it wrote is 0644; enforcing makes it 0600.
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// Debug level: the community-package "Loaded all credentials and nodes from" line is debug.
			N8N_LOG_LEVEL: 'debug',
			N8N_LOG_OUTPUT: 'console',
			NO_COLOR: '1',
			// A throwaway instance need not wait 30 s for in-flight executions on stop.
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...opts.env,
		};
	}

	get running(): boolean {
		return (
			this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
		);
	}

	async cli(args: string[]): Promise<CliResult> {
		// Info level keeps CLI output to the command's own messages (debug adds timestamps and noise).
		const env = { ...this.env, N8N_LOG_LEVEL: this.env.N8N_CLI_LOG_LEVEL ?? 'info' };
		const log = createWriteStream(this.logFile, { flags: 'a' });
		log.write(`\n--- ${new Date().toISOString()} cli: n8n ${args.join(' ')}\n`);
		const result = await new Promise<CliResult>((resolve, reject) => {
			const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], {
				cwd: this.userFolder,
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			runningCli.add(child);
			killRunningInstancesOnExit();
			child.on('exit', () => runningCli.delete(child));
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d: Buffer) => ((stdout += d), log.write(d)));
			child.stderr.on('data', (d: Buffer) => ((stderr += d), log.write(d)));
			child.on('error', reject);
			child.on('close', (code, signal) =>
				resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
			);
		});
		log.write(`--- cli exit ${result.code}\n`);
		await new Promise<void>((resolve) => log.end(resolve));
		return result;
	}

	async importCredentials(input: string | object[]): Promise<void> {
		await this.importWith('import:credentials', input);
	}

	async importWorkflows(input: string | object[]): Promise<void> {
		await this.importWith('import:workflow', input);
	}

	private async importWith(command: string, input: string | object[]): Promise<void> {
		let file = typeof input === 'string' ? path.resolve(input) : '';
		if (typeof input !== 'string') {
			file = path.join(this.userFolder, `.import-${command.split(':')[1]}-${Date.now()}.json`);
			await fs.writeFile(file, JSON.stringify(input, null, 2));
		}
		const isDir = (await fs.stat(file)).isDirectory();
		const result = await this.cli([command, `--input=${file}`, ...(isDir ? ['--separate'] : [])]);
		// n8n's import commands report failures in the output, sometimes with exit 0.
		if (result.code !== 0 || /GOT ERROR|An error occurred/i.test(result.stdout + result.stderr)) {
			throw new Error(
				`n8n ${command} --input=${file} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
			);
		}
	}

	async activateWorkflow(id: string): Promise<void> {
		if (this.running) {
			await httpJson('POST', `${this.url}/api/v1/workflows/${encodeURIComponent(id)}/activate`, {
				headers: { 'X-N8N-API-KEY': await this.apiKey() },
			});
			await this.waitForActiveWorkflows([id]);
			return;
		}
		// 2.x activates by publishing a version; 1.x has the active flag.
		const args =
			this.install.line === '1'
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`];
		const result = await this.cli(args);
		const listed = await this.cli(['list:workflow', '--active=true', '--onlyId']);
		const activeIds = listed.stdout.split(/\s+/).filter(Boolean);
		if (result.code !== 0 || !activeIds.includes(id)) {
			throw new Error(
				`activating workflow ${id} failed: n8n ${args.join(' ')} exited ${result.code}; active ids: [${activeIds.join(', ')}]\n` +
					`${result.stdout}\n${result.stderr}`,
			);
		}
	}

	async start(opts: StartOptions = {}): Promise<void> {
		if (this.running) throw new Error('n8n is already running');
		this.loadedPackage = false;
		this.session = undefined;
		const log: WriteStream = createWriteStream(this.logFile, { flags: 'a' });
		log.write(
			`\n--- ${new Date().toISOString()} start: n8n ${this.install.version} on ${this.url}\n`,
		);
		let output = '';
		const startedAt = Date.now();
		// Own process group, so stop() also reaches the task-runner processes n8n spawns.
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.child = child;
		runningInstances.add(this);
		killRunningInstancesOnExit();
		const onData = (d: Buffer) => {
			log.write(d);
			// Only the start-up lines matter for readiness; cap memory for long runs.
			if (output.length < 4_000_000) output += d.toString();
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		this.exited = new Promise<void>((resolve) =>
			child.on('close', () => {
				runningInstances.delete(this);
				log.end(() => resolve());
			}),
		);

		try {
			await this.waitUntilReady(() => output, startedAt);
		} catch (error) {
			await this.stop();
			throw new Error(
				`${(error as Error).message}\n--- log tail (${this.logFile}):\n${await this.logTail(60)}`,
			);
		}
		const name = this.installedPackage?.name;
		this.loadedPackage = !!name && output.includes(`Loaded all credentials and nodes from ${name}`);
		if (opts.waitForWorkflows ?? true) {
			try {
				await this.waitForActiveWorkflows(undefined, opts.workflowsTimeoutMs);
			} catch (error) {
				// Same contract as a failed start: nothing left running.
				await this.stop();
				throw new Error(
					`${(error as Error).message}\n--- log tail (${this.logFile}):\n${await this.logTail(40)}`,
				);
			}
		}
	}

	async waitForActiveWorkflows(ids?: string[], timeoutMs = 60_000): Promise<void> {
		const session = await this.ownerLogin();
		const wanted = ids ?? (await activeWorkflowIds(this.url, await this.apiKey()));
		await waitUntilLive(this.install.line, this.url, session, wanted, timeoutMs);
	}

	private async waitUntilReady(output: () => string, startedAt: number): Promise<void> {
		const deadline = startedAt + this.startTimeoutMs;
		let healthy = false;
		while (Date.now() < deadline) {
			if (!this.running)
				throw new Error(
					`n8n exited during start (code ${this.child?.exitCode}, signal ${this.child?.signalCode})`,
				);
			if (!healthy) {
				healthy = await fetch(`${this.url}/healthz`)
					.then((r) => r.status === 200)
					.catch(() => false);
			}
			// /healthz answers once the HTTP server listens, before workflows are activated;
			// n8n prints the editor URL only after activating them.
			if (healthy && output().includes('Editor is now accessible')) return;
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(
			`n8n did not become ready within ${this.startTimeoutMs} ms (healthz ${healthy ? 'ok' : 'not ok'})`,
		);
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || !this.exited) return;
		if (this.running) {
			this.killGroup('SIGTERM');
			const graceMs = (Number(this.env.N8N_GRACEFUL_SHUTDOWN_TIMEOUT) || 30) * 1000 + 5000;
			const timer = setTimeout(() => this.killGroup('SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		} else {
			await this.exited;
		}
		// Leftover runner processes in the group (if any) go too.
		this.killGroup('SIGKILL');
		this.child = undefined;
	}

	/** Signals n8n's whole process group (n8n and its task runner). */
	killGroup(signal: NodeJS.Signals): void {
		const pid = this.child?.pid;
		if (!pid) return;
		try {
			process.kill(-pid, signal);
		} catch {
			// group already gone
		}
	}

	webhookUrl(webhookPath: string, opts: { test?: boolean } = {}): string {
		const base = opts.test
			? (this.env.N8N_ENDPOINT_WEBHOOK_TEST ?? 'webhook-test')
			: (this.env.N8N_ENDPOINT_WEBHOOK ?? 'webhook');
		return `${this.url}/${base}/${webhookPath.replace(/^\/+/, '')}`;
	}

	async ownerLogin(): Promise<OwnerSession> {
		this.session ??= await ownerSession(this.url, TEST_OWNER);
		return this.session;
	}

	async apiKey(): Promise<string> {
		this.key ??= await createApiKey(this.url, await this.ownerLogin());
		return this.key;
	}

	async executions(workflowId?: string): Promise<ExecutionSummary[]> {
		return await listExecutions(this.url, await this.apiKey(), { workflowId });
	}

	async waitForExecutions(
		predicate: (executions: ExecutionSummary[]) => boolean,
		opts: { workflowId?: string; timeoutMs?: number } = {},
	): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
		let last: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			last = await this.executions(opts.workflowId);
			if (predicate(last)) return last;
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(
			`executions did not reach the expected state in time; last seen: ${JSON.stringify(
				last.map(({ id, status, error }) => ({ id, status, error })),
			)}`,
		);
	}

	async logTail(lines = 40): Promise<string> {
		return await tail(this.logFile, lines);
	}
}
