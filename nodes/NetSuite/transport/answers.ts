/**
 * What an answer (or a failure to get one) means for retrying: the status's kind, a concurrency
 * refusal versus a rate limit, `Retry-After`, a bearer token's refusal, a network error's code;
 * and one attempt's result as the Outcome decide() takes.
 */
import type { ParsedNetSuiteError } from './errors';
import type { NetSuiteRequest, NetSuiteResponse } from './http';
import type { Outcome } from './retryPolicy';

export type StatusKind = 'ok' | 'throttled' | 'unauthorized' | 'server' | 'final';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export function classifyStatus(status: number): StatusKind {
	if (status < 400) return 'ok';
	if (status === 429) return 'throttled';
	if (status === 401) return 'unauthorized';
	if (status >= 500) return 'server';
	return 'final';
}

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? value[0] : value;
}

/** `error` of a `WWW-Authenticate: Bearer …, error="invalid_token"` answer. */
export function bearerErrorOf(headers: ResponseHeaders): string | undefined {
	const value = headerValue(headers, 'www-authenticate');
	return value ? /error="([^"]*)"/i.exec(value)?.[1] : undefined;
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const CONCURRENCY_CODES = new Set(['CONCURRENCY_LIMIT_EXCEEDED', 'SSS_REQUEST_LIMIT_EXCEEDED']);

/**
 * NetSuite's "the account's pool is full" (REST 429 CONCURRENCY_LIMIT_EXCEEDED, RESTlet 400
 * SSS_REQUEST_LIMIT_EXCEEDED; a bare 429 without code or Retry-After is taken as the same). A 429
 * naming another code or asking for a Retry-After without one of these codes is a rate limit: it
 * is waited out, and says nothing about how many requests the account can take at once.
 */
export function isConcurrencyRefusal(
	status: number,
	parsed: { code?: string; details: Array<{ code?: string }> },
	retryAfterMs?: number,
): boolean {
	if (
		[parsed.code, ...parsed.details.map((d) => d.code)].some(
			(c) => c !== undefined && CONCURRENCY_CODES.has(c),
		)
	)
		return true;
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
		if (typeof candidate.code === 'string' && NETWORK_CODES.has(candidate.code))
			return candidate.code;
		if (typeof candidate.message === 'string') {
			if (/socket hang up/i.test(candidate.message)) return 'ECONNRESET';
			if (/timeout of \d+ms exceeded/i.test(candidate.message)) return 'ETIMEDOUT';
		}
		current = candidate.cause;
	}
	return undefined;
}

/** The connection never opened: the request cannot have reached NetSuite. */
export function isNeverSent(code: string): boolean {
	return NEVER_SENT_CODES.has(code);
}

/** One answer (parsed when it is a refusal), and whether a concurrency refusal already waited in its slot. */
export interface SlotAnswer<T> {
	response: NetSuiteResponse<T>;
	parsed?: ParsedNetSuiteError;
	heldInSlot?: 'waited' | 'exhausted';
}

/** An answer, or what was thrown instead of one. */
export type Tried<T> = SlotAnswer<T> | { failure: unknown };

/** What decide() needs to know of one attempt. */
export function outcomeOf<T>(req: NetSuiteRequest, tried: Tried<T>): Outcome {
	if ('failure' in tried) return { kind: 'noAnswer', networkCode: networkErrorCode(tried.failure) };
	const { statusCode, headers } = tried.response;
	return {
		kind: 'answer',
		status: statusCode,
		accepted: req.acceptStatuses?.includes(statusCode),
		code: tried.parsed?.code,
		retryAfterMs: parseRetryAfter(headerValue(headers, 'retry-after')),
		location: headerValue(headers, 'location'),
		bearerError: bearerErrorOf(headers),
		heldInSlot: tried.heldInSlot,
	};
}
