// Where downloaded runtimes live, and how they get there safely.
//
// Everything the e2e machinery downloads (Node builds, n8n installs) goes to a per-user cache
// directory outside the clone, so repeated runs are fast and nothing downloaded lands in the repo.
// Installs are built in a temp dir next to their final place and renamed into it only when
// complete, with a marker file written last: an interrupted install never looks finished.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CACHE_NAMESPACE = 'n8n-nodes-netsuite-sync';

/** `${N8N_E2E_CACHE || $XDG_CACHE_HOME/n8n-nodes-netsuite-sync || ~/.cache/n8n-nodes-netsuite-sync}` */
export function cacheRoot(): string {
	if (process.env.N8N_E2E_CACHE) return path.resolve(process.env.N8N_E2E_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, CACHE_NAMESPACE);
}

/** Name of the file written last into a finished install; its content is informational JSON. */
export const COMPLETE_MARKER = '.install-complete.json';

export async function exists(p: string): Promise<boolean> {
	try {
		await fs.access(p);
		return true;
	} catch {
		return false;
	}
}

/**
 * Returns `finalDir` once it holds a complete install, building it with `build(tmpDir)` if needed.
 * `build` fills tmpDir; the marker is written, then tmpDir is renamed to finalDir. If another
 * process finished first the rename fails and its install is used. Leftover temp dirs from
 * interrupted runs are removed on the next attempt.
 */
export async function ensureInstalled(
	finalDir: string,
	build: (tmpDir: string) => Promise<Record<string, unknown>>,
): Promise<string> {
	if (await exists(path.join(finalDir, COMPLETE_MARKER))) return finalDir;

	const parent = path.dirname(finalDir);
	const base = path.basename(finalDir);
	await fs.mkdir(parent, { recursive: true });
	await removeStaleTemps(parent, base);

	const tmpDir = path.join(parent, `${base}.tmp-${process.pid}-${Date.now()}`);
	await fs.mkdir(tmpDir, { recursive: true });
	try {
		const info = await build(tmpDir);
		await fs.writeFile(
			path.join(tmpDir, COMPLETE_MARKER),
			JSON.stringify({ ...info, completedAt: new Date().toISOString() }, null, 2),
		);
		// A final dir without a marker is debris from an older, non-atomic attempt.
		if ((await exists(finalDir)) && !(await exists(path.join(finalDir, COMPLETE_MARKER)))) {
			await fs.rm(finalDir, { recursive: true, force: true });
		}
		try {
			await fs.rename(tmpDir, finalDir);
		} catch (error) {
			if (await exists(path.join(finalDir, COMPLETE_MARKER))) {
				await fs.rm(tmpDir, { recursive: true, force: true });
			} else {
				throw error;
			}
		}
		return finalDir;
	} catch (error) {
		// Keep the failed temp dir's logs reachable: they are copied next to it by the caller.
		await fs.rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
		throw error;
	}
}

/** Temp dirs of dead processes (pid no longer alive) are removed; live ones are left alone. */
async function removeStaleTemps(parent: string, base: string): Promise<void> {
	const prefix = `${base}.tmp-`;
	for (const entry of await fs.readdir(parent)) {
		if (!entry.startsWith(prefix)) continue;
		const pid = Number(entry.slice(prefix.length).split('-')[0]);
		if (pid && pid !== process.pid && isAlive(pid)) continue;
		await fs.rm(path.join(parent, entry), { recursive: true, force: true }).catch(() => undefined);
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
