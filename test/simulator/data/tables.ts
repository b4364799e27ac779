/**
 * NetSuite's SuiteQL tables as the simulator models them (names and columns as NetSuite
 * exposes them). Column names follow NetSuite where we know them: entities use `datecreated`,
 * items and transactions `createddate`, custom records `created`/`lastmodified` (Salto's change
 * detector queries `lastmodified` on customrecord tables).
 */

export type ColType = 'int' | 'text' | 'num' | 'bool' | 'dt' | 'date';

export interface ColumnDef {
	name: string;
	type: ColType;
	notNull?: boolean;
}

export interface TableDef {
	/** SuiteQL name (lower-case). */
	name: string;
	/** SQLite name: prefixed so NetSuite names never collide with SQLite keywords (TRANSACTION). */
	sqlName: string;
	columns: ColumnDef[];
	primaryKey: string[];
	/** The "last modified" column: gets a precomputed FROM_TZ→UTC twin for fast keysets. */
	modifiedCol?: string;
	createdCol?: string;
	indexes: string[][];
}

/** Hidden SQLite column with the true UTC instant (ms) of a datetime column. */
export const utcCol = (col: string): string => `${col}__utc`;
/** Hidden SQLite column: SYS_EXTRACT_UTC(FROM_TZ(CAST(col AS TIMESTAMP), <account zone>)). */
export const xutcCol = (col: string): string => `${col}__xutc`;

function table(name: string, columns: ColumnDef[], extra: Partial<TableDef> = {}): TableDef {
	return {
		name,
		sqlName: `ns_${name}`,
		columns,
		primaryKey: ['id'],
		indexes: [],
		...extra,
	};
}

const id: ColumnDef = { name: 'id', type: 'int', notNull: true };

/** A record type's table: its columns, then the two stamps; keyset indexes on the modified one. */
function recordTable(
	name: string,
	columns: ColumnDef[],
	stamps: { created: string; modified: string },
	byType: string[][] = [],
): TableDef {
	const { created, modified } = stamps;
	return table(
		name,
		[
			...columns,
			{ name: created, type: 'dt', notNull: true },
			{ name: modified, type: 'dt', notNull: true },
		],
		{
			modifiedCol: modified,
			createdCol: created,
			indexes: [[modified, 'id'], ...byType, ['externalid'], [xutcCol(modified), 'id']],
		},
	);
}

const entityColumns = (extra: ColumnDef[]): ColumnDef[] => [
	id,
	{ name: 'entityid', type: 'text' },
	{ name: 'companyname', type: 'text' },
	{ name: 'firstname', type: 'text' },
	{ name: 'lastname', type: 'text' },
	{ name: 'email', type: 'text' },
	{ name: 'phone', type: 'text' },
	{ name: 'externalid', type: 'text' },
	{ name: 'isinactive', type: 'bool', notNull: true },
	{ name: 'subsidiary', type: 'int' },
	...extra,
];

const entityTable = (name: string, extra: ColumnDef[]): TableDef =>
	recordTable(name, entityColumns(extra), {
		created: 'datecreated',
		modified: 'lastmodifieddate',
	});

export const TABLES: Record<string, TableDef> = {
	customer: entityTable('customer', [
		{ name: 'isperson', type: 'bool', notNull: true },
		{ name: 'currency', type: 'int' },
	]),
	vendor: entityTable('vendor', [{ name: 'currency', type: 'int' }]),
	employee: entityTable('employee', []),
	contact: entityTable('contact', [{ name: 'company', type: 'int' }]),
	item: recordTable(
		'item',
		[
			id,
			{ name: 'itemid', type: 'text' },
			{ name: 'displayname', type: 'text' },
			{ name: 'upccode', type: 'text' },
			{ name: 'itemtype', type: 'text', notNull: true },
			// Lot/serial flags tell the InvtPart record types apart, `subtype` (Sale|Purchase|Resale,
			// NULL elsewhere) the non-inventory and service ones: README, "Item subtypes".
			{ name: 'islotitem', type: 'bool', notNull: true },
			{ name: 'isserialitem', type: 'bool', notNull: true },
			{ name: 'subtype', type: 'text' },
			{ name: 'baseprice', type: 'num' },
			{ name: 'externalid', type: 'text' },
			{ name: 'isinactive', type: 'bool', notNull: true },
		],
		{ created: 'createddate', modified: 'lastmodifieddate' },
		[['itemtype', 'lastmodifieddate', 'id']],
	),
	transaction: recordTable(
		'transaction',
		[
			id,
			{ name: 'tranid', type: 'text' },
			{ name: 'type', type: 'text', notNull: true },
			{ name: 'trandate', type: 'date' },
			{ name: 'entity', type: 'int' },
			{ name: 'status', type: 'text' },
			{ name: 'memo', type: 'text' },
			{ name: 'foreigntotal', type: 'num' },
			{ name: 'currency', type: 'int' },
			{ name: 'subsidiary', type: 'int' },
			{ name: 'externalid', type: 'text' },
		],
		{ created: 'createddate', modified: 'lastmodifieddate' },
		[
			['type', 'lastmodifieddate', 'id'],
			['type', 'id'],
		],
	),
	transactionline: table(
		'transactionline',
		[
			{ name: 'transaction', type: 'int', notNull: true },
			{ name: 'id', type: 'int', notNull: true },
			{ name: 'linesequencenumber', type: 'int', notNull: true },
			{ name: 'mainline', type: 'bool', notNull: true },
			{ name: 'item', type: 'int' },
			{ name: 'quantity', type: 'num' },
			{ name: 'rate', type: 'num' },
			{ name: 'netamount', type: 'num' },
			{ name: 'account', type: 'int' },
			{ name: 'debitforeignamount', type: 'num' },
			{ name: 'creditforeignamount', type: 'num' },
			{ name: 'memo', type: 'text' },
		],
		{ primaryKey: ['transaction', 'id'] },
	),
	deletedrecord: table(
		'deletedrecord',
		[
			{ name: 'recordid', type: 'int', notNull: true },
			{ name: 'type', type: 'text', notNull: true },
			{ name: 'name', type: 'text' },
			{ name: 'externalid', type: 'text' },
			{ name: 'iscustomrecord', type: 'bool', notNull: true },
			{ name: 'context', type: 'text' },
			{ name: 'deleteddate', type: 'dt', notNull: true },
		],
		{
			primaryKey: [],
			modifiedCol: 'deleteddate',
			indexes: [
				['deleteddate', 'recordid'],
				['type', 'deleteddate'],
				[xutcCol('deleteddate'), 'recordid'],
			],
		},
	),
};

export function customRecordTable(scriptId: string): TableDef {
	return recordTable(
		scriptId,
		[
			id,
			{ name: 'name', type: 'text' },
			{ name: 'scriptid', type: 'text' },
			{ name: 'externalid', type: 'text' },
			{ name: 'isinactive', type: 'bool', notNull: true },
			{ name: 'custrecord_sync_amount', type: 'num' },
			{ name: 'custrecord_sync_status', type: 'text' },
			{ name: 'custrecord_sync_customer', type: 'int' },
			{ name: 'custrecord_sync_notes', type: 'text' },
		],
		{ created: 'created', modified: 'lastmodified' },
	);
}
