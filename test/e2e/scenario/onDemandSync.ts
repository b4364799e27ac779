// Workflow 3 starts workflow 2 (the durable sync): 202 with a job id at once, the same job id for a
// second request while it runs, status by GET; "force" re-reads everything, "since" rewinds.

import assert from 'node:assert/strict';
import { assertConsistent, LineContext } from '../context';
import { WORKFLOW } from '../fixtures';
import { simulatorView } from '../snapshots';

export async function startAndFollowJob(ctx: LineContext): Promise<string> {
	const truth = await simulatorView(ctx.control, 'salesOrder');
	// Slow NetSuite down so the run is certainly still going when the second request arrives.
	await ctx.control.setLatency({ latencyMs: 100 });
	const first = await ctx.client.startSync({ recordType: 'salesOrder' });
	const second = await ctx.client.startSync({ recordType: 'salesOrder' });
	const running = await ctx.client.jobStatus(first.body.jobId ?? 0);
	await ctx.control.setLatency({ latencyMs: 0 });

	assert.equal(first.status, 202, JSON.stringify(first.body));
	assert.equal(first.body.started, true);
	assert.ok(Number.isInteger(first.body.jobId), `job id: ${JSON.stringify(first.body)}`);
	assert.ok(first.ms < 5000, `answered in ${first.ms} ms, not at once`);
	assert.equal(second.status, 202, JSON.stringify(second.body));
	assert.equal(
		second.body.started,
		false,
		'a second request while one runs must not start another',
	);
	assert.equal(second.body.jobId, first.body.jobId, 'the second request gets the running job id');
	assert.equal(running.status, 200);
	assert.equal(running.body.jobId, first.body.jobId);

	const job = await ctx.client.waitForJob(first.body.jobId!);
	assert.equal(job.status, 'success', JSON.stringify(job));
	assert.equal(job.recordType, 'salesOrder');
	assert.equal(job.new, truth.live.size);
	assert.equal(job.deleted, truth.deleted.size);
	assert.equal(job.failed, 0);
	assert.equal(job.total, truth.live.size + truth.deleted.size);
	assert.ok(
		job.calls > truth.live.size && job.batches >= 1 && (job.durationMs ?? 0) > 0,
		JSON.stringify(job),
	);
	const note = await assertConsistent(ctx, 'salesOrder');

	// Exactly one durable run came of the two requests.
	const runs = await ctx.n8n.waitForExecutions(
		(list) => list.some((e) => e.mode === 'integrated' && e.status !== 'running'),
		{
			workflowId: WORKFLOW.durable,
			timeoutMs: 30_000,
		},
	);
	const integrated = runs.filter((e) => e.mode === 'integrated');
	assert.equal(
		integrated.length,
		1,
		`durable sync runs: ${JSON.stringify(integrated.map((e) => e.id))}`,
	);
	assert.equal(integrated[0].status, 'success');

	const unknown = await ctx.client.jobStatus(987654321);
	assert.equal(unknown.status, 404);
	return `202 in ${first.ms} ms (job ${first.body.jobId}), second request → same job; ${note}; ${job.calls} calls, ${job.batches} batch(es)`;
}

export async function forceAndSince(ctx: LineContext): Promise<string> {
	const truth = await simulatorView(ctx.control, 'salesOrder');
	const forced = await ctx.client.syncAndWait({ recordType: 'salesOrder', force: true });
	assert.equal(forced.status, 'success', JSON.stringify(forced));
	// Everything read again; nothing in Postgres changes (idempotent upsert).
	assert.equal(forced.total, truth.live.size + truth.deleted.size, JSON.stringify(forced));
	assert.equal(forced.unchanged, forced.total);
	assert.equal(forced.new + forced.updated + forced.deleted, 0);

	// since rewinds the cursor (never forwards): what changed since then, plus the 10-minute lookback,
	// is read again. Deletions have their own position, rewound only if it is later than since.
	const now = Date.parse(await ctx.control.now());
	const since = new Date(Math.floor((now - 7 * 24 * 3600_000) / 1000) * 1000);
	const state = (
		await ctx.db.client.query(
			"SELECT cursor FROM netsuite_sync_state WHERE record_type = 'salesOrder'",
		)
	).rows[0].cursor;
	const lookback = 10 * 60_000;
	const recordsFrom = since.getTime() - lookback;
	const deletionsFrom =
		Math.min(since.getTime(), state.deletedSince ? Date.parse(state.deletedSince) : Infinity) -
		lookback;
	const records = await ctx.control.records('salesOrder');
	const deletions = (await ctx.control.deletedRecords()).filter((d) => d.type === 'salesOrder');
	const expected =
		records.filter((r) => Date.parse(r.lastModifiedDate) >= recordsFrom).length +
		deletions.filter((d) => Date.parse(d.deletedDate) >= deletionsFrom).length;
	const rewound = await ctx.client.syncAndWait({
		recordType: 'salesOrder',
		since: since.toISOString(),
	});
	assert.equal(rewound.status, 'success', JSON.stringify(rewound));
	assert.equal(rewound.total, expected, `since ${since.toISOString()}: ${JSON.stringify(rewound)}`);
	assert.equal(rewound.unchanged, rewound.total);
	await assertConsistent(ctx, 'salesOrder');
	return `force: ${forced.total} re-read, 0 written; since 7 days: ${rewound.total} re-read (expected ${expected})`;
}
