// At the end: every synced type equals NetSuite, no run is left holding a lease or marked running,
// and the only failed execution and alert are the one the test caused on purpose.

import assert from 'node:assert/strict';
import { assertConsistent, LineContext, waitConsistent } from '../context';
import { WORKFLOW } from '../fixtures';

export async function finalState(ctx: LineContext): Promise<string> {
	const notes = [
		await waitConsistent(ctx, 'customer', { redis: true }),
		await assertConsistent(ctx, 'salesOrder'),
		await assertConsistent(ctx, 'vendor'),
	];
	const running = (
		await ctx.db.client.query(
			"SELECT id, record_type FROM netsuite_sync_jobs WHERE status = 'running' AND workflow_id = $1",
			[WORKFLOW.durable],
		)
	).rows;
	// Workflow 2's own schedule (every 15 min) may be syncing customers right now; nothing else may run.
	assert.deepEqual(
		running.filter((r) => r.record_type !== 'customer'),
		[],
		'no durable job left running',
	);
	const failed = (await ctx.n8n.executions()).filter(
		(e) => e.status !== 'success' && e.status !== 'running',
	);
	const unexpected = failed.filter(
		(e) => !(e.workflowId === WORKFLOW.durable && /e2e: upsert refused/.test(e.error ?? '')),
	);
	assert.deepEqual(
		unexpected.map((e) => `${e.workflowId} #${e.id} ${e.status}: ${e.error} (${e.errorNode})`),
		[],
		'unexpected failed executions',
	);
	assert.equal(
		ctx.receiver.alerts.length,
		1,
		`alerts: ${JSON.stringify(ctx.receiver.alerts.map((a) => (a.body as any)?.text))}`,
	);
	const executions = await ctx.n8n.executions();
	return `${notes.join('; ')}; ${executions.length} executions, ${failed.length} failed (the provoked one)`;
}
