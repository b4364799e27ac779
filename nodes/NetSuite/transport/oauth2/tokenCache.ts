/**
 * Access tokens kept in memory, per credential, for this n8n process: shared by every execution,
 * poll and node that uses the same credential, renewed shortly before `expires_in` runs out, with
 * concurrent callers waiting on one renewal. Tokens are never written anywhere.
 */
import type { IssuedToken } from './tokenResponse';

/** Renew this long before expiry (at most a tenth of the lifetime, so short-lived tokens are still reused). */
const RENEW_BEFORE_EXPIRY_MS = 60_000;

interface CachedToken {
	value: string;
	expiresAtMs: number;
	renewAtMs: number;
}

interface Entry {
	token?: CachedToken;
	pending?: Promise<CachedToken>;
}

export class TokenCache {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly now: () => number = () => Date.now()) {}

	/**
	 * A token still good for a while, or the result of ONE `fetch` shared by everyone who asks while
	 * it runs. A failed fetch is not remembered: the next caller tries again.
	 */
	async get(key: string, fetch: () => Promise<IssuedToken>): Promise<string> {
		const entry = this.entry(key);
		if (entry.token && this.now() < entry.token.renewAtMs) return entry.token.value;
		if (!entry.pending) {
			const requestedAt = this.now();
			const pending = fetch().then((issued) => {
				const token = this.toCached(issued, requestedAt);
				entry.token = token;
				return token;
			});
			entry.pending = pending;
			const settle = () => {
				if (entry.pending === pending) entry.pending = undefined;
			};
			pending.then(settle, settle);
		}
		return (await entry.pending).value;
	}

	/** Seeds a token obtained elsewhere (the credential's preAuthentication). */
	store(key: string, issued: IssuedToken, requestedAt = this.now()): void {
		this.entry(key).token = this.toCached(issued, requestedAt);
	}

	/**
	 * Forgets `token` after NetSuite refused it; a newer token (someone already renewed) is kept, so
	 * many requests refused at once lead to one renewal.
	 */
	invalidate(key: string, token: string): void {
		const entry = this.entries.get(key);
		if (entry?.token?.value === token) entry.token = undefined;
	}

	clear(): void {
		this.entries.clear();
	}

	private entry(key: string): Entry {
		let entry = this.entries.get(key);
		if (!entry) {
			this.prune();
			entry = {};
			this.entries.set(key, entry);
		}
		return entry;
	}

	/** Drops expired, idle entries (old keys after a credential was edited). */
	private prune(): void {
		const now = this.now();
		for (const [key, entry] of this.entries) {
			if (!entry.pending && (!entry.token || entry.token.expiresAtMs <= now))
				this.entries.delete(key);
		}
	}

	private toCached(issued: IssuedToken, requestedAt: number): CachedToken {
		const lifetimeMs = issued.expiresInSeconds * 1000;
		const expiresAtMs = requestedAt + lifetimeMs;
		return {
			value: issued.accessToken,
			expiresAtMs,
			renewAtMs: expiresAtMs - Math.min(RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 10),
		};
	}
}

/** The process-wide cache the transport and the credential share. */
export const m2mTokenCache = new TokenCache();
