/**
 * A signed request checked from what is on the wire: the signature NetSuite would compute for it,
 * by the simulator's own TBA code (RFC 5849, written apart from oauth-1.0a and from the package).
 */
import { parseOAuthHeader, tbaBaseString, tbaSignature } from '../simulator';

export function wireSignature(
	method: string,
	url: string,
	authorization: string,
	secrets: { consumerSecret: string; tokenSecret: string },
): { sent: string | undefined; expected: string } {
	const params = parseOAuthHeader(authorization)?.params ?? {};
	const base = tbaBaseString(method, url, params);
	return {
		sent: params.oauth_signature,
		expected: tbaSignature(base, secrets.consumerSecret, secrets.tokenSecret),
	};
}
