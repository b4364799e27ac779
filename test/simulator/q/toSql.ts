/**
 * `q` filter AST → SQLite WHERE clause over the record's table.
 *
 * Dates are read in the user's date format (default M/D/YYYY), optionally with a time of
 * day ("11/1/2026 1:30 am" or "11/1/2026 13:30"), and compared on the account time zone's
 * wall clock, like N/query. A value names a period — a day, or a minute (a second when
 * seconds are given) — and the operators relate to that period: ON = inside it, AFTER = after
 * its end, BEFORE = before its start, ON_OR_AFTER = from its start, ON_OR_BEFORE = up to its
 * end, WITHIN [a, b] = from a's start to b's end. Whether NetSuite honours the time of day is
 * UNCONFIRMED; clients should overlap windows either way.
 *
 * String operators are case-insensitive. `_NOT` forms also match empty values.
 */
import { invalidSearch } from '../errors';
import type { FieldDef, RecordTypeDef } from '../data/schema';
import type { SqlValue } from '../data/sqlite';
import { formatCanonical } from '../timezone';
import type { UserDateFormat } from '../userDate';
import { parseQ, type QNode } from './parser';

export interface SqlFilter {
	sql: string;
	params: SqlValue[];
}

const DATE_OPS = ['AFTER', 'BEFORE', 'ON', 'ON_OR_AFTER', 'ON_OR_BEFORE', 'WITHIN'];
const NUMBER_OPS = [
	'ANY_OF',
	'BETWEEN',
	'EQUAL',
	'GREATER',
	'GREATER_OR_EQUAL',
	'LESS',
	'LESS_OR_EQUAL',
	'WITHIN',
];
const STRING_OPS = ['CONTAIN', 'IS', 'START_WITH', 'END_WITH'];
const BOOLEAN_OPS = ['IS'];
const REF_OPS = ['ANY_OF', 'EQUAL'];

const col = (f: FieldDef): string => `"${f.col}"`;

export function qToSql(q: string, def: RecordTypeDef, userDate: UserDateFormat): SqlFilter {
	const tree = parseQ(q);
	const params: SqlValue[] = [];
	const sql = emit(tree, def, userDate, params);
	return { sql, params };
}

function emit(n: QNode, def: RecordTypeDef, userDate: UserDateFormat, params: SqlValue[]): string {
	if (n.k !== 'cond') {
		return `(${emit(n.l, def, userDate, params)} ${n.k.toUpperCase()} ${emit(n.r, def, userDate, params)})`;
	}
	const field = def.fields.find((f) => f.rest.toLowerCase() === n.field.toLowerCase());
	if (!field) {
		throw invalidSearch(
			`Search error occurred: Field '${n.field}' for record '${def.name}' was not found.`,
		);
	}
	if (!field.filterable) {
		throw invalidSearch(
			`Search error occurred: Field '${field.rest}' for record '${def.name}' is not filterable.`,
		);
	}
	let op = n.op === 'ENDWITH' ? 'END_WITH' : n.op === 'ENDWITH_NOT' ? 'END_WITH_NOT' : n.op;
	const c = col(field);
	if (op === 'EMPTY') return `(${c} IS NULL OR ${c} = '')`;
	if (op === 'EMPTY_NOT') return `(${c} IS NOT NULL AND ${c} <> '')`;
	const negated = op.endsWith('_NOT');
	if (negated) op = op.slice(0, -4);
	const allowed =
		field.kind === 'datetime' || field.kind === 'date'
			? DATE_OPS
			: field.kind === 'integer' || field.kind === 'number'
				? NUMBER_OPS
				: field.kind === 'string'
					? STRING_OPS
					: field.kind === 'boolean'
						? BOOLEAN_OPS
						: REF_OPS;
	if (!allowed.includes(op)) {
		throw invalidSearch(
			`Search error occurred: Invalid operator '${n.op}' for field '${field.rest}'. Valid operators: ${allowed
				.flatMap((o) => [o, `${o}_NOT`])
				.concat('EMPTY', 'EMPTY_NOT')
				.join(', ')}.`,
		);
	}
	const cond = condition(field, op, n.values, userDate, params);
	return negated ? `(${c} IS NULL OR NOT ${cond})` : cond;
}

function condition(
	field: FieldDef,
	op: string,
	values: string[],
	userDate: UserDateFormat,
	params: SqlValue[],
): string {
	const c = col(field);
	const bind = (v: SqlValue): string => {
		params.push(v);
		return '?';
	};
	const one = (): string => {
		if (values.length !== 1)
			throw invalidSearch(
				`Search error occurred: Operator ${op} on '${field.rest}' takes a single value.`,
			);
		return values[0];
	};
	switch (field.kind) {
		case 'datetime':
		case 'date': {
			if (op === 'WITHIN') {
				if (values.length !== 2)
					throw invalidSearch(`Search error occurred: WITHIN takes a list of two dates.`);
				return `(${c} >= ${bind(period(values[0], userDate).start)} AND ${c} < ${bind(period(values[1], userDate).end)})`;
			}
			const p = period(one(), userDate);
			switch (op) {
				case 'ON':
					return `(${c} >= ${bind(p.start)} AND ${c} < ${bind(p.end)})`;
				case 'AFTER':
					return `(${c} >= ${bind(p.end)})`;
				case 'BEFORE':
					return `(${c} < ${bind(p.start)})`;
				case 'ON_OR_AFTER':
					return `(${c} >= ${bind(p.start)})`;
				default:
					return `(${c} < ${bind(p.end)})`;
			}
		}
		case 'integer':
		case 'number': {
			const nums = values.map((v) => {
				const x = Number(v);
				if (v.trim() === '' || !Number.isFinite(x))
					throw invalidSearch(`Search error occurred: Invalid number: "${v}".`);
				return x;
			});
			switch (op) {
				case 'ANY_OF':
					return `(${c} IN (${nums.map(bind).join(', ')}))`;
				case 'BETWEEN':
				case 'WITHIN':
					if (nums.length !== 2)
						throw invalidSearch(`Search error occurred: ${op} takes a list of two numbers.`);
					return `(${c} BETWEEN ${bind(nums[0])} AND ${bind(nums[1])})`;
			}
			if (nums.length !== 1)
				throw invalidSearch(
					`Search error occurred: Operator ${op} on '${field.rest}' takes a single value.`,
				);
			const sqlOp = {
				EQUAL: '=',
				GREATER: '>',
				GREATER_OR_EQUAL: '>=',
				LESS: '<',
				LESS_OR_EQUAL: '<=',
			}[op]!;
			return `(${c} ${sqlOp} ${bind(nums[0])})`;
		}
		case 'boolean': {
			const v = one().toLowerCase();
			if (v !== 'true' && v !== 'false')
				throw invalidSearch(`Search error occurred: Invalid boolean: "${values[0]}".`);
			return `(${c} = ${bind(v === 'true' ? 'T' : 'F')})`;
		}
		case 'string': {
			const v = one().toLowerCase();
			if (op === 'IS') return `(lower(${c}) = ${bind(v)})`;
			const esc = v.replace(/[\\%_]/g, (m) => `\\${m}`);
			const pattern = op === 'CONTAIN' ? `%${esc}%` : op === 'START_WITH' ? `${esc}%` : `%${esc}`;
			return `(lower(${c}) LIKE ${bind(pattern)} ESCAPE '\\')`;
		}
		default: {
			// References and enums match by internal id / code.
			const ids = values.map((v) => (field.kind === 'ref' ? Number(v) : v));
			if (ids.some((x) => typeof x === 'number' && !Number.isInteger(x))) {
				throw invalidSearch(
					`Search error occurred: Invalid internal id in ${JSON.stringify(values)}.`,
				);
			}
			return `(${c} IN (${ids.map(bind).join(', ')}))`;
		}
	}
}

/** The period a date value names: a day, a minute, or a second, as canonical local strings. */
function period(value: string, userDate: UserDateFormat): { start: string; end: string } {
	const d = userDate.parse(value);
	// Java's ParseException text, which is what NetSuite passes through.
	if (!d) throw invalidSearch(`Unparseable date: "${value}".`);
	if (!d.time) {
		const start = Date.UTC(d.year, d.month - 1, d.day);
		return { start: formatCanonical(start), end: formatCanonical(start + 86_400_000) };
	}
	const start = Date.UTC(d.year, d.month - 1, d.day, d.time.hour, d.time.minute, d.time.second);
	return {
		start: formatCanonical(start),
		end: formatCanonical(start + (d.time.hasSeconds ? 1000 : 60_000)),
	};
}
