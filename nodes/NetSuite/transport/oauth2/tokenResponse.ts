/**
 * NetSuite's token endpoint answers, read into a token or a sentence: `{"access_token",
 * "expires_in":3600,"token_type":"bearer"}` on success, `{"error":"invalid_grant"}` (400) for every
 * certificate, mapping and scope problem, `invalid_request` / `unsupported_grant_type` for a
 * malformed request.
 */
import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { asObject } from '../jsonBody';
import { tokenRequestForm } from './assertion';
import { M2M_INVALID_GRANT_MESSAGE } from './messages';
import type { M2mSettings } from './settings';

/** NetSuite's documented lifetime; used when an answer leaves `expires_in` out. */
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export interface IssuedToken {
	accessToken: string;
	expiresInSeconds: number;
}

/** A refused token request, in words; `oauthError` is NetSuite's code (`invalid_grant`…). */
export interface TokenRefusal {
	refused: true;
	message: string;
	/** HTTP status, 0 when nothing answered. */
	status: number;
	oauthError?: string;
}

export type TokenAnswer = IssuedToken | TokenRefusal;

export function isRefusal(answer: TokenAnswer): answer is TokenRefusal {
	return (answer as TokenRefusal).refused === true;
}

function tokenErrorMessage(status: number, oauthError: string | undefined): string {
	switch (oauthError) {
		case 'invalid_grant':
			return M2M_INVALID_GRANT_MESSAGE;
		case 'invalid_client':
		case 'unauthorized_client':
			return `NetSuite refused the client (${oauthError}). Check the Client ID, and that the integration (Setup > Integration > Manage Integrations) is enabled and has the Client Credentials (Machine to Machine) grant.`;
		case 'unsupported_grant_type':
			return 'NetSuite refused the client credentials grant (unsupported_grant_type). Enable Client Credentials (Machine to Machine) on the integration under Setup > Integration > Manage Integrations.';
		case 'invalid_scope':
			return 'NetSuite refused the requested scopes (invalid_scope). Choose in Scopes only what the integration allows (Setup > Integration > Manage Integrations > Scope).';
		case 'invalid_request':
			return 'NetSuite rejected the token request as malformed (invalid_request). Check that Base URL points at the SuiteTalk REST host of the account (or leave it empty).';
		default:
			return `NetSuite's token endpoint refused the request (HTTP ${status}${oauthError ? `, ${oauthError.slice(0, 60)}` : ''}). Check the Account ID and Base URL.`;
	}
}

/** A token from a 200 answer, or a refusal that reads as a sentence. */
export function readTokenResponse(status: number, body: unknown): TokenAnswer {
	const answer = asObject(body);
	if (status >= 200 && status < 300) {
		const accessToken = answer?.access_token;
		if (typeof accessToken !== 'string' || accessToken === '') {
			return {
				refused: true,
				status,
				message: `NetSuite's token endpoint answered HTTP ${status} without an access token. Check that Base URL points at the SuiteTalk REST host of the account (or leave it empty).`,
			};
		}
		const expiresIn = Number(answer?.expires_in);
		return {
			accessToken,
			expiresInSeconds:
				Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_TOKEN_LIFETIME_SECONDS,
		};
	}
	const oauthError = typeof answer?.error === 'string' ? answer.error : undefined;
	return { refused: true, status, oauthError, message: tokenErrorMessage(status, oauthError) };
}

/** The token request as n8n request options: form-encoded, statuses returned rather than thrown. */
function tokenHttpOptions(settings: M2mSettings, timeoutMs?: number): IHttpRequestOptions {
	return {
		method: 'POST',
		url: settings.tokenUrl,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams(tokenRequestForm(settings)).toString(),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
}

/**
 * One token request outside the transport (the credential's preAuthentication). Network errors are
 * replaced by a sentence: the original carries the request, whose body is the signed assertion.
 */
export async function requestAccessToken(
	httpRequest: (options: IHttpRequestOptions) => Promise<unknown>,
	settings: M2mSettings,
): Promise<TokenAnswer> {
	let response: IN8nHttpFullResponse | undefined;
	let failure: unknown;
	try {
		response = (await httpRequest(tokenHttpOptions(settings, 60_000))) as IN8nHttpFullResponse;
	} catch (error) {
		failure = error;
	}
	if (!response) {
		const code = (failure as { code?: unknown } | undefined)?.code;
		const reason = typeof code === 'string' ? code : 'no answer';
		return {
			refused: true,
			status: 0,
			message: `Could not reach NetSuite's token endpoint at ${new URL(settings.tokenUrl).host} (${reason}). Check the Account ID or Base URL.`,
		};
	}
	return readTokenResponse(response.statusCode, response.body);
}
