/**
 * When to send a NetSuite request again, and how long to wait first.
 *
 * Oracle's advice for CONCURRENCY_LIMIT_EXCEEDED is to retry with increasing, unsynchronised
 * delays; at a 30 % refusal rate 10,000 calls need ≥ 11 tries each to lose nothing
 * (0.3^12 · 10⁴ < 0.01), so 429s are bounded by time, not by a small count.
 */

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

/** Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): uniform in [0, min(cap, base·2^n)]. */
export function backoffDelay(attempt: number, settings: RetrySettings, random = Math.random): number {
	const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(attempt, 30));
	return Math.floor(random() * ceiling);
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export type Failure =
	| { kind: 'throttled'; retryAfterMs?: number }
	| { kind: 'server' }
	| { kind: 'network'; neverSent: boolean }
	| { kind: 'unauthorized' }
	| { kind: 'final' };

export function classifyStatus(status: number): Failure['kind'] | 'ok' {
	if (status < 400) return 'ok';
	if (status === 429) return 'throttled';
	if (status === 401) return 'unauthorized';
	if (status >= 500) return 'server';
	return 'final';
}

const CONCURRENCY_CODES = new Set(['CONCURRENCY_LIMIT_EXCEEDED', 'SSS_REQUEST_LIMIT_EXCEEDED']);

/**
 * NetSuite's "the account's pool is full" (REST 429 CONCURRENCY_LIMIT_EXCEEDED, RESTlet 400
 * SSS_REQUEST_LIMIT_EXCEEDED; a bare 429 without code or Retry-After is taken as the same). A 429
 * naming another code or asking for a Retry-After without one of these codes is a rate limit: it
 * is waited out, and says nothing about how many requests the account can take at once.
 */
export function isConcurrencyRefusal(status: number, parsed: { code?: string; details: Array<{ code?: string }> }, retryAfterMs?: number): boolean {
	if ([parsed.code, ...parsed.details.map((d) => d.code)].some((c) => c !== undefined && CONCURRENCY_CODES.has(c))) return true;
	return status === 429 && parsed.code === undefined && retryAfterMs === undefined;
}

const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	...NEVER_SENT_CODES,
]);

/** Finds a Node/axios network error code anywhere on an error's cause chain. */
export function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 6; depth++) {
		const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string' && NETWORK_CODES.has(candidate.code)) return candidate.code;
		if (typeof candidate.message === 'string') {
			if (/socket hang up/i.test(candidate.message)) return 'ECONNRESET';
			if (/timeout of \d+ms exceeded/i.test(candidate.message)) return 'ETIMEDOUT';
		}
		current = candidate.cause;
	}
	return undefined;
}

export function isNeverSent(code: string): boolean {
	return NEVER_SENT_CODES.has(code);
}
