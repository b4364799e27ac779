// Workflow 9 (GET /netsuite/search): the synced copy answers from Postgres, then Redis for the
// cache's lifetime; a type never synced is answered by NetSuite and starts its sync; renames and
// deletions reach the answers; bad input is refused before any lookup.

import assert from 'node:assert/strict';
import { pollNow, SearchAnswer, SearchResult } from '../client';
import { countRequests, LineContext, waitConsistent } from '../context';
import { WORKFLOW } from '../fixtures';
import { waitFor } from '../wait';

/** Workflow 9's cache lifetime in this run (Settings → cacheSeconds, set as a user would). */
export const SEARCH_CACHE_SECONDS = 4;

const ITEM_TYPES = [
	'inventoryItem',
	'lotNumberedInventoryItem',
	'serializedInventoryItem',
	'nonInventorySaleItem',
	'nonInventoryPurchaseItem',
	'nonInventoryResaleItem',
	'serviceSaleItem',
	'servicePurchaseItem',
	'serviceResaleItem',
];

function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

async function search(
	ctx: LineContext,
	type: string,
	q: string,
	limit?: number,
): Promise<SearchAnswer & { results: SearchResult[] }> {
	const answer = await ctx.client.search({
		type,
		q,
		limit: limit === undefined ? undefined : String(limit),
	});
	assert.equal(
		answer.status,
		200,
		`search ${type} "${q}": ${answer.status} ${JSON.stringify(answer.body)}`,
	);
	assert.ok(Array.isArray(answer.body.results), JSON.stringify(answer.body));
	assert.equal(typeof answer.body.tookMs, 'number');
	return answer.body as SearchAnswer & { results: SearchResult[] };
}

/** Syncs customers now (workflow 1's trigger polls) and waits until Postgres equals NetSuite. */
async function syncCustomers(ctx: LineContext): Promise<void> {
	await pollNow(ctx.n8n, WORKFLOW.incremental);
	await waitConsistent(ctx, 'customer');
}

export async function searchRefusesBadInput(ctx: LineContext): Promise<string> {
	const netsuite = countRequests(ctx, /./);
	const cases: Array<[Record<string, string>, RegExp]> = [
		[{ type: 'customer' }, /^q: at least 2/],
		[{ type: 'customer', q: 'a' }, /^q: at least 2/],
		[{ type: 'customer', q: ' a  ' }, /^q: at least 2/],
		[{ type: 'salesOrder', q: 'acme' }, /^type: one of customer, item/],
		[{ q: 'acme' }, /^type: one of/],
		[{ type: 'customer', q: 'acme', limit: '101' }, /^limit: a whole number from 1 to 100/],
		[{ type: 'customer', q: 'acme', limit: '0' }, /^limit:/],
		[{ type: 'customer', q: 'acme', limit: 'ten' }, /^limit:/],
		[{ type: 'customer', q: 'x'.repeat(101) }, /^q: at most 100/],
	];
	for (const [query, expected] of cases) {
		const answer = await ctx.client.search(query);
		assert.equal(
			answer.status,
			400,
			`${JSON.stringify(query)} → ${answer.status} ${JSON.stringify(answer.body)}`,
		);
		assert.equal(answer.body.error, 'invalid request');
		assert.ok(
			answer.body.details?.some((d) => expected.test(d)),
			`${JSON.stringify(query)}: ${JSON.stringify(answer.body.details)}`,
		);
	}
	assert.equal(
		(await ctx.client.search({ type: 'customer', q: 'acme' }, false)).status,
		403,
		'no secret → 403',
	);
	assert.equal(netsuite(), 0, 'no NetSuite request for a refused search');
	return `${cases.length} bad requests → 400 with the field named; no secret → 403; no NetSuite call`;
}

export async function searchPostgresThenRedis(ctx: LineContext): Promise<string> {
	const c = ctx.control;
	const netsuite = countRequests(ctx, /./);
	const accented = await c.createRecord('customer', {
		companyName: 'Ångström Café Zèbre Holdings',
		email: 'angstrom@example.com',
	});
	const literal = await c.createRecord('customer', { companyName: 'Zebre 100% Pure_Juice' });
	const lookalike = await c.createRecord('customer', { companyName: 'Zebre 1000 PureXJuice' });
	const gone = await c.createRecord('customer', { companyName: 'Zebre Deleted Soon Ltd' });
	await syncCustomers(ctx);
	await c.deleteRecord('customer', gone.id);
	await syncCustomers(ctx);
	const fromNetSuite = netsuite();

	// Case and accents ignored; the exact/prefix match ranks first.
	const first = await search(ctx, 'customer', 'angstrom cafe');
	assert.equal(first.source, 'postgres');
	assert.equal(first.results[0]?.id, accented.id, JSON.stringify(first.results));
	assert.equal(first.results[0].name, 'Ångström Café Zèbre Holdings');
	assert.equal(first.results[0].recordType, 'customer');
	assert.equal(first.results[0].email, 'angstrom@example.com');
	const again = await search(ctx, 'customer', 'ANGSTROM  Cafe');
	assert.equal(again.source, 'redis', 'same normalized query → Redis');
	assert.deepEqual(again.results, first.results);

	// Substring anywhere; deleted records never; ranked: prefix before substring.
	const zebre = await search(ctx, 'customer', 'zebre', 100);
	const ids = zebre.results.map((r) => r.id);
	for (const id of [accented.id, literal.id, lookalike.id])
		assert.ok(ids.includes(id), `zebre finds ${id}: ${JSON.stringify(ids)}`);
	assert.ok(!ids.includes(gone.id), 'a deleted customer is never found');
	assert.ok(
		ids.indexOf(literal.id) < ids.indexOf(accented.id),
		'prefix match before a word inside the name',
	);
	for (const r of zebre.results)
		assert.ok(fold(JSON.stringify(r)).includes('zebre'), JSON.stringify(r));

	// % and _ are searched for literally.
	const percent = await search(ctx, 'customer', '100%');
	assert.deepEqual(
		percent.results.map((r) => r.id),
		[literal.id],
		JSON.stringify(percent.results),
	);
	const underscore = await search(ctx, 'customer', 'pure_j');
	assert.deepEqual(
		underscore.results.map((r) => r.id),
		[literal.id],
		JSON.stringify(underscore.results),
	);
	// Quotes and SQL travel as data.
	assert.deepEqual((await search(ctx, 'customer', "zebre' OR '1'='1")).results, []);

	const limited = await search(ctx, 'customer', 'zebre', 2);
	assert.equal(limited.results.length, 2);
	assert.equal(netsuite() - fromNetSuite, 0, 'searches of a synced type make no NetSuite call');
	netsuite();
	return `"angstrom cafe" → ${accented.id} from postgres, then redis; "zebre" ${zebre.results.length} hits, deleted ${gone.id} absent; "100%" and "pure_j" literal; limit 2 → 2`;
}

export async function searchSeesRenamesAfterTheTtl(ctx: LineContext): Promise<string> {
	const c = ctx.control;
	// An explicit entity id: NetSuite (and the simulator) otherwise copies the first name into entityId
	// and keeps it on rename, so the old name would rightly stay findable through that field.
	const record = await c.createRecord('customer', {
		companyName: 'Quokka Renaming Before',
		entityId: 'E2E-RENAME-1',
	});
	await syncCustomers(ctx);
	const before = await search(ctx, 'customer', 'quokka renaming');
	assert.deepEqual(
		before.results.map((r) => r.id),
		[record.id],
	);
	assert.equal(before.source, 'postgres');

	await c.updateRecord('customer', record.id, { companyName: 'Wombat Renamed After' });
	await syncCustomers(ctx);
	const renamed = await search(ctx, 'customer', 'wombat renamed');
	assert.deepEqual(
		renamed.results.map((r) => r.id),
		[record.id],
		'found by its new name after the sync',
	);
	assert.equal(renamed.results[0].name, 'Wombat Renamed After');
	const ttl = await ctx.redis.client.ttl('netsuite:search:customer:20:wombat renamed');
	assert.ok(ttl > 0 && ttl <= SEARCH_CACHE_SECONDS, `cached answers expire (TTL ${ttl})`);
	// The old name's cached answer lives at most cacheSeconds, then Postgres answers without it.
	const stale = await waitFor(
		'the old name to stop matching',
		async () => {
			const answer = await search(ctx, 'customer', 'quokka renaming');
			return answer.results.length === 0 ? answer : undefined;
		},
		{ timeoutMs: (SEARCH_CACHE_SECONDS + 5) * 1000, intervalMs: 500 },
	);
	assert.equal(stale.source, 'postgres');
	return `renamed ${record.id}: new name found after the sync; old name gone within the ${SEARCH_CACHE_SECONDS} s cache lifetime`;
}

export async function searchColdTypeFallsBackToNetSuite(ctx: LineContext): Promise<string> {
	const c = ctx.control;
	const { rows } = await ctx.db.client.query(
		'SELECT count(*)::int AS n FROM netsuite_records WHERE record_type = ANY ($1)',
		[ITEM_TYPES],
	);
	assert.equal(rows[0].n, 0, 'items were never synced');
	const lot = await c.createRecord('lotNumberedInventoryItem', {
		itemId: 'NUMBAT-LOT-1',
		displayName: 'Numbat Lot Widget',
	});
	const service = await c.createRecord('serviceSaleItem', {
		itemId: 'NUMBAT-SVC',
		displayName: 'Numbat Install Service',
	});
	// Counted by the search's own page size (limit=7): the syncs it starts, and workflow 1's polls,
	// send SuiteQL too, with other limits.
	const suiteql = countRequests(ctx, /\/query\/v1\/suiteql$/, /(^|&)limit=7(&|$)/);
	const cold = await search(ctx, 'item', 'numbat', 7);
	assert.equal(cold.source, 'netsuite', JSON.stringify(cold));
	assert.equal(suiteql(), 1, 'one SuiteQL query');
	const byId = new Map(cold.results.map((r) => [r.id, r]));
	assert.equal(
		byId.get(lot.id)?.recordType,
		'lotNumberedInventoryItem',
		JSON.stringify(cold.results),
	);
	assert.equal(byId.get(service.id)?.recordType, 'serviceSaleItem');
	assert.equal(byId.get(lot.id)?.name, 'Numbat Lot Widget');
	assert.deepEqual(cold.syncStarted, ITEM_TYPES);

	// The syncs it started (workflow 2, one job per item type) fill Postgres; then the search is local.
	const jobs = await waitFor(
		'the item syncs the search started to finish',
		async () => {
			const { rows: found } = await ctx.db.client.query(
				"SELECT record_type, status, error FROM netsuite_sync_jobs WHERE trigger = 'search'",
			);
			return found.length === ITEM_TYPES.length && found.every((j) => j.status !== 'running')
				? found
				: undefined;
		},
		{ timeoutMs: 180_000, intervalMs: 1000 },
	);
	assert.deepEqual(
		jobs.filter((j) => j.status !== 'success'),
		[],
		'every item sync succeeded',
	);
	const warm = await search(ctx, 'item', 'numbat', 7);
	assert.equal(warm.source, 'postgres');
	assert.deepEqual(
		warm.results.map((r) => r.id).sort(),
		cold.results.map((r) => r.id).sort(),
		'the same items, now from the synced copy',
	);
	const byItemId = await search(ctx, 'item', 'numbat-lot');
	assert.equal(byItemId.results[0]?.id, lot.id);
	return `cold "numbat" → ${cold.results.length} items from NetSuite (1 SuiteQL call), ${jobs.length} item syncs started and succeeded; then ${warm.results.length} from postgres`;
}
