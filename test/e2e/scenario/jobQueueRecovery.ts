// Nothing lost: n8n killed (SIGKILL) while the worker runs a job → RabbitMQ redelivers the unacked
// message after the restart and the job completes once from its committed cursor, nothing doubled;
// RabbitMQ stopped → the API answers 503 and writes nothing, and a job queued before the outage
// runs once the broker is back. The broker is always started again (other suites use it).

import assert from 'node:assert/strict';
import { assertConsistent, LineContext } from '../context';
import { WORKFLOW } from '../fixtures';
import { simulatorView } from '../snapshots';
import { waitFor } from '../wait';
import {
	enqueue,
	enqueueNew,
	jobStatus,
	rabbitOf,
	setActive,
	waitJobDone,
	waitQueuesEmpty,
} from './jobQueue';

export async function workerKilledMidJob(ctx: LineContext): Promise<string> {
	// A type no earlier step synced (workflow 9's search syncs the item types), so "new" counts
	// every record exactly once across the killed run and the redelivery.
	const type = 'customrecord_sync_demo';
	const truth = await simulatorView(ctx.control, type);
	await ctx.control.setLatency({ latencyMs: 150 }); // several small batches, so there is a "mid-job"
	let jobId: number;
	let before;
	try {
		jobId = await enqueueNew(ctx, { recordType: type, batchSize: 5 });
		before = await waitFor(
			`job ${jobId} to commit its first batches`,
			async () => {
				const { rows } = await ctx.db.client.query(
					'SELECT status, batches, new FROM netsuite_sync_jobs WHERE id = $1',
					[jobId],
				);
				return rows[0]?.batches >= 2 ? rows[0] : undefined;
			},
			{ timeoutMs: 60_000, intervalMs: 100 },
		);
		ctx.n8n.killGroup('SIGKILL');
		await ctx.n8n.stop();
	} finally {
		await ctx.control.setLatency({ latencyMs: 0 });
	}
	assert.equal(before.status, 'running');
	assert.ok(
		before.new < truth.live.size,
		`killed mid-job (${before.new} of ${truth.live.size} stored)`,
	);
	const unacked = (await rabbitOf(ctx).queues())['ns.jobs.sync'];
	assert.equal(
		unacked.messages,
		1,
		`the unacknowledged message went back to the work queue: ${JSON.stringify(unacked)}`,
	);

	const restartedAt = Date.now();
	await ctx.n8n.start();
	const job = await waitJobDone(ctx, jobId);
	assert.equal(job.status, 'success', JSON.stringify(job));
	assert.equal(job.attempts, 2, 'the killed delivery and the redelivery');
	// Nothing doubled: every record counted new exactly once across both runs, and stored once.
	assert.equal(job.new, truth.live.size, JSON.stringify(job));
	assert.equal(job.deleted, truth.deleted.size, JSON.stringify(job));
	const stored = (
		await ctx.db.client.query(
			'SELECT count(*)::int AS n FROM netsuite_records WHERE record_type = $1',
			[type],
		)
	).rows[0].n;
	assert.equal(stored, truth.live.size + truth.deleted.size);
	await waitQueuesEmpty(ctx);
	const runs = (await ctx.n8n.executions(WORKFLOW.jobsWorker)).filter(
		(e) => Date.parse(e.startedAt) >= restartedAt - 1000,
	);
	assert.equal(
		runs.filter((e) => e.status === 'success').length,
		1,
		`worker runs after the restart: ${JSON.stringify(runs.map((e) => [e.id, e.status]))}`,
	);
	const note = await assertConsistent(ctx, type);
	return `killed after ${before.batches} batches (${before.new} stored); redelivered after restart, job ${jobId} success on attempt 2 with new = ${job.new} (no doubles); ${note}`;
}

export async function brokerOutage(ctx: LineContext): Promise<string> {
	const rabbit = rabbitOf(ctx);
	// A job waits in the queue (the worker is off) while the broker goes down and comes back.
	await setActive(ctx, WORKFLOW.jobsWorker, false);
	const waitingJob = await enqueueNew(ctx, { recordType: 'nonInventorySaleItem' });
	assert.equal((await rabbit.queues())['ns.jobs.sync'].messages, 1);
	let refused;
	let refusedRows;
	let stoppedMs = 0;
	const stoppedAt = Date.now();
	try {
		await rabbit.stopBroker();
		refused = await enqueue(ctx, { recordType: 'journalEntry' });
		refusedRows = (
			await ctx.db.client.query(
				"SELECT id, status FROM netsuite_sync_jobs WHERE record_type = 'journalEntry'",
			)
		).rows;
	} finally {
		await rabbit.startBroker();
		stoppedMs = Date.now() - stoppedAt;
	}
	assert.equal(refused.status, 503, JSON.stringify(refused.body));
	assert.match(refused.body.error ?? '', /RabbitMQ is unreachable/);
	assert.deepEqual(refusedRows, [], 'nothing half-written: no job row for the refused request');
	assert.equal(
		(await rabbit.queues())['ns.jobs.sync'].messages,
		1,
		'the waiting job survived the broker restart (durable queue, persistent message)',
	);
	assert.equal((await jobStatus(ctx, waitingJob)).body.status, 'queued');

	await setActive(ctx, WORKFLOW.jobsWorker, true);
	const waited = await waitJobDone(ctx, waitingJob);
	assert.equal(waited.status, 'success', JSON.stringify(waited));
	const after = await enqueueNew(ctx, { recordType: 'journalEntry' });
	const retried = await waitJobDone(ctx, after);
	assert.equal(retried.status, 'success', JSON.stringify(retried));
	await waitQueuesEmpty(ctx);
	const notes = [
		await assertConsistent(ctx, 'nonInventorySaleItem'),
		await assertConsistent(ctx, 'journalEntry'),
	];
	await setActive(ctx, WORKFLOW.incremental, true);
	await setActive(ctx, WORKFLOW.durable, true);
	return `broker down ${stoppedMs} ms: 503 "${refused.body.error}", no row; job ${waitingJob} queued before the outage ran after it; job ${after} enqueued after; ${notes.join('; ')}`;
}
