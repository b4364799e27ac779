/**
 * The NetSuite Trigger over many polls, run through n8n-core's PollContext and Workflow (static
 * data saved the way n8n saves it), against the simulator, with changes made between polls
 * through its control API. Each test states the exact versions it expects over the whole sequence.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { beforeSuiteQl, FaultProxy } from '../helpers/faultProxy';
import { asChanges, versions } from '../helpers/changeItems';
import type { ChangeJson } from '../helpers/changeItems';
import { PollHarness } from '../helpers/n8nHarness';
import { credentialsFor, recordType, triggerFor, withSimulator } from '../helpers/simulatorNode';
import { NetSuiteTrigger } from '../../nodes/NetSuite/NetSuiteTrigger.node';
import { onlyRecords } from '../simulator';
import type { RunningSimulator } from '../simulator';

const ZONE = 'America/New_York';
const EMPTY = onlyRecords();
let sim: RunningSimulator;

beforeEach(async () => {
	sim = await withSimulator({ records: EMPTY, clockStart: '2026-10-01T12:00:00Z' });
	await sim.control.setClock('2026-10-01T12:00:00Z');
});
afterEach(async () => sim.stop());

function trigger(parameters: IDataObject = {}, baseUrl?: string, nodeName?: string): PollHarness {
	const all = {
		recordType: recordType('customer'),
		accountTimeZone: ZONE,
		mode: 'columns',
		firstRun: 'now',
		lookbackMinutes: 5,
		...parameters,
	};
	if (!baseUrl && !nodeName) return triggerFor(sim, all);
	return new PollHarness(
		new NetSuiteTrigger() as never,
		all,
		credentialsFor(sim, baseUrl ? { baseUrl } : {}),
		nodeName,
	);
}

const emitted = (result: INodeExecutionData[][] | null): ChangeJson[] => asChanges(result?.[0]);

async function create(name: string): Promise<string> {
	return (await sim.control.createRecord('customer', { companyName: name })).id;
}

async function truth(): Promise<string[]> {
	return (await sim.control.records('customer')).map((r) => `${r.id}@${r.lastModifiedDate}`).sort();
}

async function pollAll(harness: PollHarness, times: number): Promise<ChangeJson[]> {
	const all: ChangeJson[] = [];
	for (let n = 0; n < times; n++) all.push(...emitted(await harness.poll()));
	return all;
}

test('first poll "from now" emits nothing and records NetSuite’s newest row; the next poll emits what changed since', async () => {
	await create('Before activation');
	const harness = trigger();
	expect(await harness.poll()).toBeNull();
	const [before] = await sim.control.records('customer');
	expect(harness.nodeStaticData.cursor).toEqual({
		lastModified: before.lastModifiedDate,
		id: before.id,
	});
	await sim.control.advanceClock(1000);
	const a = await create('A');
	const b = await create('B');
	expect(emitted(await harness.poll()).map((c) => c.id)).toEqual([a, b]);
	expect(await harness.poll()).toBeNull();
});

test('1,500 changes in one second across a page boundary, 1,000 per poll: every version once, the rest at the next poll', async () => {
	const harness = trigger({ maxRecords: 1000 });
	await harness.poll();
	for (let n = 0; n < 1500; n++) await create(`Burst ${n}`);
	const first = emitted(await harness.poll());
	const second = emitted(await harness.poll());
	expect(first).toHaveLength(1000);
	expect(first[0].batch?.hasMore).toBe(true);
	expect(second).toHaveLength(500);
	expect(await harness.poll()).toBeNull();
	expect(versions([...first, ...second])).toEqual(await truth());
});

test('a record modified while the poll is paging is emitted at both versions, each once', async () => {
	const ids: string[] = [];
	const proxy = await new FaultProxy(
		sim.baseUrl,
		[],
		[
			beforeSuiteQl(
				3,
				async () =>
					void (await sim.control.updateRecord('customer', ids[10], { companyName: 'moved' })),
			),
		],
	).start();
	try {
		const harness = trigger({ firstRun: 'everything' }, proxy.baseUrl);
		for (let n = 0; n < 1500; n++) ids.push(await create(`Row ${n}`));
		const before = (await sim.control.records('customer')).find(
			(r) => r.id === ids[10],
		)!.lastModifiedDate;
		await sim.control.advanceClock(2000);
		const all = await pollAll(harness, 3);
		const after = (await sim.control.records('customer')).find(
			(r) => r.id === ids[10],
		)!.lastModifiedDate;
		expect(versions(all)).toEqual([...(await truth()), `${ids[10]}@${before}`].sort());
		expect(after).not.toBe(before);
	} finally {
		await proxy.stop();
	}
});

test('a record changed twice inside the lookback is emitted once per change, never again for an old version', async () => {
	const harness = trigger({ lookbackMinutes: 5 });
	await harness.poll();
	const a = await create('A v1');
	const v1 = emitted(await harness.poll());
	await sim.control.advanceClock(10_000);
	await sim.control.updateRecord('customer', a, { companyName: 'A v2' });
	const v2 = emitted(await harness.poll());
	await sim.control.advanceClock(10_000);
	await sim.control.updateRecord('customer', a, { companyName: 'A v3' });
	const v3 = emitted(await harness.poll());
	const none = await harness.poll();
	expect([v1, v2, v3].map((batch) => batch.map((c) => c.lastModified))).toEqual([
		['2026-10-01T12:00:00Z'],
		['2026-10-01T12:00:10Z'],
		['2026-10-01T12:00:20Z'],
	]);
	expect(none).toBeNull();
});

test('a late commit inside the lookback is emitted once; one older than the lookback is missed, as documented', async () => {
	const harness = trigger({ lookbackMinutes: 5 });
	await harness.poll();
	await sim.control.advanceClock(600_000); // 12:10
	const onTime = await create('On time');
	expect(emitted(await harness.poll()).map((c) => c.id)).toEqual([onTime]);
	const inside = await sim.control.lateCommit('customer', {
		fields: { companyName: 'Late, 2 min' },
		stampedAt: '2026-10-01T12:08:00Z',
		visibleAfterMs: 0,
	});
	const outside = await sim.control.lateCommit('customer', {
		fields: { companyName: 'Late, 9 min' },
		stampedAt: '2026-10-01T12:01:00Z',
		visibleAfterMs: 0,
	});
	await sim.control.commitPending();
	const next = emitted(await harness.poll());
	expect(next.map((c) => [c.id, c.lastModified, c.reread])).toEqual([
		[inside.id, '2026-10-01T12:08:00Z', true],
	]);
	expect(next.map((c) => c.id)).not.toContain(outside.id);
	expect(await harness.poll()).toBeNull();
});

test('deletions are emitted once, with their own watermark', async () => {
	const harness = trigger({ includeDeletions: true });
	await harness.poll();
	const a = await create('A');
	const b = await create('B');
	const created = emitted(await harness.poll());
	expect(created.map((c) => [c.id, c.deleted])).toEqual([
		[a, false],
		[b, false],
	]);
	expect(versions(created)).toEqual(await truth());
	await sim.control.advanceClock(1000);
	await sim.control.deleteRecord('customer', a);
	expect(emitted(await harness.poll()).map((c) => [c.id, c.deleted])).toEqual([[a, true]]);
	expect(await harness.poll()).toBeNull();
	expect(harness.nodeStaticData.cursor).toMatchObject({
		deletedSince: '2026-10-01T12:00:01Z',
		deletedId: a,
	});
});

test('a poll that fails midway leaves the watermark untouched; the next poll delivers everything once', async () => {
	const proxy = await new FaultProxy(sim.baseUrl, [
		{
			method: 'POST',
			path: /suiteql$/,
			status: 400,
			times: 1,
			body: {
				title: 'Bad Request',
				status: 400,
				'o:errorDetails': [
					{ detail: 'Simulated failure on page 2', 'o:errorCode': 'INVALID_PARAMETER' },
				],
			},
		},
	]).start();
	try {
		const harness = trigger({ maxRecords: 5000 }, proxy.baseUrl);
		// The first activation poll fails on its first SuiteQL call; nothing is saved.
		await expect(harness.poll()).rejects.toThrow('Simulated failure on page 2');
		expect(harness.staticData).toEqual({});
		expect(await harness.poll()).toBeNull();
		const saved = harness.staticData;
		for (let n = 0; n < 1200; n++) await create(`Row ${n}`);
		await proxyFailNext(proxy);
		await expect(harness.poll()).rejects.toThrow('Simulated failure on page 2');
		expect(harness.staticData).toEqual(saved);
		const all = await pollAll(harness, 2);
		expect(versions(all)).toEqual(await truth());
	} finally {
		await proxy.stop();
	}
});

/** Arms the proxy to fail the second SuiteQL page of the next poll. */
async function proxyFailNext(proxy: FaultProxy): Promise<void> {
	proxy.armSecondSuiteQlFailure();
}

test('an overlapping poll of the same node returns nothing and takes nothing', async () => {
	const harness = trigger();
	await harness.poll();
	for (let n = 0; n < 300; n++) await create(`Row ${n}`);
	await sim.control.setLatency({ latencyMs: 20 });
	const [a, b] = await Promise.all([harness.poll(), harness.poll()]);
	expect([a, b].filter((r) => r === null)).toHaveLength(1);
	expect(versions([...emitted(a), ...emitted(b)])).toEqual(await truth());
});

test('daylight-saving fall-back: edits in both occurrences of the repeated hour are each emitted once', async () => {
	const harness = trigger({ mode: 'full', lookbackMinutes: 0 });
	await sim.control.setClock('2026-11-01T04:50:00Z'); // 00:50 EDT
	await harness.poll();
	const seen: string[] = [];
	const poll = async () =>
		seen.push(...emitted(await harness.poll()).map((c) => String(c.record?.companyName)));

	await sim.control.setClock('2026-11-01T05:10:00Z'); // 01:10 EDT (first 1 a.m.)
	const a = await create('A1');
	await poll();
	await sim.control.setClock('2026-11-01T05:50:00Z'); // 01:50 EDT
	await create('B1');
	await poll();
	await sim.control.setClock('2026-11-01T06:20:00Z'); // 01:20 EST (second 1 a.m.): sorts before 01:50
	await create('C1');
	await sim.control.updateRecord('customer', a, { companyName: 'A2' });
	await poll();
	await sim.control.setClock('2026-11-01T06:55:00Z'); // 01:55 EST
	await create('D1');
	await poll();
	await sim.control.setClock('2026-11-01T07:05:00Z'); // 02:05 EST
	await create('E1');
	await poll();
	await poll();
	expect(seen.sort()).toEqual(['A1', 'A2', 'B1', 'C1', 'D1', 'E1']);
});

test('10 % injected 429s over a sequence of polls: the exact versions, each once', async () => {
	const harness = trigger({ mode: 'full', options: { retryBudgetSeconds: 60 } });
	await harness.poll();
	await sim.control.setFaults({ rate429: 0.1 });
	const all: ChangeJson[] = [];
	for (let round = 0; round < 4; round++) {
		for (let n = 0; n < 50; n++) await create(`Round ${round} row ${n}`);
		await sim.control.advanceClock(1000);
		all.push(...emitted(await harness.poll()));
	}
	expect((await sim.control.counters()).sent429).toBeGreaterThan(0);
	expect(versions(all)).toEqual(await truth());
});

test('"Fetch Test Event" returns the newest record as a sample and never moves the watermark', async () => {
	const harness = trigger({ mode: 'full' });
	await create('Old');
	await harness.poll();
	const saved = harness.staticData;
	await sim.control.advanceClock(1000);
	const fresh = await create('Newest');
	const sample = emitted(await harness.poll('manual'));
	expect(sample.map((c) => [c.id, c.record?.companyName])).toEqual([[fresh, 'Newest']]);
	expect(harness.staticData).toEqual(saved);
	expect(emitted(await harness.poll()).map((c) => c.id)).toEqual([fresh]);
});

test('a renamed trigger starts over from its First Run setting (static data is keyed by node name)', async () => {
	const original = trigger({ firstRun: 'everything' });
	await create('A');
	expect(emitted(await original.poll())).toHaveLength(1);
	const renamed = trigger({ firstRun: 'everything' }, undefined, 'NetSuite Trigger (renamed)');
	expect(emitted(await renamed.poll())).toHaveLength(1);
});
