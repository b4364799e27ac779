// Unattended operation: workflow 1 picks a change up on its own minute schedule (no forced poll), and
// a durable run that crashed (its lease left behind, its job still "running") does not block the
// record type beyond its lease: the next request takes the lease over and marks the crashed job failed.

import assert from 'node:assert/strict';
import { assertConsistent, jobRow, LineContext, waitConsistent } from '../context';
import { WORKFLOW } from '../fixtures';
import { pick } from './changes';

export async function triggerPollsOnSchedule(ctx: LineContext): Promise<string> {
	const since = Date.now();
	for (const id of await pick(ctx, 'customer', 80, 3))
		await ctx.control.updateRecord('customer', id, { companyName: `Scheduled ${id}` });
	// n8n polls at most once a minute: allow for a full minute plus the poll itself.
	const note = await waitConsistent(ctx, 'customer', { redis: true, timeoutMs: 100_000 });
	const polls = (await ctx.n8n.executions(WORKFLOW.incremental)).filter(
		(e) => e.mode === 'trigger' && Date.parse(e.startedAt) >= since,
	);
	assert.ok(polls.length >= 1, 'no scheduled poll execution');
	return `picked up by a scheduled poll ${((Date.parse(polls[polls.length - 1].startedAt) - since) / 1000).toFixed(0)} s after the change; ${note}`;
}

export async function crashedLeaseIsTakenOver(ctx: LineContext): Promise<string> {
	const db = ctx.db.client;
	// What a run killed mid-way leaves behind: a running job and its lease (here already expired).
	const crashed = (
		await db.query(
			"INSERT INTO netsuite_sync_jobs (workflow, record_type, trigger, workflow_id, execution_id) VALUES ('NetSuite 2 · Durable batch sync', 'salesOrder', 'webhook', $1, 'crashed-run') RETURNING id",
			[WORKFLOW.durable],
		)
	).rows[0].id;
	await db.query(
		"INSERT INTO netsuite_sync_locks (record_type, job_id, locked_until) VALUES ('salesOrder', $1, now() + interval '1 hour')",
		[crashed],
	);
	const blocked = await ctx.client.startSync({ recordType: 'salesOrder' });
	assert.equal(blocked.status, 202);
	assert.deepEqual(
		[blocked.body.started, String(blocked.body.jobId)],
		[false, String(crashed)],
		'a live lease blocks a second run',
	);

	await db.query(
		"UPDATE netsuite_sync_locks SET locked_until = now() - interval '1 second' WHERE record_type = 'salesOrder'",
	);
	const job = await ctx.client.syncAndWait({ recordType: 'salesOrder' });
	assert.equal(job.status, 'success', JSON.stringify(job));
	const old = await jobRow(ctx, crashed);
	assert.equal(old.status, 'failed');
	assert.match(old.error, /lease expired/);
	const note = await assertConsistent(ctx, 'salesOrder');
	return `live lease → 202 with the crashed job ${crashed}; expired → job ${job.jobId} ran, ${crashed} marked failed ("${old.error}"); ${note}`;
}
