// The webhooks are not open doors: no secret (or a wrong one) gets 401/403 and starts nothing, and
// malformed input gets 400 before any lock or NetSuite call.

import assert from 'node:assert/strict';
import { countRequests, LineContext } from '../context';
import { WORKFLOW } from '../fixtures';

async function webhookExecutions(ctx: LineContext): Promise<number> {
	return (
		(await ctx.n8n.executions(WORKFLOW.onDemand)).length +
		(await ctx.n8n.executions(WORKFLOW.lookup)).length
	);
}

async function jobCount(ctx: LineContext): Promise<number> {
	return Number(
		(await ctx.db.client.query('SELECT count(*) FROM netsuite_sync_jobs')).rows[0].count,
	);
}

export async function refuseWithoutSecret(ctx: LineContext): Promise<string> {
	const executions = await webhookExecutions(ctx);
	const jobs = await jobCount(ctx);
	const calls: Array<[string, () => Promise<{ status: number; body: unknown }>]> = [
		['POST sync, no header', () => ctx.client.startSync({ recordType: 'salesOrder' }, false)],
		[
			'POST sync, wrong secret',
			() => ctx.client.startSync({ recordType: 'salesOrder' }, 'not-the-secret'),
		],
		['GET sync status, no header', () => ctx.client.jobStatus(1, false)],
		[
			'POST replay, no header',
			() => ctx.client.replay({ recordType: 'salesOrder', id: '1' }, false),
		],
		['GET record, no header', () => ctx.client.lookup('customer', '1', false)],
		['GET record, wrong secret', () => ctx.client.lookup('customer', '1', 'Bearer nope')],
	];
	const seen: string[] = [];
	for (const [what, call] of calls) {
		const answer = await call();
		assert.ok(
			answer.status === 401 || answer.status === 403,
			`${what}: expected 401/403, got ${answer.status} ${JSON.stringify(answer.body)}`,
		);
		seen.push(String(answer.status));
	}
	// n8n checks the header before it creates an execution: nothing ran, no job was opened.
	assert.equal(await webhookExecutions(ctx), executions, 'a refused call started an execution');
	assert.equal(await jobCount(ctx), jobs, 'a refused call opened a sync job');
	return `${calls.length} calls refused (${[...new Set(seen)].join('/')}), no execution started`;
}

export async function validateBeforeNetSuite(ctx: LineContext): Promise<string> {
	const jobs = await jobCount(ctx);
	// Any record request carrying a malformed value (raw or URL-encoded), or for the record type the
	// rejected syncs name; a sync that slipped through would also open a job (checked below).
	const leaked = countRequests(
		ctx,
		/sales(%20| )order|DROP|12a|cust(%20| )omer|1(%3B|;)|salesOrder/i,
	);
	const bad: Array<[string, () => Promise<{ status: number; body: any }>, RegExp]> = [
		[
			'record type with a space',
			() => ctx.client.startSync({ recordType: 'sales order' }),
			/recordType/,
		],
		[
			'record type with SQL',
			() => ctx.client.startSync({ recordType: "customer'; DROP TABLE netsuite_records;--" }),
			/recordType/,
		],
		['no record type', () => ctx.client.startSync({}), /recordType/],
		[
			'since not a date',
			() => ctx.client.startSync({ recordType: 'salesOrder', since: 'yesterday' }),
			/since/,
		],
		[
			'since without zone',
			() => ctx.client.startSync({ recordType: 'salesOrder', since: '2026-01-01T10:00' }),
			/since/,
		],
		[
			'batch size 0',
			() => ctx.client.startSync({ recordType: 'salesOrder', batchSize: 0 }),
			/batchSize/,
		],
		[
			'force not boolean',
			() => ctx.client.startSync({ recordType: 'salesOrder', force: 'yes' }),
			/force/,
		],
		['job id not digits', () => ctx.client.jobStatus('1 OR 1=1'), /jobId/],
		['lookup id not digits', () => ctx.client.lookup('customer', '12a'), /id/],
		['lookup type malformed', () => ctx.client.lookup('cust omer', '1'), /type/],
		[
			'replay id not digits',
			() => ctx.client.replay({ recordType: 'salesOrder', id: '1; DELETE' }),
			/id/,
		],
	];
	for (const [what, call, field] of bad) {
		const answer = await call();
		assert.equal(
			answer.status,
			400,
			`${what}: expected 400, got ${answer.status} ${JSON.stringify(answer.body)}`,
		);
		assert.match(
			JSON.stringify(answer.body?.details),
			field,
			`${what}: the answer names the field`,
		);
	}
	assert.equal(leaked(), 0, 'a rejected request reached NetSuite');
	assert.equal(await jobCount(ctx), jobs, 'a rejected request opened a sync job');
	const { rows } = await ctx.db.client.query('SELECT * FROM netsuite_sync_locks');
	assert.deepEqual(rows, [], 'a rejected request took a lease');
	return `${bad.length} malformed requests answered 400 naming the field; no NetSuite record call, no job, no lease`;
}
