/**
 * One NetSuite Account ID, as users paste it, gives the OAuth realm and both API hosts.
 *
 * Sandbox and release-preview accounts are the trap: the realm must be upper case with an
 * underscore (`1234567_SB1`) while the host is lower case with a hyphen
 * (`1234567-sb1.suitetalk.api.netsuite.com`). A lower-case realm fails as "Invalid login attempt"
 * (netsuite-upload-org/netsuite-upload#38, ehmad11/netsuite-rest#15).
 */
import { ParameterError } from './parameterError';

export interface AccountEndpoints {
	/** OAuth 1.0a realm: `1234567_SB1`. */
	realm: string;
	/** REST web services root, no trailing slash: `https://1234567-sb1.suitetalk.api.netsuite.com`. */
	restBaseUrl: string;
	/** RESTlet root, no trailing slash: `https://1234567-sb1.restlets.api.netsuite.com`. */
	restletBaseUrl: string;
}

// transport/ still imports it under this name.

const ACCOUNT_PATTERN = /^[A-Z0-9]+(_[A-Z0-9]+)?$/;

/** `' 1234567-sb1 '`, `'https://1234567-sb1.app.netsuite.com/app/center'`, `'1234567_sb1'` → `'1234567_SB1'`. */
export function normalizeAccountId(raw: unknown): string {
	const pasted = typeof raw === 'string' ? raw.trim() : '';
	if (pasted === '') {
		throw new ParameterError(
			'accountId',
			'Account ID is empty. Enter your NetSuite Account ID as shown under Setup > Company > Company Information (for example 1234567 or 1234567_SB1).',
		);
	}
	let candidate = pasted;
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate) || candidate.includes('.')) {
		// A pasted URL or host name: the account is the first label of the host.
		const host = candidate.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#:]/)[0];
		candidate = host.split('.')[0];
	}
	const realm = candidate.replace(/\s+/g, '').replace(/-/g, '_').toUpperCase();
	if (!ACCOUNT_PATTERN.test(realm)) {
		throw new ParameterError(
			'accountId',
			`Account ID "${pasted.slice(0, 40)}" is not a NetSuite account ID. Use the ID from Setup > Company > Company Information, for example 1234567, 1234567_SB1 or TSTDRV1234567.`,
		);
	}
	return realm;
}

/** Host label as NetSuite's domains spell it: lower case, hyphen. */
export function accountHostLabel(realm: string): string {
	return realm.toLowerCase().replace(/_/g, '-');
}

/** Checks an optional base URL override and returns it without a trailing slash. */
export function normalizeBaseUrl(raw: unknown, field: string, label: string): string | undefined {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') return undefined;
	if (!/^https?:\/\//i.test(value)) {
		throw new ParameterError(
			field,
			`${label} "${value.slice(0, 80)}" has no scheme. Start it with https:// (copy it from Setup > Company > Company Information > Company URLs).`,
		);
	}
	let parsed: URL | undefined;
	try {
		parsed = new URL(value);
	} catch {
		parsed = undefined;
	}
	if (!parsed)
		throw new ParameterError(field, `${label} "${value.slice(0, 80)}" is not a valid URL.`);
	if (parsed.search || parsed.hash) {
		throw new ParameterError(field, `${label} must not contain a query string or fragment.`);
	}
	return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/\/+$/, '');
}

export function resolveAccountEndpoints(settings: {
	accountId?: unknown;
	baseUrl?: unknown;
	restletBaseUrl?: unknown;
}): AccountEndpoints {
	const realm = normalizeAccountId(settings.accountId);
	const label = accountHostLabel(realm);
	const restBaseOverride = normalizeBaseUrl(settings.baseUrl, 'baseUrl', 'Base URL');
	const restletOverride = normalizeBaseUrl(
		settings.restletBaseUrl,
		'restletBaseUrl',
		'RESTlet Base URL',
	);
	const restBaseUrl = restBaseOverride ?? `https://${label}.suitetalk.api.netsuite.com`;
	return {
		realm,
		restBaseUrl,
		restletBaseUrl:
			restletOverride ?? restBaseOverride ?? `https://${label}.restlets.api.netsuite.com`,
	};
}

/**
 * The URL a credential's `authenticate` signs or sends: n8n hands it the path the caller gave and,
 * when the caller had one, a base URL. `base` is only asked for when the URL is relative.
 */
export function absoluteUrl(url: string, base: () => string): string {
	if (/^https?:\/\//i.test(url)) return url;
	return `${base().replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}
