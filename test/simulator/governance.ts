/**
 * Account concurrency governance and injected faults.
 *
 * NetSuite counts requests in flight per account across SOAP, REST and RESTlets; a request
 * that arrives while the pool is full is rejected at once (429, or 400 for RESTlets), never
 * queued [O:bridgehead_1509974866]. The slot is released BEFORE the response bytes are
 * written, so a client that fires its next request the instant it reads a response can never
 * be rejected by its own previous request.
 */
import type { Faults, RequestKind, SimulatorCounters } from './types';

export type FaultKind = 'reset' | '429' | '500' | '503' | 'resetAfterApply';

const KINDS: RequestKind[] = [
	'list',
	'get',
	'suiteql',
	'create',
	'update',
	'upsert',
	'delete',
	'restlet',
	'token',
	'metadata',
	'governance',
	'other',
	'integration',
];

export class Governance {
	inFlight = 0;
	peak = 0;
	/** Other integrations' loops waiting for a slot (otherIntegration.ts); served before any client. */
	private waiters: Array<(took: boolean) => void> = [];

	constructor(
		public limit: number,
		public faults: Faults,
		public latencyMs: number,
		public jitterMs: number,
	) {}

	tryAcquire(): boolean {
		if (this.inFlight >= this.limit) return false;
		this.inFlight++;
		if (this.inFlight > this.peak) this.peak = this.inFlight;
		return true;
	}

	release(): void {
		const next = this.waiters.shift();
		// The slot passes straight to a waiting integration: inFlight stays, no client can slip in.
		if (next) return next(true);
		this.inFlight = Math.max(0, this.inFlight - 1);
	}

	/** A slot now, or the next one released. False when the wait was cancelled. */
	take(): Promise<boolean> {
		if (this.tryAcquire()) return Promise.resolve(true);
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	cancelWaiters(): void {
		for (const waiter of this.waiters.splice(0)) waiter(false);
	}

	/** One independent draw per request (Math.random: faults need not follow the data seed). */
	drawFault(): FaultKind | undefined {
		const f = this.faults;
		if (f.next429 && f.next429 > 0) {
			f.next429--;
			return '429';
		}
		const r = Math.random();
		let acc = 0;
		const table: Array<[FaultKind, number | undefined]> = [
			['reset', f.rateReset],
			['429', f.rate429],
			['500', f.rate500],
			['503', f.rate503],
			['resetAfterApply', f.rateResetAfterApply],
		];
		for (const [kind, rate] of table) {
			acc += rate ?? 0;
			if (r < acc) return kind;
		}
		return undefined;
	}

	/** Processing time held inside the slot: latency, jitter, and sometimes a slow response. */
	delayMs(): number {
		let ms = this.latencyMs + (this.jitterMs > 0 ? Math.random() * this.jitterMs : 0);
		if (this.faults.rateSlow && Math.random() < this.faults.rateSlow)
			ms += this.faults.slowMs ?? 2000;
		return ms;
	}
}

export class Counters {
	private c: SimulatorCounters = Counters.empty();

	static empty(): SimulatorCounters {
		return {
			requests: 0,
			byKind: Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<RequestKind, number>,
			status: {},
			sent429: 0,
			concurrencyRejected: 0,
			peakConcurrency: 0,
			inFlight: 0,
			authFailures: 0,
			socketResets: 0,
		};
	}

	request(kind: RequestKind): void {
		this.c.requests++;
		this.c.byKind[kind]++;
	}

	sent(status: number): void {
		this.c.status[String(status)] = (this.c.status[String(status)] ?? 0) + 1;
		if (status === 429) this.c.sent429++;
		if (status === 401) this.c.authFailures++;
	}

	concurrencyRejected(): void {
		this.c.concurrencyRejected++;
	}

	socketReset(): void {
		this.c.socketResets++;
	}

	snapshot(gov: Governance): SimulatorCounters {
		return {
			...this.c,
			byKind: { ...this.c.byKind },
			status: { ...this.c.status },
			peakConcurrency: gov.peak,
			inFlight: gov.inFlight,
		};
	}

	reset(gov: Governance): void {
		this.c = Counters.empty();
		gov.peak = gov.inFlight;
	}
}
