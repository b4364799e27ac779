// HTTP access to a running test n8n: the owner account (set up on a fresh instance through
// `POST /rest/owner/setup`, which both 1.x and 2.x have), a session cookie for the internal REST
// API (what the editor, and headless Chromium for screenshots, uses), and an API key for the
// public REST API (`/api/v1`), n8n's documented and versioned interface, used here to read
// executions and to activate workflows while n8n runs.

export interface OwnerCredentials {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The throwaway instance's owner (password satisfies n8n's rules: 8+ chars, a digit, an upper-case letter). */
export const TEST_OWNER: Readonly<OwnerCredentials> = {
	email: 'owner@e2e.test',
	password: 'E2e-Owner-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

export interface OwnerSession {
	owner: OwnerCredentials;
	/** `Cookie` header value carrying n8n's auth cookie (`n8n-auth=…`). */
	cookie: string;
	/** n8n ties a session to a browser id header; send it with the cookie. */
	browserId: string;
}

export class N8nHttpError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${url} -> ${status}: ${body.slice(0, 500)}`);
		this.name = 'N8nHttpError';
	}
}

const BROWSER_ID = 'n8n-nodes-netsuite-sync-e2e';

export async function httpJson<T>(
	method: string,
	url: string,
	init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
	const response = await fetch(url, {
		method,
		headers: {
			accept: 'application/json',
			...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
			...init.headers,
		},
		body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
	});
	const text = await response.text();
	if (!response.ok) throw new N8nHttpError(method, url, response.status, text);
	return {
		status: response.status,
		body: (text ? JSON.parse(text) : undefined) as T,
		headers: response.headers,
	};
}

function authCookie(headers: Headers): string {
	// Node's fetch exposes each Set-Cookie separately through getSetCookie().
	const all =
		typeof headers.getSetCookie === 'function'
			? headers.getSetCookie()
			: [headers.get('set-cookie') ?? ''];
	const cookie = all.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	if (!cookie)
		throw new Error(`n8n answered without an n8n-auth cookie (got: ${all.join(' | ') || 'none'})`);
	return cookie;
}

/**
 * Logs in as the owner, creating the owner first when the instance has none yet
 * (`GET /rest/settings` reports `userManagement.showSetupOnFirstLoad` on a fresh instance).
 */
export async function ownerSession(
	baseUrl: string,
	owner: OwnerCredentials = TEST_OWNER,
): Promise<OwnerSession> {
	const headers = { 'browser-id': BROWSER_ID };
	const settings = await httpJson<{
		data: { userManagement?: { showSetupOnFirstLoad?: boolean } };
	}>('GET', `${baseUrl}/rest/settings`, { headers });
	const response = settings.body.data.userManagement?.showSetupOnFirstLoad
		? await httpJson('POST', `${baseUrl}/rest/owner/setup`, { body: owner, headers })
		: await httpJson('POST', `${baseUrl}/rest/login`, {
				// 1.x and 2.x call the field emailOrLdapLoginId; unknown keys are ignored.
				body: { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
				headers,
			});
	return { owner, cookie: authCookie(response.headers), browserId: BROWSER_ID };
}

export function sessionHeaders(session: OwnerSession): Record<string, string> {
	return { cookie: session.cookie, 'browser-id': session.browserId };
}

/**
 * Creates a public-API key for the owner with every scope the owner's role may have
 * (`GET /rest/api-keys/scopes`; where that does not exist, a key without explicit scopes).
 */
export async function createApiKey(
	baseUrl: string,
	session: OwnerSession,
	label = 'e2e',
): Promise<string> {
	const headers = sessionHeaders(session);
	let scopes: string[] | undefined;
	try {
		scopes = (
			await httpJson<{ data: string[] }>('GET', `${baseUrl}/rest/api-keys/scopes`, { headers })
		).body.data;
	} catch (error) {
		if (!(error instanceof N8nHttpError) || error.status !== 404) throw error;
	}
	const created = await httpJson<{ data: { rawApiKey?: string; apiKey?: string } }>(
		'POST',
		`${baseUrl}/rest/api-keys`,
		{
			body: { label: `${label}-${Date.now()}`, expiresAt: null, ...(scopes ? { scopes } : {}) },
			headers,
		},
	);
	const key = created.body.data.rawApiKey ?? created.body.data.apiKey;
	if (!key) throw new Error(`POST /rest/api-keys returned no key: ${JSON.stringify(created.body)}`);
	return key;
}
