/**
 * Other integrations on the same account (a SuiteApp, a SOAP job, a script): they hold K of the
 * account's concurrency slots with requests of a chosen duration, one after another, counted like
 * any request (kind `integration`, status 200). NetSuite's pool is shared by all of them
 * [O:bridgehead_1500275603], so a client sees the account's limit minus K.
 *
 * Each of the K loops takes the next free slot before any client can (a finished request's slot
 * goes to a waiting loop first, and a loop starts its next request in the same tick as it ends the
 * last), like an integration that fires again at once: once it holds K slots it keeps them.
 */
import type { Counters, Governance } from './governance';
import type { OtherIntegrationOptions } from './types';

export class OtherIntegration {
	slots = 0;

	durationMs = 1000;

	/** Bumped on every change, so loops from an earlier setting end. */
	private generation = 0;

	constructor(
		private readonly gov: Governance,
		private readonly counters: Counters,
	) {}

	/** Starts or stops loops so that `slots` of them run. */
	set(opts: OtherIntegrationOptions): void {
		const slots = Number(opts.slots);
		const durationMs = Number(opts.durationMs ?? this.durationMs);
		if (!Number.isInteger(slots) || slots < 0 || slots > this.gov.limit) {
			throw new Error(
				`otherIntegration slots must be a whole number from 0 to the account limit (${this.gov.limit}), got ${opts.slots}`,
			);
		}
		if (!(durationMs > 0))
			throw new Error(
				`otherIntegration durationMs must be a positive number of milliseconds, got ${opts.durationMs}`,
			);
		this.generation++;
		this.gov.cancelWaiters();
		this.slots = slots;
		this.durationMs = durationMs;
		for (let i = 0; i < slots; i++) void this.loop(this.generation);
	}

	stop(): void {
		this.set({ slots: 0 });
	}

	private async loop(generation: number): Promise<void> {
		while (generation === this.generation) {
			if (!(await this.gov.take())) return;
			if (generation !== this.generation) {
				this.gov.release();
				return;
			}
			this.counters.request('integration');
			await new Promise((resolve) => setTimeout(resolve, this.durationMs).unref());
			this.counters.sent(200);
			this.gov.release();
		}
	}
}
