/**
 * The REST `q` filter: parser precedence and syntax, operators per field kind, and dates in
 * the user's date format and the account's wall clock.
 */
import { parseQ } from './parser';
import { qToSql } from './toSql';
import { STANDARD_TYPES } from '../data/schema';
import { UserDateFormat } from '../userDate';
import type { RunningSimulator } from '../index';
import type { TbaClient } from '../testing/tbaClient';
import { REST, startTestSimulator } from '../testing/setup';

const customer = STANDARD_TYPES.find((t) => t.name === 'customer')!;
const mdy = new UserDateFormat('M/D/YYYY');

describe('parser', () => {
	test('AND binds tighter than OR, left to right', () => {
		const t = parseQ('id EQUAL 1 OR id EQUAL 2 AND id EQUAL 3 OR id EQUAL 4');
		expect(t).toMatchObject({
			k: 'or',
			l: {
				k: 'or',
				l: { field: 'id' },
				r: { k: 'and', l: { values: ['2'] }, r: { values: ['3'] } },
			},
			r: { values: ['4'] },
		});
	});

	test('parentheses, quoted values with spaces, lists and no-value operators', () => {
		const t = parseQ('(externalId IS "A B" OR externalId EMPTY) AND id ANY_OF [1, 2,3]');
		expect(t).toMatchObject({
			k: 'and',
			l: { k: 'or', l: { op: 'IS', values: ['A B'] }, r: { op: 'EMPTY', values: [] } },
			r: { op: 'ANY_OF', values: ['1', '2', '3'], list: true },
		});
	});

	test.each([
		'id EQUAL',
		'(id EQUAL 1',
		'id EQUAL 1 AND',
		'id BETWEEN 1',
		'id BETWEEN [1]',
		'externalId IS "open',
		'',
	])('syntax error: %p', (q) => {
		expect(() => parseQ(q)).toThrow(/Invalid search query/);
	});
});

describe('translation', () => {
	test('a date is a day on the wall clock; AFTER means after that day', () => {
		expect(qToSql('lastModifiedDate AFTER "11/1/2026"', customer, mdy)).toEqual({
			sql: '("lastmodifieddate" >= ?)',
			params: ['2026-11-02 00:00:00'],
		});
		expect(qToSql('lastModifiedDate ON "11/1/2026"', customer, mdy).params).toEqual([
			'2026-11-01 00:00:00',
			'2026-11-02 00:00:00',
		]);
		expect(qToSql('dateCreated BEFORE "11/1/2026"', customer, mdy)).toEqual({
			sql: '("datecreated" < ?)',
			params: ['2026-11-01 00:00:00'],
		});
	});

	test('a time of day narrows the period to that minute (12- or 24-hour)', () => {
		expect(
			qToSql('lastModifiedDate ON_OR_AFTER "11/1/2026 1:30 pm"', customer, mdy).params,
		).toEqual(['2026-11-01 13:30:00']);
		expect(qToSql('lastModifiedDate AFTER "11/1/2026 13:30"', customer, mdy).params).toEqual([
			'2026-11-01 13:31:00',
		]);
		expect(
			qToSql('lastModifiedDate ON_OR_BEFORE "11/1/2026 12:05:07 am"', customer, mdy).params,
		).toEqual(['2026-11-01 00:05:08']);
	});

	test('_NOT forms include empty values; string operators ignore case', () => {
		expect(qToSql('externalId START_WITH_NOT "crm"', customer, mdy)).toEqual({
			sql: `("externalid" IS NULL OR NOT (lower("externalid") LIKE ? ESCAPE '\\'))`,
			params: ['crm%'],
		});
	});

	test('operators must fit the field', () => {
		expect(() => qToSql('id CONTAIN 5', customer, mdy)).toThrow(
			/Invalid operator 'CONTAIN' for field 'id'/,
		);
		expect(() => qToSql('lastModifiedDate GREATER "1/1/2026"', customer, mdy)).toThrow(
			/Invalid operator/,
		);
		expect(() => qToSql('id EQUAL five', customer, mdy)).toThrow(/Invalid number/);
		expect(() => qToSql('lastModifiedDate AFTER "13/1/2026"', customer, mdy)).toThrow(
			'Unparseable date: "13/1/2026".',
		);
	});

	test('another user date format', () => {
		const dmy = new UserDateFormat('DD.MM.YYYY');
		expect(qToSql('lastModifiedDate ON_OR_AFTER "01.11.2026"', customer, dmy).params).toEqual([
			'2026-11-01 00:00:00',
		]);
		expect(() => qToSql('lastModifiedDate ON_OR_AFTER "11/1/2026"', customer, dmy)).toThrow(
			'Unparseable date: "11/1/2026".',
		);
	});
});

describe('over HTTP', () => {
	let sim: RunningSimulator;
	let client: TbaClient;
	beforeAll(async () => {
		({ sim, client } = await startTestSimulator({ dateFormat: 'D/M/YYYY' }));
	});
	afterAll(() => sim.stop());

	const list = async (
		q: string,
	): Promise<{
		status: number;
		ids: string[];
		body: { totalResults?: number; 'o:errorDetails'?: Array<{ detail: string }> };
	}> => {
		const res = await client.get(`${REST}/customer?q=${encodeURIComponent(q)}`);
		return {
			status: res.status,
			ids: (res.json.items ?? []).map((i: { id: string }) => i.id),
			body: res.json,
		};
	};

	test("dates follow the account's user date format (here D/M/YYYY) and wall clock", async () => {
		const truth = (await sim.control.records('customer')).filter((r) => {
			const local = new Date(Date.parse(r.lastModifiedDate) - 5 * 3_600_000).toISOString();
			return local.startsWith('2026-11-15');
		});
		const res = await list('lastModifiedDate ON "15/11/2026"');
		expect(res.status).toBe(200);
		expect(res.ids.sort()).toEqual(truth.map((r) => r.id).sort());
		expect(
			(await list('lastModifiedDate ON "11/15/2026"')).body['o:errorDetails']![0].detail,
		).toContain('Unparseable date: "11/15/2026".');
	});

	test('boolean, reference and empty checks', async () => {
		const inactive = await list('isInactive IS true');
		const active = await list('isInactive IS false');
		const total = (await client.get(`${REST}/customer?limit=1`)).json.totalResults;
		expect(inactive.body.totalResults! + active.body.totalResults!).toBe(total);
		const bySub = await list('subsidiary ANY_OF [1, 2]');
		const sub3 = await list('subsidiary ANY_OF [3]');
		expect(bySub.body.totalResults! + sub3.body.totalResults!).toBe(total);
		const noEid = await list('externalId EMPTY');
		const withEid = await list('externalId EMPTY_NOT');
		expect(noEid.body.totalResults! + withEid.body.totalResults!).toBe(total);
	});

	test('q pages keep the filter in their links', async () => {
		const res = await client.get(
			`${REST}/customer?limit=5&q=${encodeURIComponent('isInactive IS false')}`,
		);
		expect(res.json.links.find((l: { rel: string }) => l.rel === 'next').href).toContain(
			'&q=isInactive%20IS%20false',
		);
	});
});
