/**
 * One concurrency limiter per NetSuite account per n8n process. NetSuite's limit is per account
 * and shared by every integration (SOAP, REST, RESTlets), so every execution and poll in this
 * process that talks to one account queues on the same limiter.
 */
import pLimit from 'p-limit';

export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

interface AccountLimiter {
	size: number;
	limit: Limit;
	/** Tasks running now; watched by tests and reported in counters. */
	active: () => number;
}

const accountLimiters = new Map<string, AccountLimiter>();

export const DEFAULT_ACCOUNT_CONCURRENCY = 5;

export function toConcurrency(value: unknown, fallback: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * The limiter for `accountKey` with `size` slots. A changed size (the credential was edited) starts
 * a new limiter; work already queued on the old one finishes there.
 */
export function accountLimiter(accountKey: string, size: number): AccountLimiter {
	const existing = accountLimiters.get(accountKey);
	if (existing && existing.size === size) return existing;
	const limiter = pLimit(size);
	const created: AccountLimiter = { size, limit: limiter, active: () => limiter.activeCount };
	accountLimiters.set(accountKey, created);
	return created;
}

/**
 * A run's own ceiling (the node's Concurrency option) nested inside the account's: a task takes a
 * run slot, then an account slot, so a run never holds an account slot while waiting for its own.
 */
export function runLimiter(account: AccountLimiter, runConcurrency: number): Limit {
	if (runConcurrency >= account.size) return account.limit;
	const run = pLimit(runConcurrency);
	return (task) => run(() => account.limit(task));
}
