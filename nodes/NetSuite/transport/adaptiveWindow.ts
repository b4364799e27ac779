/**
 * How many requests this process sends to one NetSuite account at once. NetSuite's concurrency
 * limit is per account and shared with every other n8n worker and integration on it, and no
 * channel between workers is allowed to a community node, so the window is learnt from NetSuite's
 * answers alone: a concurrency refusal means "the account is full right now".
 *
 * Control law: multiplicative decrease, growth by the square of the time since the last cut
 * (CUBIC's idea, TCP congestion control), on a real-valued window w in [1, cap]; ⌊w⌋ requests may
 * be out at once.
 *  - Refusal of a request sent after the last cut: w ← max(1, min(0.7·w, ⌊w⌋ − 1)). Refusals of
 *    requests already out at the cut are the same burst and change nothing (TCP's once-per-window
 *    rule), so a burst costs one step, not one per refused request. At w = 1 the refused request
 *    keeps its slot for about two round trips (client.ts), so the process waits instead of spinning.
 *  - Otherwise w = w_cut + (t / PROBE_MS)², t the time since that cut: the first step up comes
 *    PROBE_MS after a cut (slow probing while the account is contended), then faster and faster
 *    (+3 after 1.7·PROBE_MS, +4 after 2·PROBE_MS), so a process whose peers finished, or that
 *    has not been refused for a while, is back at its cap within seconds; a fresh process starts
 *    at the cap, where the fixed limiter used to be.
 *  - Refused since its last yield and above one request: every YIELD_MS the window gives one slot
 *    back (yieldIfDue). Without it the windows are sticky: refusals reach only probes, so whoever
 *    held two slots kept them and a peer stayed at one (P6 fairness 1.04 to 1.39 run to run).
 * Tuned on the benchmark's P6 (3 processes × Concurrency 5 on an account of 5, 50 ms per call,
 * ~90 calls/s in all): each step up while the account is full costs about one 429, so the
 * processes make about 3 / PROBE_MS refusals a second, while a cut of one step takes the account
 * from one over to exactly full, losing nothing. Loaded machine, 3 × 1,000 records: "+1 per 2 s"
 * gave 2.5 % 429s, the square law at 3 s 1.9 %, at 4 s 1.5 %. Quiet machine, full P6/P6x
 * (`npm run bench -- --only p6`): at 4 s P6 0.894 efficiency / 1.17 % 429s, P6x 0.931 / 3.26 %
 * (bar 3 %: with 3 free slots for 3 processes every probe is refused); at 5 s P6 0.896 / 1.16 %,
 * fairness 1.04, P6x 0.937 / 2.42 %; later runs of the same code: P6 fairness 1.21 and 1.39. The
 * yield: every 2·PROBE_MS with the probe clock restarted, P6 fairness 1.06 but efficiency 0.80 (the
 * slot given back stood empty until the next probe); every 4·PROBE_MS, probing again after half a
 * period: see README → Benchmarks. The cut is multiplicative above 3 so a larger window yields more.
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

export const PROBE_MS = 5000;
export const YIELD_MS = 4 * PROBE_MS;
const BETA = 0.7;

export class AdaptiveWindow {
	/** The window right after the last cut. */
	private base: number;

	private active = 0;

	private cuts = 0;

	private absorbed = 0;

	private lastCutAt = Number.NEGATIVE_INFINITY;

	private lastYieldAt: number;

	private cutsAtYield = 0;

	/** Moving average of how long an answered request took (ms). */
	private rttMs = 0;

	private readonly waiting: Array<(slot: WindowSlot) => void> = [];

	constructor(
		readonly cap: number,
		private readonly now: () => number = Date.now,
	) {
		// A fresh process starts where the fixed limiter was: at the cap.
		this.base = cap;
		this.lastYieldAt = now();
	}

	private get w(): number {
		const sinceCut = (this.now() - this.lastCutAt) / PROBE_MS;
		return Math.min(this.cap, this.base + sinceCut * sinceCut);
	}

	get allowance(): number {
		return Math.max(1, Math.floor(this.w));
	}

	state(): WindowState {
		return {
			allowance: this.allowance,
			cap: this.cap,
			active: this.active,
			cuts: this.cuts,
			absorbed: this.absorbed,
		};
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

	/** An answered request took `ms`: the account's pace, which sets how long a refusal at one request waits. */
	answered(ms: number): void {
		this.rttMs = this.rttMs === 0 ? ms : 0.9 * this.rttMs + 0.1 * ms;
	}

	/**
	 * How long a request refused at a window of one keeps its slot: about two round trips (the time
	 * for the account to free a slot), jittered so processes do not retry in step. A fixed backoff
	 * of 100 ms or more would stall a fast account (5 ms calls) for twenty calls per refusal.
	 */
	floorHoldMs(random = Math.random): number {
		return Math.max(5, this.rttMs * (1 + 2 * random()));
	}

	/**
	 * NetSuite refused this request for concurrency. `cut`: the window shrank, and the slot this
	 * request frees is not refilled. `absorbed`: same burst as an earlier cut. `floor`: already at
	 * one request; the caller must back off in its slot, or the next queued request would go at once.
	 */
	refused(slot: WindowSlot): 'cut' | 'absorbed' | 'floor' {
		if (slot.epoch < this.cuts) {
			this.absorbed++;
			return 'absorbed';
		}
		const w = this.w;
		this.cuts++;
		this.base = Math.max(1, Math.min(BETA * w, Math.floor(w) - 1));
		this.lastCutAt = this.now();
		return Math.floor(w) > 1 ? 'cut' : 'floor';
	}

	/**
	 * Refused since the last yield (the account is contended) and allowed more than one request:
	 * give one slot back and restart the probe clock, at most once per YIELD_MS. Refusals reach only
	 * requests that arrive at a full account, i.e. probes; a process reuses its own freed slots at
	 * once and is never refused at the level it holds, so without this the first to hold two slots
	 * keeps them and a peer at one stays there (P6 fairness 1.39). The slot given back goes to the
	 * next probe, often a peer's.
	 */
	private yieldIfDue(): void {
		const now = this.now();
		if (now - this.lastYieldAt < YIELD_MS) return;
		const contended = this.cuts > this.cutsAtYield;
		this.lastYieldAt = now;
		this.cutsAtYield = this.cuts;
		const allowance = this.allowance;
		if (!contended || allowance <= 1) return;
		this.base = allowance - 1;
		// Probing again half a probe period from now: long enough for a peer's probe to take the
		// slot, short enough that it does not stay empty for long.
		this.lastCutAt = now - PROBE_MS / 2;
	}

	private acquire(): Promise<WindowSlot> {
		this.yieldIfDue();
		if (this.active < this.allowance && this.waiting.length === 0) {
			this.active++;
			return Promise.resolve({ epoch: this.cuts });
		}
		return new Promise((resolve) => this.waiting.push(resolve));
	}

	private pump(): void {
		this.yieldIfDue();
		while (this.waiting.length > 0 && this.active < this.allowance) {
			this.active++;
			this.waiting.shift()!({ epoch: this.cuts });
		}
	}
}
