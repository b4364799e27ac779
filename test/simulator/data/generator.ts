import { Prng } from './prng';
import { round2, type ColumnValues, type Store } from './store';
import { DEFAULT_CUSTOM_RECORD, ITEM_TYPES, STANDARD_TYPES, type RecordTypeDef } from './schema';
import { timeline } from './timeline';
import { makeRow, type Generated, type MadeRow } from './rows';

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

/** Counts for an account holding only the given types: every demo type not named is emptied. */
export function onlyRecords(counts: Record<string, number> = {}): Record<string, number> {
	return { ...Object.fromEntries(Object.keys(DEMO_COUNTS).map((type) => [type, 0])), ...counts };
}

const DAY = 86_400_000;
/** Data spans the 60 days before the data clock's start. */
export const HISTORY_MS = 60 * DAY;

/** Order matters: references (entity, item, company) point at types generated earlier. */
const GENERATION_ORDER = [
	'customer',
	'vendor',
	'employee',
	'contact',
	...ITEM_TYPES.map((d) => d.name),
	'salesOrder',
	'invoice',
	'journalEntry',
];

export function resolveCounts(records: Record<string, number> | undefined): Record<string, number> {
	const counts: Record<string, number> = { ...DEMO_COUNTS };
	for (const [k, v] of Object.entries(records ?? {})) {
		// Canonical names, so `lotnumberedinventoryitem=5` counts for lotNumberedInventoryItem.
		const known = [...Object.keys(counts), ...STANDARD_TYPES.map((d) => d.name)];
		const key =
			known.find((c) => c.toLowerCase() === k.toLowerCase()) ??
			(k.toLowerCase().startsWith('customrecord_') ? k.toLowerCase() : k);
		counts[key] = Math.max(0, Math.floor(Number(v) || 0));
	}
	// Transactions need someone to sell to and something to sell.
	if ((counts.salesOrder ?? 0) + (counts.invoice ?? 0) > 0) {
		if (!counts.customer) counts.customer = 5;
		if (!ITEM_TYPES.some((d) => counts[d.name])) counts.inventoryItem = 5;
	}
	return counts;
}

export const customTypesOf = (counts: Record<string, number>): string[] => {
	const names = Object.keys(counts).filter((k) => k.startsWith('customrecord_'));
	if (!names.includes(DEFAULT_CUSTOM_RECORD)) names.push(DEFAULT_CUSTOM_RECORD);
	return names;
};

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
	const order = [
		...GENERATION_ORDER,
		...Object.keys(opts.counts).filter((k) => k.startsWith('customrecord_')),
	];
	for (const [type, n] of Object.entries(opts.counts)) {
		if (n > 0 && !store.typeByName(type)) {
			throw new Error(
				`Unknown record type '${type}' in records (known: ${[...store.types.values()].map((d) => d.name).join(', ')})`,
			);
		}
	}
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
			const insertLine = def.sublist
				? store.inserter(store.tables.get('transactionline')!)
				: undefined;
			let next =
				ids.get(def.seq) ??
				(def.family === 'transaction' ? 100 : def.family === 'entity' ? 100 : 1);
			for (let i = 0; i < n; i++) {
				const id = next;
				next += 1 + (rng.chance(0.02) ? rng.int(1, 3) : 0);
				const row = makeRow(def, id, i, rng, gen, tl.created[i], tl.modified[i], store);
				if (deletedAt.has(i)) {
					// The deleted twin consumes an id before the visible record.
					const dId = id;
					const delRow = row.values;
					const at =
						Math.floor((tl.created[i] + rng.next() * (opts.endMs - tl.created[i])) / 1000) * 1000;
					store.insertDeleted(
						def,
						dId,
						(delRow[def.nameCol] as string) ?? null,
						(delRow.externalid as string) ?? null,
						at,
						'UI',
					);
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
			total += Number(def.sublist?.name === 'item' ? l.netamount : (l.debitforeignamount ?? 0));
		});
		insertLine({
			transaction: id,
			id: 0,
			linesequencenumber: 0,
			mainline: 'T',
			netamount: round2(total),
		});
	}
}
