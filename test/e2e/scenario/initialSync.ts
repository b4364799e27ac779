// Workflow 1's first poll (at activation, First Run "everything") loads every customer into Postgres
// and Redis and writes its sync-job row.

import assert from 'node:assert/strict';
import { LineContext, waitConsistent } from '../context';
import { WORKFLOW } from '../fixtures';
import { simulatorView } from '../snapshots';

export async function initialTriggerSync(ctx: LineContext): Promise<string> {
	const note = await waitConsistent(ctx, 'customer', { redis: true, timeoutMs: 120_000 });
	const truth = await simulatorView(ctx.control, 'customer');
	const { rows } = await ctx.db.client.query(
		'SELECT * FROM netsuite_sync_jobs WHERE workflow_id = $1 ORDER BY id',
		[WORKFLOW.incremental],
	);
	assert.ok(rows.length >= 1, 'workflow 1 wrote no sync-job row');
	const job = rows[0];
	assert.equal(job.status, 'success');
	assert.equal(job.record_type, 'customer');
	assert.equal(job.trigger, 'poll');
	assert.equal(job.new, truth.live.size, 'new = every live customer');
	assert.equal(
		job.deleted,
		truth.deleted.size,
		'deleted = every deleted customer (soft-deleted rows)',
	);
	assert.equal(job.updated, 0);
	assert.equal(job.failed, 0);
	assert.equal(job.total, truth.live.size + truth.deleted.size);
	assert.ok(
		job.calls > truth.live.size,
		`calls ${job.calls}: one GET per record plus SuiteQL pages`,
	);
	assert.ok(Number(job.duration_ms) > 0, 'duration recorded');
	assert.ok(job.execution_id, 'execution id recorded');
	// Cached with the workflow's TTL (Settings: 86400 s).
	const ttl = await ctx.redis.client.ttl(`netsuite:customer:${[...truth.live.keys()][0]}`);
	assert.ok(ttl > 0 && ttl <= 86_400, `Redis TTL ${ttl}`);
	return `${note}; job #${job.id}: new ${job.new}, deleted ${job.deleted}, ${job.calls} calls, ${job.duration_ms} ms`;
}
