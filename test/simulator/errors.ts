import type { NetSuiteErrorBody } from './types';

/**
 * NetSuite's REST error envelope [O:section_156570709583]. Oracle's own samples use the
 * rfc2616 `type` URL, with an anchor on some (400) and without on others (401, 404); we copy
 * each sample as printed. Clients must not depend on `type` (it has changed in the field).
 */
const RFC2616 = 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html';

const TYPE_BY_STATUS: Record<number, string> = {
	400: `${RFC2616}#sec10.4.1`,
	401: RFC2616,
	403: `${RFC2616}#sec10.4.4`,
	404: RFC2616,
	405: `${RFC2616}#sec10.4.6`,
	409: `${RFC2616}#sec10.4.10`,
	415: `${RFC2616}#sec10.4.16`,
	429: RFC2616,
	500: `${RFC2616}#sec10.5.1`,
	503: `${RFC2616}#sec10.5.4`,
};

const TITLE_BY_STATUS: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	415: 'Unsupported Media Type',
	// Oracle's documented 429 body really says "Bad Request".
	429: 'Bad Request',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
};

export interface ErrorExtras {
	title?: string;
	errorPath?: string;
	queryParam?: string;
	header?: string;
	headers?: Record<string, string>;
}

/** An error that becomes a NetSuite error envelope. */
export class SimError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly detail: string,
		readonly extras: ErrorExtras = {},
	) {
		super(detail);
	}

	toBody(): NetSuiteErrorBody {
		const item: NetSuiteErrorBody['o:errorDetails'][number] = {
			detail: this.detail,
			'o:errorCode': this.code,
		};
		if (this.extras.errorPath) item['o:errorPath'] = this.extras.errorPath;
		if (this.extras.queryParam) item['o:errorQueryParam'] = this.extras.queryParam;
		if (this.extras.header) item['o:errorHeader'] = this.extras.header;
		return {
			type: TYPE_BY_STATUS[this.status] ?? RFC2616,
			title: this.extras.title ?? TITLE_BY_STATUS[this.status] ?? 'Error',
			status: this.status,
			'o:errorDetails': [item],
		};
	}
}

export const INVALID_LOGIN_DETAIL =
	'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.';

/** Exactly Oracle's documented REST 401 body. The real reason goes only to the auth log. */
export function invalidLogin(headers?: Record<string, string>): SimError {
	return new SimError(401, 'INVALID_LOGIN', INVALID_LOGIN_DETAIL, { headers });
}

/**
 * Oracle's 429 body, with one deliberate difference: Oracle's documentation prints it with a
 * missing comma after "USER_ERROR" (invalid JSON). We serve valid JSON with the same keys.
 */
export function concurrencyLimitBody(): NetSuiteErrorBody {
	return {
		type: RFC2616,
		title: 'Bad Request',
		status: 429,
		'o:errorCode': 'USER_ERROR',
		'o:errorDetails': [
			{
				detail: 'Concurrent request limit exceeded. Request blocked.',
				'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED',
			},
		],
	};
}

export function recordNotFound(): SimError {
	return new SimError(404, 'NONEXISTENT_ID', 'Record does not exist.');
}

export function invalidRequestSyntax(): SimError {
	return new SimError(
		400,
		'INVALID_REQUEST',
		'The request could not be understood by the server due to malformed syntax.',
	);
}

/**
 * N/query style text used by both the `q` filter and SuiteQL errors; NetSuite prefixes the
 * underlying reason with this sentence (Airbyte matches on "Unparseable date:" inside it).
 */
export function invalidSearch(reason: string, queryParam = 'q'): SimError {
	return new SimError(
		400,
		'INVALID_PARAMETER',
		`Invalid search query. Detailed unprocessed description follows. ${reason}`,
		{ queryParam },
	);
}

/** Random lower-case id in the shape of NetSuite's "Error ID: jrgbpyylphhishmmlxyt". */
export function randomErrorId(): string {
	let id = '';
	for (let i = 0; i < 20; i++) id += String.fromCharCode(97 + Math.floor(Math.random() * 26));
	return id;
}

export function unexpectedError(): SimError {
	return new SimError(
		500,
		'UNEXPECTED_ERROR',
		`An unexpected error occurred. Error ID: ${randomErrorId()}`,
	);
}

export function serviceUnavailable(): SimError {
	return new SimError(
		503,
		'SERVICE_UNAVAILABLE',
		'The service is temporarily unable to handle the request. Try again later.',
	);
}

/** RESTlet errors use SuiteScript's own shape, not the REST envelope [O:section_4634920277]. */
export class RestletError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	toBody(): { error: { code: string; message: string } } {
		return { error: { code: this.code, message: this.message } };
	}
}

/** OAuth 2.0 token endpoint errors (RFC 6749 §5.2 shape, as NetSuite answers them). */
export class OAuthTokenError extends Error {
	constructor(
		readonly error:
			| 'invalid_grant'
			| 'invalid_request'
			| 'unsupported_grant_type'
			| 'invalid_client',
		readonly reason: string,
	) {
		super(reason);
	}
}
