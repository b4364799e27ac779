/**
 * The JWT client assertion of NetSuite's client-credentials flow, signed with node:crypto:
 * RSA-PSS (PS256/384/512, salt length = digest length, as RFC 7518 §3.5 requires) or ECDSA
 * (ES256/384/512 in JOSE form: r‖s, each the curve's size, RFC 7518 §3.4).
 */
import { constants, sign } from 'node:crypto';

import { ALGORITHM_SPECS } from './settings';
import type { M2mSettings } from './settings';

/** NetSuite wants exp < iat + 3600. */
export const ASSERTION_LIFETIME_SECONDS = 3599;

const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

interface AssertionClaims {
	iss: string;
	scope: string[];
	aud: string;
	iat: number;
	exp: number;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function assertionClaims(settings: M2mSettings, nowSeconds: number): AssertionClaims {
	const iat = Math.floor(nowSeconds);
	return {
		iss: settings.clientId,
		// An array of scope names, as Oracle's own sample decodes.
		scope: [...settings.scopes],
		aud: settings.tokenUrl,
		iat,
		exp: iat + ASSERTION_LIFETIME_SECONDS,
	};
}

export function signClientAssertion(settings: M2mSettings, nowSeconds = Date.now() / 1000): string {
	const spec = ALGORITHM_SPECS[settings.algorithm];
	const header = { alg: settings.algorithm, typ: 'JWT', kid: settings.certificateId };
	const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(assertionClaims(settings, nowSeconds)))}`;
	const signature =
		spec.kind === 'rsa'
			? sign(spec.hash, Buffer.from(input), {
					key: settings.privateKey,
					padding: constants.RSA_PKCS1_PSS_PADDING,
					saltLength: spec.bytes,
				})
			: sign(spec.hash, Buffer.from(input), {
					key: settings.privateKey,
					dsaEncoding: 'ieee-p1363',
				});
	return `${input}.${base64url(signature)}`;
}

/** The form body of the token request. */
export function tokenRequestForm(
	settings: M2mSettings,
	nowSeconds?: number,
): Record<string, string> {
	return {
		grant_type: 'client_credentials',
		client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
		client_assertion: signClientAssertion(settings, nowSeconds),
	};
}
