/** The package as npm would publish it: packed from the built dist, unpacked in a temp folder. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

let packed: { tarball: string; unpacked: string } | undefined;

/** `npm pack` of the current build (`npm test` builds first; so does `npm run build`). */
export function packOnce(): { tarball: string; unpacked: string } {
	if (packed) return packed;
	if (!existsSync(join(ROOT, 'dist', 'credentials', 'NetSuiteTbaApi.credentials.js'))) {
		throw new Error('dist/ is missing: run `npm run build` (npm test does) before these tests.');
	}
	const dir = mkdtempSync(join(tmpdir(), 'netsuite-pack-'));
	execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
		cwd: ROOT,
		stdio: 'pipe',
	});
	const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
	execFileSync('tar', ['xzf', tarball, '-C', dir]);
	packed = { tarball, unpacked: join(dir, 'package') };
	return packed;
}
