/**
 * One concurrency window per NetSuite account per n8n process. NetSuite's limit is per account
 * and shared by every integration (SOAP, REST, RESTlets) and every n8n worker, so every execution
 * and poll in this process that talks to one account queues on the same window, and the window
 * adapts to what the account has left (adaptiveWindow.ts).
 */
import pLimit from 'p-limit';

import { AdaptiveWindow } from './adaptiveWindow';
import type { WindowSlot, WindowState } from './adaptiveWindow';

export type Limit = <T>(task: (slot: WindowSlot) => Promise<T>) => Promise<T>;

export interface AccountLimiter {
	size: number;
	window: AdaptiveWindow;
	limit: Limit;
}

const accountLimiters = new Map<string, AccountLimiter>();

export const DEFAULT_ACCOUNT_CONCURRENCY = 5;

export function toConcurrency(value: unknown, fallback: number): number {
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * The limiter for `accountKey` with at most `size` requests out (the credential's Account
 * Concurrency Limit: a cap, the window may sit below it). A changed size (the credential was
 * edited) starts a new window; work already queued on the old one finishes there.
 */
export function accountLimiter(accountKey: string, size: number): AccountLimiter {
	const existing = accountLimiters.get(accountKey);
	if (existing && existing.size === size) return existing;
	const window = new AdaptiveWindow(size);
	const created: AccountLimiter = { size, window, limit: async (task) => await window.run(task) };
	accountLimiters.set(accountKey, created);
	return created;
}

/** Every account's window in this process, for tests and benchmarks to watch. */
export function accountWindows(): Array<{ account: string } & WindowState> {
	return [...accountLimiters].map(([account, limiter]) => ({ account, ...limiter.window.state() }));
}

/**
 * A run's own ceiling (the node's Concurrency option) nested inside the account's: a task takes a
 * run slot, then an account slot, so a run never holds an account slot while waiting for its own.
 */
export function runLimiter(account: AccountLimiter, runConcurrency: number): Limit {
	if (runConcurrency >= account.size) return account.limit;
	const run = pLimit(runConcurrency);
	return async (task) => await run(async () => await account.limit(task));
}
