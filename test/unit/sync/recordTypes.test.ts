/** Record type → SuiteQL source: exact filters per subtype, DeletedRecord values, refusals. */
import { ParameterError } from '../../../nodes/NetSuite/parameterError';
import { suiteQlSource } from '../../../nodes/NetSuite/sync/recordTypes';

test.each([
	['customer', 'customer', [], ['customer'], 'lastmodifieddate'],
	['salesOrder', 'transaction', [['type', 'SalesOrd']], ['salesorder'], 'lastmodifieddate'],
	[
		'inventoryItem',
		'item',
		[
			['itemtype', 'InvtPart'],
			['islotitem', 'F'],
			['isserialitem', 'F'],
		],
		['inventoryitem'],
		'lastmodifieddate',
	],
	[
		'lotNumberedInventoryItem',
		'item',
		[
			['itemtype', 'InvtPart'],
			['islotitem', 'T'],
			['isserialitem', 'F'],
		],
		['lotnumberedinventoryitem'],
		'lastmodifieddate',
	],
	[
		'serializedInventoryItem',
		'item',
		[
			['itemtype', 'InvtPart'],
			['islotitem', 'F'],
			['isserialitem', 'T'],
		],
		['serializedinventoryitem'],
		'lastmodifieddate',
	],
	[
		'nonInventorySaleItem',
		'item',
		[
			['itemtype', 'NonInvtPart'],
			['subtype', 'Sale'],
		],
		['noninventoryitem', 'noninventorysaleitem'],
		'lastmodifieddate',
	],
	[
		'servicePurchaseItem',
		'item',
		[
			['itemtype', 'Service'],
			['subtype', 'Purchase'],
		],
		['serviceitem', 'servicepurchaseitem'],
		'lastmodifieddate',
	],
	['kitItem', 'item', [['itemtype', 'Kit']], ['kititem'], 'lastmodifieddate'],
	[
		'customrecord_sync_demo',
		'customrecord_sync_demo',
		[],
		['customrecord_sync_demo'],
		'lastmodified',
	],
])(
	'%s reads %s where %j; deletions typed %j',
	(recordType, table, filters, deletedTypes, timeColumn) => {
		const source = suiteQlSource(recordType);
		expect(source.table).toBe(table);
		expect(source.filters.map((f) => [f.column, ...f.values])).toEqual(filters);
		expect(source.deletedTypes).toEqual(deletedTypes);
		expect(source.timeColumn).toBe(timeColumn);
	},
);

test.each([
	['intercompanyJournalEntry', /share transaction type 'Journal'/],
	['fancyWidgetItem', /not an item type this node can tell apart/],
	['sales order', /not a NetSuite record type ID/],
	['', /Record Type is empty/],
])('%j is refused: %s', (recordType, message) => {
	expect(() => suiteQlSource(recordType)).toThrow(ParameterError);
	expect(() => suiteQlSource(recordType)).toThrow(message);
});
