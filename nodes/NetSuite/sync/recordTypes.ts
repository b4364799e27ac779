/**
 * Where each REST record type lives in SuiteQL, and how its rows are told apart from other types
 * sharing the table. A record type maps exactly or not at all: reading a sibling type's rows under
 * the wrong name would either return the wrong records or 404 on every GET.
 *
 * Sources (confirmed = seen in NetSuite's docs or widely in working SuiteQL; assumed = not yet
 * checked against a real account's Records Catalog; the simulator models the same assumptions,
 * test/simulator/README.md):
 * - confirmed: `item.itemtype` codes (InvtPart, NonInvtPart, Service, OthCharge, Assembly, Kit, …)
 *   and `transaction.type` codes (SalesOrd, CustInvc, Journal, …); custom record tables named by
 *   script id with a `lastmodified` column (Salto's change detector).
 * - assumed: `item.islotitem` / `item.isserialitem` ('T'/'F') tell lot-numbered and serialized
 *   inventory and assembly items apart; `item.subtype` ('Sale' | 'Purchase' | 'Resale') tells the
 *   non-inventory, service and other-charge variants apart; DeletedRecord.type holds SuiteScript's
 *   lower-case record type id (`noninventoryitem` for all three non-inventory variants).
 * The feed checks the mapping at run time: the first row it reads must GET as this record type
 * (sync/accountCheck.ts), so a wrong assumption fails loudly instead of reading the wrong rows.
 *
 * Record types and column names reach SuiteQL text, so they are checked against strict patterns
 * here; every value goes in as a bound parameter.
 */

import { ParameterError } from '../parameterError';

/** `<column> = ?`, or `<column> IN (?, …)` when several values are accepted. */
export interface SuiteQlFilter {
	column: string;
	values: string[];
}

export interface SuiteQlSource {
	recordType: string;
	table: string;
	/** `WHERE <column> = ? AND …` narrowing a shared table to exactly this record type. */
	filters: SuiteQlFilter[];
	/**
	 * The `DeletedRecord.type` values this record type's deletions may carry. For item subtypes both
	 * SuiteScript's id (`noninventoryitem`, shared by the three variants) and the subtype's own
	 * (`noninventorysaleitem`, as SOAP's DeletedRecordType lists it): which one SuiteQL holds is
	 * unconfirmed. A sibling variant's deletion may then show too, which is harmless: item IDs are
	 * unique across item types, so a deletion of an ID you never stored deletes nothing.
	 */
	deletedTypes: string[];
	/** Custom record tables call it `lastmodified`; every other table `lastmodifieddate`. */
	timeColumn: 'lastmodifieddate' | 'lastmodified';
}

const TRANSACTION_TYPE_CODES: Record<string, string> = {
	salesOrder: 'SalesOrd',
	invoice: 'CustInvc',
	journalEntry: 'Journal',
	purchaseOrder: 'PurchOrd',
	cashSale: 'CashSale',
	creditMemo: 'CustCred',
	customerPayment: 'CustPymt',
	customerDeposit: 'CustDep',
	customerRefund: 'CustRfnd',
	vendorBill: 'VendBill',
	vendorCredit: 'VendCred',
	vendorPayment: 'VendPymt',
	estimate: 'Estimate',
	opportunity: 'Opprtnty',
	itemFulfillment: 'ItemShip',
	itemReceipt: 'ItemRcpt',
	returnAuthorization: 'RtnAuth',
	transferOrder: 'TrnfrOrd',
	inventoryAdjustment: 'InvAdjst',
	inventoryTransfer: 'InvTrnfr',
	workOrder: 'WorkOrd',
	deposit: 'Deposit',
	check: 'Check',
	expenseReport: 'ExpRept',
};

/** Types that share a SuiteQL code with another type and have no known column to tell them apart. */
const INDISTINGUISHABLE: Record<string, string> = {
	intercompanyJournalEntry:
		"intercompanyJournalEntry rows share transaction type 'Journal' with journalEntry, and no SuiteQL column is known to tell them apart. Use SuiteQL > Execute with your own filter, or Get Many.",
	statisticalJournalEntry:
		"statisticalJournalEntry rows share transaction type 'Journal' with journalEntry, and no SuiteQL column is known to tell them apart. Use SuiteQL > Execute with your own filter, or Get Many.",
};

interface ItemMapping {
	itemtype: string;
	lot?: 'T' | 'F';
	serial?: 'T' | 'F';
	subtype?: 'Sale' | 'Purchase' | 'Resale';
	deletedType: string;
}

const plain = (itemtype: string, deletedType: string): ItemMapping => ({
	itemtype,
	lot: 'F',
	serial: 'F',
	deletedType,
});
const lot = (itemtype: string, deletedType: string): ItemMapping => ({
	itemtype,
	lot: 'T',
	serial: 'F',
	deletedType,
});
const serial = (itemtype: string, deletedType: string): ItemMapping => ({
	itemtype,
	lot: 'F',
	serial: 'T',
	deletedType,
});
const variant = (
	itemtype: string,
	subtype: ItemMapping['subtype'],
	deletedType: string,
): ItemMapping => ({ itemtype, subtype, deletedType });
const only = (itemtype: string, deletedType: string): ItemMapping => ({ itemtype, deletedType });

/** REST item record type → the `item` rows that are exactly it, and its DeletedRecord.type. */
export const ITEM_TYPES: Record<string, ItemMapping> = {
	inventoryItem: plain('InvtPart', 'inventoryitem'),
	lotNumberedInventoryItem: lot('InvtPart', 'lotnumberedinventoryitem'),
	serializedInventoryItem: serial('InvtPart', 'serializedinventoryitem'),
	assemblyItem: plain('Assembly', 'assemblyitem'),
	lotNumberedAssemblyItem: lot('Assembly', 'lotnumberedassemblyitem'),
	serializedAssemblyItem: serial('Assembly', 'serializedassemblyitem'),
	nonInventorySaleItem: variant('NonInvtPart', 'Sale', 'noninventoryitem'),
	nonInventoryPurchaseItem: variant('NonInvtPart', 'Purchase', 'noninventoryitem'),
	nonInventoryResaleItem: variant('NonInvtPart', 'Resale', 'noninventoryitem'),
	serviceSaleItem: variant('Service', 'Sale', 'serviceitem'),
	servicePurchaseItem: variant('Service', 'Purchase', 'serviceitem'),
	serviceResaleItem: variant('Service', 'Resale', 'serviceitem'),
	otherChargeSaleItem: variant('OthCharge', 'Sale', 'otherchargeitem'),
	otherChargePurchaseItem: variant('OthCharge', 'Purchase', 'otherchargeitem'),
	otherChargeResaleItem: variant('OthCharge', 'Resale', 'otherchargeitem'),
	kitItem: only('Kit', 'kititem'),
	discountItem: only('Discount', 'discountitem'),
	markupItem: only('Markup', 'markupitem'),
	paymentItem: only('Payment', 'paymentitem'),
	subtotalItem: only('Subtotal', 'subtotalitem'),
	descriptionItem: only('Description', 'descriptionitem'),
	giftCertificateItem: only('GiftCert', 'giftcertificateitem'),
	itemGroup: only('Group', 'itemgroup'),
};

function itemFilters(mapping: ItemMapping): SuiteQlFilter[] {
	const filters: SuiteQlFilter[] = [{ column: 'itemtype', values: [mapping.itemtype] }];
	if (mapping.lot) filters.push({ column: 'islotitem', values: [mapping.lot] });
	if (mapping.serial) filters.push({ column: 'isserialitem', values: [mapping.serial] });
	if (mapping.subtype) filters.push({ column: 'subtype', values: [mapping.subtype] });
	return filters;
}

const RECORD_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
const CUSTOM_RECORD_PATTERN = /^customrecord[a-z0-9_]+$/i;
const COLUMN_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Checks a record type as typed or picked; returns it trimmed. */
export function validateRecordType(raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') {
		throw new ParameterError(
			'recordType',
			'Record Type is empty. Pick one from the list or type its ID, e.g. customer, salesOrder or customrecord_my_type.',
		);
	}
	if (!RECORD_TYPE_PATTERN.test(value)) {
		throw new ParameterError(
			'recordType',
			`Record Type "${value.slice(0, 60)}" is not a NetSuite record type ID: use letters, digits and underscores only, e.g. salesOrder or customrecord_my_type.`,
		);
	}
	return value;
}

export function suiteQlSource(recordTypeRaw: unknown): SuiteQlSource {
	const recordType = validateRecordType(recordTypeRaw);
	if (CUSTOM_RECORD_PATTERN.test(recordType)) {
		const table = recordType.toLowerCase();
		return { recordType, table, filters: [], deletedTypes: [table], timeColumn: 'lastmodified' };
	}
	if (INDISTINGUISHABLE[recordType])
		throw new ParameterError('recordType', INDISTINGUISHABLE[recordType]);
	const timeColumn = 'lastmodifieddate';
	const transactionCode = TRANSACTION_TYPE_CODES[recordType];
	if (transactionCode) {
		return {
			recordType,
			table: 'transaction',
			filters: [{ column: 'type', values: [transactionCode] }],
			deletedTypes: [recordType.toLowerCase()],
			timeColumn,
		};
	}
	const item = ITEM_TYPES[recordType];
	if (item) {
		const deletedTypes = [...new Set([item.deletedType, recordType.toLowerCase()])];
		return { recordType, table: 'item', filters: itemFilters(item), deletedTypes, timeColumn };
	}
	if (/item$/i.test(recordType) && recordType.toLowerCase() !== 'item') {
		throw new ParameterError(
			'recordType',
			`"${recordType}" is not an item type this node can tell apart in SuiteQL. Supported item types: ${Object.keys(ITEM_TYPES).join(', ')}.`,
		);
	}
	// Entities (customer, vendor, employee, contact, partner) and lists (subsidiary, department …) are tables of their own.
	return {
		recordType,
		table: recordType.toLowerCase(),
		filters: [],
		deletedTypes: [recordType.toLowerCase()],
		timeColumn,
	};
}

/** Checks user-listed SuiteQL column names (comma separated); returns them lower case. */
export function validateColumns(raw: unknown, field = 'columns'): string[] {
	const text = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.join(',') : '';
	const columns = text
		.split(',')
		.map((c) => c.trim())
		.filter(Boolean);
	for (const column of columns) {
		if (!COLUMN_PATTERN.test(column)) {
			throw new ParameterError(
				field,
				`Column "${column.slice(0, 60)}" is not a plain SuiteQL column name: use letters, digits and underscores, separated by commas (e.g. entityid, email).`,
			);
		}
	}
	return [...new Set(columns.map((c) => c.toLowerCase()))];
}
