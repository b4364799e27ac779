// Installs a real n8n of a given line into the cache, on the Node build that line runs on.
//
// Each install is a tiny private npm project (`package.json` with n8n as its one dependency)
// under `<cache>/n8n/<n8nVersion>-node<nodeVersion>/`, keyed by both versions because native
// modules are built for one Node ABI. Steps (each logged to `<cache>/logs/n8n-<...>.log`):
//   1. `npm install --ignore-scripts`: some dependency install scripts fetch from hosts these
//      machines cannot reach (a Kafka client downloads librdkafka sources), so none run;
//   2. `npm rebuild <natives>` with this Node first on PATH and npm_config_nodedir at its headers,
//      so the native modules n8n needs at start are built (or their prebuilds picked) for its ABI;
//   3. checks: the natives load under this Node and `n8n --version` prints the pinned version.

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot, ensureInstalled } from './cache';
import { ensureNodeRuntime, nodeEnv, NodeMajor, NodeRuntime } from './nodeRuntime';
import { InstallStepError, logLine, runStep } from './steps';

export type N8nLine = '2' | '1';

export interface N8nLineSpec {
	version: string;
	nodeMajor: NodeMajor;
	/** npm `overrides` for the install project (dependencies n8n pins that cannot be fetched here). */
	overrides: Record<string, string>;
	/** Native modules n8n loads at start; rebuilt after the script-less install. */
	natives: string[];
}

export const N8N_LINES: Readonly<Record<N8nLine, N8nLineSpec>> = {
	// 2.41.3 does not install: a dependency version it pins is missing from the registry.
	'2': { version: '2.41.1', nodeMajor: 24, overrides: {}, natives: ['sqlite3', 'isolated-vm'] },
	// n8n 1.x pins xlsx as a tarball on cdn.sheetjs.com (unreachable here): use the registry's last
	// release. Its isolated-vm needs Node >= 22 in practice, despite n8n's stated engine range.
	'1': {
		version: '1.123.81',
		nodeMajor: 22,
		overrides: { xlsx: '0.18.5' },
		natives: ['sqlite3', 'isolated-vm'],
	},
};

export interface N8nInstall {
	line: N8nLine;
	/** n8n version, e.g. "2.41.1". */
	version: string;
	/** Absolute path of the node binary n8n runs on. */
	nodeBin: string;
	/** Absolute path of n8n's bin script (run it as `nodeBin n8nBin ...`). */
	n8nBin: string;
	/** The install project's directory (holds node_modules/n8n). */
	root: string;
	/** The Node build, for running npm/node-gyp against it. */
	node: NodeRuntime;
}

/** A ready n8n install of `line`, installing it into the cache first if needed. */
export async function ensureN8n(line: N8nLine): Promise<N8nInstall> {
	const spec = N8N_LINES[line];
	if (!spec)
		throw new Error(
			`unknown n8n line "${line}" (expected one of ${Object.keys(N8N_LINES).join(', ')})`,
		);
	const node = await ensureNodeRuntime(spec.nodeMajor);
	const name = `n8n-${spec.version}-node${node.version}`;
	const root = path.join(cacheRoot(), 'n8n', name);
	const logFile = path.join(cacheRoot(), 'logs', `${name}.log`);

	await ensureInstalled(root, async (dir) => {
		await logLine(
			logFile,
			`\n##### ${new Date().toISOString()} installing n8n@${spec.version} on node ${node.version} in ${dir}`,
		);
		await buildInstall(dir, spec, node, logFile);
		return { n8n: spec.version, node: node.version, overrides: spec.overrides };
	});

	return {
		line,
		version: spec.version,
		nodeBin: node.bin,
		n8nBin: path.join(root, 'node_modules', 'n8n', 'bin', 'n8n'),
		root,
		node,
	};
}

async function buildInstall(
	dir: string,
	spec: N8nLineSpec,
	node: NodeRuntime,
	logFile: string,
): Promise<void> {
	const env = nodeEnv(node);
	await fs.writeFile(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-e2e-install',
				private: true,
				description: 'n8n installed by test/e2e/n8n/install.ts of n8n-nodes-netsuite-sync',
				dependencies: { n8n: spec.version },
				overrides: spec.overrides,
			},
			null,
			2,
		),
	);
	// A project .npmrc so the user's npm settings that matter here cannot differ between machines.
	// (nodedir is passed as npm_config_nodedir in env: npm 11 warns about it as a config key, but
	// still hands it to node-gyp, and env beats a `nodedir` line in the user's ~/.npmrc.)
	await fs.writeFile(
		path.join(dir, '.npmrc'),
		['fund=false', 'audit=false', 'update-notifier=false', ''].join('\n'),
	);

	await runStep(
		'npm install',
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
		{ cwd: dir, env, logFile },
	);
	await runStep(
		'npm rebuild natives',
		'npm',
		['rebuild', ...spec.natives, '--ignore-scripts=false', '--foreground-scripts'],
		{ cwd: dir, env, logFile },
	);
	for (const mod of spec.natives) {
		await runStep(
			`load ${mod}`,
			node.bin,
			['-e', `require(${JSON.stringify(mod)}); console.log('loaded', ${JSON.stringify(mod)})`],
			{
				cwd: dir,
				env,
				logFile,
			},
		);
	}
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	await runStep('n8n --version', node.bin, [n8nBin, '--version'], { cwd: dir, env, logFile });
	const { stdout } = await promisify(execFile)(node.bin, [n8nBin, '--version'], { cwd: dir, env });
	if (!stdout.includes(spec.version)) {
		throw new InstallStepError(
			'n8n --version',
			logFile,
			`expected ${spec.version}, got ${stdout.trim()}`,
		);
	}
}
