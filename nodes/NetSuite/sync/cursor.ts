/**
 * The change-feed cursor: a small JSON object that is stable across versions of this package.
 *
 *   { "lastModified": "2026-11-01T05:30:00Z", "id": "1234" }                       records
 *   { …, "deletedSince": "2026-11-01T05:00:00Z", "deletedId": "77" }               deletions, own position
 *
 * A position is (lastModified, id) in the order SuiteQL sorts rows: local wall time, then id.
 */
import { ParameterError } from '../parameterError';
import type { LocalDateTime } from './timeZone';

export interface ChangeCursor {
	lastModified: string;
	id: string;
	deletedSince?: string;
	deletedId?: string;
}

export interface FeedPosition {
	local: LocalDateTime;
	id: string;
}

// What a cursor holds, as this package writes it: milliseconds at most (a user's edit is checked).
const CURSOR_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const INTERNAL_ID = /^-?\d{1,19}$/;

function checkTimestamp(value: unknown, field: string, key: string): string {
	if (typeof value !== 'string' || !CURSOR_UTC.test(value) || Number.isNaN(Date.parse(value))) {
		throw new ParameterError(
			field,
			`${key} must be an ISO 8601 UTC timestamp such as 2026-11-01T05:30:00Z (got ${JSON.stringify(value)?.slice(0, 40)}).`,
		);
	}
	return value;
}

function checkId(value: unknown, field: string, key: string): string {
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !INTERNAL_ID.test(text)) {
		throw new ParameterError(
			field,
			`${key} must be a NetSuite internal ID (digits), got ${JSON.stringify(value)?.slice(0, 40)}.`,
		);
	}
	return text;
}

/** Reads a cursor from a parameter or an expression's value: an object, its JSON text, or empty. */
export function parseCursor(raw: unknown, field = 'cursor'): ChangeCursor | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			value = undefined;
		}
		if (value === undefined) {
			throw new ParameterError(
				field,
				'Cursor is not valid JSON. Expected {"lastModified": "<ISO 8601 UTC>", "id": "<internal id>"}, or leave it empty to start from the beginning.',
			);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ParameterError(
			field,
			'Cursor must be an object like {"lastModified": "2026-11-01T05:30:00Z", "id": "1234"}.',
		);
	}
	const object = value as Record<string, unknown>;
	if (Object.keys(object).length === 0) return undefined;
	const cursor: ChangeCursor = {
		lastModified: checkTimestamp(object.lastModified, field, 'cursor.lastModified'),
		id: checkId(object.id, field, 'cursor.id'),
	};
	if (
		object.deletedSince !== undefined &&
		object.deletedSince !== null &&
		object.deletedSince !== ''
	) {
		cursor.deletedSince = checkTimestamp(object.deletedSince, field, 'cursor.deletedSince');
		if (object.deletedId !== undefined && object.deletedId !== null && object.deletedId !== '') {
			cursor.deletedId = checkId(object.deletedId, field, 'cursor.deletedId');
		}
	}
	return cursor;
}

function compareIds(a: string, b: string): number {
	const x = BigInt(a);
	const y = BigInt(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

/** Order of rows in the feed: local wall time, then numeric id. */
export function comparePositions(a: FeedPosition, b: FeedPosition): number {
	if (a.local !== b.local) return a.local < b.local ? -1 : 1;
	return compareIds(a.id, b.id);
}
