/**
 * Token-Based Authentication (OAuth 1.0a, HMAC-SHA256) verification, written from RFC 5849
 * §3.4.1 and Oracle's TBA pages — deliberately independent of any OAuth library and of the
 * package's signer, so a shared misreading cannot make both sides agree on a wrong answer.
 *
 * Base string: upper-case method & encoded base URI (lower-case scheme and host, port only
 * when not the default, path as sent) & encoded, sorted parameter string built from every
 * query parameter (decoded, `+` as space) plus the oauth_* header parameters except realm
 * and oauth_signature. Key: enc(consumerSecret) & enc(tokenSecret).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding: encodeURIComponent plus the five characters it leaves alone. */
export function rfc3986(s: string): string {
	return encodeURIComponent(s).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

function formDecode(s: string): string {
	try {
		return decodeURIComponent(s.replace(/\+/g, ' '));
	} catch {
		return s;
	}
}

/** Query parameters of a raw query string, decoded, in order, duplicates kept. */
export function decodeQuery(rawQuery: string): Array<[string, string]> {
	if (!rawQuery) return [];
	return rawQuery
		.split('&')
		.filter((p) => p !== '')
		.map((pair) => {
			const eq = pair.indexOf('=');
			return eq < 0
				? [formDecode(pair), '']
				: [formDecode(pair.slice(0, eq)), formDecode(pair.slice(eq + 1))];
		});
}

/**
 * RFC 5849 §3.4.1 signature base string for `url` (full URL, query included). `formBody`
 * is only for application/x-www-form-urlencoded bodies (RFC vectors); NetSuite never signs
 * JSON bodies.
 */
export function tbaBaseString(
	method: string,
	url: string,
	oauthParams: Record<string, string>,
	formBody?: string,
): string {
	const u = new URL(url);
	const scheme = u.protocol.replace(':', '').toLowerCase();
	// WHATWG URL already lower-cases the host and drops default ports.
	const baseUri = `${scheme}://${u.host.toLowerCase()}${u.pathname}`;
	const params: Array<[string, string]> = decodeQuery(u.search.replace(/^\?/, ''));
	if (formBody) params.push(...decodeQuery(formBody));
	for (const [k, v] of Object.entries(oauthParams)) {
		if (k === 'realm' || k === 'oauth_signature') continue;
		params.push([k, v]);
	}
	const encoded = params.map(([k, v]) => [rfc3986(k), rfc3986(v)] as const);
	encoded.sort((a, b) =>
		a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
	);
	const paramString = encoded.map(([k, v]) => `${k}=${v}`).join('&');
	return `${method.toUpperCase()}&${rfc3986(baseUri)}&${rfc3986(paramString)}`;
}

export function tbaSignature(
	baseString: string,
	consumerSecret: string,
	tokenSecret: string,
): string {
	return createHmac('sha256', `${rfc3986(consumerSecret)}&${rfc3986(tokenSecret)}`)
		.update(baseString)
		.digest('base64');
}

export interface ParsedOAuthHeader {
	params: Record<string, string>;
	duplicates: string[];
}

/** `OAuth realm="…", oauth_consumer_key="…", …` → decoded parameters. */
export function parseOAuthHeader(header: string): ParsedOAuthHeader | undefined {
	const m = /^\s*OAuth\s+(.*)$/is.exec(header);
	if (!m) return undefined;
	const params: Record<string, string> = {};
	const duplicates: string[] = [];
	const re = /\s*([A-Za-z0-9_\-.~%]+)\s*=\s*"([^"]*)"\s*(?:,|$)/gy;
	let match: RegExpExecArray | null;
	let consumed = 0;
	while ((match = re.exec(m[1])) !== null) {
		const key = formDecode(match[1]);
		const value = formDecode(match[2]);
		if (key in params) duplicates.push(key);
		params[key] = value;
		consumed = re.lastIndex;
	}
	if (m[1].slice(consumed).trim() !== '') return undefined;
	return { params, duplicates };
}

export interface TbaCredentials {
	/** The realm NetSuite expects: the account id, upper case, underscore (1234567_SB1). */
	realm: string;
	consumerKey: string;
	consumerSecret: string;
	tokenId: string;
	tokenSecret: string;
}

export type TbaResult = { ok: true } | { ok: false; reason: string };

const TIMESTAMP_WINDOW_S = 300;

/**
 * Verifies requests and remembers nonces. Failure reasons use the names NetSuite writes to
 * its Login Audit Trail; the client only ever sees the generic 401.
 */
export class TbaVerifier {
	private readonly nonces = new Map<string, number>();

	constructor(private readonly creds: TbaCredentials) {}

	reset(): void {
		this.nonces.clear();
	}

	verify(
		method: string,
		url: string,
		authorization: string | undefined,
		nowMs = Date.now(),
	): TbaResult {
		if (!authorization) return { ok: false, reason: 'MissingAuthorization' };
		const parsed = parseOAuthHeader(authorization);
		if (!parsed) return { ok: false, reason: 'MalformedAuthorizationHeader' };
		const p = parsed.params;
		if (parsed.duplicates.length)
			return {
				ok: false,
				reason: `parameter_rejected (duplicate ${parsed.duplicates.join(', ')})`,
			};
		for (const [k, v] of Object.entries(p)) {
			if (k.startsWith('oauth_') && v === '')
				return { ok: false, reason: `parameter_rejected (empty ${k})` };
		}
		if (p.realm !== this.creds.realm) {
			return {
				ok: false,
				reason: `InvalidAccount (realm '${p.realm ?? ''}' is not '${this.creds.realm}')`,
			};
		}
		if (p.oauth_consumer_key !== this.creds.consumerKey)
			return { ok: false, reason: 'consumer_key_unknown' };
		if (p.oauth_token !== this.creds.tokenId) return { ok: false, reason: 'token_rejected' };
		if (p.oauth_signature_method !== 'HMAC-SHA256') {
			return {
				ok: false,
				reason: `UnknownAlgorithm (${p.oauth_signature_method ?? 'none'}; only HMAC-SHA256 is accepted)`,
			};
		}
		if (p.oauth_version !== '1.0')
			return { ok: false, reason: `VersionRejected (${p.oauth_version ?? 'missing'})` };
		if (
			!/^\d+$/.test(p.oauth_timestamp ?? '') ||
			Math.abs(nowMs / 1000 - Number(p.oauth_timestamp)) > TIMESTAMP_WINDOW_S
		) {
			return {
				ok: false,
				reason: `InvalidTimestamp (${p.oauth_timestamp ?? 'missing'}, server ${Math.floor(nowMs / 1000)})`,
			};
		}
		if ((p.oauth_nonce ?? '').length < 6)
			return { ok: false, reason: 'nonce_rejected (shorter than 6 characters)' };
		if (!p.oauth_signature) return { ok: false, reason: 'InvalidSignature (missing)' };
		const expected = tbaSignature(
			tbaBaseString(method, url, p),
			this.creds.consumerSecret,
			this.creds.tokenSecret,
		);
		const a = Buffer.from(expected);
		const b = Buffer.from(p.oauth_signature);
		if (a.length !== b.length || !timingSafeEqual(a, b))
			return { ok: false, reason: 'InvalidSignature' };
		const key = `${p.oauth_token}\n${p.oauth_nonce}\n${p.oauth_timestamp}`;
		this.prune(nowMs);
		if (this.nonces.has(key)) return { ok: false, reason: 'NonceUsed' };
		this.nonces.set(key, nowMs);
		return { ok: true };
	}

	/** A nonce only needs remembering while its timestamp could still pass the window. */
	private prune(nowMs: number): void {
		if (this.nonces.size < 10_000) return;
		for (const [k, at] of this.nonces)
			if (nowMs - at > 2 * TIMESTAMP_WINDOW_S * 1000) this.nonces.delete(k);
	}
}
