/**
 * Sits between the node and the simulator and refuses chosen requests for good (a locked record,
 * a permission the role lacks) while passing everything else through untouched. The Host header
 * is kept, so the simulator verifies the signature the node made for the proxy's address.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyRule {
	method?: string;
	path: RegExp;
	/** Also match the query string (without the `?`), e.g. /limit=7&/. */
	query?: RegExp;
	status: number;
	body: unknown;
	/** Refuse only this many matching requests, then pass them through. */
	times?: number;
	/** Refuse only when this says so (called once per matching request). */
	when?: () => boolean;
}

/** Runs before a matching request is forwarded: lets a test change NetSuite mid-read, deterministically. */
export interface ProxyHook {
	method?: string;
	path: RegExp;
	/** 1-based index of the matching request to run before; each hook runs once. */
	nth: number;
	run: () => Promise<void>;
}

/** A hook before the nth SuiteQL request (paging a feed: call 1 is the Account Time Zone check's). */
export function beforeSuiteQl(nth: number, run: () => Promise<void>): ProxyHook {
	return { method: 'POST', path: /suiteql$/, nth, run };
}

export class FaultProxy {
	readonly refused: string[] = [];

	private server?: http.Server;

	baseUrl = '';

	private readonly seen = new Map<ProxyRule | ProxyHook, number>();

	constructor(
		private readonly target: string,
		private readonly rules: ProxyRule[],
		private readonly hooks: ProxyHook[] = [],
	) {}

	private matches(
		rule: { method?: string; path: RegExp; query?: RegExp },
		method: string | undefined,
		path: string,
		query = '',
	): boolean {
		return (
			(!rule.method || rule.method === method) &&
			rule.path.test(path) &&
			(!rule.query || rule.query.test(query))
		);
	}

	async start(): Promise<this> {
		const target = new URL(this.target);
		this.server = http.createServer(async (req, res) => {
			const url = req.url ?? '/';
			const [path, query = ''] = url.split('?');
			for (const hook of this.hooks) {
				if (!this.matches(hook, req.method, path, query)) continue;
				const count = (this.seen.get(hook) ?? 0) + 1;
				this.seen.set(hook, count);
				if (count === hook.nth) await hook.run();
			}
			const rule = this.rules.find((r) => {
				if (!this.matches(r, req.method, path, query)) return false;
				const count = (this.seen.get(r) ?? 0) + 1;
				this.seen.set(r, count);
				if (r.when) return r.when();
				return r.times === undefined || count <= r.times;
			});
			if (rule) {
				this.refused.push(`${req.method} ${url.split('?')[0]}`);
				req.resume();
				res.writeHead(rule.status, {
					'Content-Type': 'application/vnd.oracle.resource+json; type=error',
				});
				res.end(JSON.stringify(rule.body));
				return;
			}
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: url,
					headers: req.headers,
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.on('error', () => res.destroy());
			req.pipe(upstream);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	/** Fails the second SuiteQL request from now on, once (a poll that breaks midway). */
	armSecondSuiteQlFailure(): void {
		let count = 0;
		this.rules.push({
			method: 'POST',
			path: /suiteql$/,
			status: 400,
			get times() {
				return undefined;
			},
			body: {
				title: 'Bad Request',
				status: 400,
				'o:errorDetails': [
					{ detail: 'Simulated failure on page 2', 'o:errorCode': 'INVALID_PARAMETER' },
				],
			},
			when: () => ++count === 2,
		} as ProxyRule);
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}
}

export const UNEXPECTED_ERROR = {
	type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
	title: 'Internal Server Error',
	status: 500,
	'o:errorDetails': [
		{
			detail: 'An unexpected error occurred. Error ID: locked-record',
			'o:errorCode': 'UNEXPECTED_ERROR',
		},
	],
};

export const RECORD_LOCKED = {
	type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
	title: 'Bad Request',
	status: 400,
	'o:errorDetails': [
		{
			detail: 'Record has been changed by another user and is locked.',
			'o:errorCode': 'RCRD_LOCKED_BY_WF',
		},
	],
};
