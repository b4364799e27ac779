import {
	COMPANY_KINDS,
	COMPANY_SUFFIXES,
	COMPANY_WORDS,
	FIRST_NAMES,
	LAST_NAMES,
	MEMOS,
	PRODUCT_ADJECTIVES,
	PRODUCT_NOUNS,
	Prng,
} from './prng';
import { round2, type ColumnValues, type Store } from './store';
import { DEFAULT_CUSTOM_RECORD, type RecordTypeDef } from './schema';

/** What `npm run simulator` serves without --records: small, but every type and quirk present. */
export const DEMO_COUNTS: Record<string, number> = {
	customer: 200,
	vendor: 30,
	employee: 20,
	contact: 60,
	inventoryItem: 50,
	nonInventorySaleItem: 15,
	salesOrder: 150,
	invoice: 80,
	journalEntry: 40,
	[DEFAULT_CUSTOM_RECORD]: 40,
};

const DAY = 86_400_000;
/** Data spans the 60 days before the data clock's start. */
export const HISTORY_MS = 60 * DAY;

/** Order matters: references (entity, item, company) point at types generated earlier. */
const GENERATION_ORDER = [
	'customer',
	'vendor',
	'employee',
	'contact',
	'inventoryItem',
	'nonInventorySaleItem',
	'salesOrder',
	'invoice',
	'journalEntry',
];

export function resolveCounts(records: Record<string, number> | undefined): Record<string, number> {
	const counts: Record<string, number> = { ...DEMO_COUNTS };
	for (const [k, v] of Object.entries(records ?? {})) {
		const key = Object.keys(counts).find((c) => c.toLowerCase() === k.toLowerCase()) ?? k;
		counts[key] = Math.max(0, Math.floor(Number(v) || 0));
	}
	// Transactions need someone to sell to and something to sell.
	if ((counts.salesOrder ?? 0) + (counts.invoice ?? 0) > 0) {
		if (!counts.customer) counts.customer = 5;
		if (!counts.inventoryItem && !counts.nonInventorySaleItem) counts.inventoryItem = 5;
	}
	return counts;
}

export const customTypesOf = (counts: Record<string, number>): string[] => {
	const names = Object.keys(counts).filter((k) => k.startsWith('customrecord_'));
	if (!names.includes(DEFAULT_CUSTOM_RECORD)) names.push(DEFAULT_CUSTOM_RECORD);
	return names;
};

interface Timeline {
	created: Float64Array;
	modified: Float64Array;
}

/**
 * Creation times rise with the id. About a third of the records arrive in import bursts of
 * 50–500 sharing one second; later edits add mass-update bursts (one second again); and
 * when the window contains a DST fall-back, edits land in BOTH occurrences of the repeated
 * hour, in pairs with identical wall-clock times.
 */
function timeline(rng: Prng, n: number, startMs: number, endMs: number, store: Store): Timeline {
	const created = new Float64Array(n);
	const modified = new Float64Array(n);
	if (n === 0) return { created, modified };
	const sizes: number[] = [];
	let left = n;
	if (n >= 60) {
		const first = Math.min(Math.floor(n / 3), rng.int(50, 500));
		sizes.push(first);
		left -= first;
	}
	while (left > 0) {
		const size = rng.chance(0.002) ? Math.min(left, rng.int(50, 500)) : 1;
		sizes.push(size);
		left -= size;
	}
	// Shuffle so the forced burst is not always the oldest.
	for (let i = sizes.length - 1; i > 0; i--) {
		const j = rng.int(0, i);
		[sizes[i], sizes[j]] = [sizes[j], sizes[i]];
	}
	const span = endMs - startMs;
	const slot = span / sizes.length;
	let k = 0;
	sizes.forEach((size, i) => {
		const t = Math.floor((startMs + (i + rng.next() * 0.9) * slot) / 1000) * 1000;
		for (let j = 0; j < size; j++) created[k++] = t;
	});
	for (let i = 0; i < n; i++) {
		const c = created[i];
		modified[i] = rng.chance(0.5) ? c : Math.floor((c + rng.next() ** 2 * (endMs - c)) / 1000) * 1000;
	}
	if (n >= 100) {
		const bursts = Math.max(1, Math.floor(n / 5000));
		for (let b = 0; b < bursts; b++) {
			const t = Math.floor((startMs + span * (0.5 + 0.5 * rng.next())) / 1000) * 1000;
			const size = Math.min(rng.int(50, 500), Math.floor(n / 4));
			for (let j = 0; j < size; j++) {
				const i = rng.int(0, n - 1);
				if (created[i] <= t && modified[i] < t) modified[i] = t;
			}
		}
	}
	if (n >= 4) {
		for (const fb of store.tz.fallBacks(startMs, endMs)) {
			const firstStart = fb.atUtcMs - fb.overlapMs;
			const pairs = Math.max(2, Math.min(20, Math.floor(n / 20)));
			for (let p = 0; p < pairs; p++) {
				const offset = (p === 0 ? 1800 : rng.int(0, fb.overlapMs / 1000 - 1)) * 1000;
				for (const at of [firstStart + offset, fb.atUtcMs + offset]) {
					const i = rng.int(0, n - 1);
					if (created[i] <= at) modified[i] = at;
				}
			}
		}
	}
	return { created, modified };
}

function companyName(rng: Prng): string {
	return `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)} ${rng.pick(COMPANY_SUFFIXES)}`.trim();
}

const slug = (s: string): string =>
	s
		.normalize('NFD')
		.replace(/[^A-Za-z0-9]+/g, '')
		.toLowerCase();

const phone = (rng: Prng): string => `(555) ${rng.int(100, 999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`;

interface Generated {
	customers: number[];
	items: Array<{ id: number; price: number }>;
}

export interface GenerateOptions {
	seed: number;
	counts: Record<string, number>;
	/** The data clock's start; data spans the 60 days before it. */
	endMs: number;
}

/** Fill an empty store. 250,000 records of a type take a couple of seconds. */
export function generate(store: Store, opts: GenerateOptions): void {
	const rng = new Prng(opts.seed);
	const startMs = opts.endMs - HISTORY_MS;
	const ids = new Map<string, number>();
	const gen: Generated = { customers: [], items: [] };
	const order = [...GENERATION_ORDER, ...Object.keys(opts.counts).filter((k) => k.startsWith('customrecord_'))];
	store.db.exec('BEGIN');
	try {
		for (const typeName of order) {
			const def = store.typeByName(typeName);
			const n = opts.counts[typeName] ?? 0;
			if (!def || n <= 0) continue;
			const tl = timeline(rng, n, startMs, opts.endMs, store);
			// A few records were deleted along the way: their ids are gaps, DeletedRecord has them.
			const deletions = n >= 20 ? Math.max(1, Math.floor(n / 200)) : 0;
			const deletedAt = new Set<number>();
			while (deletedAt.size < deletions) deletedAt.add(rng.int(0, n - 1));
			const insert = store.inserter(def.table);
			const insertLine = def.sublist ? store.inserter(store.tables.get('transactionline')!) : undefined;
			let next = ids.get(def.seq) ?? (def.family === 'transaction' ? 100 : def.family === 'entity' ? 100 : 1);
			for (let i = 0; i < n; i++) {
				const id = next;
				next += 1 + (rng.chance(0.02) ? rng.int(1, 3) : 0);
				const row = makeRow(def, id, i, rng, gen, tl.created[i], tl.modified[i], store);
				if (deletedAt.has(i)) {
					// The deleted twin consumes an id before the visible record.
					const dId = id;
					const delRow = row.values;
					const at = Math.floor((tl.created[i] + rng.next() * (opts.endMs - tl.created[i])) / 1000) * 1000;
					store.insertDeleted(def, dId, (delRow[def.nameCol] as string) ?? null, (delRow.externalid as string) ?? null, at, 'UI');
					const id2 = next;
					next += 1;
					const again = makeRow(def, id2, i, rng, gen, tl.created[i], tl.modified[i], store);
					writeRow(def, again, insert, insertLine, gen);
					continue;
				}
				writeRow(def, row, insert, insertLine, gen);
			}
			ids.set(def.seq, next);
		}
		store.db.exec('COMMIT');
	} catch (e) {
		store.db.exec('ROLLBACK');
		throw e;
	}
	store.createIndexes();
	store.initSequences();
}

interface MadeRow {
	values: ColumnValues;
	lines?: ColumnValues[];
}

function writeRow(
	def: RecordTypeDef,
	row: MadeRow,
	insert: (v: ColumnValues) => void,
	insertLine: ((v: ColumnValues) => void) | undefined,
	gen: Generated,
): void {
	insert(row.values);
	const id = row.values.id as number;
	if (def.name === 'customer') gen.customers.push(id);
	if (def.family === 'item') gen.items.push({ id, price: row.values.baseprice as number });
	if (row.lines && insertLine) {
		let total = 0;
		row.lines.forEach((l, i) => {
			insertLine({ ...l, transaction: id, id: i + 1, linesequencenumber: i + 1, mainline: 'F' });
			total += Number(def.sublist?.name === 'item' ? l.netamount : l.debitforeignamount ?? 0);
		});
		insertLine({ transaction: id, id: 0, linesequencenumber: 0, mainline: 'T', netamount: round2(total) });
	}
}

function makeRow(
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
		if (def.typeCol) values[def.typeCol] = def.typeValue;
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
					email: person ? `${slug(first)}.${slug(last)}@example.com` : `ap@${slug(company!)}.example`,
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
		case 'nonInventorySaleItem': {
			const inv = def.name === 'inventoryItem';
			return {
				values: withBase({
					itemid: `${inv ? 'SKU' : 'SVC'}-${String(index + 1).padStart(5, '0')}`,
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
				const item = gen.items.length ? rng.pick(gen.items) : { id: null, price: rng.int(500, 20000) / 100 };
				const quantity = rng.int(1, 20);
				const netamount = round2(quantity * item.price);
				total += netamount;
				lines.push({ item: item.id, quantity, rate: item.price, netamount, memo: rng.chance(0.2) ? rng.pick(MEMOS) || null : null });
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
