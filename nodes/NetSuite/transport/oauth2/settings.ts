/**
 * The OAuth 2.0 client-credentials (M2M) credential, checked before any request: IDs present, the
 * private key a readable PEM that fits the chosen algorithm (RSA ≥ 3072 bits for PS*, the matching
 * EC curve for ES*), scopes known. Errors are ParameterErrors naming the field and the fix;
 * none of them ever quotes the key.
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { resolveAccountEndpoints } from '../../account';
import { ParameterError } from '../../parameterError';
import type { AccountEndpoints } from '../../account';

/** The credential type n8n knows this method by. */

/** Where the client-credentials grant is exchanged for an access token, under the REST base URL. */
export const M2M_ENDPOINT_PATH = '/services/rest/auth/oauth2/v1/token';

const M2M_ALGORITHMS = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
export type M2mAlgorithm = (typeof M2M_ALGORITHMS)[number];

export const M2M_SCOPES = ['rest_webservices', 'restlets', 'suite_analytics'] as const;
export type M2mScope = (typeof M2M_SCOPES)[number];
export const DEFAULT_M2M_SCOPES: M2mScope[] = ['rest_webservices', 'restlets'];

interface AlgorithmSpec {
	kind: 'rsa' | 'ec';
	hash: 'sha256' | 'sha384' | 'sha512';
	/** Digest length: the RSA-PSS salt length, and half an ECDSA JOSE signature (rounded up for P-521). */
	bytes: number;
	/** OpenSSL name of the curve an ES* key must use, and how people know it. */
	curve?: string;
	curveLabel?: string;
}

export const ALGORITHM_SPECS: Record<M2mAlgorithm, AlgorithmSpec> = {
	PS256: { kind: 'rsa', hash: 'sha256', bytes: 32 },
	PS384: { kind: 'rsa', hash: 'sha384', bytes: 48 },
	PS512: { kind: 'rsa', hash: 'sha512', bytes: 64 },
	ES256: { kind: 'ec', hash: 'sha256', bytes: 32, curve: 'prime256v1', curveLabel: 'P-256' },
	ES384: { kind: 'ec', hash: 'sha384', bytes: 48, curve: 'secp384r1', curveLabel: 'P-384' },
	ES512: { kind: 'ec', hash: 'sha512', bytes: 66, curve: 'secp521r1', curveLabel: 'P-521' },
};

const CURVE_ALGORITHM: Record<string, M2mAlgorithm> = {
	prime256v1: 'ES256',
	secp384r1: 'ES384',
	secp521r1: 'ES512',
};
const CURVE_LABEL: Record<string, string> = {
	prime256v1: 'P-256',
	secp384r1: 'P-384',
	secp521r1: 'P-521',
	secp256k1: 'secp256k1',
};

const MIN_RSA_BITS = 3072;

export interface M2mSettings {
	endpoints: AccountEndpoints;
	clientId: string;
	certificateId: string;
	algorithm: M2mAlgorithm;
	scopes: M2mScope[];
	/** Never logged, never part of a cache key or an error. */
	privateKey: KeyObject;
	/** SHA-256 of the public half (SPKI DER), shortened: tells keys apart without revealing them. */
	keyFingerprint: string;
	/** `<REST base>/services/rest/auth/oauth2/v1/token`; also the assertion's `aud`. */
	tokenUrl: string;
	/** Which in-memory token belongs to this credential: account, URL, client, certificate, scopes, key. */
	cacheKey: string;
}

function requiredId(value: unknown, field: string, label: string, where: string): string {
	const text = typeof value === 'string' ? value : '';
	if (text.trim() === '') {
		throw new ParameterError(field, `${label} is empty. ${where}`);
	}
	if (/\s/.test(text.trim())) {
		throw new ParameterError(
			field,
			`${label} contains spaces or line breaks. Paste it again as one value. ${where}`,
		);
	}
	return text.trim();
}

function readAlgorithm(value: unknown): M2mAlgorithm {
	const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if ((M2M_ALGORITHMS as readonly string[]).includes(text)) return text as M2mAlgorithm;
	if (text === 'RS256' || text === 'RS384' || text === 'RS512') {
		throw new ParameterError(
			'algorithm',
			`Algorithm ${text} (RSA PKCS#1 v1.5) is no longer accepted by NetSuite. Choose PS256, PS384 or PS512 for an RSA key, or ES256, ES384 or ES512 for an EC key.`,
		);
	}
	throw new ParameterError(
		'algorithm',
		`Algorithm "${String(value ?? '').slice(0, 20)}" is not one NetSuite accepts. Choose one of ${M2M_ALGORITHMS.join(', ')}.`,
	);
}

function readScopes(value: unknown): M2mScope[] {
	const raw =
		value === undefined || value === null
			? DEFAULT_M2M_SCOPES
			: Array.isArray(value)
				? value.map(String)
				: String(value).split(/[\s,]+/);
	const scopes = [...new Set(raw.map((s) => s.trim()).filter(Boolean))];
	if (scopes.length === 0) {
		throw new ParameterError(
			'scopes',
			'Scopes is empty. Choose at least REST Web Services (records and SuiteQL) and, for RESTlets, RESTlets — the same scopes as on the integration record.',
		);
	}
	const unknown = scopes.filter((s) => !(M2M_SCOPES as readonly string[]).includes(s));
	if (unknown.length > 0) {
		throw new ParameterError(
			'scopes',
			`Scopes contains ${unknown.map((s) => `"${s.slice(0, 30)}"`).join(', ')}, which NetSuite does not know. Use ${M2M_SCOPES.join(', ')}.`,
		);
	}
	return scopes as M2mScope[];
}

const PEM_HELP =
	'Paste the whole private key file, from the -----BEGIN PRIVATE KEY----- line to the -----END PRIVATE KEY----- line (PKCS#8; "RSA PRIVATE KEY" and "EC PRIVATE KEY" files work too).';

/**
 * The private key block of what was pasted, re-wrapped: a password field may have turned line
 * breaks into spaces or dropped them, and keys kept in environment variables carry literal `\n`.
 */
export function normalizePrivateKeyPem(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.replace(/\\r\\n|\\n|\\r/g, '\n').trim() : '';
	if (text === '') {
		throw new ParameterError('privateKey', `Private Key is empty. ${PEM_HELP}`);
	}
	const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
	if (blocks.length === 0) {
		throw new ParameterError('privateKey', `Private Key is not in PEM format. ${PEM_HELP}`);
	}
	const labels = blocks.map((b) => b[1]);
	if (labels.includes('ENCRYPTED PRIVATE KEY') || /Proc-Type:\s*4,ENCRYPTED/i.test(text)) {
		throw new ParameterError(
			'privateKey',
			'Private Key is protected by a passphrase, which n8n cannot enter. Export it without one: openssl pkcs8 -topk8 -nocrypt -in encrypted.pem -out private.pem, and paste that.',
		);
	}
	const block = blocks.find((b) => /^(RSA |EC )?PRIVATE KEY$/.test(b[1]));
	if (!block) {
		const what = labels.some((l) => l === 'CERTIFICATE')
			? 'a certificate'
			: labels.some((l) => l.includes('PUBLIC KEY'))
				? 'a public key'
				: `a PEM "${labels[0].slice(0, 30)}" block`;
		throw new ParameterError(
			'privateKey',
			`Private Key holds ${what}, not a private key. The certificate is what you upload to NetSuite; here paste the private key it was made from. ${PEM_HELP}`,
		);
	}
	const base64 = block[2].replace(/\s+/g, '');
	if (base64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
		throw new ParameterError(
			'privateKey',
			`Private Key has characters that do not belong in a PEM key between its BEGIN and END lines. ${PEM_HELP}`,
		);
	}
	const lines = base64.match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${block[1]}-----\n${lines.join('\n')}\n-----END ${block[1]}-----\n`;
}

function describeKey(key: KeyObject): string {
	const type = key.asymmetricKeyType;
	const details = key.asymmetricKeyDetails ?? {};
	if (type === 'rsa' || type === 'rsa-pss') return `a ${details.modulusLength ?? '?'}-bit RSA key`;
	if (type === 'ec') {
		const curve = details.namedCurve ?? '';
		return `an EC ${CURVE_LABEL[curve] ?? curve} key`;
	}
	return `an ${String(type).toUpperCase()} key`;
}

/** Reads the key and refuses one that NetSuite would refuse for the chosen algorithm. */
function loadSigningKey(raw: unknown, algorithm: M2mAlgorithm): KeyObject {
	const pem = normalizePrivateKeyPem(raw);
	let key: KeyObject | undefined;
	try {
		key = createPrivateKey({ key: pem, format: 'pem' });
	} catch {
		// OpenSSL's reason says nothing useful to a user and must not be echoed with the key around it.
		key = undefined;
	}
	if (!key) {
		throw new ParameterError(
			'privateKey',
			`Private Key could not be read: the text between the BEGIN and END lines is incomplete or damaged. ${PEM_HELP}`,
		);
	}
	const spec = ALGORITHM_SPECS[algorithm];
	const type = key.asymmetricKeyType;
	const details = key.asymmetricKeyDetails ?? {};
	const isRsa = type === 'rsa' || type === 'rsa-pss';
	if (type !== 'ec' && !isRsa) {
		throw new ParameterError(
			'privateKey',
			`Private Key is ${describeKey(key)}. NetSuite accepts RSA keys of 3072 or 4096 bits (PS256, PS384, PS512) and EC keys on P-256, P-384 or P-521 (ES256, ES384, ES512).`,
		);
	}
	if (spec.kind === 'ec' && isRsa) {
		throw new ParameterError(
			'algorithm',
			`Algorithm ${algorithm} needs an EC ${spec.curveLabel} key, but Private Key is ${describeKey(key)}. For an RSA key choose PS256, PS384 or PS512.`,
		);
	}
	if (spec.kind === 'rsa' && type === 'ec') {
		const fits = CURVE_ALGORITHM[details.namedCurve ?? ''];
		throw new ParameterError(
			'algorithm',
			`Algorithm ${algorithm} needs an RSA key, but Private Key is ${describeKey(key)}. ${fits ? `For this key choose ${fits}.` : 'NetSuite accepts EC keys on P-256, P-384 or P-521 only.'}`,
		);
	}
	if (spec.kind === 'ec' && details.namedCurve !== spec.curve) {
		const fits = CURVE_ALGORITHM[details.namedCurve ?? ''];
		throw new ParameterError(
			'algorithm',
			`Algorithm ${algorithm} needs an EC ${spec.curveLabel} key, but Private Key is ${describeKey(key)}. ${fits ? `For this key choose ${fits}.` : 'NetSuite accepts EC keys on P-256 (ES256), P-384 (ES384) or P-521 (ES512) only; generate a new key.'}`,
		);
	}
	if (isRsa) {
		const bits = details.modulusLength ?? 0;
		if (bits < MIN_RSA_BITS) {
			throw new ParameterError(
				'privateKey',
				`Private Key is a ${bits}-bit RSA key; NetSuite requires RSA keys of at least 3072 bits. Generate a new key and certificate (openssl req -new -x509 -newkey rsa:3072 -nodes -keyout private.pem -out public.pem -days 730), upload the certificate in NetSuite and paste the new private key here.`,
			);
		}
		if (type === 'rsa-pss' && details.hashAlgorithm && details.hashAlgorithm !== spec.hash) {
			throw new ParameterError(
				'algorithm',
				`Private Key is an RSA-PSS key restricted to ${details.hashAlgorithm.toUpperCase()}, which does not fit Algorithm ${algorithm}. Choose the PS algorithm with that hash (PS${details.hashAlgorithm.replace(/\D/g, '')}).`,
			);
		}
	}
	return key;
}

function keyFingerprint(key: KeyObject): string {
	const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
	return createHash('sha256').update(spki).digest('hex').slice(0, 32);
}

/** Everything the transport and the credential need to get a token, or an ParameterError. */
export function readM2mSettings(
	credentials: ICredentialDataDecryptedObject,
	endpoints: AccountEndpoints = resolveAccountEndpoints(credentials),
): M2mSettings {
	const clientId = requiredId(
		credentials.clientId,
		'clientId',
		'Client ID',
		'Copy it from the integration record (Setup > Integration > Manage Integrations); NetSuite shows it once, when the integration is saved.',
	);
	const certificateId = requiredId(
		credentials.certificateId,
		'certificateId',
		'Certificate ID',
		'Copy it from Setup > Integration > OAuth 2.0 Client Credentials (M2M) Setup, the mapping that holds your certificate.',
	);
	const algorithm = readAlgorithm(credentials.algorithm ?? 'PS256');
	const scopes = readScopes(credentials.scopes);
	const privateKey = loadSigningKey(credentials.privateKey, algorithm);
	const fingerprint = keyFingerprint(privateKey);
	const tokenUrl = `${endpoints.restBaseUrl}${M2M_ENDPOINT_PATH}`;
	return {
		endpoints,
		clientId,
		certificateId,
		algorithm,
		scopes,
		privateKey,
		keyFingerprint: fingerprint,
		tokenUrl,
		cacheKey: JSON.stringify([
			endpoints.realm,
			tokenUrl,
			clientId,
			certificateId,
			[...scopes].sort(),
			fingerprint,
		]),
	};
}
