// Named steps with timings and a plain pass/fail tally (no test framework: the CI reads the closing
// "N passed, M failed" line). Steps of one n8n line build on each other, so after a failure the
// rest of that line is reported as not run, and counted as failed.

export interface StepResult {
	group: string;
	name: string;
	status: 'passed' | 'failed' | 'not run';
	ms: number;
	error?: string;
}

export class Checklist {
	readonly results: StepResult[] = [];
	private aborted = new Set<string>();

	async step(group: string, name: string, fn: () => Promise<string | void>): Promise<boolean> {
		if (this.aborted.has(group)) {
			this.results.push({
				group,
				name,
				status: 'not run',
				ms: 0,
				error: 'an earlier step of this line failed',
			});
			console.log(`  - ${name}: not run`);
			return false;
		}
		const started = Date.now();
		try {
			const note = await fn();
			const ms = Date.now() - started;
			this.results.push({ group, name, status: 'passed', ms });
			console.log(`  ✓ ${name} (${(ms / 1000).toFixed(1)}s)${note ? ` — ${note}` : ''}`);
			return true;
		} catch (error) {
			const ms = Date.now() - started;
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			this.results.push({ group, name, status: 'failed', ms, error: message });
			this.aborted.add(group);
			console.log(`  ✗ ${name} (${(ms / 1000).toFixed(1)}s)\n${message.replace(/^/gm, '      ')}`);
			return false;
		}
	}

	/** Marks the rest of a group as not run (e.g. its setup failed). */
	abort(group: string): void {
		this.aborted.add(group);
	}

	get passed(): number {
		return this.results.filter((r) => r.status === 'passed').length;
	}

	get failed(): number {
		return this.results.filter((r) => r.status !== 'passed').length;
	}
}
