import { dropLinks, isSimplified, simplifyChangeItem } from '../../nodes/NetSuite/actions/simplify';
import { matchesRecordType, recordTypeLabel } from '../../nodes/NetSuite/methods/recordTypeLabel';

const link = [{ rel: 'self', href: 'https://x/record/v1/salesOrder/7' }];

describe('Simplify', () => {
	test('drops links at every depth: record, references, sublists, their rows', () => {
		const raw = {
			links: link,
			id: '7',
			entity: { id: '3', refName: 'Acme', links: link },
			item: {
				links: link,
				items: [{ links: link, line: 1, item: { id: '9', links: link } }],
				totalResults: 1,
			},
			tags: ['a', { links: link, b: 1 }],
			memo: null,
		};
		expect(dropLinks(raw)).toEqual({
			id: '7',
			entity: { id: '3', refName: 'Acme' },
			item: { items: [{ line: 1, item: { id: '9' } }], totalResults: 1 },
			tags: ['a', { b: 1 }],
			memo: null,
		});
		expect(raw.links).toBe(link); // the input is left as NetSuite sent it
	});

	test('applies from node version 1.1, on unless switched off', () => {
		expect(isSimplified(1, () => true)).toBe(false);
		expect(isSimplified(1.1, () => undefined)).toBe(true);
		expect(isSimplified(1.1, () => true)).toBe(true);
		expect(isSimplified(1.1, () => false)).toBe(false);
	});

	test('a change item keeps its own fields and loses only the record links', () => {
		const item = { json: { id: '7', cursor: { id: '7' }, record: { id: '7', links: link } } };
		expect(simplifyChangeItem(item)).toEqual({
			json: { id: '7', cursor: { id: '7' }, record: { id: '7' } },
		});
		const deleted = { json: { id: '8', deleted: true } };
		expect(simplifyChangeItem(deleted)).toBe(deleted);
	});
});

describe('Record type labels', () => {
	test('camelCase ids read as words with the id; others stay as they are', () => {
		expect(recordTypeLabel('salesOrder')).toBe('Sales Order (salesOrder)');
		expect(recordTypeLabel('inventoryItem')).toBe('Inventory Item (inventoryItem)');
		expect(recordTypeLabel('customer')).toBe('customer');
		expect(recordTypeLabel('customrecord_sync_demo')).toBe('customrecord_sync_demo');
	});

	test('search matches the label or the id, case and spaces aside', () => {
		const label = recordTypeLabel('salesOrder');
		expect(matchesRecordType('salesOrder', label, 'sales ord')).toBe(true);
		expect(matchesRecordType('salesOrder', label, 'SALESORDER')).toBe(true);
		expect(matchesRecordType('salesOrder', label, 'order')).toBe(true);
		expect(matchesRecordType('salesOrder', label, 'invoice')).toBe(false);
		expect(matchesRecordType('customer', 'customer', '')).toBe(true);
	});
});
