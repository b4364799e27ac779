/**
 * The NetSuite node's record, SuiteQL and RESTlet operations against the simulator, run through
 * n8n-core's engine.
 */
import { FaultProxy, RECORD_LOCKED } from '../helpers/faultProxy';
import { recordType, runNetSuite, withSimulator } from '../helpers/simulatorNode';
import { onlyRecords } from '../simulator';
import type { RunningSimulator } from '../simulator';

let sim: RunningSimulator;

beforeAll(async () => {
	sim = await withSimulator({
		records: onlyRecords({ customer: 2500, salesOrder: 40 }),
	});
});
afterAll(async () => sim.stop());
beforeEach(async () => {
	await sim.control.setFaults({});
	await sim.control.resetCounters();
});

describe('Record > Get Many (two-step)', () => {
	test('lists IDs across pages, GETs each, returns them in listing order, one item per record', async () => {
		const truth = await sim.control.records('customer');
		const { outputs, error } = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getMany',
			recordType: recordType('customer'),
			returnAll: true,
		});
		expect(error).toBeUndefined();
		const items = outputs[0];
		expect(items.map((i) => i.json.id)).toEqual(truth.map((r) => r.id));
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		const counters = await sim.control.counters();
		expect(counters.byKind.list).toBe(3);
		expect(counters.byKind.get).toBe(2500);
		expect(counters.peakConcurrency).toBeLessThanOrEqual(5);
	});

	test('Limit stops listing and reading early', async () => {
		const { outputs } = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getMany',
			recordType: recordType('customer'),
			returnAll: false,
			limit: 7,
		});
		expect(outputs[0]).toHaveLength(7);
		const counters = await sim.control.counters();
		expect(counters.byKind.get).toBe(7);
		expect(counters.byKind.list).toBe(1);
	});

	test('sublists come expanded by default and as links when asked', async () => {
		const expanded = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getMany',
			recordType: recordType('salesOrder'),
			returnAll: false,
			limit: 1,
		});
		expect((expanded.outputs[0][0].json.item as { items: unknown[] }).items.length).toBeGreaterThan(
			0,
		);
		const collapsed = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getMany',
			recordType: recordType('salesOrder'),
			returnAll: false,
			limit: 1,
			options: { expandSubResources: false },
		});
		expect((collapsed.outputs[0][0].json.item as { items?: unknown[] }).items).toBeUndefined();
	});

	test('a 30 % storm of 429s loses nothing', async () => {
		await sim.control.setFaults({ rate429: 0.3 });
		const { outputs, error } = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getMany',
			recordType: recordType('customer'),
			returnAll: false,
			limit: 1500,
			options: { retryBudgetSeconds: 120 },
		});
		expect(error).toBeUndefined();
		const ids = outputs[0].map((i) => String(i.json.id));
		// Exactly the first 1,500 records, each once, in listing order: a duplicate or a gap fails this.
		const expected = (await sim.control.records('customer')).slice(0, 1500).map((r) => r.id);
		expect(ids).toEqual(expected);
		expect((await sim.control.counters()).sent429).toBeGreaterThan(100);
		// Refused for concurrency on 30 % of calls, the adaptive window gives way (down to one request
		// at a time), so this takes longer than jest's default on a busy machine.
	}, 240_000);

	test('the q filter is passed through and signed', async () => {
		const { outputs, error } = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getMany',
			recordType: recordType('customer'),
			returnAll: true,
			q: 'id BETWEEN [100, 109]',
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((i) => i.json.id)).toEqual([
			'100',
			'101',
			'102',
			'103',
			'104',
			'105',
			'106',
			'107',
			'108',
			'109',
		]);
	});
});

describe('single-record operations', () => {
	test('Create sends an idempotency key, returns the id from Location, and the record when asked', async () => {
		const { outputs, error } = await runNetSuite(sim, {
			resource: 'record',
			operation: 'create',
			recordType: recordType('customer'),
			body: '{"companyName": "Acme Create", "email": "ops@acme.example"}',
			options: { returnRecord: true },
		});
		expect(error).toBeUndefined();
		const created = outputs[0][0].json;
		expect(created.companyName).toBe('Acme Create');
		const truth = (await sim.control.records('customer')).find((r) => r.id === created.id);
		expect(truth?.fields.companyName).toBe('Acme Create');
	});

	test('creates retried after lost answers are never doubled', async () => {
		await sim.control.setFaults({ rateResetAfterApply: 0.4 });
		const input = Array.from({ length: 20 }, (_, n) => ({ json: { name: `Idempotent ${n}` } }));
		const { outputs, error } = await runNetSuite(
			sim,
			{
				resource: 'record',
				operation: 'create',
				recordType: recordType('customer'),
				body: '={{ JSON.stringify({ companyName: $json.name }) }}',
			},
			{ input },
		);
		await sim.control.setFaults({});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(20);
		const names = (await sim.control.records('customer'))
			.map((r) => r.fields.companyName)
			.filter((n) => String(n).startsWith('Idempotent '));
		expect(names.sort()).toEqual(input.map((i) => i.json.name).sort());
	});

	test('Update, Upsert (eid:), Get and Delete', async () => {
		const update = await runNetSuite(sim, {
			resource: 'record',
			operation: 'update',
			recordType: recordType('customer'),
			recordId: '100',
			body: '{"companyName": "Renamed 100"}',
		});
		expect(update.error).toBeUndefined();
		expect(update.outputs[0][0].json.id).toBe('100');

		const upsert = await runNetSuite(sim, {
			resource: 'record',
			operation: 'upsert',
			recordType: recordType('customer'),
			externalId: 'EXT-UPSERT-1',
			body: '{"companyName": "Upserted"}',
			options: { returnRecord: true },
		});
		expect(upsert.error).toBeUndefined();
		expect(upsert.outputs[0][0].json).toMatchObject({
			companyName: 'Upserted',
			externalId: 'EXT-UPSERT-1',
		});
		const again = await runNetSuite(sim, {
			resource: 'record',
			operation: 'upsert',
			recordType: recordType('customer'),
			externalId: 'EXT-UPSERT-1',
			body: '{"companyName": "Upserted twice"}',
		});
		expect(again.outputs[0][0].json.id).toBe(upsert.outputs[0][0].json.id);

		const get = await runNetSuite(sim, {
			resource: 'record',
			operation: 'get',
			recordType: recordType('customer'),
			recordId: 'eid:EXT-UPSERT-1',
			options: { fields: 'companyName' },
		});
		expect(get.outputs[0][0].json.companyName).toBe('Upserted twice');
		expect(get.outputs[0][0].json.email).toBeUndefined();

		const del = await runNetSuite(sim, {
			resource: 'record',
			operation: 'delete',
			recordType: recordType('customer'),
			recordId: '101',
		});
		expect(del.outputs[0][0].json).toEqual({ id: '101', recordType: 'customer', deleted: true });
		expect((await sim.control.records('customer')).some((r) => r.id === '101')).toBe(false);
	});

	test('per-item errors: one missing record becomes an error item with NetSuite’s message, the rest go on', async () => {
		const input = ['102', '999999', '103'].map((id) => ({ json: { id } }));
		const { outputs, error } = await runNetSuite(
			sim,
			{
				resource: 'record',
				operation: 'get',
				recordType: recordType('customer'),
				recordId: '={{ $json.id }}',
			},
			{ input, onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(outputs[0].map((i) => i.json.id ?? i.json.error)).toEqual([
			'102',
			'Record does not exist.',
			'103',
		]);
		expect(outputs[0][1].json.details).toMatchObject({
			recordType: 'customer',
			id: '999999',
			httpCode: '404',
		});
		const stopped = await runNetSuite(sim, {
			resource: 'record',
			operation: 'get',
			recordType: recordType('customer'),
			recordId: '999999',
		});
		expect(stopped.error?.message).toBe('Record does not exist.');
		expect(stopped.error?.description).toContain('NONEXISTENT_ID');
	});

	test('bad record types, ids and injection attempts are refused before any call, naming the field', async () => {
		await sim.control.resetCounters();
		const badType = await runNetSuite(
			sim,
			{
				resource: 'record',
				operation: 'getMany',
				recordType: recordType('={{ $json.type }}'),
				returnAll: true,
			},
			{ input: [{ json: { type: 'customer; DROP TABLE x' } }] },
		);
		expect(badType.error?.message).toMatch(/Parameter "recordType".*not a NetSuite record type ID/);
		const badId = await runNetSuite(sim, {
			resource: 'record',
			operation: 'get',
			recordType: recordType('customer'),
			recordId: '1 OR 1=1',
		});
		expect(badId.error?.message).toMatch(/Parameter "recordId"/);
		const badColumns = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getChanges',
			recordType: recordType('customer'),
			mode: 'columns',
			columns: 'email FROM customer --',
			accountTimeZone: 'America/New_York',
		});
		expect(badColumns.error?.message).toMatch(/Parameter "columns"/);
		const badZone = await runNetSuite(sim, {
			resource: 'record',
			operation: 'getChanges',
			recordType: recordType('customer'),
			accountTimeZone: 'Mars/Olympus',
		});
		expect(badZone.error?.message).toMatch(/Parameter "accountTimeZone"/);
		expect((await sim.control.counters()).requests).toBe(0);
	});

	test('a credential with a wrong secret fails with NetSuite’s 401 text and what to check, without the secret', async () => {
		const { error } = await runNetSuite(
			sim,
			{ resource: 'record', operation: 'get', recordType: recordType('customer'), recordId: '102' },
			{ credentials: { tokenSecret: 'not-the-secret-123' } },
		);
		expect(error?.message).toMatch(/^Invalid login attempt/);
		expect(error?.description).toMatch(/Login Audit Trail/);
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(
			'not-the-secret-123',
		);
	});
});

describe('SuiteQL > Execute', () => {
	test('binds parameters and pages 1,000 rows at a time', async () => {
		const { outputs, error } = await runNetSuite(sim, {
			resource: 'suiteql',
			operation: 'execute',
			query: 'SELECT id, entityid FROM customer WHERE id >= ? ORDER BY id',
			parameters: '0',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		const truth = await sim.control.records('customer');
		expect(outputs[0]).toHaveLength(truth.length);
		expect(outputs[0][0].json).toEqual({ id: truth[0].id, entityid: expect.any(String) });
		expect((await sim.control.counters()).byKind.suiteql).toBe(Math.ceil(truth.length / 1000));
	});

	test('Limit, and NetSuite’s error for a bad query', async () => {
		const limited = await runNetSuite(sim, {
			resource: 'suiteql',
			operation: 'execute',
			query: 'SELECT id FROM customer',
			returnAll: false,
			limit: 3,
		});
		expect(limited.outputs[0]).toHaveLength(3);
		const bad = await runNetSuite(sim, {
			resource: 'suiteql',
			operation: 'execute',
			query: 'SELECT nosuchcolumn FROM customer',
			returnAll: true,
		});
		expect(bad.error?.httpCode).toBe('400');
		expect(bad.error?.message.length).toBeGreaterThan(5);
	});
});

describe('RESTlet > Call', () => {
	test('signs script, deploy and custom parameters; returns the RESTlet’s JSON', async () => {
		const { outputs, error } = await runNetSuite(sim, {
			resource: 'restlet',
			operation: 'call',
			script: '6',
			deploy: '1',
			method: 'POST',
			body: '{"hello": "world"}',
			queryParameters: { parameter: [{ name: 'customParam', value: 'a b+c' }] },
		});
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({
			method: 'POST',
			query: { customParam: 'a b+c' },
			body: { hello: 'world' },
		});
	});

	test('RESTlet errors are shown as the RESTlet reports them', async () => {
		const unknown = await runNetSuite(sim, {
			resource: 'restlet',
			operation: 'call',
			script: '999',
			deploy: '1',
			method: 'GET',
		});
		expect(unknown.error?.description).toContain('SSS_INVALID_SCRIPTLET_ID');
		const thrown = await runNetSuite(sim, {
			resource: 'restlet',
			operation: 'call',
			script: '7',
			deploy: '1',
			method: 'GET',
		});
		expect(thrown.error?.message.length).toBeGreaterThan(3);
	});
});

describe('hydration that keeps failing', () => {
	let proxy: FaultProxy;
	beforeAll(async () => {
		proxy = await new FaultProxy(sim.baseUrl, [
			{ method: 'GET', path: /\/record\/v1\/customer\/105$/, status: 400, body: RECORD_LOCKED },
		]).start();
	});
	afterAll(async () => proxy.stop());

	test('Get Many: without continue-on-fail the run fails with NetSuite’s words; with it, an error item for that record', async () => {
		const parameters = {
			resource: 'record',
			operation: 'getMany',
			recordType: recordType('customer'),
			returnAll: false,
			limit: 20,
		};
		const failed = await runNetSuite(sim, parameters, { credentials: { baseUrl: proxy.baseUrl } });
		expect(failed.error?.message).toBe('Record has been changed by another user and is locked.');
		const continued = await runNetSuite(sim, parameters, {
			credentials: { baseUrl: proxy.baseUrl },
			onError: 'continueRegularOutput',
		});
		expect(continued.outputs[0]).toHaveLength(20);
		const failedItem = continued.outputs[0].find(
			(i) => (i.json.details as { id?: string } | undefined)?.id === '105',
		);
		expect(failedItem?.json).toMatchObject({
			error: 'Record has been changed by another user and is locked.',
			details: {
				recordType: 'customer',
				id: '105',
				description: expect.stringContaining('RCRD_LOCKED_BY_WF'),
			},
		});
	});
});
