/**
 * SuiteQL: the translated subset, its datetime semantics (account-local wall clock, DST) and
 * its refusals.
 */
import type { RunningSimulator } from '../index';
import type { TbaClient } from '../testing/tbaClient';
import { REST, startTestSimulator } from '../testing/setup';

let sim: RunningSimulator;
let client: TbaClient;

beforeAll(async () => {
	({ sim, client } = await startTestSimulator());
});
afterAll(() => sim.stop());

const detail = async (q: string, params?: unknown[]): Promise<string> => {
	const res = await client.suiteql(q, params);
	expect(res.status).toBe(400);
	expect(res.json['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_PARAMETER');
	return res.json['o:errorDetails'][0].detail as string;
};

describe('DST: SuiteQL compares and sorts on the account wall clock (America/New_York)', () => {
	const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
	beforeAll(async () => {
		// A at 01:30 EDT, B at 01:10 EST (40 min later), C at 01:30 EST (an hour after A).
		await sim.control.setClock('2026-11-01T05:30:00Z');
		ids.a = (await sim.control.createRecord('customer', { companyName: 'DST A' })).id;
		await sim.control.setClock('2026-11-01T06:10:00Z');
		ids.b = (await sim.control.createRecord('customer', { companyName: 'DST B' })).id;
		await sim.control.setClock('2026-11-01T06:30:00Z');
		ids.c = (await sim.control.createRecord('customer', { companyName: 'DST C' })).id;
	});
	const inSet = (): string => `id IN (${ids.a}, ${ids.b}, ${ids.c})`;

	test('REST returns the true instants', async () => {
		const lmd = async (id: string): Promise<string> =>
			(await client.get(`${REST}/customer/${id}?fields=lastModifiedDate`)).json.lastModifiedDate;
		expect([await lmd(ids.a), await lmd(ids.b), await lmd(ids.c)]).toEqual([
			'2026-11-01T05:30:00Z',
			'2026-11-01T06:10:00Z',
			'2026-11-01T06:30:00Z',
		]);
	});

	test('TO_CHAR shows local wall time, and ORDER BY lastmodifieddate puts B (01:10 EST) before A (01:30 EDT)', async () => {
		const rows = await client.rows(
			`SELECT id, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS lmd FROM customer WHERE ${inSet()} ORDER BY lastmodifieddate, id`,
		);
		expect(rows).toEqual([
			{ id: ids.b, lmd: '2026-11-01 01:10:00' },
			{ id: ids.a, lmd: '2026-11-01 01:30:00' },
			{ id: ids.c, lmd: '2026-11-01 01:30:00' },
		]);
	});

	test('a keyset cursor stored in local time skips the edit made in the repeated hour', async () => {
		const rows = await client.rows(
			`SELECT id FROM customer WHERE ${inSet()} AND (lastmodifieddate > TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS') OR (lastmodifieddate = TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS') AND id > ?)) ORDER BY lastmodifieddate, id`,
			['2026-11-01 01:30:00', '2026-11-01 01:30:00', ids.a],
		);
		expect(rows.map((r) => r.id)).toEqual([ids.c]);
	});

	test('SYS_EXTRACT_UTC(FROM_TZ(...)) resolves the ambiguous 01:30 to standard time (the later instant), as Oracle does', async () => {
		const rows = await client.rows(
			`SELECT id, TO_CHAR(SYS_EXTRACT_UTC(FROM_TZ(CAST(lastmodifieddate AS TIMESTAMP), 'America/New_York')), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS utc FROM customer WHERE ${inSet()} ORDER BY id`,
		);
		expect(rows).toEqual([
			{ id: ids.a, utc: '2026-11-01T06:30:00Z' },
			{ id: ids.b, utc: '2026-11-01T06:10:00Z' },
			{ id: ids.c, utc: '2026-11-01T06:30:00Z' },
		]);
		// The same conversion with another zone spelling goes through the generic function path.
		const generic = await client.rows(
			`SELECT TO_CHAR(SYS_EXTRACT_UTC(FROM_TZ(CAST(lastmodifieddate AS TIMESTAMP), 'US/Eastern')), 'HH24:MI') AS utc FROM customer WHERE id = ?`,
			[ids.a],
		);
		expect(generic).toEqual([{ utc: '06:30' }]);
	});

	test('a bare datetime column comes back as the user date format, date only', async () => {
		const rows = await client.rows(`SELECT lastmodifieddate FROM customer WHERE id = ?`, [ids.a]);
		expect(rows).toEqual([{ lastmodifieddate: '11/1/2026' }]);
	});

	test('the generated data has edits in both occurrences of the repeated hour', async () => {
		const rows = await client.rows(
			"SELECT COUNT(*) AS n FROM customer WHERE lastmodifieddate >= TO_TIMESTAMP('2026-11-01 01:00:00', 'YYYY-MM-DD HH24:MI:SS') AND lastmodifieddate < TO_TIMESTAMP('2026-11-01 02:00:00', 'YYYY-MM-DD HH24:MI:SS')",
		);
		expect(Number(rows[0].n)).toBeGreaterThanOrEqual(4);
		const seen = await sim.control.records('customer');
		const inHour = seen.filter(
			(r) =>
				r.lastModifiedDate >= '2026-11-01T05:00:00Z' &&
				r.lastModifiedDate < '2026-11-01T07:00:00Z' &&
				!String(r.fields.companyName).startsWith('DST'),
		);
		expect(inHour.some((r) => r.lastModifiedDate < '2026-11-01T06:00:00Z')).toBe(true);
		expect(inHour.some((r) => r.lastModifiedDate >= '2026-11-01T06:00:00Z')).toBe(true);
	});
});

describe('functions and format models', () => {
	test('TO_CHAR format models', async () => {
		const [row] = await client.rows(
			`SELECT TO_CHAR(TO_TIMESTAMP('2026-03-07 14:05:09.123', 'YYYY-MM-DD HH24:MI:SS.FF3'), 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"') AS iso,
			        TO_CHAR(TO_DATE('03/07/2026 2:05 PM', 'MM/DD/YYYY HH:MI AM'), 'Mon DD, YYYY HH12:MI AM') AS human,
			        TO_CHAR(TO_DATE('2026-03-07', 'YYYY-MM-DD'), 'DY MONTH FMDD') AS words
			 FROM customer FETCH FIRST 1 ROWS ONLY`,
		);
		expect(row).toEqual({
			iso: '2026-03-07T14:05:09.123Z',
			human: 'Mar 07, 2026 02:05 PM',
			words: 'SAT MARCH     7',
		});
	});

	test("an unquoted T in a format model fails like Oracle's ORA-01821", async () => {
		expect(
			await detail(`SELECT TO_CHAR(lastmodifieddate, 'YYYY-MM-DDTHH24:MI:SS') AS x FROM customer`),
		).toMatch(/ORA-01821/);
	});

	test('SYSDATE is the data clock in the account zone', async () => {
		await sim.control.setClock('2026-11-20T12:00:00Z');
		const [row] = await client.rows(
			`SELECT TO_CHAR(SYSDATE, 'YYYY-MM-DD HH24:MI:SS') AS now FROM customer FETCH FIRST 1 ROWS ONLY`,
		);
		expect(row.now).toBe('2026-11-20 07:00:00');
	});

	test('CAST, NVL, CASE, arithmetic, TRUNC and numbers as Oracle prints them', async () => {
		const [row] = await client.rows(
			`SELECT CAST('5' AS NUMBER) + 1 AS six, CAST(id AS VARCHAR2(20)) AS sid, NVL(NULL, 'fallback') AS nv, 7 / 2 AS half, 0.5 AS small,
			        CASE WHEN id > 0 THEN 'pos' ELSE 'neg' END AS sign, TO_CHAR(TRUNC(TO_DATE('2026-03-07 10:00:00', 'YYYY-MM-DD HH24:MI:SS')), 'YYYY-MM-DD HH24:MI:SS') AS day,
			        TO_CHAR(TO_DATE('2026-03-07', 'YYYY-MM-DD') + 1.5, 'YYYY-MM-DD HH24:MI') AS later
			 FROM customer ORDER BY id FETCH FIRST 1 ROWS ONLY`,
		);
		expect(row).toEqual({
			six: '6',
			sid: expect.stringMatching(/^\d+$/),
			nv: 'fallback',
			half: '3.5',
			small: '.5',
			sign: 'pos',
			day: '2026-03-07 00:00:00',
			later: '2026-03-08 12:00',
		});
	});

	test("'' is NULL, and NULLs sort last ascending", async () => {
		expect(await client.rows(`SELECT id FROM customer WHERE email = ''`)).toEqual([]);
		const rows = await client.rows('SELECT id, companyname FROM customer ORDER BY companyname');
		const firstNull = rows.findIndex((r) => r.companyname === undefined);
		expect(firstNull).toBeGreaterThan(0);
		expect(rows.slice(firstNull).every((r) => r.companyname === undefined)).toBe(true);
	});

	test('aggregates, GROUP BY and ORDER BY an alias', async () => {
		const rows = await client.rows(
			'SELECT type, COUNT(*) AS n, MAX(lastmodifieddate) AS latest FROM transaction GROUP BY type ORDER BY n DESC',
		);
		expect(rows.map((r) => r.type).sort()).toEqual(['CustInvc', 'Journal', 'SalesOrd']);
		expect(rows[0].latest).toMatch(/^\d{1,2}\/\d{1,2}\/2026$/);
		expect(Number(rows[0].n)).toBeGreaterThanOrEqual(Number(rows[1].n));
		const so = await client.get(`${REST}/salesOrder?limit=1`);
		expect(rows.find((r) => r.type === 'SalesOrd')!.n).toBe(String(so.json.totalResults));
	});

	test('unaliased expressions are named expr1, expr2…', async () => {
		const [row] = await client.rows('SELECT COUNT(*), MAX(id) FROM customer');
		expect(Object.keys(row)).toEqual(['expr1', 'expr2']);
	});

	test('transaction lines join to their transaction; the main line is in transactionline too', async () => {
		const soId = (await client.get(`${REST}/salesOrder?limit=1`)).json.items[0].id;
		const rest = (await client.get(`${REST}/salesOrder/${soId}?expandSubResources=true`)).json;
		const lines = await client.rows(
			`SELECT tl.linesequencenumber AS line, tl.item, tl.quantity, tl.netamount FROM transaction t JOIN transactionline tl ON tl.transaction = t.id WHERE t.id = ? AND tl.mainline = 'F' ORDER BY tl.linesequencenumber`,
			[soId],
		);
		expect(lines.map((l) => Number(l.quantity))).toEqual(
			rest.item.items.map((i: { quantity: number }) => i.quantity),
		);
		const main = await client.rows(
			`SELECT netamount FROM transactionline WHERE transaction = ? AND mainline = 'T'`,
			[soId],
		);
		expect(Number(main[0].netamount)).toBeCloseTo(rest.total, 2);
	});

	test('items keep their type in item.itemtype; custom records use created/lastmodified', async () => {
		const types = await client.rows('SELECT DISTINCT itemtype FROM item ORDER BY itemtype');
		expect(types).toEqual([{ itemtype: 'InvtPart' }, { itemtype: 'NonInvtPart' }]);
		const rows = await client.rows(
			`SELECT id, name, TO_CHAR(lastmodified, 'YYYY-MM-DD') AS lm FROM customrecord_sync_demo ORDER BY lastmodified, id FETCH FIRST 2 ROWS ONLY`,
		);
		expect(rows.length).toBe(2);
		expect(await detail('SELECT lastmodifieddate FROM customrecord_sync_demo')).toContain(
			"Field 'lastmodifieddate' for record 'customrecord_sync_demo' was not found.",
		);
	});

	test('a deleted record appears in DeletedRecord with its type and local deleteddate', async () => {
		await sim.control.setClock('2026-11-20T15:00:00Z');
		const { id } = await sim.control.createRecord('salesOrder', {
			entity: { id: (await client.get(`${REST}/customer?limit=1`)).json.items[0].id },
			item: {
				items: [
					{
						item: { id: (await client.get(`${REST}/inventoryItem?limit=1`)).json.items[0].id },
						quantity: 2,
					},
				],
			},
		});
		await sim.control.deleteRecord('salesOrder', id);
		const rows = await client.rows(
			`SELECT recordid, type, TO_CHAR(deleteddate, 'YYYY-MM-DD HH24:MI:SS') AS at FROM deletedrecord WHERE recordid = ?`,
			[id],
		);
		expect(rows).toEqual([{ recordid: id, type: 'salesorder', at: '2026-11-20 10:00:00' }]);
		expect(await client.rows('SELECT id FROM transactionline WHERE transaction = ?', [id])).toEqual(
			[],
		);
	});
});

describe('paging', () => {
	test('limit/offset pages, hasMore and the true totalResults', async () => {
		const page1 = await client.suiteql(
			'SELECT id FROM customer ORDER BY id',
			undefined,
			'?limit=50&offset=50',
		);
		expect(page1.json).toMatchObject({ count: 50, offset: 50, hasMore: true });
		expect(page1.json.links.map((l: { rel: string }) => l.rel)).toEqual([
			'prev',
			'first',
			'next',
			'last',
			'self',
		]);
		const bad = await client.suiteql('SELECT id FROM customer', undefined, '?limit=50&offset=25');
		expect(bad.status).toBe(400);
		const cap = await client.suiteql(
			'SELECT id FROM customer',
			undefined,
			'?limit=1000&offset=100000',
		);
		expect(cap.status).toBe(400);
		expect(cap.json['o:errorDetails'][0].detail).toMatch(/100,000/);
	});

	test('FETCH FIRST n ROWS ONLY limits the result', async () => {
		const res = await client.suiteql(
			'SELECT id FROM customer ORDER BY id DESC FETCH FIRST 3 ROWS ONLY',
		);
		expect(res.json).toMatchObject({ count: 3, totalResults: 3, hasMore: false });
	});
});

describe('refusals: anything not understood is a 400 that names it', () => {
	test.each([
		['SELECT BUILTIN.DF(entity) FROM transaction', /BUILTIN\.DF/],
		['SELECT id FROM customer WHERE ROWNUM <= 10', /ROWNUM/],
		['SELECT id FROM customer UNION SELECT id FROM vendor', /UNION/],
		['SELECT id FROM (SELECT id FROM customer)', /derived tables/],
		["SELECT id FROM customer WHERE lastmodifieddate > '2026-01-01'", /TO_DATE or TO_TIMESTAMP/],
		['SELECT c.id FROM customer c, contact k WHERE k.company = c.id(+)', /\(\+\)/],
		['SELECT MEDIAN(id) FROM customer', /MEDIAN/],
		['DELETE FROM customer', /only SELECT/],
		[
			"SELECT id FROM customer WHERE FROM_TZ(CAST(lastmodifieddate AS TIMESTAMP), 'UTC') > SYSDATE",
			/TIME ZONE/,
		],
	])('%s', async (q, why) => {
		expect(await detail(q)).toMatch(why);
	});

	test("unknown tables and fields use NetSuite's wording", async () => {
		expect(await detail('SELECT id FROM nosuchtable')).toContain(
			"Search error occurred: Record 'nosuchtable' was not found.",
		);
		expect(await detail('SELECT nosuchfield FROM customer')).toContain(
			"Field 'nosuchfield' for record 'customer' was not found.",
		);
	});

	test('params must match the ? placeholders', async () => {
		expect(await detail('SELECT id FROM customer WHERE id = ?', [])).toMatch(/placeholder/);
	});
});
