// With the simulator answering 30 % of requests with 429, the runs still store every change: the
// node retries, and the job rows count the retries.

import assert from 'node:assert/strict';
import { assertConsistent, LineContext, waitConsistent } from '../context';
import { pollNow } from '../client';
import { WORKFLOW } from '../fixtures';
import { pick, salesOrderBody } from './changes';

export async function nothingLostUnder429s(ctx: LineContext): Promise<string> {
	const c = ctx.control;
	const before = await c.counters();
	const firstJob = Number(
		(await ctx.db.client.query('SELECT coalesce(max(id), 0) AS id FROM netsuite_sync_jobs')).rows[0]
			.id,
	);
	await c.setFaults({ rate429: 0.3 });
	try {
		for (const id of await pick(ctx, 'customer', 40, 20))
			await c.updateRecord('customer', id, { companyName: `Throttled ${id}` });
		for (let i = 0; i < 5; i++)
			await c.createRecord('customer', { companyName: `Throttled New ${i}` });
		for (const id of await pick(ctx, 'customer', 70, 2)) await c.deleteRecord('customer', id);
		for (const id of await pick(ctx, 'salesOrder', 15, 20))
			await c.updateRecord('salesOrder', id, { memo: `throttled ${id}` });
		await c.createRecord('salesOrder', await salesOrderBody(ctx, 'throttled new order'));
		for (const id of await pick(ctx, 'salesOrder', 28, 1)) await c.deleteRecord('salesOrder', id);

		await pollNow(ctx.n8n, WORKFLOW.incremental);
		const job = await ctx.client.syncAndWait({ recordType: 'salesOrder' });
		assert.equal(job.status, 'success', JSON.stringify(job));
		const customers = await waitConsistent(ctx, 'customer', { redis: true });
		const orders = await assertConsistent(ctx, 'salesOrder');
		const after = await c.counters();
		const sent429 = after.sent429 - before.sent429;
		assert.ok(sent429 > 0, 'the simulator sent no 429');
		assert.ok(job.retries > 0, `the durable job counted no retries: ${JSON.stringify(job)}`);
		const { rows } = await ctx.db.client.query(
			'SELECT coalesce(sum(retries), 0)::int AS retries FROM netsuite_sync_jobs WHERE id > $1 AND workflow_id = $2',
			[firstJob, WORKFLOW.incremental],
		);
		assert.ok(rows[0].retries > 0, 'workflow 1 job rows counted no retries');
		return `${sent429} × 429 sent; ${customers}; ${orders}; retries: durable ${job.retries}, trigger ${rows[0].retries}`;
	} finally {
		await c.setFaults({});
	}
}
