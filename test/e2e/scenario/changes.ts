// Changes, creations, deletions and late commits made in NetSuite (through the simulator's control
// API) reach Postgres and Redis on the next runs: workflow 1's poll for customers, workflow 2 (via
// workflow 3) for sales orders. The late commits are stamped 90 s in the past and become visible
// only after both cursors moved past that time: the lookback must catch them.

import assert from 'node:assert/strict';
import { assertConsistent, feedOrder, LineContext, waitConsistent } from '../context';
import { pollNow } from '../client';
import { WORKFLOW } from '../fixtures';

/** Live records to play with: skips the oldest few so different steps touch different records. */
export async function pick(
	ctx: LineContext,
	recordType: string,
	from: number,
	count: number,
): Promise<string[]> {
	const ids = (await feedOrder(ctx, recordType)).map((r) => r.id);
	assert.ok(ids.length >= from + count, `only ${ids.length} ${recordType} records`);
	return ids.slice(from, from + count);
}

/** A sales order body the simulator accepts: an existing customer and item. */
export async function salesOrderBody(
	ctx: LineContext,
	memo: string,
): Promise<Record<string, unknown>> {
	const [customer] = await pick(ctx, 'customer', 0, 1);
	const [item] = (await ctx.control.records('inventoryItem')).map((r) => r.id);
	return {
		entity: { id: customer },
		memo,
		item: { items: [{ item: { id: item }, quantity: 2, rate: 12.5 }] },
	};
}

export async function changesReachPostgresAndRedis(ctx: LineContext): Promise<string> {
	const c = ctx.control;
	const lastJob = Number(
		(await ctx.db.client.query('SELECT coalesce(max(id), 0) AS id FROM netsuite_sync_jobs')).rows[0]
			.id,
	);
	const now = Date.parse(await c.now());
	const stampedAt = new Date(now - 90_000).toISOString();
	const [lateCustomer] = await pick(ctx, 'customer', 5, 1);
	const [lateOrder] = await pick(ctx, 'salesOrder', 5, 1);
	const hidden = { stampedAt, visibleAfterMs: 3_600_000 }; // visible when commitPending() says so
	await c.lateCommit('customer', {
		id: lateCustomer,
		fields: { companyName: 'Late Commit Co' },
		...hidden,
	});
	const lateNew = await c.lateCommit('customer', {
		fields: { companyName: 'Late New Co' },
		...hidden,
	});
	await c.lateCommit('salesOrder', { id: lateOrder, fields: { memo: 'late commit' }, ...hidden });

	for (const id of await pick(ctx, 'customer', 10, 10))
		await c.updateRecord('customer', id, { companyName: `Updated ${id}` });
	for (const id of await pick(ctx, 'salesOrder', 10, 5))
		await c.updateRecord('salesOrder', id, { memo: `updated ${id}` });
	for (let i = 0; i < 5; i++)
		await c.createRecord('customer', { companyName: `E2E New Customer ${i}` });
	for (let i = 0; i < 2; i++)
		await c.createRecord('salesOrder', await salesOrderBody(ctx, `e2e new order ${i}`));
	for (const id of await pick(ctx, 'customer', 30, 3)) await c.deleteRecord('customer', id);
	for (const id of await pick(ctx, 'salesOrder', 30, 2)) await c.deleteRecord('salesOrder', id);

	// First runs: everything visible arrives; the cursors move past the late commits' stamp.
	await pollNow(ctx.n8n, WORKFLOW.incremental);
	const first = await ctx.client.syncAndWait({ recordType: 'salesOrder' });
	assert.equal(first.status, 'success', JSON.stringify(first));
	await waitConsistent(ctx, 'customer', { redis: true });
	await assertConsistent(ctx, 'salesOrder');
	const cursor = (
		await ctx.db.client.query(
			"SELECT cursor FROM netsuite_sync_state WHERE record_type = 'salesOrder'",
		)
	).rows[0].cursor;
	assert.ok(
		Date.parse(cursor.lastModified) > Date.parse(stampedAt),
		`cursor ${JSON.stringify(cursor)} should be past ${stampedAt}`,
	);

	// The late commits become visible, stamped before both cursors.
	assert.equal(await c.commitPending(), 3);
	await pollNow(ctx.n8n, WORKFLOW.incremental);
	const second = await ctx.client.syncAndWait({ recordType: 'salesOrder' });
	assert.equal(second.status, 'success', JSON.stringify(second));
	const customers = await waitConsistent(ctx, 'customer', { redis: true });
	const orders = await assertConsistent(ctx, 'salesOrder');
	const payload = async (type: string, id: string) =>
		(
			await ctx.db.client.query(
				'SELECT payload FROM netsuite_records WHERE record_type = $1 AND id = $2 AND NOT is_deleted',
				[type, id],
			)
		).rows[0]?.payload;
	assert.equal((await payload('customer', lateCustomer))?.companyName, 'Late Commit Co');
	assert.equal((await payload('customer', lateNew.id))?.companyName, 'Late New Co');
	assert.equal((await payload('salesOrder', lateOrder))?.memo, 'late commit');
	assert.ok(
		second.updated >= 1,
		`the late sales order change was stored: ${JSON.stringify(second)}`,
	);
	// The trigger kept its watermark across the polls: it read the changes, not everything again.
	const polled = (
		await ctx.db.client.query(
			'SELECT coalesce(sum(total), 0)::int AS total FROM netsuite_sync_jobs WHERE id > $1 AND workflow_id = $2',
			[lastJob, WORKFLOW.incremental],
		)
	).rows[0].total;
	assert.ok(polled > 0 && polled < 60, `workflow 1 read ${polled} items for ~20 changes`);
	return `${customers}; ${orders}; late commits (stamped 90 s back) caught by the lookback`;
}
