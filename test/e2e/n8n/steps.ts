// Runs install steps as child processes, appending their output to one log file per install, so a
// failure can name the step and point at a log that survives the failed (and removed) temp dir.

import { spawn } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface StepOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	logFile: string;
}

export class InstallStepError extends Error {
	constructor(
		readonly step: string,
		readonly logFile: string,
		detail: string,
	) {
		super(`install step "${step}" failed: ${detail}\n  log: ${logFile}`);
		this.name = 'InstallStepError';
	}
}

/** Appends a line to the log (creating its directory). */
export async function logLine(logFile: string, line: string): Promise<void> {
	await fs.mkdir(path.dirname(logFile), { recursive: true });
	await fs.appendFile(logFile, `${line}\n`);
}

/** Runs `command args` for `step`; resolves on exit 0, otherwise throws InstallStepError with the log's tail. */
export async function runStep(
	step: string,
	command: string,
	args: string[],
	opts: StepOptions,
): Promise<void> {
	const started = Date.now();
	await logLine(
		opts.logFile,
		`\n=== ${new Date().toISOString()} step: ${step}\n$ (cd ${opts.cwd} && ${[command, ...args].join(' ')})`,
	);
	const out = createWriteStream(opts.logFile, { flags: 'a' });
	const code = await new Promise<number | string>((resolve) => {
		const child = spawn(command, args, {
			cwd: opts.cwd,
			env: opts.env ?? withoutNpmVars(process.env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.pipe(out, { end: false });
		child.stderr.pipe(out, { end: false });
		child.on('error', (error) => resolve(error.message));
		child.on('close', (exitCode, signal) => resolve(exitCode ?? `signal ${signal}`));
	});
	await new Promise<void>((resolve) => out.end(resolve));
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	await logLine(opts.logFile, `=== step ${step}: exit ${code} after ${seconds}s`);
	if (code !== 0) {
		throw new InstallStepError(step, opts.logFile, `exit ${code}\n${await tail(opts.logFile, 30)}`);
	}
}

/** npm settings that describe the machine (where the registry is, how to reach it) and may pass through. */
const MACHINE_NPM_CONFIG =
	/^npm_config_(registry|cache|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile|ca|fetch_retries|fetch_retry_\w+|fetch_timeout|maxsockets)$/i;

/**
 * Copy of env without the `npm_*` variables a parent `npm run` injects: they carry the repo's npm
 * config (e.g. ignore-scripts=true from its .npmrc) and script context, which must not leak into
 * installs made elsewhere. Registry, cache, proxy and TLS settings are kept.
 */
export function withoutNpmVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const out: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(env)) {
		if (!/^npm_/i.test(key) || MACHINE_NPM_CONFIG.test(key)) out[key] = value;
	}
	return out;
}

export async function tail(file: string, lines: number): Promise<string> {
	try {
		const text = await fs.readFile(file, 'utf8');
		return text.split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}
