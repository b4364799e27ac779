// Workflow 4 answers from Redis, else Postgres, else NetSuite, filling the tiers it missed, and 404s
// with NetSuite's message for an unknown id. Cache and database hits make no NetSuite call.

import assert from 'node:assert/strict';
import { countRequests, LineContext } from '../context';
import { contentHash } from '../snapshots';
import { pick } from './changes';

export async function readThroughLookup(ctx: LineContext): Promise<string> {
	const c = ctx.control;
	const [customer] = await pick(ctx, 'customer', 3, 1);
	const truth = async (type: string, id: string) =>
		(await c.records(type)).find((r) => r.id === id)?.fields;
	const netsuiteCalls = countRequests(ctx, new RegExp(`/record/v1/customer/${customer}$`, 'i'));

	const fromRedis = await ctx.client.lookup('customer', customer);
	assert.equal(fromRedis.status, 200, JSON.stringify(fromRedis.body));
	assert.equal(fromRedis.body.source, 'redis');
	assert.equal(contentHash(fromRedis.body.record), contentHash(await truth('customer', customer)));

	await ctx.redis.client.del(`netsuite:customer:${customer}`);
	const fromPostgres = await ctx.client.lookup('customer', customer);
	assert.equal(
		fromPostgres.body.source,
		'postgres',
		JSON.stringify(fromPostgres.body).slice(0, 300),
	);
	assert.equal(
		contentHash(fromPostgres.body.record),
		contentHash(await truth('customer', customer)),
	);
	const ttl = await ctx.redis.client.ttl(`netsuite:customer:${customer}`);
	assert.ok(ttl > 0 && ttl <= 3600, `Redis refilled with the lookup's TTL (got ${ttl})`);
	assert.equal((await ctx.client.lookup('customer', customer)).body.source, 'redis');
	assert.equal(netsuiteCalls(), 0, 'Redis and Postgres hits made no NetSuite call');

	// A record nobody synced yet (workflow 1 syncs customers; vendors only on request).
	const created = await c.createRecord('vendor', { companyName: 'E2E Looked Up Vendor' });
	const fromNetSuite = await ctx.client.lookup('vendor', created.id);
	assert.equal(fromNetSuite.status, 200, JSON.stringify(fromNetSuite.body));
	assert.equal(fromNetSuite.body.source, 'netsuite');
	assert.equal(
		contentHash(fromNetSuite.body.record),
		contentHash(await truth('vendor', created.id)),
	);
	const row = (
		await ctx.db.client.query(
			"SELECT payload, is_deleted FROM netsuite_records WHERE record_type = 'vendor' AND id = $1",
			[created.id],
		)
	).rows[0];
	assert.ok(row && !row.is_deleted, 'Postgres filled');
	assert.equal(contentHash(row.payload), contentHash(await truth('vendor', created.id)));
	assert.ok((await ctx.redis.client.ttl(`netsuite:vendor:${created.id}`)) > 0, 'Redis filled');
	assert.equal((await ctx.client.lookup('vendor', created.id)).body.source, 'redis');

	const unknown = await ctx.client.lookup('customer', '99999999');
	assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
	assert.equal(unknown.body.error, 'Record does not exist.');
	const [deleted] = (await c.deletedRecords())
		.filter((d) => d.type === 'customer')
		.map((d) => d.id);
	const gone = await ctx.client.lookup('customer', deleted);
	assert.equal(gone.status, 404, `deleted customer ${deleted}: ${JSON.stringify(gone.body)}`);
	return `redis → postgres → netsuite tiers answered and refilled; unknown and deleted ids → 404 "${unknown.body.error}"`;
}
