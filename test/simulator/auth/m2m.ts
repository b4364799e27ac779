/**
 * OAuth 2.0 client credentials (machine-to-machine) [O:section_162755359851]:
 * POST /services/rest/auth/oauth2/v1/token with grant_type=client_credentials,
 * client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer and a JWT
 * client assertion signed with the key whose certificate was uploaded for the integration.
 *
 * Checks: typ JWT; alg PS256/384/512 (RSA-PSS, salt = digest length) or ES256/384/512 (JOSE
 * r||s); RS256 is refused as NetSuite has done since 2025; kid = a registered, unrevoked
 * certificate; iss = its client id; aud = this server's token URL, or NetSuite's own
 * suitetalk/restlets token URLs for the account; exp in the future and exp − iat ≤ 3600;
 * scope (array, or comma/space separated string) within the mapping's scopes. Every failure
 * answers 400 {"error":"invalid_grant"} like NetSuite; the reason goes to the auth log.
 *
 * Issued tokens are JWT-shaped bearer tokens that expire on a token clock tests can move.
 */
import {
	createHmac,
	createPublicKey,
	randomBytes,
	verify as cryptoVerify,
	constants,
	type KeyObject,
} from 'node:crypto';
import { OAuthTokenError } from '../errors';
import type { TokenClock } from '../clock';
import type { M2mClientRegistration } from '../types';

export const M2M_SCOPES = ['rest_webservices', 'restlets', 'suite_analytics'] as const;
export type M2mScope = (typeof M2M_SCOPES)[number];

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const ALGS: Record<
	string,
	{ kind: 'rsa-pss' | 'ec'; hash: string; bytes: number; curve?: string }
> = {
	PS256: { kind: 'rsa-pss', hash: 'sha256', bytes: 32 },
	PS384: { kind: 'rsa-pss', hash: 'sha384', bytes: 48 },
	PS512: { kind: 'rsa-pss', hash: 'sha512', bytes: 64 },
	ES256: { kind: 'ec', hash: 'sha256', bytes: 32, curve: 'prime256v1' },
	ES384: { kind: 'ec', hash: 'sha384', bytes: 48, curve: 'secp384r1' },
	ES512: { kind: 'ec', hash: 'sha512', bytes: 66, curve: 'secp521r1' },
};

interface Client {
	clientId: string;
	certificateId: string;
	key: KeyObject;
	scopes: string[];
	revoked: boolean;
}

interface IssuedToken {
	certificateId: string;
	scopes: string[];
	expiresAtMs: number;
}

export type BearerResult =
	| { ok: true }
	| { ok: false; reason: string; error: 'invalid_token' | 'insufficient_scope' };

const b64urlJson = (part: string): Record<string, unknown> => {
	const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
	if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
	return v as Record<string, unknown>;
};

export class M2mAuth {
	private readonly clients = new Map<string, Client>();
	private readonly tokens = new Map<string, IssuedToken>();
	private readonly secret = randomBytes(32);

	constructor(
		private readonly clock: TokenClock,
		public ttlSeconds: number,
	) {}

	register(reg: M2mClientRegistration): void {
		if (!reg.clientId || !reg.certificateId || !reg.publicKeyPem)
			throw new Error('registerM2mClient needs clientId, certificateId and publicKeyPem');
		let key: KeyObject;
		try {
			key = createPublicKey(reg.publicKeyPem);
		} catch (e) {
			throw new Error(
				`registerM2mClient: publicKeyPem is not a PEM public key or certificate (${(e as Error).message})`,
			);
		}
		const type = key.asymmetricKeyType;
		const details = key.asymmetricKeyDetails ?? {};
		if (type === 'rsa' || type === 'rsa-pss') {
			// NetSuite's certificate upload accepts RSA 3072/4096 only.
			if ((details.modulusLength ?? 0) < 3072)
				throw new Error(
					`registerM2mClient: RSA keys must be at least 3072 bits (got ${details.modulusLength})`,
				);
		} else if (type === 'ec') {
			if (!['prime256v1', 'secp384r1', 'secp521r1'].includes(details.namedCurve ?? '')) {
				throw new Error(
					`registerM2mClient: EC keys must use P-256, P-384 or P-521 (got ${details.namedCurve})`,
				);
			}
		} else throw new Error(`registerM2mClient: unsupported key type ${type}`);
		const scopes = reg.scopes ?? [...M2M_SCOPES];
		for (const s of scopes)
			if (!(M2M_SCOPES as readonly string[]).includes(s))
				throw new Error(`registerM2mClient: unknown scope '${s}'`);
		this.clients.set(reg.certificateId, {
			clientId: reg.clientId,
			certificateId: reg.certificateId,
			key,
			scopes,
			revoked: false,
		});
	}

	revoke(certificateId: string): void {
		const c = this.clients.get(certificateId);
		if (!c) throw new Error(`No certificate ${certificateId} is registered`);
		c.revoked = true;
		for (const [t, info] of this.tokens)
			if (info.certificateId === certificateId) this.tokens.delete(t);
	}

	/** Handle a token request body; `audiences` are the token URLs this request may name. */
	issue(
		form: URLSearchParams,
		audiences: string[],
		nowMs = Date.now(),
	): { access_token: string; expires_in: number; token_type: string } {
		const grant = form.get('grant_type');
		if (grant !== 'client_credentials') {
			throw new OAuthTokenError(
				grant ? 'unsupported_grant_type' : 'invalid_request',
				`grant_type is '${grant ?? ''}', expected client_credentials`,
			);
		}
		if (form.get('client_assertion_type') !== JWT_BEARER) {
			throw new OAuthTokenError('invalid_request', `client_assertion_type must be ${JWT_BEARER}`);
		}
		const assertion = form.get('client_assertion');
		if (!assertion) throw new OAuthTokenError('invalid_request', 'client_assertion is missing');
		const parts = assertion.split('.');
		if (parts.length !== 3)
			throw new OAuthTokenError(
				'invalid_request',
				'client_assertion is not a JWS compact serialization',
			);
		let head: Record<string, unknown>;
		let claims: Record<string, unknown>;
		try {
			head = b64urlJson(parts[0]);
			claims = b64urlJson(parts[1]);
		} catch {
			throw new OAuthTokenError(
				'invalid_request',
				'client_assertion header or payload is not base64url JSON',
			);
		}
		const grantError = (reason: string): OAuthTokenError =>
			new OAuthTokenError('invalid_grant', reason);
		if (typeof head.typ !== 'string' || head.typ.toUpperCase() !== 'JWT')
			throw grantError(`JWT header typ is '${String(head.typ)}', expected JWT`);
		const alg = String(head.alg);
		if (alg === 'RS256')
			throw grantError(
				'RS256 (PKCS#1 v1.5) is no longer accepted; use PS256/384/512 or ES256/384/512',
			);
		const spec = ALGS[alg];
		if (!spec) throw grantError(`unsupported alg '${alg}'`);
		const client = this.clients.get(String(head.kid));
		if (!client) throw grantError(`unknown certificate id (kid) '${String(head.kid)}'`);
		if (client.revoked) throw grantError(`certificate ${client.certificateId} is revoked`);
		const keyType = client.key.asymmetricKeyType;
		if (
			spec.kind === 'ec'
				? keyType !== 'ec' || client.key.asymmetricKeyDetails?.namedCurve !== spec.curve
				: keyType !== 'rsa' && keyType !== 'rsa-pss'
		) {
			throw grantError(`alg ${alg} does not match the registered ${keyType} key`);
		}
		const signature = Buffer.from(parts[2], 'base64url');
		if (spec.kind === 'ec' && signature.length !== spec.bytes * 2)
			throw grantError(
				`${alg} signature must be ${spec.bytes * 2} bytes (JOSE r||s), got ${signature.length}`,
			);
		const data = Buffer.from(`${parts[0]}.${parts[1]}`);
		const valid =
			spec.kind === 'ec'
				? cryptoVerify(spec.hash, data, { key: client.key, dsaEncoding: 'ieee-p1363' }, signature)
				: cryptoVerify(
						spec.hash,
						data,
						{ key: client.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: spec.bytes },
						signature,
					);
		if (!valid) throw grantError('signature does not verify with the registered public key');
		if (claims.iss !== client.clientId)
			throw grantError(
				`iss '${String(claims.iss)}' is not the client id of certificate ${client.certificateId}`,
			);
		const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
		if (!aud.some((a) => typeof a === 'string' && audiences.includes(a)))
			throw grantError(
				`aud ${JSON.stringify(claims.aud)} is not this token endpoint (${audiences[0]})`,
			);
		const now = nowMs / 1000;
		if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number')
			throw grantError('exp and iat must be numeric dates');
		if (claims.exp <= now) throw grantError('the assertion has expired (exp is in the past)');
		if (claims.iat > now + 300) throw grantError('iat is in the future');
		if (claims.exp - claims.iat > 3600) throw grantError('exp must be at most iat + 3600');
		const requested = Array.isArray(claims.scope)
			? claims.scope.map(String)
			: typeof claims.scope === 'string'
				? claims.scope.split(/[\s,]+/).filter(Boolean)
				: [];
		if (requested.length === 0) throw grantError('no scope requested');
		const missing = requested.filter((s) => !client.scopes.includes(s));
		if (missing.length)
			throw grantError(
				`scope ${missing.join(', ')} is not allowed for this integration/role mapping`,
			);
		const iat = Math.floor(this.clock.nowMs() / 1000);
		const token = this.sign({
			iss: 'netsuite-simulator',
			sub: client.clientId,
			kid: client.certificateId,
			scope: requested,
			iat,
			exp: iat + this.ttlSeconds,
			jti: randomBytes(8).toString('hex'),
		});
		this.tokens.set(token, {
			certificateId: client.certificateId,
			scopes: requested,
			expiresAtMs: (iat + this.ttlSeconds) * 1000,
		});
		return { access_token: token, expires_in: this.ttlSeconds, token_type: 'bearer' };
	}

	verify(token: string, scope: M2mScope): BearerResult {
		const info = this.tokens.get(token);
		if (!info) return { ok: false, reason: 'unknown bearer token', error: 'invalid_token' };
		if (this.clock.nowMs() >= info.expiresAtMs)
			return { ok: false, reason: 'bearer token expired', error: 'invalid_token' };
		if (!info.scopes.includes(scope))
			return {
				ok: false,
				reason: `bearer token lacks scope ${scope}`,
				error: 'insufficient_scope',
			};
		return { ok: true };
	}

	private sign(payload: Record<string, unknown>): string {
		const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
		const input = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(payload)}`;
		return `${input}.${createHmac('sha256', this.secret).update(input).digest('base64url')}`;
	}
}
