// A record NetSuite keeps refusing (here: a proxy answers "locked" for it) is skipped by the durable
// sync, lands in netsuite_failed_records with NetSuite's message while the rest is stored, and is
// stored by workflow 3's replay endpoint once NetSuite serves it again.

import assert from 'node:assert/strict';
import { RECORD_LOCKED } from '../../helpers/faultProxy';
import { assertConsistent, LineContext } from '../context';
import { contentHash } from '../snapshots';
import { pick } from './changes';

export async function failedRecordsAndReplay(ctx: LineContext): Promise<string> {
	const [refused, accepted] = await pick(ctx, 'salesOrder', 3, 2);
	await ctx.control.updateRecord('salesOrder', refused, { memo: 'locked while syncing' });
	await ctx.control.updateRecord('salesOrder', accepted, {
		memo: 'stored while the other is locked',
	});
	const rule = {
		method: 'GET',
		path: new RegExp(`/record/v1/salesorder/${refused}$`, 'i'),
		status: 400,
		body: RECORD_LOCKED,
	};
	ctx.proxyRules.push(rule);
	let job;
	try {
		job = await ctx.client.syncAndWait({ recordType: 'salesOrder' });
	} finally {
		ctx.proxyRules.splice(ctx.proxyRules.indexOf(rule), 1);
	}
	assert.equal(job.status, 'success', JSON.stringify(job));
	assert.equal(job.failed, 1, `one record refused: ${JSON.stringify(job)}`);

	const failed = (
		await ctx.db.client.query(
			"SELECT * FROM netsuite_failed_records WHERE record_type = 'salesOrder' AND id = $1",
			[refused],
		)
	).rows[0];
	assert.ok(failed, 'the refused record is in netsuite_failed_records');
	assert.equal(failed.resolved_at, null);
	assert.match(failed.error, /locked/i, `NetSuite's message kept: ${failed.error}`);
	assert.equal(String(failed.job_id), String(job.jobId));
	const truth = new Map((await ctx.control.records('salesOrder')).map((r) => [r.id, r]));
	const stored = async (id: string) =>
		(
			await ctx.db.client.query(
				"SELECT payload FROM netsuite_records WHERE record_type = 'salesOrder' AND id = $1",
				[id],
			)
		).rows[0]?.payload;
	assert.equal(
		(await stored(accepted))?.memo,
		'stored while the other is locked',
		'the rest of the batch was stored',
	);
	assert.notEqual(
		contentHash(await stored(refused)),
		contentHash(truth.get(refused)?.fields),
		'the refused record still holds its old version',
	);

	const replay = await ctx.client.replay({ recordType: 'salesOrder', id: refused });
	assert.equal(replay.status, 200, JSON.stringify(replay.body));
	assert.equal(replay.body.replayed, true);
	const resolved = (
		await ctx.db.client.query(
			"SELECT resolved_at FROM netsuite_failed_records WHERE record_type = 'salesOrder' AND id = $1",
			[refused],
		)
	).rows[0];
	assert.ok(resolved.resolved_at, 'replay marks the failed record resolved');
	const note = await assertConsistent(ctx, 'salesOrder');

	const unknown = await ctx.client.replay({ recordType: 'salesOrder', id: '99999999' });
	assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
	assert.equal(unknown.body.error, 'Record does not exist.');
	return `record ${refused} refused ("${failed.error}"), stored by replay; ${note}`;
}
