/**
 * Record > Get Changes against the simulator: keyset paging on (lastModifiedDate, id), resumable
 * cursors, lookback, deletions, failed records, and the 100,000-row cap.
 */
import { beforeSuiteQl, FaultProxy, RECORD_LOCKED } from '../helpers/faultProxy';
import { asChanges, versions } from '../helpers/changeItems';
import type { ChangeJson } from '../helpers/changeItems';
import { recordType, runNetSuite, withSimulator } from '../helpers/simulatorNode';
import { onlyRecords } from '../simulator';
import type { RunningSimulator } from '../simulator';

const ZONE = 'America/New_York';
let sim: RunningSimulator;

async function getChanges(
	parameters: Record<string, unknown>,
	extra: Parameters<typeof runNetSuite>[2] = {},
) {
	const result = await runNetSuite(
		sim,
		{
			resource: 'record',
			operation: 'getChanges',
			recordType: recordType('customer'),
			accountTimeZone: ZONE,
			mode: 'columns',
			maxRecords: 100000,
			lookbackMinutes: 0,
			...parameters,
		},
		extra,
	);
	return { ...result, changes: asChanges(result.outputs[0]) };
}

async function truthVersions(type = 'customer'): Promise<string[]> {
	return (await sim.control.records(type)).map((r) => `${r.id}@${r.lastModifiedDate}`).sort();
}

beforeEach(async () => {
	sim = await withSimulator({
		records: onlyRecords(),
		clockStart: '2026-10-01T12:00:00Z',
	});
	await sim.control.setClock('2026-10-01T12:00:00Z');
});
afterEach(async () => sim.stop());

async function createCustomers(count: number, prefix = 'Customer'): Promise<string[]> {
	const ids: string[] = [];
	for (let n = 0; n < count; n++)
		ids.push((await sim.control.createRecord('customer', { companyName: `${prefix} ${n}` })).id);
	return ids;
}

test('2,500 records sharing one second, read 1,000 at a time across page boundaries: each exactly once, in (time, id) order', async () => {
	await createCustomers(2500);
	const seen: ChangeJson[] = [];
	let cursor: unknown = '';
	for (let run = 0; run < 5; run++) {
		const { changes, error } = await getChanges({
			cursor: cursor === '' ? '' : JSON.stringify(cursor),
			maxRecords: 1000,
		});
		expect(error).toBeUndefined();
		if (changes.length === 0) break;
		seen.push(...changes);
		cursor = changes[changes.length - 1].cursor;
		expect(changes[0].batch?.hasMore).toBe(changes.length === 1000);
	}
	expect(seen).toHaveLength(2500);
	expect(versions(seen)).toEqual(await truthVersions());
	const ids = seen.map((c) => Number(c.id));
	expect(ids).toEqual([...ids].sort((a, b) => a - b));
	expect(new Set(seen.map((c) => c.lastModified)).size).toBe(1);
});

test('records modified between batches and while a batch is paging move to the end and are delivered again, never lost', async () => {
	const ids = await createCustomers(1500);
	await sim.control.advanceClock(1000);
	// Modify a row the first page has already passed, the moment the second page is asked for
	// (SuiteQL call 3: call 1 is the Account Time Zone check's look at the newest row).
	const proxy = await new FaultProxy(
		sim.baseUrl,
		[],
		[
			beforeSuiteQl(
				3,
				async () =>
					void (await sim.control.updateRecord('customer', ids[10], {
						companyName: 'Changed while paging',
					})),
			),
		],
	).start();
	try {
		const first = await getChanges({}, { credentials: { baseUrl: proxy.baseUrl } });
		expect(first.error).toBeUndefined();
		// Page 1 (1,000 rows) had ids[10] at its old position; it comes again at its new one.
		const delivered = first.changes.filter((c) => c.id === ids[10]).map((c) => c.lastModified);
		expect(delivered).toHaveLength(2);
		expect(new Set(first.changes.map((c) => c.id)).size).toBe(1500);

		await sim.control.advanceClock(1000);
		await sim.control.updateRecord('customer', ids[0], { companyName: 'Changed after' });
		const second = await getChanges({
			cursor: JSON.stringify(first.changes[first.changes.length - 1].cursor),
		});
		expect(second.changes.map((c) => c.id)).toEqual([ids[0]]);
		const latest = new Map(
			[...first.changes, ...second.changes].map((c) => [c.id, c.lastModified]),
		);
		expect([...latest].map(([id, lm]) => `${id}@${lm}`).sort()).toEqual(await truthVersions());
	} finally {
		await proxy.stop();
	}
});

test('full mode hydrates each change; lookback re-reads are marked and late commits inside it are caught', async () => {
	await createCustomers(5);
	const first = await getChanges({ mode: 'full' });
	expect(first.changes.map((c) => c.record?.companyName)).toEqual([
		'Customer 0',
		'Customer 1',
		'Customer 2',
		'Customer 3',
		'Customer 4',
	]);
	const cursor = first.changes[4].cursor;
	await sim.control.advanceClock(60_000);
	await sim.control.lateCommit('customer', {
		fields: { companyName: 'Late' },
		stampedAt: '2026-10-01T11:59:00Z',
		visibleAfterMs: 0,
	});
	await sim.control.commitPending();
	const withoutLookback = await getChanges({ cursor: JSON.stringify(cursor), lookbackMinutes: 0 });
	expect(withoutLookback.changes).toHaveLength(0);
	const withLookback = await getChanges({ cursor: JSON.stringify(cursor), lookbackMinutes: 5 });
	expect(withLookback.changes).toHaveLength(6);
	expect(withLookback.changes.filter((c) => !c.reread)).toHaveLength(0);
	expect(withLookback.changes.some((c) => c.lastModified === '2026-10-01T11:59:00Z')).toBe(true);
	// The cursor never moves backwards.
	expect(withLookback.changes[withLookback.changes.length - 1].cursor).toEqual(cursor);
});

test('deletions come as deleted items with their own cursor, once', async () => {
	const ids = await createCustomers(4);
	const first = await getChanges({ includeDeletions: true });
	expect(first.changes.filter((c) => !c.deleted)).toHaveLength(4);
	await sim.control.advanceClock(5000);
	await sim.control.deleteRecord('customer', ids[1]);
	await sim.control.deleteRecord('customer', ids[3]);
	const cursor = first.changes[first.changes.length - 1].cursor;
	const second = await getChanges({ includeDeletions: true, cursor: JSON.stringify(cursor) });
	expect(second.changes.map((c) => [c.id, c.deleted])).toEqual([
		[ids[1], true],
		[ids[3], true],
	]);
	const last = second.changes[1].cursor;
	expect(last.deletedSince).toBe('2026-10-01T12:00:05Z');
	const third = await getChanges({ includeDeletions: true, cursor: JSON.stringify(last) });
	expect(third.changes).toHaveLength(0);
});

test('a record that keeps failing: without skipping the batch stops before it; with skipping it goes to the error output and the cursor moves on', async () => {
	const ids = await createCustomers(6);
	const proxy = await new FaultProxy(sim.baseUrl, [
		{
			method: 'GET',
			path: new RegExp(`/record/v1/customer/${ids[3]}$`),
			status: 400,
			body: RECORD_LOCKED,
		},
	]).start();
	try {
		const base = { mode: 'full', options: { retryBudgetSeconds: 5 } };
		const stopped = await getChanges(base, { credentials: { baseUrl: proxy.baseUrl } });
		expect(stopped.changes.map((c) => c.id)).toEqual(ids.slice(0, 3));
		expect(stopped.changes[0].batch).toMatchObject({
			hasMore: true,
			stoppedBy: { id: ids[3], error: 'Record has been changed by another user and is locked.' },
		});
		const retried = await getChanges(
			{ ...base, cursor: JSON.stringify(stopped.changes[2].cursor) },
			{ credentials: { baseUrl: proxy.baseUrl } },
		);
		expect(retried.error?.message).toBe('Record has been changed by another user and is locked.');

		const skipped = await runNetSuite(
			sim,
			{
				resource: 'record',
				operation: 'getChanges',
				recordType: recordType('customer'),
				accountTimeZone: ZONE,
				mode: 'full',
				skipFailed: true,
				lookbackMinutes: 0,
				cursor: JSON.stringify(stopped.changes[2].cursor),
			},
			{ credentials: { baseUrl: proxy.baseUrl }, onError: 'continueErrorOutput' },
		);
		expect(skipped.outputs[0].map((i) => i.json.id)).toEqual(ids.slice(4));
		expect(skipped.outputs[1].map((i) => i.json)).toEqual([
			expect.objectContaining({
				error: 'Record has been changed by another user and is locked.',
				details: expect.objectContaining({ id: ids[3], failed: true }),
			}),
		]);
	} finally {
		await proxy.stop();
	}
});

test('a cursor that is not valid is refused with the shape it should have', async () => {
	const { error } = await getChanges({ cursor: '{"lastModified": "yesterday", "id": "1"}' });
	expect(error?.message).toMatch(
		/Parameter "cursor": cursor.lastModified must be an ISO 8601 UTC timestamp/,
	);
});

test('custom records and transactions map to their SuiteQL tables', async () => {
	const custom = await sim.control.createRecord('customrecord_sync_demo', { name: 'Custom one' });
	const item = await sim.control.createRecord('inventoryItem', { itemId: 'SOLD' });
	const order = await sim.control.createRecord('salesOrder', {
		entity: { id: (await sim.control.createRecord('customer', { companyName: 'Buyer' })).id },
		item: { items: [{ item: { id: item.id }, quantity: 1, rate: 5 }] },
	});
	const customChanges = await runNetSuite(sim, {
		resource: 'record',
		operation: 'getChanges',
		recordType: recordType('customrecord_sync_demo'),
		accountTimeZone: ZONE,
		mode: 'columns',
	});
	expect(customChanges.error).toBeUndefined();
	expect(asChanges(customChanges.outputs[0]).map((c) => c.id)).toContain(custom.id);
	const orders = await runNetSuite(sim, {
		resource: 'record',
		operation: 'getChanges',
		recordType: recordType('salesOrder'),
		accountTimeZone: ZONE,
		mode: 'full',
	});
	expect(orders.error).toBeUndefined();
	expect(asChanges(orders.outputs[0]).map((c) => c.id)).toEqual([order.id]);
});

describe('past the 100,000-row cap', () => {
	beforeEach(async () => {
		await sim.stop();
		sim = await withSimulator({
			records: onlyRecords({ customer: 101_500 }),
		});
	});

	test('Get Changes in columns mode reads all 101,500 with keyset pages; SuiteQL Execute stops with a clear error instead of truncating', async () => {
		const { changes, error } = await getChanges({ maxRecords: 200_000 });
		expect(error).toBeUndefined();
		expect(changes).toHaveLength(101_500);
		expect(new Set(changes.map((c) => c.id)).size).toBe(101_500);
		expect((await sim.control.counters()).byKind.suiteql).toBeLessThanOrEqual(103);

		const execute = await runNetSuite(sim, {
			resource: 'suiteql',
			operation: 'execute',
			query: 'SELECT id FROM customer',
			returnAll: true,
		});
		expect(execute.error?.message).toMatch(/at most 100,000 rows/);
		expect(execute.error?.message).toMatch(/Get Changes/);
	}, 180_000);

	test('Get Many with Return All over the cap refuses up front, from totalResults, before reading a single record', async () => {
		await sim.control.resetCounters();
		const many = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getMany',
			recordType: recordType('customer'),
			returnAll: true,
		});
		expect(many.error?.message).toMatch(/matches 101,500/);
		expect(many.error?.message).toMatch(/Get Changes/);
		const counters = await sim.control.counters();
		expect(counters.byKind.get).toBe(0);
		expect(counters.byKind.list).toBe(1);
	});
});
