/**
 * NetSuite Token-Based Authentication: OAuth 1.0a with HMAC-SHA256 over exactly the request that
 * goes on the wire (RFC 5849 §3.4.1): upper-case method, lower-cased scheme and host, the path, and
 * every query parameter; the realm and JSON bodies are not signed.
 */
import { createHmac, randomBytes } from 'crypto';
import OAuth from 'oauth-1.0a';

export type QueryValue = string | number | boolean;
/** Decoded query parameters in wire order; a key may repeat. */
export type QueryParams = Array<[string, string]>;

export interface TbaKeys {
	realm: string;
	consumerKey: string;
	consumerSecret: string;
	tokenId: string;
	tokenSecret: string;
}

export interface SignInput {
	method: string;
	/** Absolute URL; its own query string is part of what is signed. */
	url: string;
	/** Extra query parameters that will be appended to the URL. */
	qs?: Record<string, QueryValue | QueryValue[] | undefined | null>;
	/** Injected only by tests reproducing published vectors; a fresh value per attempt otherwise. */
	nonce?: string;
	timestamp?: number;
}

export interface SignedRequest {
	/** The URL to send, with the query serialized exactly as it was signed. */
	url: string;
	authorization: string;
	baseString: string;
}

/** RFC 3986 unreserved set; what OAuth 1.0a requires (not `application/x-www-form-urlencoded`). */
function rfc3986(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** Splits a URL into its origin+path and decoded query pairs, merging `qs` after the URL's own. */
function collectQuery(url: string, qs?: SignInput['qs']): { endpoint: URL; params: QueryParams } {
	const endpoint = new URL(url);
	// URLSearchParams decodes `+` as a space, as NetSuite's own base-string code does (PHP urldecode).
	const params: QueryParams = [...endpoint.searchParams.entries()];
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null) continue;
		for (const v of Array.isArray(value) ? value : [value]) params.push([key, String(v)]);
	}
	endpoint.search = '';
	endpoint.hash = '';
	return { endpoint, params };
}

function serializeQuery(params: QueryParams): string {
	return params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
}

function hmacSha256(baseString: string, key: string): string {
	return createHmac('sha256', key).update(baseString).digest('base64');
}

function newOAuth(
	keys: TbaKeys,
	hash: (baseString: string, key: string) => string = hmacSha256,
): OAuth {
	return new OAuth({
		consumer: { key: keys.consumerKey, secret: keys.consumerSecret },
		signature_method: 'HMAC-SHA256',
		hash_function: hash,
		realm: keys.realm,
		nonce_length: 20,
	});
}

/**
 * `oauth-1.0a` re-parses any query left in the URL without decoding keys (`c%40` would be encoded
 * twice), so it gets the bare endpoint and the decoded parameters as its `data`.
 */
function toOAuthData(params: QueryParams): Record<string, string | string[]> {
	const data: Record<string, string | string[]> = {};
	for (const [key, value] of params) {
		const existing = data[key];
		if (existing === undefined) data[key] = value;
		else data[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return data;
}

/** The normalized base-string URI: scheme and host lower case, default ports dropped (RFC 5849 §3.4.1.2). */
function baseStringUri(endpoint: URL): string {
	return `${endpoint.protocol.toLowerCase()}//${endpoint.host.toLowerCase()}${endpoint.pathname}`;
}

export function signRequest(keys: TbaKeys, input: SignInput): SignedRequest {
	const { endpoint, params } = collectQuery(input.url, input.qs);
	// The base string is kept as it is hashed: what was signed, with no second computation.
	let baseString = '';
	const oauth = newOAuth(keys, (signed, key) => hmacSha256((baseString = signed), key));
	oauth.getNonce = () => input.nonce ?? cryptoNonce();
	if (input.timestamp !== undefined) oauth.getTimeStamp = () => input.timestamp as number;
	const request = {
		method: input.method.toUpperCase(),
		url: baseStringUri(endpoint),
		data: toOAuthData(params),
	};
	const authorized = oauth.authorize(request, { key: keys.tokenId, secret: keys.tokenSecret });
	const query = serializeQuery(params);
	return {
		url: `${endpoint.origin}${endpoint.pathname}${query ? `?${query}` : ''}`,
		authorization: oauth.toHeader(authorized).Authorization,
		baseString,
	};
}

/** Nonces come from node:crypto rather than Math.random: NetSuite rejects a reused nonce+timestamp. */
function cryptoNonce(): string {
	return randomBytes(15)
		.toString('base64')
		.replace(/[^A-Za-z0-9]/g, '')
		.padEnd(20, '0')
		.slice(0, 20);
}
