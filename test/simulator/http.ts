import type { IncomingHttpHeaders } from 'node:http';
import { concurrencyLimitBody, RestletError, SimError } from './errors';

export const CONTENT_TYPE = {
	singular: 'application/vnd.oracle.resource+json; type=singular',
	collection: 'application/vnd.oracle.resource+json; type=collection',
	error: 'application/vnd.oracle.resource+json; type=error',
	json: 'application/json; charset=utf-8',
	schema: 'application/schema+json',
} as const;

/** A request as handlers see it, body already read. */
export interface SimRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	/** Full URL as the client addressed it (scheme://Host/path?query): what TBA signs. */
	url: string;
	/** scheme://Host — links and Location headers point back where the client came from. */
	base: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	body?: string;
}

export function json(
	status: number,
	body: unknown,
	contentType: string = CONTENT_TYPE.json,
	headers: Record<string, string> = {},
): SimResponse {
	return {
		status,
		headers: { 'Content-Type': contentType, ...headers },
		body: JSON.stringify(body),
	};
}

export function restError(err: SimError): SimResponse {
	return json(err.status, err.toBody(), CONTENT_TYPE.error, err.extras.headers ?? {});
}

export function restletError(err: RestletError): SimResponse {
	return json(err.status, err.toBody(), CONTENT_TYPE.json, err.headers);
}

export function tooManyRequests(retryAfterSeconds: number | undefined): SimResponse {
	const headers: Record<string, string> = {};
	if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
	return json(429, concurrencyLimitBody(), CONTENT_TYPE.error, headers);
}

export function header(req: SimRequest, name: string): string | undefined {
	const v = req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}

export function parseJsonBody(req: SimRequest): unknown {
	const text = req.body.toString('utf8');
	if (text.trim() === '') return undefined;
	return JSON.parse(text);
}
