/**
 * The data clock stamps dateCreated/lastModifiedDate. Tests move or freeze it so that many
 * edits share one second (the case that breaks naive `lastModifiedDate > cursor` syncs).
 * OAuth timestamps are never checked against it: TBA's ±300 s window uses real time.
 */
export class DataClock {
	private baseMs: number;
	private realAtBase: number;
	private frozen = false;

	constructor(startMs: number = Date.now()) {
		this.baseMs = startMs;
		this.realAtBase = Date.now();
	}

	nowMs(): number {
		return this.frozen ? this.baseMs : this.baseMs + (Date.now() - this.realAtBase);
	}

	/** Records carry second precision, like NetSuite's lastModifiedDate. */
	stampMs(): number {
		return Math.floor(this.nowMs() / 1000) * 1000;
	}

	/** Set and freeze. */
	set(ms: number): void {
		this.baseMs = ms;
		this.realAtBase = Date.now();
		this.frozen = true;
	}

	advance(ms: number): void {
		this.baseMs = this.nowMs() + ms;
		this.realAtBase = Date.now();
	}

	restart(ms: number): void {
		this.baseMs = ms;
		this.realAtBase = Date.now();
		this.frozen = false;
	}
}

/** Real time plus an offset tests can push forward, so issued bearer tokens can expire on demand. */
export class TokenClock {
	private offsetMs = 0;

	nowMs(): number {
		return Date.now() + this.offsetMs;
	}

	advance(ms: number): void {
		this.offsetMs += ms;
	}

	reset(): void {
		this.offsetMs = 0;
	}
}
