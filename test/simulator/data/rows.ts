/** One generated record: realistic names, emails, amounts and lines, from the seeded PRNG. */
import {
	COMPANY_KINDS,
	COMPANY_SUFFIXES,
	COMPANY_WORDS,
	FIRST_NAMES,
	LAST_NAMES,
	MEMOS,
	PRODUCT_ADJECTIVES,
	PRODUCT_NOUNS,
	type Prng,
} from './prng';
import { round2, type ColumnValues, type Store } from './store';
import type { RecordTypeDef } from './schema';

function companyName(rng: Prng): string {
	return `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)} ${rng.pick(COMPANY_SUFFIXES)}`.trim();
}

const slug = (s: string): string =>
	s
		.normalize('NFD')
		.replace(/[^A-Za-z0-9]+/g, '')
		.toLowerCase();

const phone = (rng: Prng): string =>
	`(555) ${rng.int(100, 999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`;

/** Item numbers say what the item is; the first two are what the demo data has always used. */
const ITEM_ID_PREFIX: Record<string, string> = {
	inventoryItem: 'SKU',
	nonInventorySaleItem: 'SVC',
	lotNumberedInventoryItem: 'LOT',
	serializedInventoryItem: 'SER',
	nonInventoryPurchaseItem: 'NIP',
	nonInventoryResaleItem: 'NIR',
	serviceSaleItem: 'SRV',
	servicePurchaseItem: 'SRP',
	serviceResaleItem: 'SRR',
};

export interface Generated {
	customers: number[];
	items: Array<{ id: number; price: number }>;
}

export interface MadeRow {
	values: ColumnValues;
	lines?: ColumnValues[];
}

export function makeRow(
	def: RecordTypeDef,
	id: number,
	index: number,
	rng: Prng,
	gen: Generated,
	createdMs: number,
	modifiedMs: number,
	store: Store,
): MadeRow {
	const isinactive = rng.chance(0.04) ? 'T' : 'F';
	const withBase = (values: ColumnValues): ColumnValues => {
		values.id = id;
		values.isinactive = isinactive;
		values[def.createdField.col] = createdMs;
		values[def.modifiedField.col] = modifiedMs;
		Object.assign(values, def.discriminators);
		return values;
	};
	const first = rng.pick(FIRST_NAMES);
	const last = rng.pick(LAST_NAMES);
	const subsidiary = rng.int(1, 3);
	const currency = rng.chance(0.7) ? 1 : rng.int(2, 4);
	switch (def.name) {
		case 'customer': {
			const person = rng.chance(0.15);
			const company = person ? null : companyName(rng);
			return {
				values: withBase({
					entityid: `CUST${id}`,
					companyname: company,
					firstname: person ? first : null,
					lastname: person ? last : null,
					email: person
						? `${slug(first)}.${slug(last)}@example.com`
						: `ap@${slug(company!)}.example`,
					phone: rng.chance(0.8) ? phone(rng) : null,
					externalid: rng.chance(0.7) ? `CRM-${100000 + id}` : null,
					isperson: person ? 'T' : 'F',
					subsidiary,
					currency,
				}),
			};
		}
		case 'vendor': {
			const company = companyName(rng);
			return {
				values: withBase({
					entityid: `VEND${id}`,
					companyname: company,
					email: `orders@${slug(company)}.example`,
					phone: phone(rng),
					externalid: rng.chance(0.5) ? `ERP-V${id}` : null,
					subsidiary,
					currency,
				}),
			};
		}
		case 'employee':
			return {
				values: withBase({
					entityid: `${first} ${last}`,
					firstname: first,
					lastname: last,
					email: `${slug(first)}.${slug(last)}@honeycomb.example`,
					phone: phone(rng),
					externalid: rng.chance(0.5) ? `HR-${id}` : null,
					subsidiary,
				}),
			};
		case 'contact':
			return {
				values: withBase({
					entityid: `${first} ${last}`,
					firstname: first,
					lastname: last,
					email: `${slug(first)}@contact.example`,
					phone: rng.chance(0.6) ? phone(rng) : null,
					company: gen.customers.length ? rng.pick(gen.customers) : null,
					externalid: rng.chance(0.3) ? `CRM-C${id}` : null,
					subsidiary,
				}),
			};
		case 'inventoryItem':
		case 'lotNumberedInventoryItem':
		case 'serializedInventoryItem':
		case 'nonInventorySaleItem':
		case 'nonInventoryPurchaseItem':
		case 'nonInventoryResaleItem':
		case 'serviceSaleItem':
		case 'servicePurchaseItem':
		case 'serviceResaleItem': {
			return {
				values: withBase({
					itemid: `${ITEM_ID_PREFIX[def.name]}-${String(index + 1).padStart(5, '0')}`,
					displayname: `${rng.pick(PRODUCT_ADJECTIVES)} ${rng.pick(PRODUCT_NOUNS)}`,
					baseprice: round2(rng.int(500, 50000) / 100),
					externalid: rng.chance(0.6) ? `PIM-${id}` : null,
				}),
			};
		}
		case 'salesOrder':
		case 'invoice': {
			const so = def.name === 'salesOrder';
			const lines: ColumnValues[] = [];
			const nLines = rng.int(1, 5);
			let total = 0;
			for (let l = 0; l < nLines; l++) {
				const item = gen.items.length
					? rng.pick(gen.items)
					: { id: null, price: rng.int(500, 20000) / 100 };
				const quantity = rng.int(1, 20);
				const netamount = round2(quantity * item.price);
				total += netamount;
				lines.push({
					item: item.id,
					quantity,
					rate: item.price,
					netamount,
					memo: rng.chance(0.2) ? rng.pick(MEMOS) || null : null,
				});
			}
			const statuses = so ? ['A', 'B', 'B', 'B', 'F', 'G', 'G', 'H'] : ['A', 'A', 'B'];
			return {
				values: withBase({
					tranid: `${so ? 'SO' : 'INV'}${1000 + index}`,
					trandate: store.localOf(createdMs).slice(0, 10),
					entity: gen.customers.length ? rng.pick(gen.customers) : null,
					status: rng.pick(statuses),
					memo: rng.pick(MEMOS) || null,
					foreigntotal: round2(total),
					currency,
					subsidiary,
					externalid: rng.chance(0.5) ? `SHOP-${50000 + index}` : null,
				}),
				lines,
			};
		}
		case 'journalEntry': {
			const amount = round2(rng.int(1000, 500000) / 100);
			const split = rng.chance(0.4);
			const part = round2(amount / 2);
			const lines: ColumnValues[] = [
				{ account: rng.pick([5, 6, 7]), debitforeignamount: amount, memo: 'Accrual' },
				...(split
					? [
							{ account: 1, creditforeignamount: part, memo: null },
							{ account: 3, creditforeignamount: round2(amount - part), memo: null },
						]
					: [{ account: rng.pick([1, 3]), creditforeignamount: amount, memo: null }]),
			];
			return {
				values: withBase({
					tranid: `JE${1000 + index}`,
					trandate: store.localOf(createdMs).slice(0, 10),
					memo: rng.pick(['Month-end accrual', 'Reclass', 'Payroll', 'Rent', 'Depreciation']),
					foreigntotal: amount,
					currency: 1,
					subsidiary,
					externalid: rng.chance(0.3) ? `GL-${id}` : null,
				}),
				lines,
			};
		}
		default:
			// Custom record types.
			return {
				values: withBase({
					name: `${rng.pick(PRODUCT_ADJECTIVES)} sync ${index + 1}`,
					scriptid: `val_${id}`,
					externalid: rng.chance(0.5) ? `DEMO-${id}` : null,
					custrecord_sync_amount: round2(rng.int(0, 100000) / 100),
					custrecord_sync_status: rng.pick(['New', 'In Progress', 'Done', 'Error']),
					custrecord_sync_customer: gen.customers.length ? rng.pick(gen.customers) : null,
					custrecord_sync_notes: rng.chance(0.3) ? rng.pick(MEMOS) || null : null,
				}),
			};
	}
}
