/** SuiteQL function calls → SQLite, with Oracle's types and the datetime rules of translate.ts. */
import { SuiteQLError, type Expr } from './ast';
import { checkFormat } from './functions';
import { quoteIdent } from '../data/sqlite';
import { xutcCol } from '../data/schema';
import {
	AGGREGATES,
	constant,
	lit,
	unsupported,
	type Emitted,
	type ExprTranslator,
	type Scope,
	type SqlType,
} from './emit';

export function translateCall(
	t: ExprTranslator,
	name: string,
	argExprs: Expr[],
	distinct: boolean,
	scope: Scope,
): Emitted {
	if (name.startsWith('BUILTIN.')) throw unsupported(`${name} (BUILTIN functions)`);
	if (AGGREGATES.has(name)) {
		if (argExprs.length !== 1) throw new SuiteQLError(`${name} takes one argument`);
		if (argExprs[0].k === 'star') {
			if (name !== 'COUNT') throw new SuiteQLError(`${name}(*) is not valid`);
			return { sql: 'COUNT(*)', type: 'num', agg: true, notNull: true };
		}
		const a = t.value(argExprs[0], scope);
		if (a.type === 'tz') throw unsupported(`${name} over TIMESTAMP WITH TIME ZONE values`);
		if ((name === 'SUM' || name === 'AVG') && a.type === 'dt')
			throw new SuiteQLError(`ORA-00932: inconsistent datatypes: ${name} of a date`);
		const type: SqlType = name === 'COUNT' || name === 'SUM' || name === 'AVG' ? 'num' : a.type;
		return {
			sql: `${name}(${distinct ? 'DISTINCT ' : ''}${a.sql})`,
			type,
			agg: true,
			notNull: name === 'COUNT',
		};
	}
	const args = argExprs.map((a) => t.value(a, scope));
	const agg = args.some((a) => a.agg);
	const arity = (min: number, max = min): void => {
		if (args.length < min || args.length > max)
			throw new SuiteQLError(`ORA-00909: invalid number of arguments for ${name}`);
	};
	switch (name) {
		case 'TO_CHAR': {
			arity(1, 2);
			const [v, f] = args;
			const fmt = f ? t.constString(f, 'a TO_CHAR format') : null;
			if (v.type === 'dt') {
				if (fmt !== null) checkFormat(fmt);
				if (typeof v.value === 'string') return constant('str', t.ctx.fns.toChar(v.value, fmt)!);
				return { sql: `ns_to_char(${v.sql}, ${lit(fmt)})`, type: 'str', agg };
			}
			if (v.type === 'tz') {
				if (fmt !== null) checkFormat(fmt);
				return { sql: `ns_to_char_tz(${v.sql}, ${lit(fmt)})`, type: 'str', agg };
			}
			if (v.type === 'num') {
				if (fmt !== null) throw unsupported('TO_CHAR with a number format model');
				return { sql: `ns_num_to_char(${v.sql})`, type: 'str', agg };
			}
			return { ...v, type: v.type === 'any' ? 'str' : v.type };
		}
		case 'TO_DATE':
		case 'TO_TIMESTAMP': {
			arity(1, 2);
			const fmt = args[1] ? t.constString(args[1], `a ${name} format`) : null;
			return t.toTimestamp(args[0], fmt, name === 'TO_TIMESTAMP');
		}
		case 'FROM_TZ': {
			arity(2);
			const [v, z] = args;
			if (v.type !== 'dt' && v.type !== 'null')
				throw new SuiteQLError('ORA-00932: inconsistent datatypes: FROM_TZ expects a TIMESTAMP');
			const zone = t.constString(z, 'a FROM_TZ time zone');
			if (zone === null) return constant('null', null);
			t.ctx.fns.fromTz('2000-01-01 00:00:00', zone);
			return {
				sql: `ns_from_tz(${v.sql}, ${lit(zone)})`,
				type: 'tz',
				fromTz: { inner: v, zone },
				agg,
				notNull: v.notNull,
			};
		}
		case 'SYS_EXTRACT_UTC': {
			arity(1);
			const [v] = args;
			if (v.type === 'null') return v;
			if (v.type !== 'tz') {
				throw unsupported(
					"SYS_EXTRACT_UTC on a value without a time zone (NetSuite's session zone is unknown); use SYS_EXTRACT_UTC(FROM_TZ(CAST(x AS TIMESTAMP), 'Region/City'))",
				);
			}
			if (v.fromTz) {
				const { inner, zone } = v.fromTz;
				const c = inner.col;
				if (
					c &&
					c.entry.table.modifiedCol === c.def.name &&
					zone.toLowerCase() === t.ctx.accountZone.toLowerCase()
				) {
					return {
						sql: `${c.entry.sqlAlias}.${quoteIdent(xutcCol(c.def.name))}`,
						type: 'dt',
						notNull: !!c.def.notNull,
					};
				}
				if (typeof inner.value === 'string')
					return constant('dt', t.ctx.fns.localToUtc(inner.value, zone)!);
				return {
					sql: `ns_local_to_utc(${inner.sql}, ${lit(zone)})`,
					type: 'dt',
					agg,
					notNull: inner.notNull,
				};
			}
			return { sql: `ns_tz_to_utc(${v.sql})`, type: 'dt', agg };
		}
		case 'TRUNC': {
			arity(1, 2);
			const [v, u] = args;
			if (v.type === 'dt') {
				const unit = (u ? (t.constString(u, 'a TRUNC unit') ?? 'DD') : 'DD').toUpperCase();
				const keep: Record<string, string> = {
					DD: `substr(${v.sql}, 1, 10) || ' 00:00:00'`,
					DDD: `substr(${v.sql}, 1, 10) || ' 00:00:00'`,
					J: `substr(${v.sql}, 1, 10) || ' 00:00:00'`,
					MM: `substr(${v.sql}, 1, 7) || '-01 00:00:00'`,
					MON: `substr(${v.sql}, 1, 7) || '-01 00:00:00'`,
					MONTH: `substr(${v.sql}, 1, 7) || '-01 00:00:00'`,
					YYYY: `substr(${v.sql}, 1, 4) || '-01-01 00:00:00'`,
					YEAR: `substr(${v.sql}, 1, 4) || '-01-01 00:00:00'`,
					YY: `substr(${v.sql}, 1, 4) || '-01-01 00:00:00'`,
					HH: `substr(${v.sql}, 1, 13) || ':00:00'`,
					HH24: `substr(${v.sql}, 1, 13) || ':00:00'`,
					MI: `substr(${v.sql}, 1, 16) || ':00'`,
				};
				if (!keep[unit]) throw unsupported(`TRUNC(date, '${unit}')`);
				return { sql: keep[unit], type: 'dt', agg, notNull: v.notNull };
			}
			t.expectNumeric(v, 'TRUNC');
			if (u) return { sql: `ns_trunc_num(${v.sql}, ${u.sql})`, type: 'num', agg };
			return { sql: `CAST(${v.sql} AS INTEGER)`, type: 'num', agg };
		}
		case 'ROUND':
			arity(1, 2);
			t.expectNumeric(args[0], 'ROUND');
			return { sql: `round(${args.map((a) => a.sql).join(', ')})`, type: 'num', agg };
		case 'ABS':
			arity(1);
			t.expectNumeric(args[0], name);
			return { sql: `abs(${args[0].sql})`, type: 'num', agg };
		case 'MOD':
			arity(2);
			return { sql: `(${args[0].sql} % ${args[1].sql})`, type: 'num', agg };
		case 'NVL':
		case 'COALESCE': {
			if (name === 'NVL') arity(2);
			else if (args.length < 1) arity(1, 99);
			const type = args.find((a) => a.type !== 'null')?.type ?? 'null';
			return {
				sql: `COALESCE(${args.map((a) => a.sql).join(', ')})`,
				type,
				agg,
				notNull: args.some((a) => a.notNull),
			};
		}
		case 'NVL2':
			arity(3);
			return {
				sql: `CASE WHEN ${args[0].sql} IS NOT NULL THEN ${args[1].sql} ELSE ${args[2].sql} END`,
				type: args[1].type,
				agg,
			};
		case 'NULLIF':
			arity(2);
			return { sql: `NULLIF(${args[0].sql}, ${args[1].sql})`, type: args[0].type, agg };
		case 'DECODE': {
			if (args.length < 3) arity(3, 99);
			const [subject, ...rest] = args;
			let sql = 'CASE';
			let type: SqlType = 'null';
			for (let i = 0; i + 1 < rest.length; i += 2) {
				// DECODE matches NULL to NULL, unlike '='.
				sql += ` WHEN ${subject.sql} IS ${rest[i].sql} THEN ${rest[i + 1].sql}`;
				if (type === 'null') type = rest[i + 1].type;
			}
			if (rest.length % 2 === 1) sql += ` ELSE ${rest[rest.length - 1].sql}`;
			return { sql: `${sql} END`, type, agg };
		}
		case 'UPPER':
		case 'LOWER':
		case 'LENGTH':
		case 'TRIM':
		case 'LTRIM':
		case 'RTRIM': {
			arity(1, name.endsWith('TRIM') ? 2 : 1);
			if (args[0].type === 'dt' || args[0].type === 'tz')
				throw unsupported(`${name} on a date/time (use TO_CHAR)`);
			return {
				sql: `${name.toLowerCase()}(${args.map((a) => a.sql).join(', ')})`,
				type: name === 'LENGTH' ? 'num' : 'str',
				agg,
			};
		}
		case 'SUBSTR':
		case 'INSTR':
		case 'REPLACE':
			arity(2, 3);
			if (name === 'INSTR' && args.length > 2) throw unsupported('INSTR with a start position');
			return {
				sql: `${name.toLowerCase()}(${args.map((a) => a.sql).join(', ')})`,
				type: name === 'INSTR' ? 'num' : 'str',
				agg,
			};
		case 'CONCAT':
			arity(2);
			return t.binary('||', args[0], args[1]);
		case 'GREATEST':
		case 'LEAST': {
			if (args.length < 2) arity(2, 99);
			if (args.some((a) => a.type === 'tz'))
				throw unsupported(`${name} of TIMESTAMP WITH TIME ZONE values`);
			const type = args.find((a) => a.type !== 'null')?.type ?? 'null';
			return {
				sql: `${name === 'GREATEST' ? 'max' : 'min'}(${args.map((a) => a.sql).join(', ')})`,
				type,
				agg,
			};
		}
		default:
			throw unsupported(`the function ${name}`);
	}
}
