// Debian's `prometheus` package (promtool, prometheus): checks and runs of the monitoring files.
// Missing binaries are an error saying how to install them, never a skip.

import { spawn } from 'node:child_process';

export const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
export const PROMETHEUS = process.env.PROMETHEUS ?? 'prometheus';
const INSTALL_HINT =
	"install Debian's prometheus package (apt-get install -y prometheus), or set PROMTOOL / PROMETHEUS to the binaries";

export interface ToolResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a binary of the prometheus package with optional stdin; rejects only when it cannot start. */
export function runTool(
	binary: string,
	args: string[],
	opts: { stdin?: string; cwd?: string } = {},
): Promise<ToolResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(binary, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.on('error', (error: NodeJS.ErrnoException) =>
			reject(error.code === 'ENOENT' ? new Error(`${binary} not found: ${INSTALL_HINT}`) : error),
		);
		child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
		child.stdin.end(opts.stdin ?? '');
	});
}

/** `promtool <args>`; throws with its output unless it exits 0. */
export async function promtool(
	args: string[],
	opts: { stdin?: string; cwd?: string } = {},
): Promise<string> {
	const result = await runTool(PROMTOOL, args, opts);
	const output = `${result.stdout}${result.stderr}`;
	if (result.code !== 0)
		throw new Error(`promtool ${args.join(' ')} exited ${result.code}:\n${output}`);
	return output;
}
