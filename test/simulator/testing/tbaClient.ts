/**
 * Test-only NetSuite client that signs with the `oauth-1.0a` npm library (HMAC-SHA256 via
 * node:crypto) — independent of both the simulator's hand-written verifier and the package's
 * credential, so the three cross-check each other.
 */
import { createHmac } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import OAuth from 'oauth-1.0a';
import type { SimulatorCredentials } from '../types';

export interface HttpResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: any;
}

export interface RequestOptions {
	body?: unknown;
	headers?: Record<string, string>;
	/** Sign with these instead of the credential's (wrong secret, lower-case realm …). */
	realm?: string;
	consumerSecret?: string;
	tokenSecret?: string;
	/** Skip the Authorization header entirely. */
	unsigned?: boolean;
	/** Use this exact Authorization header (replay tests). */
	authorization?: string;
	/** Sign this URL (e.g. a NetSuite host name) while sending to the simulator. */
	signUrl?: string;
	hostHeader?: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function signer(
	creds: SimulatorCredentials,
	overrides: { realm?: string; consumerSecret?: string } = {},
): OAuth {
	return new OAuth({
		consumer: { key: creds.consumerKey, secret: overrides.consumerSecret ?? creds.consumerSecret },
		signature_method: 'HMAC-SHA256',
		hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
		realm: overrides.realm ?? creds.accountId,
	});
}

export function authorizationFor(
	creds: SimulatorCredentials,
	method: string,
	url: string,
	opts: RequestOptions = {},
): string {
	const oauth = signer(creds, { realm: opts.realm, consumerSecret: opts.consumerSecret });
	const data = oauth.authorize(
		{ url, method },
		{ key: creds.tokenId, secret: opts.tokenSecret ?? creds.tokenSecret },
	);
	return oauth.toHeader(data).Authorization;
}

export function rawRequest(
	method: string,
	url: string,
	headers: Record<string, string>,
	body?: string,
): Promise<HttpResult> {
	const u = new URL(url);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method, headers, agent },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed: unknown;
					try {
						parsed = text ? JSON.parse(text) : undefined;
					} catch {
						parsed = undefined;
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parsed });
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

export class TbaClient {
	constructor(readonly creds: SimulatorCredentials) {}

	url(path: string): string {
		return `${this.creds.baseUrl}${path}`;
	}

	request(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
		const url = this.url(path);
		const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
		if (!opts.unsigned)
			headers.Authorization =
				opts.authorization ?? authorizationFor(this.creds, method, opts.signUrl ?? url, opts);
		if (opts.hostHeader) headers.Host = opts.hostHeader;
		let body: string | undefined;
		if (opts.body !== undefined) {
			body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
			headers['Content-Type'] ??= 'application/json';
		}
		return rawRequest(method, url, headers, body);
	}

	get(path: string, opts?: RequestOptions): Promise<HttpResult> {
		return this.request('GET', path, opts);
	}

	suiteql(
		q: string,
		params?: unknown[],
		query = '',
		opts: RequestOptions = {},
	): Promise<HttpResult> {
		return this.request('POST', `/services/rest/query/v1/suiteql${query}`, {
			...opts,
			body: params ? { q, params } : { q },
			headers: { Prefer: 'transient', ...(opts.headers ?? {}) },
		});
	}

	/** Run a SuiteQL query and return its rows, failing loudly on an error answer. */
	async rows(q: string, params?: unknown[], query = ''): Promise<Array<Record<string, string>>> {
		const res = await this.suiteql(q, params, query);
		if (res.status !== 200) throw new Error(`SuiteQL ${res.status}: ${res.text}`);
		return res.json.items.map((r: Record<string, string>) => {
			const { links: _links, ...rest } = r;
			return rest;
		});
	}
}
