/**
 * Item subtypes share the `item` table and are told apart by itemtype + islotitem/isserialitem
 * or subtype; DeletedRecord.type carries NetSuite's (assumed) record-type ids; two edits of one
 * record in the same data-clock second both land. README: "Item subtypes and DeletedRecord types".
 */
import { onlyRecords } from '../index';
import type { RunningSimulator } from '../index';
import type { TbaClient } from '../testing/tbaClient';
import { REST, startTestSimulator } from '../testing/setup';
import { resolveCounts } from './generator';

let sim: RunningSimulator;
let client: TbaClient;

const SEEDED: Record<string, number> = {
	inventoryItem: 12,
	lotNumberedInventoryItem: 20,
	serializedInventoryItem: 20,
	nonInventorySaleItem: 6,
	nonInventoryPurchaseItem: 10,
	nonInventoryResaleItem: 7,
	serviceSaleItem: 5,
	servicePurchaseItem: 4,
	serviceResaleItem: 3,
};

/** The documented table: REST type → its row's discriminators and its DeletedRecord.type. */
const TABLE: Record<string, { row: Record<string, string>; deletedType: string }> = {
	inventoryItem: {
		row: { itemtype: 'InvtPart', islotitem: 'F', isserialitem: 'F' },
		deletedType: 'inventoryitem',
	},
	lotNumberedInventoryItem: {
		row: { itemtype: 'InvtPart', islotitem: 'T', isserialitem: 'F' },
		deletedType: 'lotnumberedinventoryitem',
	},
	serializedInventoryItem: {
		row: { itemtype: 'InvtPart', islotitem: 'F', isserialitem: 'T' },
		deletedType: 'serializedinventoryitem',
	},
	nonInventorySaleItem: {
		row: { itemtype: 'NonInvtPart', subtype: 'Sale' },
		deletedType: 'noninventoryitem',
	},
	nonInventoryPurchaseItem: {
		row: { itemtype: 'NonInvtPart', subtype: 'Purchase' },
		deletedType: 'noninventoryitem',
	},
	nonInventoryResaleItem: {
		row: { itemtype: 'NonInvtPart', subtype: 'Resale' },
		deletedType: 'noninventoryitem',
	},
	serviceSaleItem: { row: { itemtype: 'Service', subtype: 'Sale' }, deletedType: 'serviceitem' },
	servicePurchaseItem: {
		row: { itemtype: 'Service', subtype: 'Purchase' },
		deletedType: 'serviceitem',
	},
	serviceResaleItem: {
		row: { itemtype: 'Service', subtype: 'Resale' },
		deletedType: 'serviceitem',
	},
};

const listIds = async (type: string): Promise<string[]> =>
	(await client.get(`${REST}/${type}?limit=1000`)).json.items.map((i: { id: string }) => i.id);

beforeAll(async () => {
	({ sim, client } = await startTestSimulator({
		records: onlyRecords({ ...SEEDED, customer: 10, salesOrder: 5 }),
	}));
});
afterAll(() => sim.stop());

describe('seeding', () => {
	test('every item subtype is seeded with the requested count, visible to REST, SuiteQL and the control API', async () => {
		for (const [type, n] of Object.entries(SEEDED)) {
			expect([type, (await client.get(`${REST}/${type}?limit=1`)).json.totalResults]).toEqual([
				type,
				n,
			]);
			expect([type, (await sim.control.records(type)).length]).toEqual([type, n]);
			const where = Object.entries(TABLE[type].row)
				.map(([col, v]) => `${col} = '${v}'`)
				.join(' AND ');
			expect([
				type,
				(await client.rows(`SELECT COUNT(*) AS n FROM item WHERE ${where}`))[0].n,
			]).toEqual([type, String(n)]);
		}
		const total = Object.values(SEEDED).reduce((a, b) => a + b, 0);
		expect((await client.rows('SELECT COUNT(*) AS n FROM item'))[0].n).toBe(String(total));
	});

	test('record names in --records / SimulatorOptions.records are case-insensitive for every subtype', () => {
		const counts = resolveCounts({
			lotnumberedinventoryitem: 3,
			SERIALIZEDINVENTORYITEM: 4,
			noninventorypurchaseitem: 5,
			serviceresaleitem: 6,
		});
		expect(counts).toMatchObject({
			lotNumberedInventoryItem: 3,
			serializedInventoryItem: 4,
			nonInventoryPurchaseItem: 5,
			serviceResaleItem: 6,
		});
		expect(Object.keys(counts)).not.toContain('lotnumberedinventoryitem');
		// Transactions still get something to sell when only a subtype is seeded.
		expect(
			resolveCounts({ inventoryItem: 0, nonInventorySaleItem: 0, serviceSaleItem: 2 })
				.inventoryItem,
		).toBe(0);
	});

	test('inventory items have no subtype; non-inventory and service items are neither lot nor serial', async () => {
		expect(
			await client.rows(`SELECT id FROM item WHERE itemtype = 'InvtPart' AND subtype IS NOT NULL`),
		).toEqual([]);
		expect(
			await client.rows(
				`SELECT id FROM item WHERE itemtype <> 'InvtPart' AND (islotitem = 'T' OR isserialitem = 'T')`,
			),
		).toEqual([]);
		expect(
			await client.rows(`SELECT id FROM item WHERE islotitem = 'T' AND isserialitem = 'T'`),
		).toEqual([]);
		const kinds = await client.rows(
			'SELECT DISTINCT itemtype, subtype FROM item ORDER BY itemtype, subtype',
		);
		expect(kinds).toEqual([
			{ itemtype: 'InvtPart' },
			{ itemtype: 'NonInvtPart', subtype: 'Purchase' },
			{ itemtype: 'NonInvtPart', subtype: 'Resale' },
			{ itemtype: 'NonInvtPart', subtype: 'Sale' },
			{ itemtype: 'Service', subtype: 'Purchase' },
			{ itemtype: 'Service', subtype: 'Resale' },
			{ itemtype: 'Service', subtype: 'Sale' },
		]);
	});
});

describe('SuiteQL tells the subtypes apart', () => {
	test("itemtype = 'InvtPart' AND islotitem = 'T' returns exactly the lot-numbered items", async () => {
		const rows = await client.rows(
			`SELECT id FROM item WHERE itemtype = 'InvtPart' AND islotitem = 'T' ORDER BY id`,
		);
		const lots = await listIds('lotNumberedInventoryItem');
		expect(rows.map((r) => r.id)).toEqual(lots);
		expect(lots).toHaveLength(20);
		for (const other of ['inventoryItem', 'serializedInventoryItem', 'nonInventorySaleItem']) {
			const ids = new Set(await listIds(other));
			expect(lots.filter((id) => ids.has(id))).toEqual([]);
		}
	});

	test("itemtype = 'NonInvtPart' AND subtype = 'Purchase' returns exactly the non-inventory purchase items", async () => {
		const rows = await client.rows(
			`SELECT id FROM item WHERE itemtype = 'NonInvtPart' AND subtype = 'Purchase' ORDER BY id`,
		);
		expect(rows.map((r) => r.id)).toEqual(await listIds('nonInventoryPurchaseItem'));
	});
});

describe('REST: a record exists only under its own subtype', () => {
	test('GET under the right type shows itemType; under any other item type it is 404 NONEXISTENT_ID', async () => {
		for (const type of Object.keys(TABLE)) {
			const [id] = await listIds(type);
			const own = await client.get(`${REST}/${type}/${id}`);
			expect([type, own.status]).toEqual([type, 200]);
			expect(own.json.itemType.id).toBe(TABLE[type].row.itemtype);
			for (const other of Object.keys(TABLE).filter((t) => t !== type)) {
				const res = await client.get(`${REST}/${other}/${id}`);
				expect([type, other, res.status]).toEqual([type, other, 404]);
				expect(res.json['o:errorDetails']).toEqual([
					{ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' },
				]);
			}
		}
	});

	test('itemType labels follow NetSuite (Inventory Item, Non-inventory Item, Service)', async () => {
		const label = async (type: string): Promise<unknown> =>
			(await client.get(`${REST}/${type}/${(await listIds(type))[0]}`)).json.itemType;
		expect(await label('lotNumberedInventoryItem')).toEqual({
			id: 'InvtPart',
			refName: 'Inventory Item',
		});
		expect(await label('nonInventoryResaleItem')).toEqual({
			id: 'NonInvtPart',
			refName: 'Non-inventory Item',
		});
		expect(await label('serviceSaleItem')).toEqual({ id: 'Service', refName: 'Service' });
	});

	test('a created subtype gets its discriminators; an item reference links to the exact subtype', async () => {
		const lot = await sim.control.createRecord('lotNumberedInventoryItem', {
			itemId: 'LOT-NEW',
			basePrice: 4.5,
		});
		expect(
			await client.rows(
				'SELECT itemtype, islotitem, isserialitem, subtype FROM item WHERE id = ?',
				[lot.id],
			),
		).toEqual([{ itemtype: 'InvtPart', islotitem: 'T', isserialitem: 'F' }]);
		const [customer] = await listIds('customer');
		const so = await sim.control.createRecord('salesOrder', {
			entity: { id: customer },
			item: { items: [{ item: { id: lot.id }, quantity: 1 }] },
		});
		const line = (await client.get(`${REST}/salesOrder/${so.id}/item/1`)).json;
		expect(line.item.links[0].href).toBe(
			`${sim.baseUrl}${REST}/lotNumberedInventoryItem/${lot.id}`,
		);
	});

	test('the metadata catalog lists every item subtype with its label', async () => {
		const names = (await client.get(`${REST}/metadata-catalog`)).json.items.map(
			(i: { name: string }) => i.name,
		);
		expect(names).toEqual(expect.arrayContaining(Object.keys(TABLE)));
		expect((await client.get(`${REST}/metadata-catalog/lotNumberedInventoryItem`)).json.title).toBe(
			'Lot Numbered Inventory Item',
		);
		expect((await client.get(`${REST}/metadata-catalog/nonInventoryPurchaseItem`)).json.title).toBe(
			'Non-Inventory Item for Purchase',
		);
		expect((await client.get(`${REST}/metadata-catalog/serviceSaleItem`)).json.title).toBe(
			'Service Item for Sale',
		);
	});
});

describe('deletions', () => {
	test('deleting each subtype writes the documented DeletedRecord.type; the control API names the exact REST type', async () => {
		await sim.control.setClock('2026-11-20T17:00:00Z');
		const deleted: Array<{ type: string; id: string }> = [];
		for (const type of Object.keys(TABLE)) {
			const { id } = await sim.control.createRecord(type, { itemId: `DEL-${type}` });
			// Over HTTP for one of each pair, through the control API for the rest.
			if (type === 'nonInventoryPurchaseItem' || type === 'lotNumberedInventoryItem') {
				expect((await client.request('DELETE', `${REST}/${type}/${id}`)).status).toBe(204);
			} else {
				await sim.control.deleteRecord(type, id);
			}
			deleted.push({ type, id });
		}
		const rows = await client.rows(
			`SELECT recordid, type, name FROM deletedrecord WHERE recordid IN (${deleted.map((d) => d.id).join(', ')}) ORDER BY recordid`,
		);
		expect(rows).toEqual(
			deleted.map((d) => ({
				recordid: d.id,
				type: TABLE[d.type].deletedType,
				name: `DEL-${d.type}`,
			})),
		);
		const snapshots = await sim.control.deletedRecords();
		for (const d of deleted)
			expect(snapshots).toContainEqual({
				type: d.type,
				id: d.id,
				deletedDate: '2026-11-20T17:00:00Z',
			});
	});

	test('seeded deletions of a subtype carry its DeletedRecord.type too', async () => {
		// 20 lot items → one was deleted along the way (generator: n ≥ 20 → at least one gap).
		const rows = await client.rows(
			`SELECT recordid FROM deletedrecord WHERE type = 'lotnumberedinventoryitem' AND name LIKE 'LOT-%'`,
		);
		expect(rows.length).toBeGreaterThanOrEqual(1);
		const snapshots = await sim.control.deletedRecords();
		for (const r of rows)
			expect(snapshots.find((s) => s.id === r.recordid)?.type).toBe('lotNumberedInventoryItem');
	});
});

describe('two edits of one record in the same second', () => {
	test('both are stamped with that second and the second edit is what REST, SuiteQL and the control API show', async () => {
		await sim.control.setClock('2026-11-20T18:00:00.100Z');
		const { id } = await sim.control.createRecord('serializedInventoryItem', {
			itemId: 'TWICE',
			displayName: 'Created',
		});
		await sim.control.setClock('2026-11-20T18:00:01.200Z');
		const first = await sim.control.updateRecord('serializedInventoryItem', id, {
			displayName: 'First edit',
		});
		const readBetween = (await client.get(`${REST}/serializedInventoryItem/${id}`)).json;
		expect(readBetween).toMatchObject({
			displayName: 'First edit',
			lastModifiedDate: '2026-11-20T18:00:01Z',
		});
		await sim.control.setClock('2026-11-20T18:00:01.800Z');
		const second = await sim.control.updateRecord('serializedInventoryItem', id, {
			displayName: 'Second edit',
		});
		expect(first.lastModifiedDate).toBe('2026-11-20T18:00:01Z');
		expect(second.lastModifiedDate).toBe(first.lastModifiedDate);
		const rec = (await client.get(`${REST}/serializedInventoryItem/${id}`)).json;
		expect(rec).toMatchObject({
			displayName: 'Second edit',
			lastModifiedDate: '2026-11-20T18:00:01Z',
			createdDate: '2026-11-20T18:00:00Z',
		});
		// SuiteQL shows the account's wall clock (America/New_York by default: 13:00:01).
		expect(
			await client.rows(
				`SELECT displayname, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS lm FROM item WHERE id = ?`,
				[id],
			),
		).toEqual([{ displayname: 'Second edit', lm: '2026-11-20 13:00:01' }]);
		const snap = (await sim.control.records('serializedInventoryItem')).find((r) => r.id === id);
		expect(snap).toMatchObject({
			lastModifiedDate: '2026-11-20T18:00:01Z',
			fields: { displayName: 'Second edit' },
		});
	});

	test('over HTTP too: a PATCH in the same second as the previous write keeps the stamp and changes the content', async () => {
		await sim.control.setClock('2026-11-20T19:00:00.000Z');
		const { id } = await sim.control.createRecord('customer', { companyName: 'Same Second Co' });
		await sim.control.setClock('2026-11-20T19:00:00.900Z');
		expect(
			(
				await client.request('PATCH', `${REST}/customer/${id}`, {
					body: { email: 'second@example.com' },
				})
			).status,
		).toBe(204);
		expect((await client.get(`${REST}/customer/${id}`)).json).toMatchObject({
			email: 'second@example.com',
			lastModifiedDate: '2026-11-20T19:00:00Z',
			dateCreated: '2026-11-20T19:00:00Z',
		});
	});
});
