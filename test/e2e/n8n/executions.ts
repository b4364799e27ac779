// Finished executions of a running test n8n, read through the public REST API
// (`GET /api/v1/executions?includeData=true`): a documented, versioned contract that 1.x and 2.x
// share, unlike the SQLite schema and its `flatted`-encoded execution data, which are n8n
// internals (and which a running n8n may still be writing).

import { httpJson } from './restApi';

export type ExecutionStatus =
	| 'success'
	| 'error'
	| 'crashed'
	| 'canceled'
	| 'running'
	| 'waiting'
	| 'new'
	| 'unknown';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: ExecutionStatus;
	finished: boolean;
	/** How it started: 'webhook', 'trigger' (polling/schedule), 'manual', 'cli', 'error', ... */
	mode: string;
	startedAt: string;
	stoppedAt: string | null;
	/** Top-level error message of a failed run (from the run data), when there is one. */
	error?: string;
	/** Node that raised `error`, when known. */
	errorNode?: string;
	lastNodeExecuted?: string;
	/** Raw run data (`data.resultData` etc.) for deeper assertions. */
	data?: ExecutionData;
}

export interface ExecutionData {
	resultData?: {
		error?: { message?: string; description?: string; node?: { name?: string } };
		lastNodeExecuted?: string;
		runData?: Record<string, Array<{ error?: { message?: string }; data?: unknown }>>;
	};
	[key: string]: unknown;
}

interface ApiExecution {
	id: string | number;
	workflowId: string;
	status?: ExecutionStatus;
	finished: boolean;
	mode: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: ExecutionData;
}

/** All executions (newest first), optionally of one workflow, following the API's cursor. */
export async function listExecutions(
	baseUrl: string,
	apiKey: string,
	opts: { workflowId?: string; includeData?: boolean } = {},
): Promise<ExecutionSummary[]> {
	const out: ExecutionSummary[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({
			limit: '100',
			includeData: String(opts.includeData ?? true),
		});
		if (opts.workflowId) query.set('workflowId', opts.workflowId);
		if (cursor) query.set('cursor', cursor);
		const { body } = await httpJson<{ data: ApiExecution[]; nextCursor?: string | null }>(
			'GET',
			`${baseUrl}/api/v1/executions?${query}`,
			{ headers: { 'X-N8N-API-KEY': apiKey } },
		);
		out.push(...body.data.map(summarize));
		cursor = body.nextCursor ?? undefined;
	} while (cursor);
	return out;
}

function summarize(e: ApiExecution): ExecutionSummary {
	const result = e.data?.resultData;
	const nodeError = Object.entries(result?.runData ?? {})
		.map(([node, runs]) => ({ node, message: runs.find((r) => r.error)?.error?.message }))
		.find((x) => x.message);
	const status: ExecutionStatus =
		e.status ?? (e.finished ? 'success' : result?.error ? 'error' : 'unknown');
	return {
		id: String(e.id),
		workflowId: e.workflowId,
		status,
		finished: e.finished,
		mode: e.mode,
		startedAt: e.startedAt,
		stoppedAt: e.stoppedAt,
		error: result?.error?.message ?? nodeError?.message,
		errorNode: result?.error?.node?.name ?? nodeError?.node,
		lastNodeExecuted: result?.lastNodeExecuted,
		data: e.data,
	};
}
