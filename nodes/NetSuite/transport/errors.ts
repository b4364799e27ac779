/**
 * NetSuite's error bodies → NodeApiError whose message is NetSuite's own detail text.
 * Shaped from error codes (REST `o:errorCode`, RESTlet `error.code`, OAuth `error`), never by
 * matching message text.
 */
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { ParameterError } from '../parameterError';
import { asObject } from './jsonBody';
import { M2M_INVALID_GRANT_MESSAGE } from './oauth2/messages';
import { TBA_AUTH_FAILED_MESSAGE } from './tbaKeys';

export interface NetSuiteErrorDetail {
	detail: string;
	code?: string;
	path?: string;
}

export interface ParsedNetSuiteError {
	status: number;
	/** NetSuite's own words, joined when it sent several details. */
	message: string;
	/** The most specific code NetSuite sent (`CONCURRENCY_LIMIT_EXCEEDED`, `NONEXISTENT_ID`, `SSS_…`). */
	code?: string;
	details: NetSuiteErrorDetail[];
}

export function parseNetSuiteError(status: number, body: unknown): ParsedNetSuiteError {
	const envelope = asObject(body);
	const restDetails = envelope?.['o:errorDetails'];
	if (Array.isArray(restDetails) && restDetails.length > 0) {
		const details = restDetails.map((d: Record<string, unknown>) => ({
			detail: String(d.detail ?? ''),
			code: typeof d['o:errorCode'] === 'string' ? (d['o:errorCode'] as string) : undefined,
			path: typeof d['o:errorPath'] === 'string' ? (d['o:errorPath'] as string) : undefined,
		}));
		return {
			status,
			message:
				details
					.map((d) => d.detail)
					.filter(Boolean)
					.join(' ') || String(envelope?.title ?? ''),
			code: details[0].code ?? (envelope?.['o:errorCode'] as string | undefined),
			details,
		};
	}
	const restlet = asObject(envelope?.error);
	if (restlet && typeof restlet.code === 'string') {
		const detail = String(restlet.message ?? restlet.code);
		return {
			status,
			message: detail,
			code: restlet.code,
			details: [{ detail, code: restlet.code }],
		};
	}
	if (typeof envelope?.error === 'string') {
		// OAuth 2.0 token endpoint: {"error":"invalid_grant","error_description":"…"}
		const detail = String(envelope.error_description ?? envelope.error);
		return {
			status,
			message: detail,
			code: envelope.error,
			details: [{ detail, code: envelope.error }],
		};
	}
	const title = typeof envelope?.title === 'string' ? envelope.title : `HTTP ${status}`;
	return { status, message: title, details: [] };
}

const HINTS: Record<string, string> = {
	INVALID_LOGIN: TBA_AUTH_FAILED_MESSAGE,
	INVALID_LOGIN_ATTEMPT: TBA_AUTH_FAILED_MESSAGE,
	CONCURRENCY_LIMIT_EXCEEDED:
		"NetSuite kept refusing requests over the account's concurrency limit until the retry time budget ran out. Lower Concurrency, raise Retry Time Budget, or check which other integrations share this account's limit.",
	SSS_REQUEST_LIMIT_EXCEEDED:
		"NetSuite kept refusing RESTlet calls over the account's concurrency limit until the retry time budget ran out.",
	NONEXISTENT_ID: 'Check the record type and internal ID (or eid: external ID).',
	INSUFFICIENT_PERMISSION:
		"The token's role lacks a permission for this record type or field: add it under Setup > Users/Roles > Manage Roles.",
	IDEMPOTENCY_ERROR:
		'NetSuite already processed a request with this idempotency key; the record was created earlier.',
	// OAuth 2.0 token endpoint: one answer for a wrong certificate ID, an expired or revoked certificate, a missing scope or mapping.
	invalid_grant: M2M_INVALID_GRANT_MESSAGE,
};

function describeNetSuiteError(parsed: ParsedNetSuiteError): string | undefined {
	const codes = parsed.details.map((d) => d.code).filter(Boolean) as string[];
	if (parsed.code) codes.unshift(parsed.code);
	const hint = codes.map((c) => HINTS[c]).find(Boolean);
	const where = parsed.details
		.filter((d) => d.path)
		.map((d) => `${d.code ?? 'error'} at ${d.path}`)
		.join('; ');
	const parts = [parsed.code && !where ? parsed.code : where, hint].filter(Boolean);
	return parts.length ? parts.join('. ') : undefined;
}

export function netSuiteApiError(
	node: INode,
	parsed: ParsedNetSuiteError,
	itemIndex?: number,
): NodeApiError {
	// The JSON given to NodeApiError is NetSuite's answer only: never the request, whose headers hold the token.
	const error = new NodeApiError(
		node,
		{
			status: parsed.status,
			code: parsed.code ?? null,
			details: parsed.details,
		} as unknown as JsonObject,
		{
			message: parsed.message,
			description: describeNetSuiteError(parsed),
			httpCode: String(parsed.status),
			itemIndex,
		},
	);
	// NodeApiError replaces some messages with a generic one per status; NetSuite's own text is the useful part.
	error.message = parsed.message;
	return error;
}

/** What a failed request was, for messages: never its headers or body. */
export interface RequestSummary {
	method: string;
	path: string;
	itemIndex?: number;
}

/** No answer: the code, the request and the host, and why it was not sent again when it was not. */
export function networkError(
	node: INode,
	code: string,
	req: RequestSummary,
	host: string,
	replaySafe: boolean,
): NodeApiError {
	const notRetried = replaySafe
		? ''
		: ' It was not sent again because a create without an idempotency key could be applied twice.';
	const message = `Could not complete ${req.method} ${req.path} at ${host}: ${code}.${notRetried}`;
	const error = new NodeApiError(node, { code } as JsonObject, {
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

/** Anything else n8n threw while sending. */
export function unexpectedError(node: INode, error: unknown, req: RequestSummary): NodeApiError {
	if (error instanceof ParameterError) {
		return new NodeApiError(node, { field: error.field } as JsonObject, {
			message: `Credential field "${error.field}": ${error.message}`,
			itemIndex: req.itemIndex,
		});
	}
	// Whatever n8n threw may carry the signed request; keep only the message.
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(node, { message } as JsonObject, {
		message: `${req.method} ${req.path} failed: ${message}`,
		itemIndex: req.itemIndex,
	});
}
