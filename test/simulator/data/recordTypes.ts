/**
 * REST record types: camelCase body fields mapped onto SuiteQL columns. One table can back
 * several record types, as in NetSuite: `item` (by itemtype plus the lot/serial flags or the
 * subtype) and `transaction` (by type code). What is confirmed and what is assumed about the
 * item discriminators and DeletedRecord.type values: test/simulator/README.md, "Item subtypes
 * and DeletedRecord types".
 */
import { TABLES, customRecordTable, type TableDef } from './tables';

export type RefKind = 'subsidiary' | 'currency' | 'customer' | 'item' | 'account';
export type FieldKind =
	| 'string'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'datetime'
	| 'date'
	| 'ref'
	| 'enum';

export interface FieldDef {
	/** REST body field name. */
	rest: string;
	col: string;
	kind: FieldKind;
	ref?: RefKind;
	/** For 'enum' fields, shown as {id, refName}. */
	labels?: Record<string, string>;
	readOnly?: boolean;
	/** Usable in the REST `q` filter. */
	filterable?: boolean;
	required?: boolean;
}

export interface SublistDef {
	name: string;
	fields: FieldDef[];
}

export type Family = 'entity' | 'item' | 'transaction' | 'custom';

export interface RecordTypeDef {
	/** REST record type name, e.g. 'salesOrder'. */
	name: string;
	label: string;
	family: Family;
	table: TableDef;
	/**
	 * Column values that pick this type's rows out of a shared table (all must match), e.g.
	 * {itemtype: 'InvtPart', islotitem: 'T', isserialitem: 'F'}; undefined: the table is its own.
	 */
	discriminators?: Record<string, string>;
	/** Id sequence: NetSuite numbers entities, items and transactions from shared sequences. */
	seq: string;
	/** DeletedRecord.type value; several types may share one (the non-inventory subtypes). */
	deletedType: string;
	/** Column whose value becomes DeletedRecord.name. */
	nameCol: string;
	fields: FieldDef[];
	sublist?: SublistDef;
	createdField: FieldDef;
	modifiedField: FieldDef;
}

const f = (rest: string, col: string, kind: FieldKind, more: Partial<FieldDef> = {}): FieldDef => ({
	rest,
	col,
	kind,
	filterable: true,
	...more,
});

const idField = f('id', 'id', 'integer', { readOnly: true });
const externalIdField = f('externalId', 'externalid', 'string');
const inactiveField = f('isInactive', 'isinactive', 'boolean');
const subsidiaryField = f('subsidiary', 'subsidiary', 'ref', { ref: 'subsidiary' });
const currencyField = f('currency', 'currency', 'ref', { ref: 'currency' });
const dt = (rest: string, col: string): FieldDef => f(rest, col, 'datetime', { readOnly: true });

/** The fields, then the created and last-modified stamps (named apart: the feed reads them). */
function stamped(
	fields: FieldDef[],
	created: FieldDef,
	modified: FieldDef,
): Pick<RecordTypeDef, 'fields' | 'createdField' | 'modifiedField'> {
	return { fields: [...fields, created, modified], createdField: created, modifiedField: modified };
}

function entityType(name: string, label: string, fields: FieldDef[]): RecordTypeDef {
	return {
		name,
		label,
		family: 'entity',
		table: TABLES[name.toLowerCase()],
		seq: 'entity',
		deletedType: name.toLowerCase(),
		nameCol: 'entityid',
		...stamped(
			[
				idField,
				f('entityId', 'entityid', 'string'),
				...fields,
				inactiveField,
				subsidiaryField,
				externalIdField,
			],
			dt('dateCreated', 'datecreated'),
			dt('lastModifiedDate', 'lastmodifieddate'),
		),
	};
}

const email = f('email', 'email', 'string');
const phone = f('phone', 'phone', 'string', { filterable: false });
const companyName = f('companyName', 'companyname', 'string');
const firstName = f('firstName', 'firstname', 'string');
const lastName = f('lastName', 'lastname', 'string');

export const ITEM_TYPE_LABELS: Record<string, string> = {
	InvtPart: 'Inventory Item',
	NonInvtPart: 'Non-inventory Item',
	Service: 'Service',
};

/** Inventory items are told apart by the lot/serial flags; the others by `subtype`. */
const inventory = (lot: boolean, serial: boolean): Record<string, string> => ({
	itemtype: 'InvtPart',
	islotitem: lot ? 'T' : 'F',
	isserialitem: serial ? 'T' : 'F',
});
const withSubtype = (
	itemtype: string,
	subtype: 'Sale' | 'Purchase' | 'Resale',
): Record<string, string> => ({ itemtype, subtype });

function itemType(
	name: string,
	label: string,
	discriminators: Record<string, string>,
	deletedType: string,
): RecordTypeDef {
	return {
		name,
		label,
		family: 'item',
		table: TABLES.item,
		discriminators,
		seq: 'item',
		deletedType,
		nameCol: 'itemid',
		...stamped(
			[
				idField,
				f('itemId', 'itemid', 'string'),
				f('displayName', 'displayname', 'string'),
				f('upcCode', 'upccode', 'string'),
				f('itemType', 'itemtype', 'enum', { labels: ITEM_TYPE_LABELS, readOnly: true }),
				f('basePrice', 'baseprice', 'number'),
				inactiveField,
				externalIdField,
			],
			dt('createdDate', 'createddate'),
			dt('lastModifiedDate', 'lastmodifieddate'),
		),
	};
}

/** The item record types and their DeletedRecord.type values (the values are assumptions: README). */
export const ITEM_TYPES: RecordTypeDef[] = [
	itemType('inventoryItem', 'Inventory Item', inventory(false, false), 'inventoryitem'),
	itemType(
		'lotNumberedInventoryItem',
		'Lot Numbered Inventory Item',
		inventory(true, false),
		'lotnumberedinventoryitem',
	),
	itemType(
		'serializedInventoryItem',
		'Serialized Inventory Item',
		inventory(false, true),
		'serializedinventoryitem',
	),
	itemType(
		'nonInventorySaleItem',
		'Non-Inventory Item for Sale',
		withSubtype('NonInvtPart', 'Sale'),
		'noninventoryitem',
	),
	itemType(
		'nonInventoryPurchaseItem',
		'Non-Inventory Item for Purchase',
		withSubtype('NonInvtPart', 'Purchase'),
		'noninventoryitem',
	),
	itemType(
		'nonInventoryResaleItem',
		'Non-Inventory Item for Resale',
		withSubtype('NonInvtPart', 'Resale'),
		'noninventoryitem',
	),
	itemType(
		'serviceSaleItem',
		'Service Item for Sale',
		withSubtype('Service', 'Sale'),
		'serviceitem',
	),
	itemType(
		'servicePurchaseItem',
		'Service Item for Purchase',
		withSubtype('Service', 'Purchase'),
		'serviceitem',
	),
	itemType(
		'serviceResaleItem',
		'Service Item for Resale',
		withSubtype('Service', 'Resale'),
		'serviceitem',
	),
];

export const SALES_ORDER_STATUS: Record<string, string> = {
	A: 'Pending Approval',
	B: 'Pending Fulfillment',
	F: 'Pending Billing',
	G: 'Billed',
	H: 'Closed',
};
export const INVOICE_STATUS: Record<string, string> = { A: 'Open', B: 'Paid In Full' };

const itemSublist: SublistDef = {
	name: 'item',
	fields: [
		f('line', 'linesequencenumber', 'integer', { readOnly: true }),
		f('item', 'item', 'ref', { ref: 'item', required: true }),
		f('quantity', 'quantity', 'number'),
		f('rate', 'rate', 'number'),
		f('amount', 'netamount', 'number', { readOnly: true }),
		f('description', 'memo', 'string'),
	],
};

const journalSublist: SublistDef = {
	name: 'line',
	fields: [
		f('line', 'linesequencenumber', 'integer', { readOnly: true }),
		f('account', 'account', 'ref', { ref: 'account', required: true }),
		f('debit', 'debitforeignamount', 'number'),
		f('credit', 'creditforeignamount', 'number'),
		f('memo', 'memo', 'string'),
	],
};

function transactionType(
	name: string,
	label: string,
	code: string,
	statuses: Record<string, string> | undefined,
	sublist: SublistDef,
): RecordTypeDef {
	const fields: FieldDef[] = [
		idField,
		f('tranId', 'tranid', 'string'),
		f('tranDate', 'trandate', 'date'),
	];
	if (name !== 'journalEntry')
		fields.push(f('entity', 'entity', 'ref', { ref: 'customer', required: true }));
	if (statuses) fields.push(f('status', 'status', 'enum', { labels: statuses }));
	fields.push(f('memo', 'memo', 'string', { filterable: false }));
	if (name !== 'journalEntry')
		fields.push(f('total', 'foreigntotal', 'number', { readOnly: true }));
	fields.push(currencyField, subsidiaryField, externalIdField);
	return {
		name,
		label,
		family: 'transaction',
		table: TABLES.transaction,
		discriminators: { type: code },
		seq: 'transaction',
		deletedType: name.toLowerCase(),
		nameCol: 'tranid',
		...stamped(
			fields,
			dt('createdDate', 'createddate'),
			dt('lastModifiedDate', 'lastmodifieddate'),
		),
		sublist,
	};
}

export function customRecordType(scriptId: string): RecordTypeDef {
	return {
		name: scriptId,
		label: scriptId === 'customrecord_sync_demo' ? 'Sync Demo' : scriptId,
		family: 'custom',
		table: customRecordTable(scriptId),
		seq: scriptId,
		deletedType: scriptId,
		nameCol: 'name',
		...stamped(
			[
				idField,
				f('name', 'name', 'string'),
				f('scriptId', 'scriptid', 'string', { readOnly: true }),
				f('custrecord_sync_amount', 'custrecord_sync_amount', 'number'),
				f('custrecord_sync_status', 'custrecord_sync_status', 'string'),
				f('custrecord_sync_customer', 'custrecord_sync_customer', 'ref', { ref: 'customer' }),
				f('custrecord_sync_notes', 'custrecord_sync_notes', 'string', { filterable: false }),
				inactiveField,
				externalIdField,
			],
			dt('created', 'created'),
			dt('lastModified', 'lastmodified'),
		),
	};
}

export const STANDARD_TYPES: RecordTypeDef[] = [
	entityType('customer', 'Customer', [
		companyName,
		firstName,
		lastName,
		email,
		phone,
		f('isPerson', 'isperson', 'boolean'),
		currencyField,
	]),
	entityType('vendor', 'Vendor', [companyName, email, phone, currencyField]),
	entityType('employee', 'Employee', [firstName, lastName, email, phone]),
	entityType('contact', 'Contact', [
		firstName,
		lastName,
		email,
		phone,
		f('company', 'company', 'ref', { ref: 'customer' }),
	]),
	...ITEM_TYPES,
	transactionType('salesOrder', 'Sales Order', 'SalesOrd', SALES_ORDER_STATUS, itemSublist),
	transactionType('invoice', 'Invoice', 'CustInvc', INVOICE_STATUS, itemSublist),
	transactionType('journalEntry', 'Journal Entry', 'Journal', undefined, journalSublist),
];

export const DEFAULT_CUSTOM_RECORD = 'customrecord_sync_demo';

export const isCustomRecordName = (name: string): boolean => /^customrecord_[a-z0-9_]+$/.test(name);
