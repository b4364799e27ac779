import { SimError } from '../errors';
import {
	ACCOUNTS,
	CURRENCIES,
	SUBSIDIARIES,
	type FieldDef,
	type RecordTypeDef,
} from '../data/schema';
import type { ColumnValues, Store } from '../data/store';

export type NameValidation = 'ignore' | 'warning' | 'error';

export interface ParsedBody {
	values: ColumnValues;
	/** Present when the body carried the sublist: it replaces all lines. */
	lines?: ColumnValues[];
	warnings: string[];
}

const invalidValue = (value: unknown, field: string, path = field): SimError =>
	new SimError(
		400,
		'INVALID_CONTENT',
		`Error while accessing resource: You have entered an Invalid Field Value ${
			typeof value === 'object' ? JSON.stringify(value) : String(value)
		} for the following field: ${field}`,
		{ errorPath: path },
	);

const missing = (label: string, path: string): SimError =>
	new SimError(
		400,
		'USER_ERROR',
		`Error while accessing resource: Please enter value(s) for: ${label}`,
		{ errorPath: path },
	);

/**
 * Validate a REST write body against the record type. Unknown and read-only fields follow
 * `X-NetSuite-PropertyNameValidation` (default "warning": ignored, reported in a response
 * header); bad values fail as `X-NetSuite-PropertyValueValidation`'s default "error" does.
 */
export function parseRecordBody(
	store: Store,
	def: RecordTypeDef,
	body: unknown,
	mode: 'create' | 'update',
	nameValidation: NameValidation = 'warning',
): ParsedBody {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw new SimError(
			400,
			'INVALID_CONTENT',
			'Error while accessing resource: The request body must be a JSON object.',
		);
	}
	const values: ColumnValues = {};
	const warnings: string[] = [];
	let lines: ColumnValues[] | undefined;
	const unknownField = (name: string, why: string): void => {
		if (nameValidation === 'error') {
			throw new SimError(400, 'NONEXISTENT_FIELD', `Error while accessing resource: ${why}`, {
				errorPath: name,
			});
		}
		if (nameValidation === 'warning') warnings.push(why);
	};
	for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
		if (key === 'links') continue;
		if (def.sublist && key === def.sublist.name) {
			lines = parseSublist(store, def, value);
			continue;
		}
		const field = def.fields.find((f) => f.rest === key);
		if (!field) {
			unknownField(
				key,
				`Field '${key}' does not exist on record type '${def.name}' and was ignored.`,
			);
			continue;
		}
		if (field.readOnly) {
			unknownField(key, `Field '${key}' is read-only and was ignored.`);
			continue;
		}
		if (value === null) {
			if (field.required) throw missing(field.rest, key);
			values[field.col] = null;
			continue;
		}
		values[field.col] = convert(store, field, value, key);
	}
	if (mode === 'create') {
		for (const field of def.fields) {
			if (field.required && (values[field.col] === undefined || values[field.col] === null))
				throw missing(field.rest, field.rest);
		}
		if (def.sublist && (!lines || lines.length === 0)) {
			throw new SimError(
				400,
				'USER_ERROR',
				'Error while accessing resource: You must enter at least one line item for this transaction.',
				{
					errorPath: def.sublist.name,
				},
			);
		}
	}
	return { values, lines, warnings };
}

function convert(
	store: Store,
	field: FieldDef,
	value: unknown,
	path: string,
): ColumnValues[string] {
	switch (field.kind) {
		case 'string':
			if (typeof value === 'string') return value === '' ? null : value;
			if (typeof value === 'number') return String(value);
			throw invalidValue(value, field.rest, path);
		case 'number':
		case 'integer': {
			const n =
				typeof value === 'number'
					? value
					: typeof value === 'string' && value.trim() !== ''
						? Number(value)
						: NaN;
			if (!Number.isFinite(n) || (field.kind === 'integer' && !Number.isInteger(n)))
				throw invalidValue(value, field.rest, path);
			return n;
		}
		case 'boolean':
			if (typeof value === 'boolean') return value ? 'T' : 'F';
			throw invalidValue(value, field.rest, path);
		case 'date':
			if (
				typeof value === 'string' &&
				/^\d{4}-\d{2}-\d{2}$/.test(value) &&
				!Number.isNaN(Date.parse(`${value}T00:00:00Z`))
			)
				return value;
			throw invalidValue(value, field.rest, path);
		case 'enum': {
			const code = typeof value === 'object' && value ? (value as { id?: unknown }).id : value;
			if (typeof code === 'string' && field.labels && code in field.labels) return code;
			throw invalidValue(value, field.rest, path);
		}
		case 'ref': {
			const raw = typeof value === 'object' && value ? (value as { id?: unknown }).id : undefined;
			const id =
				typeof raw === 'number'
					? raw
					: typeof raw === 'string' && /^\d+$/.test(raw)
						? Number(raw)
						: NaN;
			if (!Number.isInteger(id) || !refExists(store, field, id))
				throw invalidValue(raw ?? value, field.rest, path);
			return id;
		}
		default:
			throw invalidValue(value, field.rest, path);
	}
}

function refExists(store: Store, field: FieldDef, id: number): boolean {
	const key = String(id);
	switch (field.ref) {
		case 'subsidiary':
			return key in SUBSIDIARIES;
		case 'currency':
			return key in CURRENCIES;
		case 'account':
			return key in ACCOUNTS;
		case 'customer':
			return !!store.db.one('SELECT 1 FROM ns_customer WHERE id = ?', [id]);
		case 'item':
			return !!store.db.one('SELECT 1 FROM ns_item WHERE id = ?', [id]);
		default:
			return false;
	}
}

function parseSublist(store: Store, def: RecordTypeDef, value: unknown): ColumnValues[] {
	const name = def.sublist!.name;
	const items =
		value && typeof value === 'object' ? (value as { items?: unknown }).items : undefined;
	if (!Array.isArray(items)) {
		throw new SimError(
			400,
			'INVALID_CONTENT',
			`Error while accessing resource: The sublist '${name}' must be an object with an 'items' array.`,
			{
				errorPath: name,
			},
		);
	}
	const lines = items.map((item, i) => {
		const path = `${name}.items[${i}]`;
		if (!item || typeof item !== 'object') throw invalidValue(item, name, path);
		const line: ColumnValues = {};
		for (const [key, v] of Object.entries(item as Record<string, unknown>)) {
			if (key === 'links') continue;
			const field = def.sublist!.fields.find((f) => f.rest === key);
			if (!field || field.readOnly || v === null) continue;
			line[field.col] = convert(store, field, v, `${path}.${key}`);
		}
		for (const field of def.sublist!.fields) {
			if (field.required && line[field.col] === undefined)
				throw missing(field.rest, `${path}.${field.rest}`);
		}
		if (name === 'item') {
			if (line.quantity === undefined) line.quantity = 1;
			if (line.rate === undefined) {
				line.rate = Number(
					store.db.one('SELECT baseprice FROM ns_item WHERE id = ?', [line.item as number])?.[0] ??
						0,
				);
			}
		}
		return line;
	});
	if (name === 'line') {
		const sum = (col: string): number =>
			Math.round(lines.reduce((s, l) => s + Number(l[col] ?? 0), 0) * 100);
		if (sum('debitforeignamount') !== sum('creditforeignamount')) {
			throw new SimError(
				400,
				'USER_ERROR',
				'Error while accessing resource: The transaction is out of balance: total debits must equal total credits.',
				{
					errorPath: name,
				},
			);
		}
	}
	return lines;
}
