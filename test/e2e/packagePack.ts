// Builds the package and packs it the way it is published (`npm pack`): the e2e test installs that
// tarball into n8n exactly as a user's n8n would install it from the registry.

import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { withoutNpmVars } from './n8n/steps';

const REPO = path.resolve(__dirname, '../..');
const run = promisify(execFile);

export async function buildAndPack(
	destination: string,
	opts: { build?: boolean } = {},
): Promise<string> {
	const env = withoutNpmVars(process.env);
	if (opts.build ?? true) {
		try {
			await run('npm', ['run', 'build'], { cwd: REPO, env, maxBuffer: 64 * 1024 * 1024 });
		} catch (error) {
			const e = error as { stdout?: string; stderr?: string; message: string };
			throw new Error(
				`npm run build failed: ${e.message}\n${(e.stdout ?? '').slice(-3000)}\n${(e.stderr ?? '').slice(-3000)}`,
			);
		}
	}
	const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', destination], {
		cwd: REPO,
		env,
		maxBuffer: 16 * 1024 * 1024,
	});
	const file = stdout.trim().split('\n').pop();
	if (!file?.endsWith('.tgz')) throw new Error(`npm pack printed no tarball name: ${stdout}`);
	return path.join(destination, file);
}
