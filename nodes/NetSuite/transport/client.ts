/**
 * The one way any node in this package talks to NetSuite: base URLs from the credential, signing
 * through n8n's `httpRequestWithAuthentication`, the account's concurrency limiter, retries with
 * backoff, NetSuite's error envelope turned into NodeApiError, and per-run counters.
 */
import { createHash } from 'node:crypto';
import { NodeApiError, sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';

import { AccountConfigError, resolveAccountEndpoints } from '../account';
import type { AccountEndpoints } from '../account';
import { newCounters } from './counters';
import type { RunCounters } from './counters';
import { netSuiteApiError, parseNetSuiteError } from './errors';
import { buildTbaKeys } from './tbaKeys';
import { M2M_AUTH_FAILED_MESSAGE, M2M_INSUFFICIENT_SCOPE_MESSAGE } from './oauth2/messages';
import { M2M_CREDENTIAL_TYPE, M2M_ENDPOINT_PATH, readM2mSettings } from './oauth2/settings';
import type { M2mSettings } from './oauth2/settings';
import { tokenRequestForm } from './oauth2/assertion';
import { m2mTokenCache } from './oauth2/tokenCache';
import { isRefusal, readTokenResponse } from './oauth2/tokenResponse';
import type { IssuedToken } from './oauth2/tokenResponse';
import type { ParsedNetSuiteError } from './errors';
import { DEFAULT_ACCOUNT_CONCURRENCY, accountLimiter, runLimiter, toConcurrency } from './limiter';
import type { Limit } from './limiter';
import type { AdaptiveWindow, WindowSlot } from './adaptiveWindow';
import type { QueryValue } from './oauth1Signer';
import {
	DEFAULT_RETRY_SETTINGS,
	backoffDelay,
	classifyStatus,
	isConcurrencyRefusal,
	isNeverSent,
	networkErrorCode,
	parseRetryAfter,
} from './retryPolicy';
import type { RetrySettings } from './retryPolicy';

export type NetSuiteContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPES = {
	tokenBased: 'netSuiteTbaApi',
	oAuth2M2m: M2M_CREDENTIAL_TYPE,
} as const;
export type AuthenticationMethod = keyof typeof CREDENTIAL_TYPES;

export interface ClientOptions {
	authentication?: AuthenticationMethod;
	/** This run's ceiling; never above the account's limit from the credential. */
	concurrency?: number;
	retry?: Partial<RetrySettings>;
	timeoutMs?: number;
}

export interface NetSuiteRequest {
	method: IHttpRequestMethods;
	/** `rest` (SuiteTalk REST, SuiteQL) or `restlet`. */
	service?: 'rest' | 'restlet';
	path: string;
	query?: Record<string, QueryValue | undefined>;
	body?: IDataObject | IDataObject[];
	headers?: Record<string, string>;
	/** Safe to send again after a timeout, reset or 5xx. Default: GET, PUT, PATCH, DELETE, and a POST carrying an idempotency key. */
	replaySafe?: boolean;
	itemIndex?: number;
	/** Statuses returned to the caller instead of thrown (e.g. 404 when probing). */
	acceptStatuses?: number[];
	/** Form-encoded body (the OAuth 2.0 token request); replaces `body`. */
	form?: Record<string, string>;
	/** Sent without credentials: the OAuth 2.0 token request itself. */
	unauthenticated?: boolean;
}

export interface NetSuiteResponse<T = IDataObject> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

/** One answer, and whether the refused request already waited out its backoff in its slot. */
interface Attempt<T> {
	response: NetSuiteResponse<T>;
	parsed?: ParsedNetSuiteError;
	waited?: boolean;
	/** The retry time budget does not allow another wait. */
	exhausted?: boolean;
}

export const IDEMPOTENCY_HEADER = 'X-NetSuite-idempotency-key';
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

function headerValue(headers: NetSuiteResponse['headers'], name: string): string | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? value[0] : value;
}

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
		let invalid: AccountConfigError | undefined;
		let m2m: M2mSettings | undefined;
		try {
			endpoints = resolveAccountEndpoints(credentials);
			if (credentialType === CREDENTIAL_TYPES.tokenBased) buildTbaKeys(credentials, endpoints.realm);
			if (credentialType === CREDENTIAL_TYPES.oAuth2M2m) m2m = readM2mSettings(credentials, endpoints);
		} catch (error) {
			if (!(error instanceof AccountConfigError)) throw new NodeApiError(ctx.getNode(), error as JsonObject);
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

	async request<T = IDataObject>(req: NetSuiteRequest): Promise<NetSuiteResponse<T>> {
		const firstAttemptAt = Date.now();
		const replaySafe = req.replaySafe ?? this.isReplaySafeByDefault(req);
		let attempt = 0;
		let transientFailures = 0;
		let unauthorizedRetries = 0;
		let tokenRenewed = false;
		let maybeApplied = false;
		for (;;) {
			if (attempt > 0) this.counters.retries++;
			attempt++;
			let response: NetSuiteResponse<T> | undefined;
			let failure: unknown;
			// Taken before a slot: the token request needs one of its own.
			const bearer = this.m2m && !req.unauthenticated ? await this.accessToken(this.m2m) : undefined;
			let outcome: Attempt<T> | undefined;
			try {
				outcome = await this.limit(async (slot) => await this.attempt<T>(req, bearer, slot, attempt, firstAttemptAt));
				response = outcome.response;
			} catch (error) {
				failure = error;
			}
			if (response === undefined) {
				const code = networkErrorCode(failure);
				if (code === undefined) throw this.unexpectedError(failure, req);
				const neverSent = isNeverSent(code);
				maybeApplied ||= !neverSent;
				transientFailures++;
				if ((!neverSent && !replaySafe) || transientFailures >= this.retry.maxTransientAttempts) {
					throw this.networkError(code, req, replaySafe);
				}
				await this.backoffOrThrow(attempt, firstAttemptAt, undefined, () =>
					this.networkError(code, req, replaySafe),
				);
				continue;
			}
			const kind = classifyStatus(response.statusCode);
			if (kind === 'ok' || req.acceptStatuses?.includes(response.statusCode)) {
				this.successes++;
				return response;
			}
			const parsed = outcome?.parsed ?? parseNetSuiteError(response.statusCode, response.body);
			if (maybeApplied && parsed.code === 'IDEMPOTENCY_ERROR') {
				// An earlier attempt that we never heard back from did create the record.
				const location = headerValue(response.headers, 'location');
				if (location) return { statusCode: 204, headers: { location }, body: '' as unknown as T };
			}
			if (kind === 'throttled' || parsed.code === 'SSS_REQUEST_LIMIT_EXCEEDED') {
				this.counters.throttled++;
				if (outcome?.exhausted) throw this.apiError(parsed, req);
				if (outcome?.waited) continue;
				const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'));
				await this.backoffOrThrow(attempt, firstAttemptAt, retryAfter, () =>
					this.apiError(parsed, req),
				);
				continue;
			}
			if (kind === 'server' && replaySafe && ++transientFailures < this.retry.maxTransientAttempts) {
				maybeApplied = true;
				await this.backoffOrThrow(attempt, firstAttemptAt, undefined, () => this.apiError(parsed, req));
				continue;
			}
			if (kind === 'unauthorized' && this.m2m && bearer !== undefined && !tokenRenewed) {
				const bearerError = bearerErrorOf(response.headers);
				if (bearerError === undefined || bearerError === 'invalid_token') {
					// Expired or revoked before our clock said so: one new token (shared with everyone refused with this one), one more try.
					tokenRenewed = true;
					m2mTokenCache.invalidate(this.m2m.cacheKey, bearer);
					continue;
				}
			}
			if (
				kind === 'unauthorized' &&
				this.credentialType === CREDENTIAL_TYPES.tokenBased &&
				this.successes > 0 &&
				unauthorizedRetries < this.retry.max401Retries
			) {
				// Overload sometimes shows as INVALID_LOGIN (julbrs/netsuite-api-client#26); only after proof the keys work.
				unauthorizedRetries++;
				await this.backoffOrThrow(attempt, firstAttemptAt, undefined, () => this.apiError(parsed, req));
				continue;
			}
			throw this.apiError(parsed, req, response.headers);
		}
	}

	/**
	 * One send in an account slot. A concurrency refusal tells the window the account is full. At a
	 * window of one the refused request waits out its backoff in the slot it holds, so this process
	 * sends nothing in its place meanwhile (otherwise the next queued request would be refused at
	 * once, and the next: the flood this window exists to stop).
	 */
	private async attempt<T>(req: NetSuiteRequest, bearer: string | undefined, slot: WindowSlot, attempt: number, firstAttemptAt: number): Promise<Attempt<T>> {
		const sentAt = Date.now();
		const response = await this.send<T>(req, bearer);
		if (classifyStatus(response.statusCode) === 'ok') {
			this.window.answered(Date.now() - sentAt);
			this.sampleWindow();
			return { response };
		}
		const parsed = parseNetSuiteError(response.statusCode, response.body);
		const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'));
		if (!isConcurrencyRefusal(response.statusCode, parsed, retryAfter)) {
			// A rate limit (or any other answer) is no news about concurrency; it is honoured outside the slot.
			this.sampleWindow();
			return { response, parsed };
		}
		const verdict = this.window.refused(slot);
		this.sampleWindow();
		// Above one request the cut already keeps the freed slot empty; the backoff happens outside it.
		if (verdict !== 'floor') return { response, parsed };
		const wait = this.backoffWait(attempt, firstAttemptAt, retryAfter);
		if (wait === undefined) return { response, parsed, exhausted: true };
		const hold = Math.min(wait, this.window.floorHoldMs());
		this.counters.backoffMs += hold;
		await sleep(hold);
		// The rest of a longer backoff (a Retry-After, a request refused again and again) is waited outside the slot.
		return { response, parsed, waited: hold >= wait };
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

	private isReplaySafeByDefault(req: NetSuiteRequest): boolean {
		if (req.method !== 'POST') return true;
		return Object.keys(req.headers ?? {}).some((h) => h.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase());
	}

	private baseUrl(req: NetSuiteRequest): string {
		return req.service === 'restlet' ? this.endpoints.restletBaseUrl : this.endpoints.restBaseUrl;
	}

	private async send<T>(req: NetSuiteRequest, bearer?: string): Promise<NetSuiteResponse<T>> {
		const options: IHttpRequestOptions = {
			method: req.method,
			url: `${this.baseUrl(req)}${req.path}`,
			qs: req.query as IDataObject | undefined,
			headers: { Accept: 'application/json', ...(req.headers ?? {}) },
			body: req.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.timeoutMs,
		};
		if (req.form) {
			options.body = new URLSearchParams(req.form).toString();
			options.headers = { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
		}
		if (options.body === undefined) delete options.body;
		this.counters.calls++;
		const response = (
			req.unauthenticated
				? await this.ctx.helpers.httpRequest(options)
				: await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, this.credentialType, options, {
						credentialsDecrypted: {
							id: '',
							name: this.credentialType,
							type: this.credentialType,
							// The credential's authenticate() puts this run's token in the Authorization header.
							data: bearer === undefined ? this.credentials : { ...this.credentials, accessToken: bearer },
						},
					})
		) as IN8nHttpFullResponse;
		const headers = (response.headers ?? {}) as NetSuiteResponse['headers'];
		const length = Number(headerValue(headers, 'content-length'));
		if (Number.isFinite(length)) this.counters.bytes += length;
		let body = response.body as unknown;
		if (typeof body === 'string' && body !== '' && /json/i.test(headerValue(headers, 'content-type') ?? '')) {
			body = JSON.parse(body);
		}
		return { statusCode: response.statusCode, headers, body: body as T };
	}

	/** The next backoff wait, or undefined when it would overrun the request's retry time budget. */
	private backoffWait(attempt: number, firstAttemptAt: number, retryAfterMs: number | undefined): number | undefined {
		const jitter = backoffDelay(attempt - 1, this.retry);
		const wait = retryAfterMs === undefined ? jitter : Math.max(retryAfterMs, jitter);
		return Date.now() - firstAttemptAt + wait > this.retry.budgetMs ? undefined : wait;
	}

	private async backoffOrThrow(
		attempt: number,
		firstAttemptAt: number,
		retryAfterMs: number | undefined,
		fail: () => Error,
	): Promise<void> {
		const wait = this.backoffWait(attempt, firstAttemptAt, retryAfterMs);
		if (wait === undefined) throw fail();
		this.counters.backoffMs += wait;
		await sleep(wait);
	}

	private apiError(
		parsed: ParsedNetSuiteError,
		req: NetSuiteRequest,
		headers?: NetSuiteResponse['headers'],
	): NodeApiError {
		const error = netSuiteApiError(this.ctx.getNode(), parsed, req.itemIndex);
		if (this.m2m && parsed.status === 401 && !req.unauthenticated) {
			// The TBA checklist that INVALID_LOGIN maps to does not apply to a bearer token.
			error.description =
				bearerErrorOf(headers ?? {}) === 'insufficient_scope'
					? M2M_INSUFFICIENT_SCOPE_MESSAGE
					: M2M_AUTH_FAILED_MESSAGE;
		}
		return error;
	}

	private networkError(code: string, req: NetSuiteRequest, replaySafe: boolean): NodeApiError {
		const host = new URL(this.baseUrl(req)).host;
		const notRetried = replaySafe
			? ''
			: ' It was not sent again because a create without an idempotency key could be applied twice.';
		const message = `Could not complete ${req.method} ${req.path} at ${host}: ${code}.${notRetried}`;
		const error = new NodeApiError(this.ctx.getNode(), { code } as JsonObject, {
			message,
			description:
				code === 'ECONNREFUSED' || code === 'ENOTFOUND'
					? 'Check the Account ID or Base URL in the credential.'
					: undefined,
			itemIndex: req.itemIndex,
		});
		// NodeApiError swaps messages naming ECONNRESET & co. for a generic sentence without the request.
		error.message = message;
		return error;
	}

	private unexpectedError(error: unknown, req: NetSuiteRequest): Error {
		if (error instanceof AccountConfigError) {
			return new NodeApiError(this.ctx.getNode(), { field: error.field } as JsonObject, {
				message: `Credential field "${error.field}": ${error.message}`,
				itemIndex: req.itemIndex,
			});
		}
		// Whatever n8n threw may carry the signed request; keep only the message.
		const message = error instanceof Error ? error.message : String(error);
		return new NodeApiError(this.ctx.getNode(), { message } as JsonObject, {
			message: `${req.method} ${req.path} failed: ${message}`,
			itemIndex: req.itemIndex,
		});
	}
}

/** `error` of a `WWW-Authenticate: Bearer …, error="invalid_token"` answer. */
function bearerErrorOf(headers: NetSuiteResponse['headers']): string | undefined {
	const value = headerValue(headers, 'www-authenticate');
	return value ? /error="([^"]*)"/i.exec(value)?.[1] : undefined;
}

function definedOnly<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
