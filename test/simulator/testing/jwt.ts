/** Test-side JWT client assertions for the OAuth 2.0 M2M token endpoint, signed with node:crypto. */
import { constants, sign, type KeyObject } from 'node:crypto';

export type Alg = 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'RS256';

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

export interface AssertionOptions {
	alg: Alg;
	kid: string;
	iss: string;
	aud: string | string[];
	scope?: unknown;
	iat?: number;
	exp?: number;
	typ?: string;
	privateKey: KeyObject;
}

export function clientAssertion(o: AssertionOptions): string {
	const iat = o.iat ?? Math.floor(Date.now() / 1000);
	const head = { typ: o.typ ?? 'JWT', alg: o.alg, kid: o.kid };
	const payload = {
		iss: o.iss,
		scope: o.scope ?? ['rest_webservices', 'restlets'],
		aud: o.aud,
		iat,
		exp: o.exp ?? iat + 3000,
	};
	const input = `${b64(head)}.${b64(payload)}`;
	const hash = `sha${o.alg.slice(2)}`;
	let sig: Buffer;
	if (o.alg.startsWith('ES'))
		sig = sign(hash, Buffer.from(input), { key: o.privateKey, dsaEncoding: 'ieee-p1363' });
	else if (o.alg.startsWith('PS'))
		sig = sign(hash, Buffer.from(input), {
			key: o.privateKey,
			padding: constants.RSA_PKCS1_PSS_PADDING,
			saltLength: Number(o.alg.slice(2)) / 8,
		});
	else sig = sign(hash, Buffer.from(input), o.privateKey);
	return `${input}.${sig.toString('base64url')}`;
}

export function tokenForm(assertion: string, extra: Record<string, string> = {}): string {
	return new URLSearchParams({
		grant_type: 'client_credentials',
		client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		client_assertion: assertion,
		...extra,
	}).toString();
}
