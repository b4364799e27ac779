/**
 * The 100,000-row cap: offset paging cannot cross it, keyset paging (always offset 0) can.
 */
import { onlyRecords } from '../index';
import type { RunningSimulator } from '../index';
import type { TbaClient } from '../testing/tbaClient';
import { REST, startTestSimulator } from '../testing/setup';

const N = 101_000;
let sim: RunningSimulator;
let client: TbaClient;

beforeAll(async () => {
	({ sim, client } = await startTestSimulator({
		records: onlyRecords({ customer: N }),
	}));
}, 60_000);
afterAll(() => sim.stop());

test('totalResults reports the true count past 100,000, but an offset of 100,000 is refused', async () => {
	const last = await client.suiteql(
		'SELECT id FROM customer ORDER BY id',
		undefined,
		'?limit=1000&offset=99000',
	);
	expect(last.status).toBe(200);
	expect(last.json).toMatchObject({ count: 1000, totalResults: N, hasMore: true });
	const beyond = await client.suiteql(
		'SELECT id FROM customer ORDER BY id',
		undefined,
		'?limit=1000&offset=100000',
	);
	expect(beyond.status).toBe(400);
	expect(beyond.json['o:errorDetails'][0].detail).toMatch(/100,000/);
	const rest = await client.get(`${REST}/customer?limit=1000&offset=100000`);
	expect(rest.status).toBe(400);
	expect((await client.get(`${REST}/customer?limit=1`)).json.totalResults).toBe(N);
});

test('keyset paging on (lastmodifieddate, id) at offset 0 reads every row, past the cap, with pages that share timestamps', async () => {
	const q = `SELECT id, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS lmd FROM customer
	           WHERE lastmodifieddate > TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS')
	              OR (lastmodifieddate = TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS') AND id > ?)
	           ORDER BY lastmodifieddate, id`;
	const seen = new Set<string>();
	let cursor: [string, string] = ['1970-01-01 00:00:00', '0'];
	let pages = 0;
	let sharedSecondAcrossPages = false;
	let slowest = 0;
	for (;;) {
		const started = Date.now();
		const res = await client.suiteql(q, [cursor[0], cursor[0], cursor[1]], '?limit=1000');
		slowest = Math.max(slowest, Date.now() - started);
		expect(res.status).toBe(200);
		const items = res.json.items as Array<{ id: string; lmd: string }>;
		if (items.length === 0) break;
		if (items[0].lmd === cursor[0]) sharedSecondAcrossPages = true;
		for (const r of items) seen.add(r.id);
		const last = items[items.length - 1];
		cursor = [last.lmd, last.id];
		pages++;
		if (!res.json.hasMore) break;
	}
	expect(seen.size).toBe(N);
	expect(pages).toBe(Math.ceil(N / 1000));
	// Import bursts put hundreds of records in one second, so some page boundary falls inside one.
	expect(sharedSecondAcrossPages).toBe(true);
	expect(slowest).toBeLessThan(1000);
}, 60_000);
