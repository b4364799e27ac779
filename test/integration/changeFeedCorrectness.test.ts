/**
 * The change feed's silent-loss cases (issue 10), through the trigger and Get Changes against the
 * simulator: a second save within the same second, both occurrences of a fall-back hour, a wrong
 * Account Time Zone, spring-forward in the right one, item subtypes, a wrong type mapping,
 * deletions that start where the records start, and Start Date in the workflow's time zone.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FaultProxy } from '../helpers/faultProxy';
import { asChanges, versions } from '../helpers/changeItems';
import type { ChangeJson } from '../helpers/changeItems';
import { PollHarness } from '../helpers/n8nHarness';
import { credentialsFor, recordType, runNetSuite, withSimulator } from '../helpers/simulatorNode';
import { NetSuiteTrigger } from '../../nodes/NetSuite/NetSuiteTrigger.node';
import { onlyRecords } from '../simulator';
import type { RunningSimulator } from '../simulator';

const EMPTY = onlyRecords();
const NOT_FOUND = {
	type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5',
	title: 'Not Found',
	status: 404,
	'o:errorDetails': [{ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' }],
};
let sim: RunningSimulator;

const emitted = (result: INodeExecutionData[][] | null): ChangeJson[] => asChanges(result?.[0]);
const name = (c: ChangeJson): unknown => c.record?.companyName ?? c.record?.companyname;

function trigger(
	parameters: IDataObject = {},
	options: { baseUrl?: string; zone?: string | null; settings?: IDataObject } = {},
): PollHarness {
	const zone = options.zone === null ? {} : { accountTimeZone: options.zone ?? 'America/New_York' };
	const all = {
		recordType: recordType('customer'),
		mode: 'full',
		firstRun: 'now',
		lookbackMinutes: 5,
		...zone,
		...parameters,
	};
	const credentials = credentialsFor(sim, options.baseUrl ? { baseUrl: options.baseUrl } : {});
	return new PollHarness(
		new NetSuiteTrigger() as never,
		all,
		credentials,
		'NetSuite Trigger',
		undefined,
		options.settings,
	);
}

async function getChanges(parameters: IDataObject, extra: Parameters<typeof runNetSuite>[2] = {}) {
	const result = await runNetSuite(
		sim,
		{
			resource: 'record',
			operation: 'getChanges',
			recordType: recordType('customer'),
			accountTimeZone: 'America/New_York',
			mode: 'full',
			maxRecords: 1000,
			...parameters,
		},
		extra,
	);
	return { ...result, changes: asChanges(result.outputs[0]) };
}

async function create(companyName: string, at?: string): Promise<string> {
	if (at) await sim.control.setClock(at);
	return (await sim.control.createRecord('customer', { companyName })).id;
}

async function rename(id: string, companyName: string, at: string): Promise<void> {
	await sim.control.setClock(at);
	await sim.control.updateRecord('customer', id, { companyName });
}

afterEach(async () => sim?.stop());

describe('a second save within the same second', () => {
	beforeEach(async () => {
		sim = await withSimulator({ records: EMPTY, clockStart: '2026-10-01T12:00:00Z' });
	});

	test('trigger (full records): the second save is emitted once, an identical re-read is not', async () => {
		const harness = trigger();
		await create('Before', '2026-10-01T12:00:00Z');
		expect(await harness.poll()).toBeNull();
		const x = await create('X v1', '2026-10-01T12:00:10.200Z');
		expect(emitted(await harness.poll()).map((c) => [c.id, name(c)])).toEqual([[x, 'X v1']]);
		await rename(x, 'X v2', '2026-10-01T12:00:10.800Z');
		const [record] = await sim.control
			.records('customer')
			.then((all) => all.filter((r) => r.id === x));
		expect(record.lastModifiedDate).toBe('2026-10-01T12:00:10Z');
		expect(emitted(await harness.poll()).map((c) => [c.id, name(c), c.lastModified])).toEqual([
			[x, 'X v2', '2026-10-01T12:00:10Z'],
		]);
		expect(await harness.poll()).toBeNull();
	});

	test('trigger (columns): a second save that changes a listed column is emitted', async () => {
		const harness = trigger({ mode: 'columns', columns: 'companyname' });
		await create('Before', '2026-10-01T12:00:00Z');
		await harness.poll();
		const x = await create('X v1', '2026-10-01T12:00:10.200Z');
		expect(emitted(await harness.poll()).map(name)).toEqual(['X v1']);
		await rename(x, 'X v2', '2026-10-01T12:00:10.800Z');
		expect(emitted(await harness.poll()).map((c) => [c.id, name(c)])).toEqual([[x, 'X v2']]);
		expect(await harness.poll()).toBeNull();
	});

	test('Get Changes with its default lookback delivers the second save (marked reread)', async () => {
		const x = await create('X v1', '2026-10-01T12:00:10.200Z');
		const first = await getChanges({});
		expect(first.changes.map(name)).toEqual(['X v1']);
		await rename(x, 'X v2', '2026-10-01T12:00:10.800Z');
		const second = await getChanges({ cursor: JSON.stringify(first.changes[0].cursor) });
		expect(second.error).toBeUndefined();
		expect(second.changes.map((c) => [c.id, name(c), c.reread])).toEqual([[x, 'X v2', true]]);
	});

	test('trigger (full records): a version is read again only until the lookback has passed since it was emitted, not for as long as the feed is quiet', async () => {
		const harness = trigger({ lookbackMinutes: 0.05 });
		await create('Before', '2026-10-01T12:00:00Z');
		await harness.poll();
		const x = await create('X', '2026-10-01T12:00:10Z');
		expect(emitted(await harness.poll()).map((c) => c.id)).toEqual([x]);
		const getsOf = async () => (await sim.control.counters()).byKind.get;
		let before = await getsOf();
		expect(await harness.poll()).toBeNull();
		expect(await getsOf()).toBeGreaterThan(before); // still inside lookback + margin: X is read again to compare content
		await new Promise((resolve) => setTimeout(resolve, 9_000));
		before = await getsOf();
		expect(await harness.poll()).toBeNull();
		expect(await getsOf()).toBe(before); // settled: passed over unread
	}, 60_000);

	test('both occurrences of a fall-back hour at one local second: each save is emitted once', async () => {
		// America/New_York, 2026-11-01: 01:30:00 happens at 05:30Z (EDT) and again at 06:30Z (EST).
		await sim.control.setClock('2026-11-01T05:20:00Z');
		const harness = trigger();
		await create('Before');
		await harness.poll();
		const x = await create('X first occurrence', '2026-11-01T05:30:00Z');
		expect(emitted(await harness.poll()).map((c) => [c.id, name(c)])).toEqual([
			[x, 'X first occurrence'],
		]);
		await rename(x, 'X second occurrence', '2026-11-01T06:30:00Z');
		const second = emitted(await harness.poll());
		expect(second.map((c) => [c.id, name(c), c.lastModified])).toEqual([
			[x, 'X second occurrence', '2026-11-01T06:30:00Z'],
		]);
		expect(await harness.poll()).toBeNull();
	});
});

describe('Account Time Zone', () => {
	test('simulator in Europe/London, node on the default zone: fails before any item or watermark, naming the offset and the zones that fit', async () => {
		sim = await withSimulator({
			records: EMPTY,
			timeZone: 'Europe/London',
			clockStart: '2026-07-01T12:00:00Z',
		});
		await create('Someone');
		const harness = trigger({}, { zone: null });
		const failure = harness.poll();
		await expect(failure).rejects.toThrow(
			/Account Time Zone "America\/Los_Angeles" does not match NetSuite/,
		);
		await expect(harness.poll()).rejects.toThrow(
			/offset of UTC\+01:00\).*Zones that fit: Europe\/London.*Home > Set Preferences > Time Zone/s,
		);
		expect(harness.staticData).toEqual({});

		const changes = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getChanges',
			recordType: recordType('customer'),
			mode: 'columns',
		});
		expect(changes.error?.message).toMatch(
			/Parameter "accountTimeZone": Account Time Zone "America\/Los_Angeles" does not match NetSuite/,
		);
		expect(changes.outputs.flat()).toHaveLength(0);

		const right = await getChanges({ accountTimeZone: 'Europe/London' });
		expect(right.error).toBeUndefined();
		expect(right.changes.map(name)).toEqual(['Someone']);
	});

	test.each([
		['America/New_York', '2026-03-08T06:59:57Z'],
		['Europe/London', '2026-03-29T00:59:57Z'],
	])(
		'the right zone (%s) across spring-forward loses nothing, one record per poll',
		async (zone, from) => {
			sim = await withSimulator({ records: EMPTY, timeZone: zone, clockStart: from });
			const start = Date.parse(from);
			const harness = trigger({ firstRun: 'everything', maxRecords: 1, mode: 'columns' }, { zone });
			for (let s = 0; s < 6; s++) await create(`R${s}`, new Date(start + s * 1000).toISOString());
			const seen: ChangeJson[] = [];
			for (let n = 0; n < 10; n++) seen.push(...emitted(await harness.poll()));
			const truth = (await sim.control.records('customer'))
				.map((r) => `${r.id}@${r.lastModifiedDate}`)
				.sort();
			expect(versions(seen)).toEqual(truth);

			const loop: ChangeJson[] = [];
			let cursor = '';
			for (let n = 0; n < 10; n++) {
				const batch = await getChanges({
					accountTimeZone: zone,
					mode: 'columns',
					maxRecords: 1,
					lookbackMinutes: 0,
					cursor,
				});
				expect(batch.error).toBeUndefined();
				if (batch.changes.length === 0) break;
				loop.push(...batch.changes);
				cursor = JSON.stringify(batch.changes[batch.changes.length - 1].cursor);
			}
			expect(versions(loop)).toEqual(truth);
		},
	);
});

describe('item subtypes', () => {
	const counts = {
		lotNumberedInventoryItem: 5,
		serializedInventoryItem: 4,
		inventoryItem: 6,
		nonInventorySaleItem: 3,
		nonInventoryPurchaseItem: 2,
	};

	test.each(Object.keys(counts))(
		'%s: Get Changes reads exactly its own records, and its deletions show',
		async (type) => {
			sim = await withSimulator({
				records: { ...EMPTY, ...counts },
				clockStart: '2026-10-01T12:00:00Z',
			});
			const own = (await sim.control.records(type)).map((r) => r.id).sort();
			expect(own).toHaveLength(counts[type as keyof typeof counts]);
			const read = await getChanges({ recordType: recordType(type), lookbackMinutes: 0 });
			expect(read.error).toBeUndefined();
			expect(read.changes.map((c) => c.id).sort()).toEqual(own);

			await sim.control.setClock('2026-10-01T13:00:00Z');
			await sim.control.deleteRecord(type, own[0]);
			const cursor = JSON.stringify(read.changes[read.changes.length - 1].cursor);
			const deletions = await getChanges({
				recordType: recordType(type),
				lookbackMinutes: 0,
				includeDeletions: true,
				cursor,
			});
			expect(deletions.error).toBeUndefined();
			expect(deletions.changes.map((c) => [c.id, c.deleted])).toEqual([[own[0], true]]);
		},
	);

	test('two zones that agree at the newest record but not earlier: the per-record comparison fails the read', async () => {
		// Phoenix (UTC−7 all year) and Los Angeles agree in summer, differ by an hour in winter.
		sim = await withSimulator({
			records: EMPTY,
			timeZone: 'America/Phoenix',
			clockStart: '2026-01-15T19:00:00Z',
		});
		await create('Winter');
		await create('Summer', '2026-07-15T19:00:00Z');
		const read = await getChanges({ accountTimeZone: 'America/Los_Angeles', lookbackMinutes: 0 });
		expect(read.error?.message).toMatch(
			/Account Time Zone "America\/Los_Angeles" does not match NetSuite: customer \d+ was last modified at 2026-01-15T19:00:00Z.*America\/Phoenix/s,
		);
		expect(read.changes).toHaveLength(0);
	});

	test('a type SuiteQL cannot tell apart is refused before any request', async () => {
		sim = await withSimulator({ records: EMPTY });
		await sim.control.resetCounters();
		const refused = await getChanges({ recordType: recordType('intercompanyJournalEntry') });
		expect(refused.error?.message).toMatch(
			/Parameter "recordType": intercompanyJournalEntry rows share transaction type 'Journal'/,
		);
		expect((await sim.control.counters()).requests).toBe(0);
	});
});

describe('a record that cannot be loaded is never dropped silently', () => {
	beforeEach(async () => {
		sim = await withSimulator({ records: EMPTY, clockStart: '2026-10-01T12:00:00Z' });
	});

	test('every GET answers 404 (a wrong type mapping): Get Changes and the trigger fail loudly and the watermark stays', async () => {
		for (let n = 0; n < 6; n++) await create(`C${n}`);
		const proxy = await new FaultProxy(sim.baseUrl, [
			{ method: 'GET', path: /\/record\/v1\/customer\/\d+$/, status: 404, body: NOT_FOUND },
		]).start();
		try {
			const changes = await getChanges({}, { credentials: { baseUrl: proxy.baseUrl } });
			expect(changes.error?.message).toMatch(
				/SuiteQL lists customer \d+ as a customer, but NetSuite's record service answers "Record does not exist."/,
			);
			expect(changes.changes).toHaveLength(0);
			const harness = trigger({ firstRun: 'everything' }, { baseUrl: proxy.baseUrl });
			await expect(harness.poll()).rejects.toThrow(/does not match the rows this node selects/);
			expect(harness.staticData).toEqual({});
		} finally {
			await proxy.stop();
		}
	});

	test('most rows of a batch vanish: the run fails naming the record type; a few vanished are counted in the summary', async () => {
		const ids: string[] = [];
		for (let n = 0; n < 6; n++) ids.push(await create(`C${n}`));
		const newest = ids[ids.length - 1];
		const allButNewest = new RegExp(`/record/v1/customer/(?!${newest}$)\\d+$`);
		const proxy = await new FaultProxy(sim.baseUrl, [
			{ method: 'GET', path: allButNewest, status: 404, body: NOT_FOUND },
		]).start();
		try {
			const failed = await getChanges({}, { credentials: { baseUrl: proxy.baseUrl } });
			expect(failed.error?.message).toMatch(
				/5 of 6 customer records listed by SuiteQL answered "Record does not exist." when read/,
			);
			expect(failed.changes).toHaveLength(0);
		} finally {
			await proxy.stop();
		}
		const one = await new FaultProxy(sim.baseUrl, [
			{
				method: 'GET',
				path: new RegExp(`/record/v1/customer/${ids[0]}$`),
				status: 404,
				body: NOT_FOUND,
			},
		]).start();
		try {
			const read = await getChanges({}, { credentials: { baseUrl: one.baseUrl } });
			expect(read.error).toBeUndefined();
			expect(read.changes.map((c) => c.id)).toEqual(ids.slice(1));
			expect(read.changes[0].batch).toMatchObject({ vanished: 1, vanishedIds: [ids[0]] });
		} finally {
			await one.stop();
		}
	});

	test('a record that keeps failing is emitted as failed once, not again at every poll inside the lookback', async () => {
		const a = await create('Locked', '2026-10-01T12:00:05Z');
		await create('Fine', '2026-10-01T12:00:06Z');
		const locked = {
			type: 'x',
			title: 'Bad Request',
			status: 400,
			'o:errorDetails': [
				{
					detail: 'Record has been changed by another user and is locked.',
					'o:errorCode': 'RCRD_LOCKED_BY_WF',
				},
			],
		};
		const proxy = await new FaultProxy(sim.baseUrl, [
			{ method: 'GET', path: new RegExp(`/record/v1/customer/${a}$`), status: 400, body: locked },
		]).start();
		try {
			const harness = trigger(
				{ firstRun: 'everything', skipFailed: true, options: { retryBudgetSeconds: 2 } },
				{ baseUrl: proxy.baseUrl },
			);
			const first = emitted(await harness.poll());
			expect(
				first.map((c) => (c as unknown as { details?: { id: string } }).details?.id ?? c.id),
			).toEqual([a, expect.any(String)]);
			expect(await harness.poll()).toBeNull();
		} finally {
			await proxy.stop();
		}
	});

	test('a batch whose only rows vanished still returns its cursor, so a loop moves on', async () => {
		const a = await create('A');
		const proxy = await new FaultProxy(sim.baseUrl, [
			{
				method: 'GET',
				path: new RegExp(`/record/v1/customer/${a}$`),
				status: 404,
				body: NOT_FOUND,
				when: () => true,
			},
		]).start();
		try {
			// The account check reads the newest record, which must exist: add one the proxy lets through, then read only A's batch.
			await create('B', '2026-10-01T12:00:05Z');
			const read = await getChanges(
				{ maxRecords: 1, lookbackMinutes: 0 },
				{ credentials: { baseUrl: proxy.baseUrl } },
			);
			expect(read.error).toBeUndefined();
			expect(read.outputs[0]).toHaveLength(1);
			const item = read.outputs[0][0].json as IDataObject;
			expect(item.id).toBeUndefined();
			expect(item.cursor).toMatchObject({ id: a });
			expect(item.batch).toMatchObject({ hasMore: true, size: 0, vanished: 1 });
		} finally {
			await proxy.stop();
		}
	});
});

describe('deletions start where the records start', () => {
	beforeEach(async () => {
		sim = await withSimulator({ records: EMPTY, clockStart: '2026-10-01T09:00:00Z' });
	});

	test('From Now with Include Deletions emits no deletion made before activation', async () => {
		const a = await create('A', '2026-10-01T09:00:00Z');
		const b = await create('B');
		const c = await create('C');
		await sim.control.setClock('2026-10-01T11:50:00Z');
		await sim.control.deleteRecord('customer', a);
		await sim.control.setClock('2026-10-01T11:58:00Z');
		await sim.control.deleteRecord('customer', b);
		await sim.control.setClock('2026-10-01T12:00:00Z');
		const harness = trigger({ includeDeletions: true });
		expect(await harness.poll()).toBeNull();
		expect(await harness.poll()).toBeNull();
		await sim.control.setClock('2026-10-01T12:01:00Z');
		await sim.control.deleteRecord('customer', c);
		expect(emitted(await harness.poll()).map((x) => [x.id, x.deleted])).toEqual([[c, true]]);
		expect(await harness.poll()).toBeNull();
	});

	test('a backfill from the beginning in small batches still delivers deletions older than the records it has reached', async () => {
		const gone = await create('Gone', '2026-10-01T09:00:00Z');
		await sim.control.setClock('2026-10-01T09:00:30Z');
		await sim.control.deleteRecord('customer', gone);
		const kept: string[] = [];
		for (let n = 0; n < 5; n++) kept.push(await create(`Kept ${n}`, `2026-10-01T10:0${n}:00Z`));
		const seen: ChangeJson[] = [];
		let cursor = '';
		for (let run = 0; run < 10; run++) {
			const batch = await getChanges({
				mode: 'columns',
				maxRecords: 2,
				lookbackMinutes: 0,
				includeDeletions: true,
				cursor,
			});
			expect(batch.error).toBeUndefined();
			seen.push(...batch.changes.filter((c) => c.id !== undefined));
			const last = batch.changes[batch.changes.length - 1];
			if (!last?.batch?.hasMore) break;
			cursor = JSON.stringify(last.cursor);
		}
		expect(seen.map((c) => (c.deleted ? `deleted:${c.id}` : c.id))).toEqual([
			...kept,
			`deleted:${gone}`,
		]);
	});

	test('turning Include Deletions on for an existing watermark emits only deletions after the records position', async () => {
		const old = await create('Old', '2026-10-01T09:00:00Z');
		await sim.control.setClock('2026-10-01T09:30:00Z');
		await sim.control.deleteRecord('customer', old);
		const kept = await create('Kept', '2026-10-01T10:00:00Z');
		await sim.control.setClock('2026-10-01T12:00:00Z');
		const harness = trigger({ firstRun: 'everything', mode: 'columns' });
		expect(emitted(await harness.poll()).map((x) => x.id)).toEqual([kept]);
		harness.editParameters({ includeDeletions: true });
		expect(await harness.poll()).toBeNull();
		await sim.control.deleteRecord('customer', kept);
		expect(emitted(await harness.poll()).map((x) => [x.id, x.deleted])).toEqual([[kept, true]]);
	});
});

test('Start Date is wall time in the workflow time zone', async () => {
	sim = await withSimulator({ records: EMPTY, clockStart: '2026-10-01T11:00:00Z' });
	await create('Before', '2026-10-01T11:59:59Z');
	const at = await create('At', '2026-10-01T12:00:00Z');
	// 08:00 in New York on 1 October is 12:00 UTC, whatever zone the n8n host runs in.
	const parameters = {
		startFrom: 'date',
		startDate: '2026-10-01T08:00:00',
		lookbackMinutes: 0,
		mode: 'columns',
	};
	const read = await getChanges(parameters, { settings: { timezone: 'America/New_York' } });
	expect(read.error).toBeUndefined();
	expect(read.changes.map((c) => c.id)).toEqual([at]);
	const harness = trigger(
		{ firstRun: 'date', startDate: '2026-10-01T08:00:00', mode: 'columns' },
		{ settings: { timezone: 'America/New_York' } },
	);
	expect(emitted(await harness.poll()).map((c) => c.id)).toEqual([at]);
});
