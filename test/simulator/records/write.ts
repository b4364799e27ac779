import { recordNotFound, SimError } from '../errors';
import type { DataClock } from '../clock';
import type { RecordTypeDef } from '../data/schema';
import type { ColumnValues, Store } from '../data/store';
import { parseRecordBody, type NameValidation, type ParsedBody } from './body';

export interface WriteOutcome {
	id: number;
	stampMs: number;
	warnings: string[];
	created?: boolean;
}

/** Internal id or `eid:<externalId>` → internal id; 404 NONEXISTENT_ID when absent. */
export function resolveRecordKey(store: Store, def: RecordTypeDef, key: string): number {
	if (key.startsWith('eid:')) {
		let externalId = key.slice(4);
		try {
			externalId = decodeURIComponent(externalId);
		} catch {
			// A malformed escape is looked up as written.
		}
		const id = store.idByExternalId(def, externalId);
		if (id === undefined) throw recordNotFound();
		return id;
	}
	if (!/^\d+$/.test(key)) throw recordNotFound();
	const id = Number(key);
	if (!store.getRow(def, id)) throw recordNotFound();
	return id;
}

/**
 * Record writes shared by the REST service and the control API. Every write stamps
 * lastModifiedDate with the data clock (second precision).
 */
export class RecordWriter {
	constructor(
		private readonly store: Store,
		private readonly clock: DataClock,
	) {}

	create(
		def: RecordTypeDef,
		body: unknown,
		nameValidation?: NameValidation,
		stampMs = this.clock.stampMs(),
		reservedId?: number,
	): WriteOutcome {
		const parsed = parseRecordBody(this.store, def, body, 'create', nameValidation);
		return this.insertParsed(def, parsed, stampMs, reservedId);
	}

	insertParsed(
		def: RecordTypeDef,
		parsed: ParsedBody,
		stampMs: number,
		reservedId?: number,
	): WriteOutcome {
		this.checkExternalIdFree(def, parsed.values.externalid, undefined);
		const id = reservedId ?? this.store.nextId(def);
		const values = withDefaults(def, id, parsed.values, this.store.localOf(stampMs).slice(0, 10));
		this.store.insertRecord(def, values, parsed.lines, stampMs, id);
		return { id, stampMs, warnings: parsed.warnings, created: true };
	}

	update(
		def: RecordTypeDef,
		id: number,
		body: unknown,
		nameValidation?: NameValidation,
		stampMs = this.clock.stampMs(),
	): WriteOutcome {
		const parsed = parseRecordBody(this.store, def, body, 'update', nameValidation);
		this.applyUpdate(def, id, parsed, stampMs);
		return { id, stampMs, warnings: parsed.warnings };
	}

	applyUpdate(def: RecordTypeDef, id: number, parsed: ParsedBody, stampMs: number): void {
		if (parsed.values.externalid !== undefined)
			this.checkExternalIdFree(def, parsed.values.externalid, id);
		if (def.sublist && parsed.lines && parsed.lines.length === 0) {
			throw new SimError(
				400,
				'USER_ERROR',
				'Error while accessing resource: You must enter at least one line item for this transaction.',
				{
					errorPath: def.sublist.name,
				},
			);
		}
		this.store.updateRecord(def, id, parsed.values, parsed.lines, stampMs);
	}

	/** `PUT <type>/eid:<x>`: update the record with that external id, or create it. */
	upsert(
		def: RecordTypeDef,
		externalId: string,
		body: unknown,
		nameValidation?: NameValidation,
	): WriteOutcome {
		const b = { ...(body as Record<string, unknown>) };
		if (b.externalId !== undefined && b.externalId !== externalId) {
			throw new SimError(
				400,
				'INVALID_CONTENT',
				'Error while accessing resource: The externalId in the body does not match the one in the URL.',
				{
					errorPath: 'externalId',
				},
			);
		}
		b.externalId = externalId;
		const existing = this.store.idByExternalId(def, externalId);
		if (existing !== undefined) return this.update(def, existing, b, nameValidation);
		return this.create(def, b, nameValidation);
	}

	delete(def: RecordTypeDef, id: number, context: string, stampMs = this.clock.stampMs()): void {
		this.store.deleteRecord(def, id, stampMs, context);
	}

	private checkExternalIdFree(
		def: RecordTypeDef,
		externalId: ColumnValues[string],
		selfId: number | undefined,
	): void {
		if (typeof externalId !== 'string') return;
		const other = this.store.idByExternalId(def, externalId);
		if (other !== undefined && other !== selfId) {
			throw new SimError(
				400,
				'DUP_RCRD',
				`Error while accessing resource: A ${def.label} with external ID ${externalId} already exists.`,
				{
					errorPath: 'externalId',
				},
			);
		}
	}
}

/** NetSuite fills these on create: auto-numbered names, today's date, default subsidiary and currency. */
function withDefaults(
	def: RecordTypeDef,
	id: number,
	values: ColumnValues,
	today: string,
): ColumnValues {
	const out = { ...values };
	const has = (col: string): boolean => def.table.columns.some((c) => c.name === col);
	const unset = (col: string): boolean => has(col) && (out[col] === undefined || out[col] === null);
	if (def.family === 'entity' && unset('entityid')) {
		const name = out.companyname ?? [out.firstname, out.lastname].filter(Boolean).join(' ');
		out.entityid = name ? String(name) : `${def.name.toUpperCase().slice(0, 4)}${id}`;
	}
	if (def.family === 'item' && unset('itemid')) out.itemid = `ITEM-${id}`;
	if (def.family === 'transaction') {
		if (unset('tranid'))
			out.tranid = `${{ salesOrder: 'SO', invoice: 'INV', journalEntry: 'JE' }[def.name] ?? 'T'}${id}`;
		if (unset('trandate')) out.trandate = today;
		if (unset('status') && def.name !== 'journalEntry')
			out.status = def.name === 'salesOrder' ? 'B' : 'A';
	}
	if (def.family === 'custom' && unset('name')) out.name = `${def.name} ${id}`;
	if (unset('subsidiary')) out.subsidiary = 1;
	if (unset('currency')) out.currency = 1;
	if (has('isperson') && unset('isperson')) out.isperson = 'F';
	return out;
}
