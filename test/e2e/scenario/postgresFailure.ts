// The Postgres upsert fails in the middle of a durable run (a trigger raises for one record of the
// second batch): the failure-alert workflow posts a Slack-style alert to a local receiver and marks
// the job failed; only the first batch and its cursor were committed; after the cause is removed,
// the next run resumes from that cursor and stores the rest — nothing lost, nothing counted twice.

import assert from 'node:assert/strict';
import { assertConsistent, feedOrder, jobRow, LineContext } from '../context';
import { WORKFLOW } from '../fixtures';

const BATCH = 100;

export async function upsertFailureAlertsAndResumes(ctx: LineContext): Promise<string> {
	const c = ctx.control;
	const existing = new Set((await c.records('vendor')).map((r) => r.id));
	for (let i = 0; i < 220; i++) await c.createRecord('vendor', { companyName: `E2E Vendor ${i}` });
	const order = await feedOrder(ctx, 'vendor');
	const poison = order[BATCH + 50]; // in the second batch, a record created just now (unambiguous order)
	assert.ok(!existing.has(poison.id), 'the poisoned vendor is one created by the test');
	const db = ctx.db.client;
	await db.query(`CREATE OR REPLACE FUNCTION e2e_refuse_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'e2e: upsert refused for % %', NEW.record_type, NEW.id; END $$`);
	await db.query(`CREATE TRIGGER e2e_refuse_upsert BEFORE INSERT OR UPDATE ON netsuite_records FOR EACH ROW
		WHEN (NEW.record_type = 'vendor' AND NEW.id = '${poison.id}') EXECUTE FUNCTION e2e_refuse_upsert()`);

	const since = Date.now();
	let failedJob: number;
	let alert;
	try {
		const start = await ctx.client.startSync({ recordType: 'vendor', batchSize: BATCH });
		assert.equal(start.status, 202, JSON.stringify(start.body));
		failedJob = start.body.jobId!;
		alert = await ctx.receiver.waitFor(
			(a) => (a.body as any)?.metadata?.event_payload?.jobIds?.includes(failedJob),
			{ since, timeoutMs: 120_000 },
		);
	} finally {
		await db.query('DROP TRIGGER IF EXISTS e2e_refuse_upsert ON netsuite_records');
	}

	// The alert: Slack-compatible, naming the workflow, error, node, execution and job.
	const body = alert.body as any;
	const info = body.metadata.event_payload;
	assert.equal(typeof body.text, 'string');
	assert.ok(Array.isArray(body.blocks) && body.blocks.length > 0, 'Slack blocks');
	assert.match(body.text, /NetSuite 2 · Durable batch sync/);
	assert.equal(info.workflowId, WORKFLOW.durable);
	assert.match(info.error, new RegExp(`e2e: upsert refused for vendor ${poison.id}`));
	assert.equal(info.node, 'Commit batch');
	assert.equal(info.recordType, 'vendor');
	assert.ok(info.executionId, 'execution to retry');
	assert.equal(info.recorded, true);

	// The job is failed with the error, its lease released; only batch 1 and its cursor are committed.
	const job = await jobRow(ctx, failedJob);
	assert.equal(job.status, 'failed');
	assert.match(job.error, /e2e: upsert refused/);
	assert.equal(job.error_node, 'Commit batch');
	assert.equal(job.execution_id, String(info.executionId));
	assert.equal(job.batches, 1);
	assert.equal(job.new, BATCH);
	assert.deepEqual(
		(await db.query("SELECT * FROM netsuite_sync_locks WHERE record_type = 'vendor'")).rows,
		[],
		'lease released',
	);
	const cursor = (
		await db.query("SELECT cursor FROM netsuite_sync_state WHERE record_type = 'vendor'")
	).rows[0].cursor;
	assert.equal(cursor.id, order[BATCH - 1].id, 'the cursor is where batch 1 ended');
	const stored = (
		await db.query("SELECT id FROM netsuite_records WHERE record_type = 'vendor'")
	).rows
		.map((r) => r.id)
		.sort();
	assert.deepEqual(
		stored,
		order
			.slice(0, BATCH)
			.map((r) => r.id)
			.sort(),
		'exactly batch 1 is stored',
	);

	// Recovery: the next run resumes after batch 1 and stores the rest.
	const resumed = await ctx.client.syncAndWait({ recordType: 'vendor', batchSize: BATCH });
	assert.equal(resumed.status, 'success', JSON.stringify(resumed));
	assert.ok(resumed.batches >= 2, JSON.stringify(resumed));
	assert.equal(
		job.new + resumed.new,
		order.length,
		'every vendor inserted exactly once across both runs',
	);
	const note = await assertConsistent(ctx, 'vendor');
	const alertRuns = (await ctx.n8n.executions(WORKFLOW.alert)).filter(
		(e) => e.status === 'success',
	);
	assert.ok(alertRuns.length >= 1, 'the failure-alert workflow ran');
	return `alert received ${alert.at - since} ms after start; job ${failedJob} failed at batch 2 (cursor after ${BATCH}); resumed job ${resumed.jobId} stored ${resumed.new} more; ${note}`;
}
