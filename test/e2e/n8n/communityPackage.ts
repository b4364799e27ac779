// Installs a packed community-node package into an n8n user folder the way n8n 2.x's own
// community-packages service does when a user installs one from the editor
// (CommunityPackagesService.downloadPackage): unpack the tarball into
// `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>`, drop devDependencies, peerDependencies and
// optionalDependencies from its package.json (so no second n8n-workflow is installed next to the
// one n8n provides), `npm install` its remaining runtime dependencies inside the package directory
// (shallow, no scripts, no lockfile), and record it in `nodes/package.json`.
// At start n8n scans `nodes/node_modules` and loads every package found there, with node types
// named `<package name>.<node name>`.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { N8nInstall } from './install';
import { nodeEnv } from './nodeRuntime';
import { runStep } from './steps';

export interface InstalledPackage {
	name: string;
	version: string;
	/** `<userFolder>/.n8n/nodes/node_modules/<name>` */
	dir: string;
	/** Absolute path of the tarball that was installed. */
	tarball: string;
}

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	[key: string]: unknown;
}

export async function installCommunityPackage(
	install: N8nInstall,
	userFolder: string,
	tarball: string,
	logFile: string,
): Promise<InstalledPackage> {
	const tgz = path.resolve(tarball);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const modulesDir = path.join(nodesDir, 'node_modules');
	await fs.mkdir(modulesDir, { recursive: true });

	// Unpack beside the final place first: the package name is only known from its package.json.
	const staging = await fs.mkdtemp(path.join(nodesDir, '.unpack-'));
	try {
		await runStep(
			'unpack community package',
			'tar',
			['-xzf', tgz, '-C', staging, '--strip-components=1'],
			{ cwd: nodesDir, logFile },
		);
		const pkgFile = path.join(staging, 'package.json');
		const pkg = JSON.parse(await fs.readFile(pkgFile, 'utf8')) as PackageJson;
		if (!pkg.name || !pkg.version) throw new Error(`${tgz}: package.json has no name/version`);
		const { devDependencies, peerDependencies, optionalDependencies, ...kept } = pkg;
		await fs.writeFile(pkgFile, JSON.stringify(kept, null, 2));

		const dir = path.join(modulesDir, ...pkg.name.split('/'));
		await fs.rm(dir, { recursive: true, force: true });
		await fs.mkdir(path.dirname(dir), { recursive: true });
		await fs.rename(staging, dir);

		if (Object.keys(kept.dependencies ?? {}).length > 0) {
			// Same flags as n8n's service; run under the install's Node, as n8n would run npm.
			await runStep(
				'npm install community package dependencies',
				'npm',
				[
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
				],
				{ cwd: dir, env: nodeEnv(install.node), logFile },
			);
		}
		await recordDependency(nodesDir, pkg.name, pkg.version);
		return { name: pkg.name, version: pkg.version, dir, tarball: tgz };
	} finally {
		await fs.rm(staging, { recursive: true, force: true });
	}
}

/** n8n keeps `nodes/package.json` listing installed packages; keep it consistent for n8n's own tooling. */
async function recordDependency(nodesDir: string, name: string, version: string): Promise<void> {
	const file = path.join(nodesDir, 'package.json');
	let json: { name?: string; private?: boolean; dependencies?: Record<string, string> } = {};
	try {
		json = JSON.parse(await fs.readFile(file, 'utf8'));
	} catch {
		json = { name: 'installed-nodes', private: true };
	}
	json.dependencies = { ...(json.dependencies ?? {}), [name]: version };
	await fs.writeFile(file, JSON.stringify(json, null, 2));
}
