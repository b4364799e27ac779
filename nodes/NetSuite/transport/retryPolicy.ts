/**
 * When to send a NetSuite request again, and how long to wait first: one pure decision per answer
 * (decide), so every rule is a row of a table test rather than a branch of the request loop.
 *
 * Oracle's advice for CONCURRENCY_LIMIT_EXCEEDED is to retry with increasing, unsynchronised
 * delays; at a 30 % refusal rate 10,000 calls need ≥ 11 tries each to lose nothing
 * (0.3^12 · 10⁴ < 0.01), so 429s are bounded by time, not by a small count.
 */
import { classifyStatus, isNeverSent } from './answers';

export interface RetrySettings {
	/** Total time one request may spend waiting between attempts. */
	budgetMs: number;
	/** First backoff ceiling; doubles per attempt. */
	baseDelayMs: number;
	/** Ceiling of any one backoff wait (Retry-After may ask for more, within the budget). */
	maxDelayMs: number;
	/** 5xx / reset / timeout: attempts at most, on requests that cannot have been applied twice. */
	maxTransientAttempts: number;
	/** NetSuite sometimes reports overload as 401; retried this often, and only after a success. */
	max401Retries: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
	budgetMs: 5 * 60_000,
	baseDelayMs: 200,
	maxDelayMs: 10_000,
	maxTransientAttempts: 8,
	max401Retries: 2,
};

export const IDEMPOTENCY_HEADER = 'X-NetSuite-idempotency-key';

/** Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): uniform in [0, min(cap, base·2^n)]. */
export function backoffDelay(
	attempt: number,
	settings: RetrySettings,
	random = Math.random,
): number {
	const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(attempt, 30));
	return Math.floor(random() * ceiling);
}

/** The wait before attempt `attempt + 1`, or undefined when it would overrun the retry time budget. */
export function backoffWait(
	settings: RetrySettings,
	attempt: number,
	now: Now,
	retryAfterMs?: number,
): number | undefined {
	const jitter = backoffDelay(attempt - 1, settings, () => now.random);
	const wait = retryAfterMs === undefined ? jitter : Math.max(retryAfterMs, jitter);
	return now.elapsedMs + wait > settings.budgetMs ? undefined : wait;
}

/** Safe to send again after a timeout, reset or 5xx: anything but a POST, and a POST carrying an idempotency key. */
export function replaySafeByDefault(method: string, headers: Record<string, string> = {}): boolean {
	if (method !== 'POST') return true;
	return Object.keys(headers).some((h) => h.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase());
}

/** One request's retry bookkeeping, carried from answer to answer. */
export interface RetryState {
	readonly settings: RetrySettings;
	readonly replaySafe: boolean;
	/** How the request proves who sends it: a TBA signature, an M2M bearer token, nothing (the token request). */
	readonly auth: 'tba' | 'bearer' | 'none';
	/** Sends so far, the one just answered included. */
	attempt: number;
	/** 5xx, resets and timeouts so far. */
	transientFailures: number;
	unauthorizedRetries: number;
	tokenRenewed: boolean;
	/** An earlier attempt may have reached NetSuite without our hearing its answer. */
	maybeApplied: boolean;
}

export function firstState(
	settings: RetrySettings,
	replaySafe: boolean,
	auth: RetryState['auth'],
): RetryState {
	return {
		settings,
		replaySafe,
		auth,
		attempt: 1,
		transientFailures: 0,
		unauthorizedRetries: 0,
		tokenRenewed: false,
		maybeApplied: false,
	};
}

/** What one attempt came back with. */
export type Outcome =
	/** Nothing came back; `networkCode` when the error was the network's (ECONNRESET…). */
	| { kind: 'noAnswer'; networkCode?: string }
	| {
			kind: 'answer';
			status: number;
			/** The caller asked for this status back (e.g. 404 when probing). */
			accepted?: boolean;
			/** NetSuite's most specific error code. */
			code?: string;
			retryAfterMs?: number;
			location?: string;
			/** `error` of a `WWW-Authenticate: Bearer …` header. */
			bearerError?: string;
			/** A concurrency refusal already waited out its backoff in its slot, or found the budget spent (slotHold). */
			heldInSlot?: 'waited' | 'exhausted';
	  };

/** The moment of the decision: time spent since the first attempt, a random draw in [0, 1) for jitter. */
export interface Now {
	elapsedMs: number;
	random: number;
	/** An earlier request of this run succeeded: the keys work. */
	keysProven?: boolean;
}

export type RetryRule = 'network' | 'throttled' | 'server' | 'tokenExpired' | 'overload401';

export type Decision =
	| { kind: 'return'; rule: 'answered' }
	/** The record exists: NetSuite refused a repeat of a create that an earlier, unanswered attempt applied. */
	| { kind: 'return'; rule: 'created'; location: string }
	| { kind: 'retry'; rule: RetryRule; afterMs: number; next: RetryState; renewToken?: true }
	| {
			kind: 'throw';
			rule: RetryRule | 'unexpected' | 'refused';
			error: 'network' | 'api' | 'unexpected';
	  };

export function decide(state: RetryState, outcome: Outcome, now: Now): Decision {
	const { settings } = state;
	const next: RetryState = { ...state, attempt: state.attempt + 1 };
	if (outcome.kind === 'noAnswer') {
		if (outcome.networkCode === undefined)
			return { kind: 'throw', rule: 'unexpected', error: 'unexpected' };
		const neverSent = isNeverSent(outcome.networkCode);
		next.maybeApplied ||= !neverSent;
		next.transientFailures++;
		// Something that may have reached NetSuite goes again only if applying it twice is harmless.
		if (
			(!neverSent && !state.replaySafe) ||
			next.transientFailures >= settings.maxTransientAttempts
		) {
			return { kind: 'throw', rule: 'network', error: 'network' };
		}
		return backoff('network', 'network', state, next, now);
	}
	const kind = classifyStatus(outcome.status);
	if (kind === 'ok' || outcome.accepted) return { kind: 'return', rule: 'answered' };
	if (state.maybeApplied && outcome.code === 'IDEMPOTENCY_ERROR' && outcome.location) {
		return { kind: 'return', rule: 'created', location: outcome.location };
	}
	if (kind === 'throttled' || outcome.code === 'SSS_REQUEST_LIMIT_EXCEEDED') {
		if (outcome.heldInSlot === 'exhausted')
			return { kind: 'throw', rule: 'throttled', error: 'api' };
		if (outcome.heldInSlot === 'waited')
			return { kind: 'retry', rule: 'throttled', afterMs: 0, next };
		return backoff('throttled', 'api', state, next, now, outcome.retryAfterMs);
	}
	if (
		kind === 'server' &&
		state.replaySafe &&
		state.transientFailures + 1 < settings.maxTransientAttempts
	) {
		return backoff(
			'server',
			'api',
			state,
			{ ...next, transientFailures: state.transientFailures + 1, maybeApplied: true },
			now,
		);
	}
	if (
		kind === 'unauthorized' &&
		state.auth === 'bearer' &&
		!state.tokenRenewed &&
		(outcome.bearerError ?? 'invalid_token') === 'invalid_token'
	) {
		// Expired or revoked before our clock said so: one new token (shared with everyone refused with this one), one more try.
		return {
			kind: 'retry',
			rule: 'tokenExpired',
			afterMs: 0,
			next: { ...next, tokenRenewed: true },
			renewToken: true,
		};
	}
	if (
		kind === 'unauthorized' &&
		state.auth === 'tba' &&
		now.keysProven &&
		state.unauthorizedRetries < settings.max401Retries
	) {
		// Overload sometimes shows as INVALID_LOGIN (julbrs/netsuite-api-client#26); only after proof the keys work.
		return backoff(
			'overload401',
			'api',
			state,
			{ ...next, unauthorizedRetries: state.unauthorizedRetries + 1 },
			now,
		);
	}
	return { kind: 'throw', rule: 'refused', error: 'api' };
}

function backoff(
	rule: RetryRule,
	error: 'network' | 'api',
	state: RetryState,
	next: RetryState,
	now: Now,
	retryAfterMs?: number,
): Decision {
	const wait = backoffWait(state.settings, state.attempt, now, retryAfterMs);
	return wait === undefined
		? { kind: 'throw', rule, error }
		: { kind: 'retry', rule, afterMs: wait, next };
}

/**
 * How long a concurrency refusal keeps its account slot. Above one request the window's cut already
 * keeps the freed slot empty, so the backoff happens outside it. At a window of one the request
 * holds its slot for up to `floorHoldMs` (about two round trips), so this process sends nothing in
 * its place meanwhile (otherwise the next queued request would be refused at once, and the next:
 * the flood the window exists to stop); what is left of a longer backoff is waited outside.
 */
export function slotHold(
	verdict: 'cut' | 'absorbed' | 'floor',
	waitMs: number | undefined,
	floorHoldMs: number,
): { holdMs?: number; heldInSlot?: 'waited' | 'exhausted' } {
	if (verdict !== 'floor') return {};
	if (waitMs === undefined) return { heldInSlot: 'exhausted' };
	const holdMs = Math.min(waitMs, floorHoldMs);
	return holdMs >= waitMs ? { holdMs, heldInSlot: 'waited' } : { holdMs };
}
