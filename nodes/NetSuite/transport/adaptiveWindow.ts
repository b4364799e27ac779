/**
 * How many requests this process sends to one NetSuite account at once. NetSuite's concurrency
 * limit is per account and shared with every other n8n worker and integration on it, and no
 * channel between workers is allowed to a community node, so the window is learnt from NetSuite's
 * answers alone: a concurrency refusal means "the account is full", a success with work waiting
 * means "maybe there is room".
 *
 * Control law: AIMD on a real-valued window w in [1, cap]; ⌊w⌋ requests may be out at once.
 *  - Refusal of a request sent after the last cut: w ← max(1, min(0.7·w, ⌊w⌋ − 1)). Refusals of
 *    requests already out at the cut are the same burst and change nothing (TCP's once-per-window
 *    rule), so a burst of refusals costs one step, not one per request. The refused request keeps
 *    its slot while it backs off (see client.ts), so at w = 1 a process waits instead of spinning.
 *  - Success while requests queue for a slot: w grows by 1 per PROBE_MS of busy time after a cut
 *    (congestion avoidance), or by 1/⌊w⌋ per success (+1 per round trip, 1 → 5 in four round
 *    trips) once no cut happened for CALM_MS: a process alone, or one whose peers finished, is
 *    back at its cap within a second.
 * Tuned on the benchmark's P6 (3 processes × Concurrency 5 on an account of 5, 50 ms per call):
 * every crossing of an integer step while the account is full costs about one 429, so the three
 * processes together make about 3 / PROBE_MS probes; at PROBE_MS = 2,000 that is ~1.5 refusals/s
 * against ~100 calls/s (≈ 1.5 %, bar 2 %), while a cut of one step is refilled within 2 s.
 * The cut is multiplicative above 3 so a large window (a process that came first) yields more
 * than a small one and the processes converge on equal shares.
 */

export interface WindowSlot {
	/** Cuts made before this slot was granted: a refusal is a new burst only if none since. */
	readonly epoch: number;
}

export interface WindowState {
	/** Requests that may be out at once now (⌊w⌋). */
	allowance: number;
	cap: number;
	/** Requests out now, including refused ones backing off in their slot. */
	active: number;
	/** Concurrency refusals that cut the window / that were absorbed as part of a burst. */
	cuts: number;
	absorbed: number;
}

export const PROBE_MS = 2000;
export const CALM_MS = 4000;
const BETA = 0.7;

export class AdaptiveWindow {
	private w: number;

	private active = 0;

	private cuts = 0;

	private absorbed = 0;

	private lastCutAt = Number.NEGATIVE_INFINITY;

	private lastGrowthAt = 0;

	private readonly waiting: Array<(slot: WindowSlot) => void> = [];

	constructor(
		readonly cap: number,
		private readonly now: () => number = Date.now,
	) {
		// A fresh process starts where today's fixed limiter was: at the cap.
		this.w = cap;
	}

	get allowance(): number {
		return Math.max(1, Math.floor(this.w));
	}

	state(): WindowState {
		return { allowance: this.allowance, cap: this.cap, active: this.active, cuts: this.cuts, absorbed: this.absorbed };
	}

	async run<T>(task: (slot: WindowSlot) => Promise<T>): Promise<T> {
		const slot = await this.acquire();
		try {
			return await task(slot);
		} finally {
			this.active--;
			this.pump();
		}
	}

	/** NetSuite answered: the account had room for this request. */
	succeeded(): void {
		const now = this.now();
		const busy = this.waiting.length > 0;
		if (busy && this.w < this.cap) {
			const calm = now - this.lastCutAt >= CALM_MS;
			this.w += calm ? 1 / this.allowance : Math.max(0, now - this.lastGrowthAt) / PROBE_MS;
			this.w = Math.min(this.cap, this.w);
		}
		this.lastGrowthAt = now;
	}

	/** NetSuite refused this request for concurrency. Returns whether it cut the window. */
	refused(slot: WindowSlot): boolean {
		if (slot.epoch < this.cuts) {
			this.absorbed++;
			return false;
		}
		this.cuts++;
		this.lastCutAt = this.now();
		this.lastGrowthAt = this.lastCutAt;
		this.w = Math.max(1, Math.min(BETA * this.w, this.allowance - 1));
		return true;
	}

	private acquire(): Promise<WindowSlot> {
		if (this.active < this.allowance && this.waiting.length === 0) {
			this.active++;
			return Promise.resolve({ epoch: this.cuts });
		}
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	private pump(): void {
		while (this.waiting.length > 0 && this.active < this.allowance) {
			this.active++;
			this.waiting.shift()!({ epoch: this.cuts });
		}
	}
}
