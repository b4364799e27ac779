import {
	ACCOUNTS,
	CURRENCIES,
	SUBSIDIARIES,
	TABLES,
	utcCol,
	type FieldDef,
	type RecordTypeDef,
} from '../data/schema';
import type { Row, Store } from '../data/store';
import { isoSeconds } from '../timezone';

export interface Link {
	rel: string;
	href: string;
}

export const recordPath = (base: string, type: string, id?: string | number): string =>
	`${base}/services/rest/record/v1/${type}${id === undefined ? '' : `/${id}`}`;

const self = (href: string): Link[] => [{ rel: 'self', href }];

/**
 * Row → REST record JSON as the record service shows it: string ids, ISO-UTC datetimes at
 * second precision, dates as YYYY-MM-DD (not converted), booleans, references as
 * {links, id, refName}, empty fields omitted, sublists collapsed to a link unless expanded.
 */
export class RecordJson {
	constructor(
		private readonly store: Store,
		private readonly base: string,
	) {}

	record(
		def: RecordTypeDef,
		row: Row,
		opts: { expand?: boolean; fields?: string[] } = {},
	): Record<string, unknown> {
		const id = Number(row.id);
		let href = recordPath(this.base, def.name, id);
		if (opts.fields) href += `?fields=${encodeURIComponent(opts.fields.join(','))}`;
		const out: Record<string, unknown> = { links: self(href) };
		const wanted = opts.fields ? new Set(opts.fields) : undefined;
		for (const field of def.fields) {
			if (wanted && !wanted.has(field.rest)) continue;
			const v = this.value(field, row);
			if (v !== undefined) out[field.rest] = v;
		}
		if (def.sublist && !wanted) {
			out[def.sublist.name] = this.sublist(def, id, !!opts.expand);
		}
		return out;
	}

	sublist(def: RecordTypeDef, id: number, expand: boolean): Record<string, unknown> {
		const href = `${recordPath(this.base, def.name, id)}/${def.sublist!.name}`;
		if (!expand) return { links: self(href) };
		const items = this.store.lines(id).map((line) => this.line(def, id, line));
		return {
			links: self(href),
			items,
			count: items.length,
			hasMore: false,
			offset: 0,
			totalResults: items.length,
		};
	}

	line(def: RecordTypeDef, id: number, line: Row): Record<string, unknown> {
		const out: Record<string, unknown> = {
			links: self(
				`${recordPath(this.base, def.name, id)}/${def.sublist!.name}/${line.linesequencenumber}`,
			),
		};
		for (const field of def.sublist!.fields) {
			const v = this.value(field, line);
			if (v !== undefined) out[field.rest] = v;
		}
		return out;
	}

	private value(field: FieldDef, row: Row): unknown {
		const raw = row[field.col];
		if (raw === null || raw === undefined || raw === '') return undefined;
		switch (field.kind) {
			case 'integer':
				return field.rest === 'id' ? String(raw) : Number(raw);
			case 'number':
				return Number(raw);
			case 'boolean':
				return raw === 'T';
			case 'datetime':
				return isoSeconds(Number(row[utcCol(field.col)]));
			case 'date':
				return String(raw).slice(0, 10);
			case 'enum':
				return { id: String(raw), refName: field.labels?.[String(raw)] ?? String(raw) };
			case 'ref':
				return this.ref(field, Number(raw));
			default:
				return String(raw);
		}
	}

	private ref(field: FieldDef, id: number): Record<string, unknown> {
		const key = String(id);
		let type: string = field.ref!;
		let refName: string | undefined;
		switch (field.ref) {
			case 'subsidiary':
				refName = SUBSIDIARIES[key];
				break;
			case 'currency':
				refName = CURRENCIES[key];
				break;
			case 'account':
				refName = ACCOUNTS[key];
				break;
			case 'customer': {
				const r = this.store.db.one(
					'SELECT entityid, companyname, firstname, lastname FROM ns_customer WHERE id = ?',
					[id],
				);
				if (r) refName = `${r[0]} ${r[1] ?? `${r[2] ?? ''} ${r[3] ?? ''}`.trim()}`;
				break;
			}
			case 'item': {
				const r = this.store.db.objects('SELECT * FROM ns_item WHERE id = ?', [id])[0];
				if (r) {
					refName = String(r.itemid);
					type = this.store.typeOfTableRow(TABLES.item, r)?.name ?? type;
				}
				break;
			}
		}
		const out: Record<string, unknown> = { links: self(recordPath(this.base, type, id)), id: key };
		if (refName !== undefined) out.refName = refName;
		return out;
	}
}

/** Ground-truth view for tests: the expanded record without any `links`. */
export function stripLinks(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stripLinks);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) if (k !== 'links') out[k] = stripLinks(v);
		return out;
	}
	return value;
}
