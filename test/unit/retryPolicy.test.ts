/**
 * The retry rules as a table: one row per rule of decide() (what to do with one answer), then
 * which requests are safe to send again and where a concurrency refusal waits (slotHold).
 * Jitter draws are fixed at 0.5, so a backoff is half its ceiling: 100 ms after the first attempt.
 */
import {
	decide,
	firstState,
	replaySafeByDefault,
	slotHold,
} from '../../nodes/NetSuite/transport/retryPolicy';
import type {
	Now,
	Outcome,
	RetrySettings,
	RetryState,
} from '../../nodes/NetSuite/transport/retryPolicy';

const SETTINGS: RetrySettings = {
	budgetMs: 10_000,
	baseDelayMs: 200,
	maxDelayMs: 10_000,
	maxTransientAttempts: 3,
	max401Retries: 2,
};

interface Row {
	rule: string;
	state?: Partial<RetryState>;
	outcome: Outcome;
	now?: Partial<Now>;
	/** The decision, its `next` state only in part. */
	expected: Record<string, unknown>;
}

const answer = (
	status: number,
	more: Omit<Extract<Outcome, { kind: 'answer' }>, 'kind' | 'status'> = {},
): Outcome => ({ kind: 'answer', status, ...more });
const noAnswer = (networkCode?: string): Outcome => ({ kind: 'noAnswer', networkCode });
const CONCURRENCY = 'CONCURRENCY_LIMIT_EXCEEDED';
const retry = (rule: string, afterMs: number, next: Partial<RetryState> = {}) =>
	({ kind: 'retry', rule, afterMs, next }) as Row['expected'];
const fail = (rule: string, error: string) => ({ kind: 'throw', rule, error }) as Row['expected'];

const ROWS: Row[] = [
	// Answers handed back
	{
		rule: 'a 2xx answer is returned',
		outcome: answer(200),
		expected: { kind: 'return', rule: 'answered' },
	},
	{
		rule: 'a 204 (update, delete) is returned',
		outcome: answer(204),
		expected: { kind: 'return', rule: 'answered' },
	},
	{
		rule: 'a status the caller accepts (404 when probing) is returned',
		outcome: answer(404, { accepted: true }),
		expected: { kind: 'return', rule: 'answered' },
	},
	{
		rule: 'the token request gets its 400/401 back to read',
		state: { auth: 'none' },
		outcome: answer(401, { accepted: true, code: 'invalid_grant' }),
		expected: { kind: 'return', rule: 'answered' },
	},
	{
		rule: 'any other 4xx fails at once',
		outcome: answer(400, { code: 'INVALID_CONTENT' }),
		expected: fail('refused', 'api'),
	},
	{
		rule: 'a 404 nobody asked for fails at once',
		outcome: answer(404, { code: 'NONEXISTENT_ID' }),
		expected: fail('refused', 'api'),
	},
	{
		rule: 'a 403 fails at once, even after a success',
		outcome: answer(403, { code: 'INSUFFICIENT_PERMISSION' }),
		now: { keysProven: true },
		expected: fail('refused', 'api'),
	},

	// 429: bounded by time, not count
	{
		rule: '429 within the time budget: backoff with full jitter',
		outcome: answer(429, { code: CONCURRENCY }),
		expected: retry('throttled', 100, { attempt: 2 }),
	},
	{
		rule: '429: the jitter ceiling doubles per attempt',
		state: { attempt: 3 },
		outcome: answer(429, { code: CONCURRENCY }),
		expected: retry('throttled', 400, { attempt: 4 }),
	},
	{
		rule: '429: the jitter ceiling stops at maxDelayMs',
		state: { attempt: 12 },
		outcome: answer(429, { code: CONCURRENCY }),
		expected: retry('throttled', 5000, { attempt: 13 }),
	},
	{
		rule: '429 on the fiftieth attempt is still retried while the budget lasts',
		state: { attempt: 50, transientFailures: 2, unauthorizedRetries: 2 },
		outcome: answer(429),
		expected: retry('throttled', 5000, { attempt: 51 }),
	},
	{
		rule: '429 whose wait would overrun the time budget: NetSuite’s refusal is thrown',
		outcome: answer(429, { code: CONCURRENCY }),
		now: { elapsedMs: 9_901 },
		expected: fail('throttled', 'api'),
	},
	{
		rule: '429 whose wait ends exactly at the budget is retried',
		outcome: answer(429, { code: CONCURRENCY }),
		now: { elapsedMs: 9_900 },
		expected: retry('throttled', 100),
	},
	{
		rule: 'Retry-After longer than the jitter is honoured',
		outcome: answer(429, { code: 'REQUEST_LIMIT_EXCEEDED', retryAfterMs: 3000 }),
		expected: retry('throttled', 3000),
	},
	{
		rule: 'Retry-After shorter than the jitter: the jitter',
		outcome: answer(429, { retryAfterMs: 40 }),
		expected: retry('throttled', 100),
	},
	{
		rule: 'Retry-After beyond the time budget ends the retries',
		outcome: answer(429, { retryAfterMs: 20_000 }),
		expected: fail('throttled', 'api'),
	},
	{
		rule: 'RESTlet 400 SSS_REQUEST_LIMIT_EXCEEDED is retried like a 429',
		outcome: answer(400, { code: 'SSS_REQUEST_LIMIT_EXCEEDED' }),
		expected: retry('throttled', 100),
	},
	{
		rule: 'a concurrency 429 that already waited out its backoff in its slot goes again at once',
		outcome: answer(429, { code: CONCURRENCY, heldInSlot: 'waited' }),
		expected: retry('throttled', 0, { attempt: 2 }),
	},
	{
		rule: 'a concurrency 429 held in its slot for part of its backoff waits a full backoff outside',
		outcome: answer(429, { code: CONCURRENCY }),
		now: { random: 0.25 },
		expected: retry('throttled', 50),
	},
	{
		rule: 'a concurrency 429 whose in-slot backoff found the budget spent is thrown',
		outcome: answer(429, { code: CONCURRENCY, heldInSlot: 'exhausted' }),
		expected: fail('throttled', 'api'),
	},
	{
		rule: '429 on a create without idempotency key is retried (NetSuite refused it unapplied)',
		state: { replaySafe: false },
		outcome: answer(429, { code: CONCURRENCY }),
		expected: retry('throttled', 100),
	},

	// 5xx, resets, timeouts: only when a second copy is harmless
	{
		rule: '5xx on a replay-safe request: retried, and it may have been applied',
		outcome: answer(500, { code: 'UNEXPECTED_ERROR' }),
		expected: retry('server', 100, { attempt: 2, transientFailures: 1, maybeApplied: true }),
	},
	{
		rule: '5xx on a create without idempotency key fails at once',
		state: { replaySafe: false },
		outcome: answer(503),
		expected: fail('refused', 'api'),
	},
	{
		rule: '5xx at the transient-attempt bound fails',
		state: { transientFailures: 2 },
		outcome: answer(502),
		expected: fail('refused', 'api'),
	},
	{
		rule: '5xx whose wait would overrun the time budget fails',
		outcome: answer(500),
		now: { elapsedMs: 9_950 },
		expected: fail('server', 'api'),
	},
	{
		rule: 'reset on a replay-safe request: retried, and it may have been applied',
		outcome: noAnswer('ECONNRESET'),
		expected: retry('network', 100, { attempt: 2, transientFailures: 1, maybeApplied: true }),
	},
	{
		rule: 'timeout on a replay-safe request: retried',
		state: { attempt: 2, transientFailures: 1 },
		outcome: noAnswer('ETIMEDOUT'),
		expected: retry('network', 200, { attempt: 3, transientFailures: 2 }),
	},
	{
		rule: 'reset on a create without idempotency key fails (it could be applied twice)',
		state: { replaySafe: false },
		outcome: noAnswer('ECONNRESET'),
		expected: fail('network', 'network'),
	},
	{
		rule: 'refused connection (never sent) on a create without key: retried, nothing applied',
		state: { replaySafe: false },
		outcome: noAnswer('ECONNREFUSED'),
		expected: retry('network', 100, { transientFailures: 1, maybeApplied: false }),
	},
	{
		rule: 'unknown host (never sent) counts toward the transient bound',
		state: { transientFailures: 2 },
		outcome: noAnswer('ENOTFOUND'),
		expected: fail('network', 'network'),
	},
	{
		rule: 'resets and 5xx share one transient bound',
		state: { transientFailures: 2, maybeApplied: true },
		outcome: noAnswer('ECONNRESET'),
		expected: fail('network', 'network'),
	},
	{
		rule: 'a reset whose wait would overrun the time budget fails',
		outcome: noAnswer('ECONNRESET'),
		now: { elapsedMs: 9_950 },
		expected: fail('network', 'network'),
	},
	{
		rule: 'an error that is not the network’s is thrown as is',
		outcome: noAnswer(undefined),
		expected: fail('unexpected', 'unexpected'),
	},

	// Creates with an idempotency key
	{
		rule: 'IDEMPOTENCY_ERROR after a lost answer: the record was created',
		state: { maybeApplied: true },
		outcome: answer(400, { code: 'IDEMPOTENCY_ERROR', location: 'https://x/customer/647' }),
		expected: { kind: 'return', rule: 'created', location: 'https://x/customer/647' },
	},
	{
		rule: 'IDEMPOTENCY_ERROR without a lost answer before it fails',
		outcome: answer(400, { code: 'IDEMPOTENCY_ERROR', location: 'https://x/customer/647' }),
		expected: fail('refused', 'api'),
	},
	{
		rule: 'IDEMPOTENCY_ERROR without a Location fails',
		state: { maybeApplied: true },
		outcome: answer(400, { code: 'IDEMPOTENCY_ERROR' }),
		expected: fail('refused', 'api'),
	},

	// 401 with TBA: overload, only once the keys proved good
	{
		rule: 'TBA 401 before any success fails at once',
		outcome: answer(401, { code: 'INVALID_LOGIN' }),
		expected: fail('refused', 'api'),
	},
	{
		rule: 'TBA 401 after a success is retried with backoff (overload)',
		outcome: answer(401, { code: 'INVALID_LOGIN' }),
		now: { keysProven: true },
		expected: retry('overload401', 100, { unauthorizedRetries: 1 }),
	},
	{
		rule: 'TBA 401 retries are bounded',
		state: { unauthorizedRetries: 2 },
		outcome: answer(401),
		now: { keysProven: true },
		expected: fail('refused', 'api'),
	},
	{
		rule: 'TBA 401 whose wait would overrun the time budget fails',
		outcome: answer(401),
		now: { keysProven: true, elapsedMs: 9_950 },
		expected: fail('overload401', 'api'),
	},

	// 401 with an M2M bearer token: one renewal
	{
		rule: 'M2M 401 without a bearer error: one new token, sent again at once',
		state: { auth: 'bearer' },
		outcome: answer(401),
		expected: {
			kind: 'retry',
			rule: 'tokenExpired',
			afterMs: 0,
			renewToken: true,
			next: { tokenRenewed: true, attempt: 2 },
		},
	},
	{
		rule: 'M2M 401 invalid_token: one new token',
		state: { auth: 'bearer' },
		outcome: answer(401, { bearerError: 'invalid_token' }),
		expected: { kind: 'retry', rule: 'tokenExpired', renewToken: true },
	},
	{
		rule: 'M2M 401 insufficient_scope fails (a new token would not help)',
		state: { auth: 'bearer' },
		outcome: answer(401, { bearerError: 'insufficient_scope' }),
		expected: fail('refused', 'api'),
	},
	{
		rule: 'M2M 401 after the token was renewed fails',
		state: { auth: 'bearer', tokenRenewed: true },
		outcome: answer(401),
		expected: fail('refused', 'api'),
	},
	{
		rule: 'M2M 401 after successes is not retried as overload',
		state: { auth: 'bearer', tokenRenewed: true },
		outcome: answer(401),
		now: { keysProven: true },
		expected: fail('refused', 'api'),
	},
	{
		rule: 'the token request’s own unexpected 401 fails (no token to renew)',
		state: { auth: 'none' },
		outcome: answer(401),
		now: { keysProven: true },
		expected: fail('refused', 'api'),
	},
];

describe('decide(): one row per rule', () => {
	test.each(ROWS)('$rule', ({ state, outcome, now, expected }) => {
		const current = { ...firstState(SETTINGS, true, 'tba'), ...state };
		const decision = decide(current, outcome, { elapsedMs: 0, random: 0.5, ...now });
		expect(decision).toMatchObject(expected);
		if (expected.kind === 'retry')
			expect((decision as { next: RetryState }).next.settings).toBe(SETTINGS);
		else expect(Object.keys(decision).sort()).toEqual(Object.keys(expected).sort());
	});

	test('the state it is given is left as it was', () => {
		const state = firstState(SETTINGS, true, 'tba');
		const before = JSON.stringify(state);
		decide(state, noAnswer('ECONNRESET'), { elapsedMs: 0, random: 0.5 });
		decide(state, answer(500), { elapsedMs: 0, random: 0.5 });
		expect(JSON.stringify(state)).toBe(before);
	});
});

describe('replaySafeByDefault(): what may be sent twice', () => {
	test.each([
		['GET', {}, true],
		['PUT', {}, true],
		['PATCH', {}, true],
		['DELETE', {}, true],
		['POST', {}, false],
		['POST', { 'Content-Type': 'application/json' }, false],
		['POST', { 'X-NetSuite-idempotency-key': 'key-1' }, true],
		['POST', { 'x-netsuite-idempotency-key': 'key-1' }, true],
	] as Array<[string, Record<string, string>, boolean]>)(
		'%s with headers %j: %s',
		(method, headers, safe) => {
			expect(replaySafeByDefault(method, headers)).toBe(safe);
		},
	);
});

describe('slotHold(): where a concurrency refusal waits', () => {
	test.each([
		['window cut: the freed slot stays empty, the backoff is outside', 'cut', 300, 40, {}],
		['refusal absorbed into the burst of an earlier cut: backoff outside', 'absorbed', 300, 40, {}],
		[
			'at the floor, a short backoff is waited whole in the slot',
			'floor',
			30,
			40,
			{ holdMs: 30, heldInSlot: 'waited' },
		],
		[
			'at the floor, a long backoff: about two round trips in the slot, then out',
			'floor',
			300,
			40,
			{ holdMs: 40 },
		],
		[
			'at the floor with the budget spent: nothing held, the refusal is final',
			'floor',
			undefined,
			40,
			{ heldInSlot: 'exhausted' },
		],
	] as Array<[string, 'cut' | 'absorbed' | 'floor', number | undefined, number, object]>)(
		'%s',
		(_rule, verdict, waitMs, floorHoldMs, expected) => {
			expect(slotHold(verdict, waitMs, floorHoldMs)).toEqual(expected);
		},
	);
});
