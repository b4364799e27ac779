// How `npm run demo` stops: on SIGINT, SIGTERM or SIGHUP to the demo itself, which is also what a
// signal to the `npm run demo` process becomes: npm hands it on to the script's process, and the
// script is `exec ts-node …` so that process is the demo (without `exec` it reached only the shell
// npm runs scripts in, which in a background job ignores SIGINT, and the demo, n8n and the simulator
// ran on). Should npm or that shell die without passing anything on, the demo notices its parents
// are gone and stops too. Armed before anything starts, so Ctrl-C during the minutes of start-up
// cleans up as well. Each clean-up step says what it did.

export class StopRequested extends Error {
	constructor() {
		super('stop requested');
	}
}

type Step = [done: string, run: () => Promise<unknown>];

export class DemoLifecycle {
	stopping = false;
	private readonly steps: Step[] = [];
	private cleaning?: Promise<void>;

	constructor(private readonly keep: boolean) {}

	/** Listens for signals and watches the parent processes (npm, and the shell npm ran the script in). */
	arm(): void {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
			process.on(signal, () => this.stop(signal));
		const ancestors = parentPids();
		const watch = setInterval(() => {
			const gone = ancestors.find((pid) => !alive(pid));
			if (gone !== undefined)
				this.stop(`the process that started the demo (pid ${gone}) has stopped`);
		}, 1000);
		watch.unref();
	}

	/** Registers a clean-up step, run last-in first-out; `done` is printed when it has run. */
	add(done: string, run: () => Promise<unknown>): void {
		this.steps.push([done, run]);
	}

	/** Throws StopRequested once a stop began: start-up ends at the next step. */
	check(): void {
		if (this.stopping) throw new StopRequested();
	}

	stop(reason: string): void {
		if (this.stopping) return;
		this.stopping = true;
		console.log(
			`\n${reason}: stopping${this.keep ? ' (--keep: leaving the database, Redis keys and n8n folder)' : ' and cleaning up'}…`,
		);
		// Whatever is still starting (an n8n, the simulator) is killed by its own exit hook.
		this.cleanUp().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	}

	/** Runs every registered step once, even when called again while running. */
	cleanUp(): Promise<void> {
		this.cleaning ??= (async () => {
			for (let step = this.steps.pop(); step; step = this.steps.pop()) {
				const [done, run] = step;
				try {
					await run();
					console.log(`  ✓ ${done}`);
				} catch (error) {
					console.log(`  ✗ not done (${done}): ${error instanceof Error ? error.message : error}`);
				}
			}
		})();
		return this.cleaning;
	}
}

/** The demo's parent and, when that is the shell npm runs scripts in, npm itself (Linux /proc). */
function parentPids(): number[] {
	const pids = [process.ppid];
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const stat = require('node:fs').readFileSync(`/proc/${process.ppid}/stat`, 'utf8') as string;
		const grandparent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		if (grandparent > 1) pids.push(grandparent);
	} catch {
		// not Linux: the parent alone
	}
	return pids;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
