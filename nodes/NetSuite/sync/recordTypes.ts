/**
 * Where each REST record type lives in SuiteQL. Entities have their own tables, items share `item`
 * (told apart by `itemtype`), transactions share `transaction` (told apart by `type` codes such as
 * SalesOrd), custom records are tables named by their script id.
 *
 * Record types and column names reach SuiteQL text, so they are checked against strict patterns
 * here; every value goes in as a bound parameter.
 */

export interface SuiteQlSource {
	recordType: string;
	table: string;
	/** `WHERE <column> = ?` narrowing a shared table to this record type. */
	typeColumn?: 'type' | 'itemtype';
	typeCode?: string;
	/** `DeletedRecord.type` for this record type. */
	deletedType: string;
	/** Custom record tables call it `lastmodified`; every other table `lastmodifieddate`. */
	timeColumn: 'lastmodifieddate' | 'lastmodified';
}

export class RecordTypeError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'RecordTypeError';
	}
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
	intercompanyJournalEntry: 'Journal',
};

const ITEM_TYPE_CODES: Record<string, string> = {
	inventoryItem: 'InvtPart',
	lotNumberedInventoryItem: 'InvtPart',
	serializedInventoryItem: 'InvtPart',
	nonInventorySaleItem: 'NonInvtPart',
	nonInventoryPurchaseItem: 'NonInvtPart',
	nonInventoryResaleItem: 'NonInvtPart',
	serviceSaleItem: 'Service',
	servicePurchaseItem: 'Service',
	serviceResaleItem: 'Service',
	otherChargeSaleItem: 'OthCharge',
	otherChargePurchaseItem: 'OthCharge',
	otherChargeResaleItem: 'OthCharge',
	assemblyItem: 'Assembly',
	kitItem: 'Kit',
	discountItem: 'Discount',
	markupItem: 'Markup',
	paymentItem: 'Payment',
	subtotalItem: 'Subtotal',
	descriptionItem: 'Description',
	giftCertificateItem: 'GiftCert',
	itemGroup: 'Group',
};

const RECORD_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
const CUSTOM_RECORD_PATTERN = /^customrecord[a-z0-9_]+$/i;
const COLUMN_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Checks a record type as typed or picked; returns it trimmed. */
export function validateRecordType(raw: unknown): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') {
		throw new RecordTypeError('recordType', 'Record Type is empty. Pick one from the list or type its ID, e.g. customer, salesOrder or customrecord_my_type.');
	}
	if (!RECORD_TYPE_PATTERN.test(value)) {
		throw new RecordTypeError(
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
		return { recordType, table, deletedType: table, timeColumn: 'lastmodified' };
	}
	const deletedType = recordType.toLowerCase();
	if (TRANSACTION_TYPE_CODES[recordType]) {
		return { recordType, table: 'transaction', typeColumn: 'type', typeCode: TRANSACTION_TYPE_CODES[recordType], deletedType, timeColumn: 'lastmodifieddate' };
	}
	if (ITEM_TYPE_CODES[recordType]) {
		return { recordType, table: 'item', typeColumn: 'itemtype', typeCode: ITEM_TYPE_CODES[recordType], deletedType, timeColumn: 'lastmodifieddate' };
	}
	// Entities (customer, vendor, employee, contact, partner) and lists (subsidiary, department …) are tables of their own.
	return { recordType, table: recordType.toLowerCase(), deletedType, timeColumn: 'lastmodifieddate' };
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
			throw new RecordTypeError(
				field,
				`Column "${column.slice(0, 60)}" is not a plain SuiteQL column name: use letters, digits and underscores, separated by commas (e.g. entityid, email).`,
			);
		}
	}
	return [...new Set(columns.map((c) => c.toLowerCase()))];
}
