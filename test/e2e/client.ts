// Calls the bundled workflows' webhooks the way an ops script would (with or without the bearer
// secret), and the few n8n operations the test needs beyond the harness.

import type { N8nInstance } from './n8n';
import { httpJson } from './n8n/restApi';
import { WEBHOOK } from './fixtures';
import { waitFor } from './wait';

export interface HttpAnswer<T = any> {
	status: number;
	body: T;
	ms: number;
}

export interface JobStatus {
	jobId: number;
	recordType: string;
	status: 'running' | 'success' | 'failed';
	batches: number;
	total: number;
	new: number;
	updated: number;
	deleted: number;
	unchanged: number;
	failed: number;
	calls: number;
	retries: number;
	hasMore: boolean | null;
	error: string | null;
	executionId: string | null;
	durationMs: number | null;
}

export interface SearchResult {
	id: string;
	recordType: string;
	name: string | null;
	[field: string]: unknown;
}

export interface SearchAnswer {
	source?: 'redis' | 'postgres' | 'netsuite';
	tookMs?: number;
	results?: SearchResult[];
	syncStarted?: string[];
	error?: string;
	details?: string[];
}

export class WorkflowClient {
	constructor(
		private readonly n8n: N8nInstance,
		readonly secret: string,
	) {}

	/** `auth`: true = the right secret, false = no header, or a string = that (wrong) secret. */
	async call<T = any>(
		method: 'GET' | 'POST',
		path: string,
		opts: { body?: unknown; query?: Record<string, string>; auth?: boolean | string } = {},
	): Promise<HttpAnswer<T>> {
		const url = new URL(this.n8n.webhookUrl(path));
		for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
		const headers: Record<string, string> = {};
		const auth = opts.auth ?? true;
		if (auth !== false) headers.authorization = `Bearer ${auth === true ? this.secret : auth}`;
		if (opts.body !== undefined) headers['content-type'] = 'application/json';
		const started = Date.now();
		const response = await fetch(url, {
			method,
			headers,
			body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON (n8n's own auth errors are plain text)
		}
		return { status: response.status, body: body as T, ms: Date.now() - started };
	}

	startSync(body: Record<string, unknown>, auth?: boolean | string) {
		return this.call<{
			jobId: number | null;
			recordType: string;
			status: string;
			started: boolean;
		}>('POST', WEBHOOK.sync, { body, auth });
	}

	jobStatus(jobId: string | number, auth?: boolean | string) {
		return this.call<JobStatus>('GET', WEBHOOK.sync, { query: { jobId: String(jobId) }, auth });
	}

	replay(body: Record<string, unknown>, auth?: boolean | string) {
		return this.call('POST', WEBHOOK.replay, { body, auth });
	}

	lookup(type: string, id: string, auth?: boolean | string) {
		return this.call<{ source?: string; record?: Record<string, unknown>; error?: string }>(
			'GET',
			WEBHOOK.record,
			{ query: { type, id }, auth },
		);
	}

	/** Workflow 9: GET /netsuite/search?type=&q=&limit= (each given one set as is). */
	search(query: { type?: string; q?: string; limit?: string }, auth?: boolean | string) {
		const params = Object.fromEntries(
			Object.entries(query).filter(([, v]) => v !== undefined),
		) as Record<string, string>;
		return this.call<SearchAnswer>('GET', WEBHOOK.search, { query: params, auth });
	}

	/** Polls the status endpoint until the job is no longer running. */
	async waitForJob(jobId: number, timeoutMs = 180_000): Promise<JobStatus> {
		let last: JobStatus | undefined;
		return await waitFor(
			`sync job ${jobId} to finish`,
			async () => {
				const answer = await this.jobStatus(jobId);
				if (answer.status !== 200)
					throw new Error(`GET status answered ${answer.status}: ${JSON.stringify(answer.body)}`);
				last = answer.body;
				return answer.body.status === 'running' ? undefined : answer.body;
			},
			{ timeoutMs, intervalMs: 500, describe: () => JSON.stringify(last) },
		);
	}

	/** Starts a sync (expecting a fresh job) and waits for it to finish. */
	async syncAndWait(body: Record<string, unknown>, timeoutMs?: number): Promise<JobStatus> {
		const answer = await this.startSync(body);
		if (answer.status !== 202 || answer.body.started !== true || !answer.body.jobId) {
			throw new Error(
				`POST ${WEBHOOK.sync} ${JSON.stringify(body)} answered ${answer.status} ${JSON.stringify(answer.body)}`,
			);
		}
		return await this.waitForJob(answer.body.jobId, timeoutMs);
	}
}

/**
 * Makes n8n poll a polling trigger now: deactivate, then activate (n8n polls once at activation,
 * then on its schedule, at most every minute). The trigger's watermark survives this.
 */
export async function pollNow(n8n: N8nInstance, workflowId: string): Promise<void> {
	await httpJson('POST', `${n8n.url}/api/v1/workflows/${workflowId}/deactivate`, {
		headers: { 'X-N8N-API-KEY': await n8n.apiKey() },
	});
	await n8n.activateWorkflow(workflowId);
}
