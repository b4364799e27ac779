/**
 * Simplify against the simulator: new nodes (version 1.1) return records without NetSuite's links,
 * at any depth; version 1 nodes (the bundled workflows) and Simplify off keep the raw shape.
 */
import type { IDataObject } from 'n8n-workflow';
import { recordType, runNetSuite, triggerFor, withSimulator } from '../helpers/simulatorNode';
import { onlyRecords } from '../simulator';
import type { RunningSimulator } from '../simulator';

let sim: RunningSimulator;
beforeAll(async () => {
	sim = await withSimulator({
		records: onlyRecords({ customer: 20, salesOrder: 8 }),
	});
});
afterAll(async () => sim.stop());

function linkCount(value: unknown): number {
	if (Array.isArray(value)) return value.reduce((n: number, v) => n + linkCount(v), 0);
	if (!value || typeof value !== 'object') return 0;
	return Object.entries(value).reduce((n, [k, v]) => n + (k === 'links' ? 1 : linkCount(v)), 0);
}

const getMany = {
	resource: 'record',
	operation: 'getMany',
	recordType: recordType('salesOrder'),
	returnAll: false,
	limit: 3,
};

test('Get Many: version 1.1 drops links everywhere; Simplify off and version 1 keep them', async () => {
	const simplified = await runNetSuite(sim, getMany);
	expect(simplified.error).toBeUndefined();
	expect(simplified.outputs[0]).toHaveLength(3);
	for (const { json } of simplified.outputs[0]) {
		expect(linkCount(json)).toBe(0);
		expect((json.item as { items: IDataObject[] }).items.length).toBeGreaterThan(0);
	}
	const raw = await runNetSuite(sim, { ...getMany, simplify: false });
	const v1 = await runNetSuite(sim, getMany, { typeVersion: 1 });
	for (const run of [raw, v1]) {
		const record = run.outputs[0][0].json;
		expect(record.links).toBeDefined();
		expect(linkCount(record.item)).toBeGreaterThan(0); // the sublist and its rows carry links too
		expect({ ...record }).toMatchObject({ id: simplified.outputs[0][0].json.id });
	}
});

test('Get: version 1.1 drops links; Simplify off returns the raw record', async () => {
	const [first] = await sim.control.records('customer');
	const get = {
		resource: 'record',
		operation: 'get',
		recordType: recordType('customer'),
		recordId: first.id,
	};
	const simplified = await runNetSuite(sim, get);
	expect(simplified.outputs[0][0].json.id).toBe(first.id);
	expect(linkCount(simplified.outputs[0][0].json)).toBe(0);
	const raw = await runNetSuite(sim, { ...get, simplify: false });
	expect(raw.outputs[0][0].json.links).toBeDefined();
});

test('Get Changes and the trigger: full records without links at version 1.1, with them at version 1', async () => {
	const changes = {
		resource: 'record',
		operation: 'getChanges',
		recordType: recordType('salesOrder'),
		accountTimeZone: 'America/New_York',
		mode: 'full',
		maxRecords: 3,
	};
	const simplified = await runNetSuite(sim, changes);
	expect(simplified.outputs[0]).toHaveLength(3);
	for (const { json } of simplified.outputs[0]) {
		expect(json.record).toBeDefined();
		expect(linkCount(json.record)).toBe(0);
	}
	const v1 = await runNetSuite(sim, changes, { typeVersion: 1 });
	expect((v1.outputs[0][0].json.record as IDataObject).links).toBeDefined();

	const trigger = {
		recordType: recordType('salesOrder'),
		accountTimeZone: 'America/New_York',
		firstRun: 'everything',
		mode: 'full',
		maxRecords: 3,
	};
	const emitted = await triggerFor(sim, trigger).poll();
	expect(emitted?.[0]).toHaveLength(3);
	for (const { json } of emitted![0]) expect(linkCount(json.record)).toBe(0);
	const emittedV1 = await triggerFor(sim, trigger, 1).poll();
	expect((emittedV1![0][0].json.record as IDataObject).links).toBeDefined();
});
