/**
 * One HTTP exchange with NetSuite through n8n: the request and answer every node deals in, and the
 * send itself (signed by the credential, or bare for the OAuth 2.0 token request), counted.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { headerValue } from './answers';
import type { ResponseHeaders } from './answers';
import type { RunCounters } from './counters';
import type { QueryValue } from './oauth1Signer';

export type NetSuiteContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

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
	headers: ResponseHeaders;
	body: T;
}

/** Who sends, and where the cost is counted. */
export interface Sender {
	ctx: NetSuiteContext;
	credentialType: string;
	credentials: ICredentialDataDecryptedObject;
	timeoutMs: number;
	counters: RunCounters;
}

/** One send, any status returned as an answer; `bearer` is this run's M2M access token. */
export async function sendOnce<T>(
	sender: Sender,
	baseUrl: string,
	req: NetSuiteRequest,
	bearer?: string,
): Promise<NetSuiteResponse<T>> {
	const { ctx, credentialType, credentials, counters } = sender;
	const options: IHttpRequestOptions = {
		method: req.method,
		url: `${baseUrl}${req.path}`,
		qs: req.query as IDataObject | undefined,
		headers: { Accept: 'application/json', ...(req.headers ?? {}) },
		body: req.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: sender.timeoutMs,
	};
	if (req.form) {
		options.body = new URLSearchParams(req.form).toString();
		options.headers = { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
	}
	if (options.body === undefined) delete options.body;
	counters.calls++;
	const response = (
		req.unauthenticated
			? await ctx.helpers.httpRequest(options)
			: await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options, {
					credentialsDecrypted: {
						id: '',
						name: credentialType,
						type: credentialType,
						// The credential's authenticate() puts this run's token in the Authorization header.
						data: bearer === undefined ? credentials : { ...credentials, accessToken: bearer },
					},
				})
	) as IN8nHttpFullResponse;
	const headers = (response.headers ?? {}) as ResponseHeaders;
	const length = Number(headerValue(headers, 'content-length'));
	if (Number.isFinite(length)) counters.bytes += length;
	let body = response.body as unknown;
	if (
		typeof body === 'string' &&
		body !== '' &&
		/json/i.test(headerValue(headers, 'content-type') ?? '')
	) {
		body = JSON.parse(body);
	}
	return { statusCode: response.statusCode, headers, body: body as T };
}
