/**
 * Record writes and the data clock: stamps, late commits, idempotency when an answer is lost,
 * validation headers.
 */
import type { RunningSimulator } from '../index';
import type { TbaClient } from '../testing/tbaClient';
import { REST, sleep, startTestSimulator } from '../testing/setup';

let sim: RunningSimulator;
let client: TbaClient;

beforeAll(async () => {
	({ sim, client } = await startTestSimulator());
});
afterAll(() => sim.stop());
afterEach(() => sim.control.setFaults({}));

const idOf = (location: unknown): string => String(location).split('/').pop()!;

describe('the data clock stamps writes', () => {
	test('a frozen clock gives many edits the same second; updates move lastModifiedDate', async () => {
		await sim.control.setClock('2026-11-20T12:00:00.250Z');
		const a = await sim.control.createRecord('customer', { companyName: 'Same Second A' });
		const b = await client.request('POST', `${REST}/customer`, {
			body: { companyName: 'Same Second B' },
		});
		const bId = idOf(b.headers.location);
		expect(a.lastModifiedDate).toBe('2026-11-20T12:00:00Z');
		expect((await client.get(`${REST}/customer/${bId}`)).json.lastModifiedDate).toBe(
			'2026-11-20T12:00:00Z',
		);
		await sim.control.advanceClock(90_000);
		expect(await sim.control.now()).toBe('2026-11-20T12:01:30.250Z');
		const u = await sim.control.updateRecord('customer', a.id, { email: 'a@example.com' });
		expect(u.lastModifiedDate).toBe('2026-11-20T12:01:30Z');
		const rec = (await client.get(`${REST}/customer/${a.id}`)).json;
		expect(rec).toMatchObject({
			email: 'a@example.com',
			lastModifiedDate: '2026-11-20T12:01:30Z',
			dateCreated: '2026-11-20T12:00:00Z',
		});
	});

	test('deleting stamps a DeletedRecord row with the clock', async () => {
		await sim.control.setClock('2026-11-20T13:00:00Z');
		const { id } = await sim.control.createRecord('vendor', { companyName: 'Gone Soon' });
		await sim.control.deleteRecord('vendor', id);
		expect(await sim.control.deletedRecords()).toContainEqual({
			type: 'vendor',
			id,
			deletedDate: '2026-11-20T13:00:00Z',
		});
	});
});

describe('late commits: stamped earlier, visible later', () => {
	test('a created record is invisible to REST, SuiteQL and the control API until visibleAfterMs', async () => {
		await sim.control.setClock('2026-11-20T14:00:00Z');
		const late = await sim.control.lateCommit('customer', {
			fields: { companyName: 'Late Co' },
			stampedAt: '2026-11-20T13:59:00Z',
			visibleAfterMs: 400,
		});
		expect(late.lastModifiedDate).toBe('2026-11-20T13:59:00Z');
		const after = await sim.control.createRecord('customer', { companyName: 'Created Meanwhile' });
		// The id was taken when the late transaction started: lower than anything created since.
		expect(Number(late.id)).toBeLessThan(Number(after.id));
		expect((await client.get(`${REST}/customer/${late.id}`)).status).toBe(404);
		expect(await client.rows('SELECT id FROM customer WHERE id = ?', [late.id])).toEqual([]);
		expect((await sim.control.records('customer')).some((r) => r.id === late.id)).toBe(false);
		await sleep(450);
		const rec = await client.get(`${REST}/customer/${late.id}`);
		expect(rec.status).toBe(200);
		expect(rec.json).toMatchObject({
			companyName: 'Late Co',
			lastModifiedDate: '2026-11-20T13:59:00Z',
		});
		// A cursor already past 13:59:30 never sees it: the hazard late commits exist to show.
		const rows = await client.rows(
			"SELECT id FROM customer WHERE lastmodifieddate > TO_TIMESTAMP('2026-11-20 08:59:30', 'YYYY-MM-DD HH24:MI:SS') ORDER BY lastmodifieddate, id",
		);
		expect(rows.map((r) => r.id)).not.toContain(late.id);
		expect(rows.map((r) => r.id)).toContain(after.id);
	});

	test('an update to an existing record can be held back too; commitPending releases everything', async () => {
		const id = (await client.get(`${REST}/customer?limit=1`)).json.items[0].id;
		const before = (await client.get(`${REST}/customer/${id}`)).json;
		await sim.control.lateCommit('customer', {
			id,
			fields: { email: 'late@example.com' },
			stampedAt: '2026-11-20T10:00:00Z',
			visibleAfterMs: 60_000,
		});
		expect((await client.get(`${REST}/customer/${id}`)).json.email).toBe(before.email);
		expect(await sim.control.commitPending()).toBe(1);
		expect((await client.get(`${REST}/customer/${id}`)).json).toMatchObject({
			email: 'late@example.com',
			lastModifiedDate: '2026-11-20T10:00:00Z',
		});
	});
});

describe('idempotency keys recover writes whose answer was lost', () => {
	test('the socket dies after the write is applied; the retry with the same key learns the id', async () => {
		await sim.control.setFaults({ rateResetAfterApply: 1 });
		const key = 'lost-answer-0001';
		const body = { companyName: 'Lost Answer Inc', externalId: 'LOST-1' };
		await expect(
			client.request('POST', `${REST}/customer`, {
				body,
				headers: { 'X-NetSuite-idempotency-key': key },
			}),
		).rejects.toThrow();
		await sim.control.setFaults({});
		const retry = await client.request('POST', `${REST}/customer`, {
			body,
			headers: { 'X-NetSuite-idempotency-key': key },
		});
		expect(retry.status).toBe(400);
		expect(retry.json['o:errorDetails'][0]['o:errorCode']).toBe('IDEMPOTENCY_ERROR');
		const id = idOf(retry.headers.location);
		expect((await client.get(`${REST}/customer/eid:LOST-1`)).json.id).toBe(id);
		expect((await sim.control.counters()).socketResets).toBeGreaterThanOrEqual(1);
	});

	test('a reset before processing applies nothing', async () => {
		await sim.control.setFaults({ rateReset: 1 });
		await expect(
			client.request('POST', `${REST}/customer`, {
				body: { companyName: 'Never', externalId: 'NEVER-1' },
			}),
		).rejects.toThrow();
		await sim.control.setFaults({});
		expect((await client.get(`${REST}/customer/eid:NEVER-1`)).status).toBe(404);
	});
});

describe('write validation', () => {
	test('unknown fields are ignored with a warning header by default, refused with X-NetSuite-PropertyNameValidation: error', async () => {
		const warn = await client.request('POST', `${REST}/customer`, {
			body: { companyName: 'Warned', favouriteColour: 'blue' },
		});
		expect(warn.status).toBe(204);
		expect(String(warn.headers['x-netsuite-warning'])).toContain('favouriteColour');
		const strict = await client.request('POST', `${REST}/customer`, {
			body: { companyName: 'Strict', favouriteColour: 'blue' },
			headers: { 'X-NetSuite-PropertyNameValidation': 'error' },
		});
		expect(strict.status).toBe(400);
	});

	test('bad values and missing required fields are 400s with an error path', async () => {
		const bad = await client.request('POST', `${REST}/customer`, {
			body: { companyName: 'X', subsidiary: { id: '999' } },
		});
		expect(bad.status).toBe(400);
		expect(bad.json['o:errorDetails'][0]).toMatchObject({
			'o:errorCode': 'INVALID_CONTENT',
			'o:errorPath': 'subsidiary',
		});
		const noEntity = await client.request('POST', `${REST}/salesOrder`, {
			body: { item: { items: [] } },
		});
		expect(noEntity.status).toBe(400);
		expect(noEntity.json['o:errorDetails'][0].detail).toMatch(
			/Please enter value\(s\) for: entity/,
		);
		const malformed = await client.request('POST', `${REST}/customer`, { body: '{not json' });
		expect(malformed.status).toBe(400);
		expect(malformed.json['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_REQUEST');
	});

	test('a sales order created over REST computes its total and lines', async () => {
		const customer = (await client.get(`${REST}/customer?limit=1`)).json.items[0].id;
		const item = (await client.get(`${REST}/inventoryItem?limit=1`)).json.items[0].id;
		const res = await client.request('POST', `${REST}/salesOrder`, {
			body: {
				entity: { id: customer },
				memo: 'from test',
				item: {
					items: [
						{ item: { id: item }, quantity: 3, rate: 10.5 },
						{ item: { id: item }, quantity: 1, rate: 2 },
					],
				},
			},
		});
		expect(res.status).toBe(204);
		const so = (
			await client.get(`${REST}/salesOrder/${idOf(res.headers.location)}?expandSubResources=true`)
		).json;
		expect(so.total).toBe(33.5);
		expect(so.item.items.map((l: { amount: number }) => l.amount)).toEqual([31.5, 2]);
		expect(so.status).toEqual({ id: 'B', refName: 'Pending Fulfillment' });
	});

	test('journal entries must balance', async () => {
		const unbalanced = await client.request('POST', `${REST}/journalEntry`, {
			body: {
				line: {
					items: [
						{ account: { id: '5' }, debit: 10 },
						{ account: { id: '1' }, credit: 9 },
					],
				},
			},
		});
		expect(unbalanced.status).toBe(400);
		const ok = await client.request('POST', `${REST}/journalEntry`, {
			body: {
				line: {
					items: [
						{ account: { id: '5' }, debit: 10 },
						{ account: { id: '1' }, credit: 10 },
					],
				},
			},
		});
		expect(ok.status).toBe(204);
	});
});

describe('records() ground truth', () => {
	test('matches what REST returns, without links', async () => {
		const snap = (await sim.control.records('salesOrder'))[0];
		const rest = (await client.get(`${REST}/salesOrder/${snap.id}?expandSubResources=true`)).json;
		expect(snap.lastModifiedDate).toBe(rest.lastModifiedDate);
		expect(snap.fields.item).toMatchObject({ count: rest.item.count });
		expect(JSON.stringify(snap.fields)).not.toContain('links');
		expect(snap.fields.entity).toEqual({ id: rest.entity.id, refName: rest.entity.refName });
	});

	test('custom records report lastModified as lastModifiedDate', async () => {
		const snap = (await sim.control.records('customrecord_sync_demo'))[0];
		expect(snap.lastModifiedDate).toBe(snap.fields.lastModified);
	});
});
