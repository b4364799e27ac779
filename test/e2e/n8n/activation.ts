// Whether an active workflow's triggers are actually live in a running n8n.
//
// n8n 2.x (2.41) registers triggers asynchronously through its workflow-publication outbox: a
// workflow published with the CLI before start is only picked up by the publication reconciler
// after start (after n8n prints "Editor is now accessible"), and one activated through the API is
// live a moment after the API answers. Calling its webhook too early gets a 404. The internal
// `GET /rest/workflows/:id/publication-status` says when the triggers are live ('published') or
// failed, with each trigger's error.
// n8n 1.x activates synchronously (at start before the editor URL is printed; through the API
// before it answers) and keeps activation failures at `GET /rest/active-workflows/error/:id`.

import type { N8nLine } from './install';
import { httpJson, N8nHttpError, OwnerSession, sessionHeaders } from './restApi';

export type LiveState = { live: true } | { live: false; pending: boolean; error?: string };

interface PublicationStatus {
	status: 'published' | 'in_progress' | 'not_published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export async function workflowLiveState(
	line: N8nLine,
	baseUrl: string,
	session: OwnerSession,
	workflowId: string,
): Promise<LiveState> {
	const headers = sessionHeaders(session);
	const id = encodeURIComponent(workflowId);
	if (line === '1') {
		const { body } = await httpJson<{ data: string | null }>(
			'GET',
			`${baseUrl}/rest/active-workflows/error/${id}`,
			{
				headers,
			},
		);
		return body?.data ? { live: false, pending: false, error: String(body.data) } : { live: true };
	}
	const { body } = await httpJson<{ data: PublicationStatus }>(
		'GET',
		`${baseUrl}/rest/workflows/${id}/publication-status`,
		{
			headers,
		},
	);
	const { status, triggers } = body.data;
	if (status === 'published') return { live: true };
	if (status === 'failed' || status === 'partial') {
		const errors = triggers
			.filter((t) => t.errorMessage)
			.map((t) => `${t.nodeId}: ${t.errorMessage}`);
		return {
			live: false,
			pending: false,
			error: `publication ${status}: ${errors.join('; ') || 'no trigger error given'}`,
		};
	}
	// 'in_progress', or 'not_published' until the reconciler (every 10 s) enqueues a CLI-published version.
	return { live: false, pending: true };
}

/** Ids of the workflows n8n has as active (public API, `GET /api/v1/workflows?active=true`). */
export async function activeWorkflowIds(baseUrl: string, apiKey: string): Promise<string[]> {
	const ids: string[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ active: 'true', limit: '100' });
		if (cursor) query.set('cursor', cursor);
		const { body } = await httpJson<{ data: Array<{ id: string }>; nextCursor?: string | null }>(
			'GET',
			`${baseUrl}/api/v1/workflows?${query}`,
			{ headers: { 'X-N8N-API-KEY': apiKey } },
		);
		ids.push(...body.data.map((w) => w.id));
		cursor = body.nextCursor ?? undefined;
	} while (cursor);
	return ids;
}

/** Waits until every workflow in `ids` is live; throws on an activation error or at the deadline. */
export async function waitUntilLive(
	line: N8nLine,
	baseUrl: string,
	session: OwnerSession,
	ids: string[],
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (const id of ids) {
		for (;;) {
			let state: LiveState;
			try {
				state = await workflowLiveState(line, baseUrl, session, id);
			} catch (error) {
				if (error instanceof N8nHttpError && error.status === 404) {
					throw new Error(`cannot tell whether workflow ${id} is live: ${error.message}`);
				}
				throw error;
			}
			if (state.live) break;
			if (!state.pending) throw new Error(`workflow ${id} did not activate: ${state.error}`);
			if (Date.now() > deadline)
				throw new Error(`workflow ${id} was not live after ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}
}
