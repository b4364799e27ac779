/**
 * The one way any node in this package talks to NetSuite: base URLs from the credential, signing
 * through n8n's `httpRequestWithAuthentication`, the account's concurrency limiter, retries with
 * backoff, NetSuite's error envelope turned into NodeApiError, and per-run counters.
 */
import { createHash } from 'node:crypto';
import { NodeApiError, sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, JsonObject } from 'n8n-workflow';

import { resolveAccountEndpoints } from '../account';
import { ParameterError } from '../parameterError';
import type { AccountEndpoints } from '../account';
import type { AdaptiveWindow, WindowSlot } from './adaptiveWindow';
import {
	bearerErrorOf,
	classifyStatus,
	headerValue,
	isConcurrencyRefusal,
	networkErrorCode,
	outcomeOf,
	parseRetryAfter,
} from './answers';
import type { SlotAnswer, Tried } from './answers';
import { newCounters } from './counters';
import type { RunCounters } from './counters';
import { netSuiteApiError, networkError, parseNetSuiteError, unexpectedError } from './errors';
import type { ParsedNetSuiteError } from './errors';
import { sendOnce } from './http';
import type { NetSuiteContext, NetSuiteRequest, NetSuiteResponse, Sender } from './http';
import { DEFAULT_ACCOUNT_CONCURRENCY, accountLimiter, runLimiter, toConcurrency } from './limiter';
import type { Limit } from './limiter';
import { tokenRequestForm } from './oauth2/assertion';
import { M2M_AUTH_FAILED_MESSAGE, M2M_INSUFFICIENT_SCOPE_MESSAGE } from './oauth2/messages';
import { M2M_ENDPOINT_PATH, readM2mSettings } from './oauth2/settings';
import { CREDENTIAL_TYPES } from '../credentialTypes';
import type { AuthenticationMethod } from '../credentialTypes';
import { definedOnly } from '../definedOnly';
import type { M2mSettings } from './oauth2/settings';
import { m2mTokenCache } from './oauth2/tokenCache';
import { isRefusal, readTokenResponse } from './oauth2/tokenResponse';
import type { IssuedToken } from './oauth2/tokenResponse';
import {
	DEFAULT_RETRY_SETTINGS,
	backoffWait,
	decide,
	firstState,
	replaySafeByDefault,
	slotHold,
} from './retryPolicy';
import type { Now, RetrySettings } from './retryPolicy';
import { buildTbaKeys } from './tbaKeys';

export type { NetSuiteContext, NetSuiteRequest, NetSuiteResponse } from './http';
export { IDEMPOTENCY_HEADER } from './retryPolicy';

export interface ClientOptions {
	authentication?: AuthenticationMethod;
	/** This run's ceiling; never above the account's limit from the credential. */
	concurrency?: number;
	retry?: Partial<RetrySettings>;
	timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export class NetSuiteClient {
	readonly counters: RunCounters = newCounters();

	private readonly startedAt = Date.now();

	private successes = 0;

	private constructor(
		private readonly ctx: NetSuiteContext,
		private readonly credentialType: string,
		private readonly credentials: ICredentialDataDecryptedObject,
		readonly endpoints: AccountEndpoints,
		private readonly window: AdaptiveWindow,
		private readonly limit: Limit,
		readonly concurrency: number,
		private readonly retry: RetrySettings,
		private readonly timeoutMs: number,
		/** OAuth 2.0 M2M only: what gets this credential a token. Never in errors or items. */
		private readonly m2m?: M2mSettings,
	) {}

	static async create(ctx: NetSuiteContext, options: ClientOptions = {}): Promise<NetSuiteClient> {
		const credentialType = CREDENTIAL_TYPES[options.authentication ?? 'tokenBased'];
		const credentials = await ctx.getCredentials(credentialType);
		let endpoints: AccountEndpoints | undefined;
		let invalid: ParameterError | undefined;
		let m2m: M2mSettings | undefined;
		try {
			endpoints = resolveAccountEndpoints(credentials);
			if (credentialType === CREDENTIAL_TYPES.tokenBased)
				buildTbaKeys(credentials, endpoints.realm);
			if (credentialType === CREDENTIAL_TYPES.oAuth2M2m)
				m2m = readM2mSettings(credentials, endpoints);
		} catch (error) {
			if (!(error instanceof ParameterError))
				throw new NodeApiError(ctx.getNode(), error as JsonObject);
			invalid = error;
		}
		if (invalid || !endpoints) {
			throw new NodeApiError(ctx.getNode(), { field: invalid?.field ?? null } as JsonObject, {
				message: `Credential field "${invalid?.field}": ${invalid?.message}`,
			});
		}
		const accountSize = toConcurrency(credentials.concurrencyLimit, DEFAULT_ACCOUNT_CONCURRENCY);
		const account = accountLimiter(`${endpoints.realm} ${endpoints.restBaseUrl}`, accountSize);
		const concurrency = Math.min(toConcurrency(options.concurrency, accountSize), accountSize);
		return new NetSuiteClient(
			ctx,
			credentialType,
			credentials,
			endpoints,
			account.window,
			runLimiter(account, concurrency),
			concurrency,
			{ ...DEFAULT_RETRY_SETTINGS, ...definedOnly(options.retry ?? {}) },
			options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			m2m,
		);
	}

	get node() {
		return this.ctx.getNode();
	}

	/** Which NetSuite user this run acts as (account, credential type, token or client id, hashed): a key for per-user caches. */
	get identity(): string {
		const user = String(this.credentials.tokenId ?? this.credentials.clientId ?? '');
		const hashed = createHash('sha256').update(user).digest('hex').slice(0, 16);
		return `${this.endpoints.realm} ${this.endpoints.restBaseUrl} ${this.credentialType} ${hashed}`;
	}

	snapshotCounters(): RunCounters {
		this.sampleWindow();
		return { ...this.counters, durationMs: Date.now() - this.startedAt };
	}

	/** The account window as this run saw it: where it is now and the lowest it went. */
	private sampleWindow(): void {
		const allowance = Math.min(this.window.allowance, this.concurrency);
		this.counters.window = allowance;
		this.counters.windowLowest = Math.min(this.counters.windowLowest || allowance, allowance);
	}

	/** Sends `req` until decide() (retryPolicy.ts) says to return its answer or to throw. */
	async request<T = IDataObject>(req: NetSuiteRequest): Promise<NetSuiteResponse<T>> {
		const startedAt = Date.now();
		const auth = this.m2m === undefined ? 'tba' : req.unauthenticated ? 'none' : 'bearer';
		let state = firstState(
			this.retry,
			req.replaySafe ?? replaySafeByDefault(req.method, req.headers),
			auth,
		);
		for (;;) {
			// Taken before a slot: the token request needs one of its own.
			const bearer =
				auth === 'bearer' ? await this.accessToken(this.m2m as M2mSettings) : undefined;
			const tried: Tried<T> = await this.limit(
				async (slot) => await this.attempt<T>(req, bearer, slot, state.attempt, startedAt),
			).catch((failure: unknown) => ({ failure }));
			const decision = decide(state, outcomeOf(req, tried), {
				...this.now(startedAt),
				keysProven: this.successes > 0,
			});
			if (decision.rule === 'throttled') this.counters.throttled++;
			if (decision.kind === 'return') {
				if (decision.rule === 'created')
					return {
						statusCode: 204,
						headers: { location: decision.location },
						body: '' as unknown as T,
					};
				this.successes++;
				return (tried as SlotAnswer<T>).response;
			}
			if (decision.kind === 'throw')
				throw this.failure(decision.error, req, tried, state.replaySafe);
			if (decision.renewToken)
				m2mTokenCache.invalidate((this.m2m as M2mSettings).cacheKey, bearer as string);
			if (decision.afterMs > 0) {
				this.counters.backoffMs += decision.afterMs;
				await sleep(decision.afterMs);
			}
			this.counters.retries++;
			state = decision.next;
		}
	}

	private now(startedAt: number): Now {
		return { elapsedMs: Date.now() - startedAt, random: Math.random() };
	}

	/**
	 * One send in an account slot. A concurrency refusal tells the window the account is full; at a
	 * window of one the refused request keeps its slot a while (slotHold in retryPolicy.ts).
	 */
	private async attempt<T>(
		req: NetSuiteRequest,
		bearer: string | undefined,
		slot: WindowSlot,
		attempt: number,
		startedAt: number,
	): Promise<SlotAnswer<T>> {
		const sentAt = Date.now();
		const response = await sendOnce<T>(this.sender, this.baseUrl(req), req, bearer);
		if (classifyStatus(response.statusCode) === 'ok') {
			this.window.answered(Date.now() - sentAt);
			this.sampleWindow();
			return { response };
		}
		const parsed = parseNetSuiteError(response.statusCode, response.body);
		const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'));
		// A rate limit (or any other answer) is no news about concurrency; it is honoured outside the slot.
		const verdict = isConcurrencyRefusal(response.statusCode, parsed, retryAfter)
			? this.window.refused(slot)
			: undefined;
		this.sampleWindow();
		if (verdict === undefined) return { response, parsed };
		const wait = backoffWait(this.retry, attempt, this.now(startedAt), retryAfter);
		const { holdMs, heldInSlot } = slotHold(verdict, wait, this.window.floorHoldMs());
		if (holdMs !== undefined) {
			this.counters.backoffMs += holdMs;
			await sleep(holdMs);
		}
		return { response, parsed, heldInSlot };
	}

	private get sender(): Sender {
		const { ctx, credentialType, credentials, timeoutMs, counters } = this;
		return { ctx, credentialType, credentials, timeoutMs, counters };
	}

	/** The cached access token, or one renewal shared by every caller that needs it now. */
	private async accessToken(m2m: M2mSettings): Promise<string> {
		return await m2mTokenCache.get(m2m.cacheKey, async () => await this.requestToken(m2m));
	}

	/** POST to the token endpoint through the same limiter and retries as any call; safe to resend. */
	private async requestToken(m2m: M2mSettings): Promise<IssuedToken> {
		const response = await this.request<unknown>({
			method: 'POST',
			path: M2M_ENDPOINT_PATH,
			form: tokenRequestForm(m2m),
			unauthenticated: true,
			replaySafe: true,
			acceptStatuses: [400, 401],
		});
		const answer = readTokenResponse(response.statusCode, response.body);
		if (!isRefusal(answer)) return answer;
		// Only NetSuite's code goes into the error: the request carried the signed assertion.
		const error = new NodeApiError(
			this.ctx.getNode(),
			{ status: answer.status, code: answer.oauthError ?? null } as JsonObject,
			{ message: answer.message, description: answer.oauthError, httpCode: String(answer.status) },
		);
		error.message = answer.message;
		throw error;
	}

	private baseUrl(req: NetSuiteRequest): string {
		return req.service === 'restlet' ? this.endpoints.restletBaseUrl : this.endpoints.restBaseUrl;
	}

	/** The error a request ends with: NetSuite's refusal, the network's, or whatever n8n threw. */
	private failure<T>(
		error: 'network' | 'api' | 'unexpected',
		req: NetSuiteRequest,
		tried: Tried<T>,
		replaySafe: boolean,
	): NodeApiError {
		if (error === 'api' && 'response' in tried) {
			const parsed = tried.parsed as ParsedNetSuiteError;
			const apiError = netSuiteApiError(this.node, parsed, req.itemIndex);
			if (this.m2m && parsed.status === 401 && !req.unauthenticated) {
				// The TBA checklist that INVALID_LOGIN maps to does not apply to a bearer token.
				apiError.description =
					bearerErrorOf(tried.response.headers) === 'insufficient_scope'
						? M2M_INSUFFICIENT_SCOPE_MESSAGE
						: M2M_AUTH_FAILED_MESSAGE;
			}
			return apiError;
		}
		const thrown = 'failure' in tried ? tried.failure : undefined;
		const code = networkErrorCode(thrown);
		if (error === 'network' && code !== undefined) {
			return networkError(this.node, code, req, new URL(this.baseUrl(req)).host, replaySafe);
		}
		return unexpectedError(this.node, thrown, req);
	}
}
