// The RabbitMQ job queue (workflows "Sync jobs API" and "Sync job worker") on this machine's broker,
// in the run's own vhost: a job succeeds; NetSuite refuses the first two attempts and the job
// succeeds on the third after the retry tiers' delays; a job that always fails ends in the
// dead-letter queue, failed, with exactly one alert; replayed after the cause is fixed, it succeeds.

import assert from 'node:assert/strict';
import { httpJson } from '../n8n/restApi';
import { assertConsistent, jobRow, LineContext } from '../context';
import { WEBHOOK, WORKFLOW } from '../fixtures';
import type { RunRabbit } from '../rabbitmq';
import { simulatorView } from '../snapshots';
import { waitFor } from '../wait';

/** The worker's retry delays in this test (Settings → retryDelaysSeconds), short on purpose. */
export const JOB_QUEUE_RETRY_DELAYS = '1, 2, 3';
const DELAYS_MS = JOB_QUEUE_RETRY_DELAYS.split(',').map((s) => Number(s) * 1000);

/** What NetSuite answers a role without the permission to read a record type. */
export function permissionViolation(recordType: string) {
	return {
		type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.4',
		title: 'Forbidden',
		status: 403,
		'o:errorDetails': [
			{
				detail: `Permission Violation: You need the permission to view ${recordType} records.`,
				'o:errorCode': 'INSUFFICIENT_PERMISSION',
			},
		],
	};
}

export interface JobAnswer {
	jobId: number;
	recordType: string;
	status: 'queued' | 'running' | 'success' | 'failed';
	attempts: number;
	created?: boolean;
	lastError?: string | null;
	new: number;
	deleted: number;
	total: number;
	error?: string;
}

export const enqueue = (ctx: LineContext, body: Record<string, unknown>, auth?: boolean) =>
	ctx.client.call<JobAnswer>('POST', WEBHOOK.jobs, { body, auth });
export const jobStatus = (ctx: LineContext, jobId: number) =>
	ctx.client.call<JobAnswer>('GET', WEBHOOK.jobs, { query: { jobId: String(jobId) } });
export const replayJob = (ctx: LineContext, jobId: number) =>
	ctx.client.call<JobAnswer>('POST', WEBHOOK.jobsReplay, { body: { jobId } });

export function rabbitOf(ctx: LineContext): RunRabbit {
	assert.ok(ctx.rabbit, 'the job-queue scenarios need the run vhost (ctx.rabbit)');
	return ctx.rabbit;
}

/** Enqueues a fresh job and answers its id. */
export async function enqueueNew(ctx: LineContext, body: Record<string, unknown>): Promise<number> {
	const answer = await enqueue(ctx, body);
	assert.equal(answer.status, 202, JSON.stringify(answer.body));
	assert.equal(answer.body.created, true, JSON.stringify(answer.body));
	assert.ok(Number.isInteger(answer.body.jobId), JSON.stringify(answer.body));
	return answer.body.jobId;
}

/** Waits until the job is success or failed (not queued or running) and answers its status. */
export async function waitJobDone(
	ctx: LineContext,
	jobId: number,
	timeoutMs = 120_000,
): Promise<JobAnswer> {
	let last: unknown;
	return await waitFor(
		`job ${jobId} to finish`,
		async () => {
			const answer = await jobStatus(ctx, jobId);
			last = answer.body;
			return answer.status === 200 &&
				(answer.body.status === 'success' || answer.body.status === 'failed')
				? answer.body
				: undefined;
		},
		{ timeoutMs, intervalMs: 300, describe: () => JSON.stringify(last) },
	);
}

/** Waits until no message is waiting or unacknowledged in the queues named (default: all but the dead-letter queue). */
export async function waitQueuesEmpty(
	ctx: LineContext,
	except: string[] = ['ns.jobs.dead'],
): Promise<Record<string, number>> {
	let last = {};
	return await waitFor(
		'the job queues to be empty',
		async () => {
			const depths = await rabbitOf(ctx).queues();
			last = depths;
			const busy = Object.entries(depths).filter(
				([name, d]) => !except.includes(name) && d.messages + d.unacked > 0,
			);
			return busy.length === 0
				? Object.fromEntries(Object.entries(depths).map(([n, d]) => [n, d.messages]))
				: undefined;
		},
		{ timeoutMs: 30_000, intervalMs: 300, describe: () => JSON.stringify(last) },
	);
}

/** Turns a workflow on or off through n8n's public API (as an operator does in the editor). */
export async function setActive(
	ctx: LineContext,
	workflowId: string,
	active: boolean,
): Promise<void> {
	if (active) return await ctx.n8n.activateWorkflow(workflowId);
	await httpJson('POST', `${ctx.n8n.url}/api/v1/workflows/${workflowId}/deactivate`, {
		headers: { 'X-N8N-API-KEY': await ctx.n8n.apiKey() },
	});
}

const SUITEQL = /\/query\/v1\/suiteql$/;
let doneJobId: number | undefined;

export async function jobSucceeds(ctx: LineContext): Promise<string> {
	// The scheduled workflows would share the NetSuite faults injected below: they are done by now.
	await setActive(ctx, WORKFLOW.incremental, false);
	await setActive(ctx, WORKFLOW.durable, false);
	const refused = await enqueue(ctx, { recordType: 'employee' }, false);
	assert.equal(refused.status, 403, 'no secret, no job');
	const invalid = await enqueue(ctx, { recordType: 'no such; type', force: 'yes' });
	assert.equal(invalid.status, 400);
	assert.ok(
		JSON.stringify(invalid.body).includes('recordType') &&
			JSON.stringify(invalid.body).includes('force'),
		JSON.stringify(invalid.body),
	);

	const truth = await simulatorView(ctx.control, 'employee');
	await ctx.control.setLatency({ latencyMs: 100 }); // so the second request certainly meets the first job open
	let jobId: number;
	let second;
	try {
		jobId = await enqueueNew(ctx, { recordType: 'employee' });
		second = await enqueue(ctx, { recordType: 'employee', force: true });
	} finally {
		await ctx.control.setLatency({ latencyMs: 0 });
	}
	assert.equal(second.status, 202, JSON.stringify(second.body));
	assert.deepEqual(
		[second.body.jobId, second.body.created],
		[jobId, false],
		'the open job of the type is answered, not a second one',
	);

	const job = await waitJobDone(ctx, jobId);
	assert.equal(job.status, 'success', JSON.stringify(job));
	assert.equal(job.attempts, 1);
	doneJobId = jobId;
	assert.equal(job.new, truth.live.size);
	const depths = await waitQueuesEmpty(ctx, []);
	const note = await assertConsistent(ctx, 'employee');
	const unknown = await jobStatus(ctx, 987654321);
	assert.equal(unknown.status, 404);
	return `job ${jobId} success on attempt 1, second request → same job; queues ${JSON.stringify(depths)}; ${note}`;
}

export async function retriesThenSucceeds(ctx: LineContext): Promise<string> {
	const rule = {
		method: 'POST',
		path: SUITEQL,
		status: 403,
		body: permissionViolation('contact'),
		times: 2,
	};
	ctx.proxyRules.push(rule);
	const started = Date.now();
	let job;
	let jobId;
	try {
		jobId = await enqueueNew(ctx, { recordType: 'contact' });
		job = await waitJobDone(ctx, jobId);
	} finally {
		ctx.proxyRules.splice(ctx.proxyRules.indexOf(rule), 1);
	}
	const elapsed = Date.now() - started;
	assert.equal(job.status, 'success', JSON.stringify(job));
	assert.equal(job.attempts, 3, 'two refused attempts, then the third');
	assert.match(job.lastError ?? '', /Permission Violation/, 'the last error is kept');
	assert.ok(
		elapsed >= DELAYS_MS[0] + DELAYS_MS[1],
		`succeeded after ${elapsed} ms, before the retry delays (${DELAYS_MS[0]} + ${DELAYS_MS[1]} ms) ran out`,
	);
	await waitQueuesEmpty(ctx, []);
	const note = await assertConsistent(ctx, 'contact');
	return `job ${jobId}: attempts 1 and 2 refused (403), success on attempt 3 after ${elapsed} ms (delays ${JOB_QUEUE_RETRY_DELAYS} s); ${note}`;
}

let deadJobId: number | undefined;

export async function alwaysFailingIsDeadLettered(ctx: LineContext): Promise<string> {
	const rule = {
		method: 'POST',
		path: SUITEQL,
		status: 403,
		body: permissionViolation('invoice'),
		when: () => true,
	};
	ctx.proxyRules.push(rule);
	const since = Date.now();
	let job;
	try {
		deadJobId = await enqueueNew(ctx, { recordType: 'invoice' });
		job = await waitJobDone(ctx, deadJobId);
		const forJob = (a: { body: unknown }) =>
			((a.body as any)?.metadata?.event_payload?.jobIds ?? []).includes(deadJobId);
		await ctx.receiver.waitFor(forJob, { since, timeoutMs: 60_000 });
		// Exactly one: give a second alert (there must be none) time to arrive.
		await new Promise((r) => setTimeout(r, 3000));
		const alerts = ctx.receiver.alerts.filter((a) => a.at >= since && forJob(a));
		assert.equal(
			alerts.length,
			1,
			`alerts for job ${deadJobId}: ${JSON.stringify(alerts.map((a) => (a.body as any).text))}`,
		);
		const info = (alerts[0].body as any).metadata.event_payload;
		assert.equal(info.workflowId, WORKFLOW.jobsWorker);
		assert.equal(info.recordType, 'invoice');
		assert.match(info.error, /dead-lettered after 4 attempts/);
	} finally {
		// The fix: the role gets the permission (the refusal goes).
		ctx.proxyRules.splice(ctx.proxyRules.indexOf(rule), 1);
	}
	assert.equal(job.status, 'failed', JSON.stringify(job));
	assert.equal(job.attempts, 4, 'the first attempt and one per retry tier');
	assert.match(job.lastError ?? '', /Permission Violation/);
	const row = await jobRow(ctx, deadJobId);
	assert.ok(row.finished_at, 'failed job is finished');
	const depths = await waitQueuesEmpty(ctx);
	const dead = (await rabbitOf(ctx).queues())['ns.jobs.dead'];
	assert.equal(dead.messages, 1, `the dead-letter queue holds the job: ${JSON.stringify(dead)}`);
	const locks = (
		await ctx.db.client.query("SELECT * FROM netsuite_sync_locks WHERE record_type = 'invoice'")
	).rows;
	assert.deepEqual(locks, [], 'lease released');
	return `job ${deadJobId} failed after 4 attempts ("${String(job.lastError).slice(0, 80)}…"), 1 message in ns.jobs.dead, other queues ${JSON.stringify(depths)}, exactly one alert`;
}

export async function replayAfterFix(ctx: LineContext): Promise<string> {
	assert.ok(deadJobId, 'needs the dead-lettered job of the previous step');
	assert.ok(doneJobId, 'needs the successful job of the first step');
	const notFailed = await replayJob(ctx, doneJobId);
	assert.equal(
		notFailed.status,
		409,
		`a job that is not dead-lettered is not replayed: ${JSON.stringify(notFailed.body)}`,
	);
	assert.equal((await replayJob(ctx, 987654321)).status, 404);
	const truth = await simulatorView(ctx.control, 'invoice');
	const answer = await replayJob(ctx, deadJobId);
	assert.equal(answer.status, 202, JSON.stringify(answer.body));
	const job = await waitJobDone(ctx, deadJobId);
	assert.equal(job.status, 'success', JSON.stringify(job));
	assert.equal(job.attempts, 1, 'attempts were reset by the replay');
	assert.equal(job.new, truth.live.size);
	await waitQueuesEmpty(ctx);
	const note = await assertConsistent(ctx, 'invoice');
	return `replayed job ${deadJobId} → success on attempt 1; ${note}`;
}
