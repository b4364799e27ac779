/** Pure parts of the change feed: where a read starts, the keyset query, what the trigger's memory keeps. */
import {
	buildFeedQuery,
	changesTable,
	deletionsTable,
} from '../../../nodes/NetSuite/sync/changeFeed';
import { contentHash } from '../../../nodes/NetSuite/sync/contentHash';
import { DeliveredVersions } from '../../../nodes/NetSuite/sync/deliveredVersions';
import { feedStart, oldestReread } from '../../../nodes/NetSuite/sync/feedStart';
import { suiteQlSource } from '../../../nodes/NetSuite/sync/recordTypes';
import { parseStartDate } from '../../../nodes/NetSuite/changeFeed/parameters';

const LA = 'America/Los_Angeles';
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

test.each([
	['no cursor, no date: from the beginning', undefined, undefined, 0, {}],
	[
		'no cursor, a date',
		undefined,
		Date.parse('2026-07-01T19:00:00Z'),
		0,
		{ start: { from: '2026-07-01 12:00:00' } },
	],
	[
		'cursor, no lookback: strictly after it',
		{ lastModified: '2026-07-01T19:00:00Z', id: '7' },
		undefined,
		0,
		{ start: { after: { local: '2026-07-01 12:00:00', id: '7' } } },
	],
	[
		'cursor, 5 min lookback',
		{ lastModified: '2026-07-01T19:00:00Z', id: '7' },
		undefined,
		300_000,
		{ start: { from: '2026-07-01 11:55:00' } },
	],
	[
		'cursor in the repeated hour: the whole hour again',
		{ lastModified: '2026-11-01T08:40:00Z', id: '7' },
		undefined,
		300_000,
		{ start: { from: '2026-11-01 01:00:00' } },
	],
	[
		'deletions without their own position: cursor minus lookback',
		{ lastModified: '2026-07-01T19:00:00Z' },
		undefined,
		60_000,
		{ start: { from: '2026-07-01 11:59:00' } },
	],
])('feedStart: %s', (_why, position, startAt, lookbackMs, expected) => {
	const { start } = feedStart(position, startAt, lookbackMs, LA);
	expect(start === undefined ? {} : { start }).toEqual(expected);
});

test('oldestReread is where the next read starts, in UTC', () => {
	expect(iso(oldestReread({ lastModified: '2026-07-01T19:00:00Z', id: '7' }, 300_000, LA))).toBe(
		'2026-07-01T18:55:00Z',
	);
	expect(iso(oldestReread({ lastModified: '2026-11-01T08:40:00Z', id: '7' }, 300_000, LA))).toBe(
		'2026-11-01T08:00:00Z',
	);
});

test('the keyset query binds every value, filters subtypes exactly and lists DeletedRecord values with IN', () => {
	const items = buildFeedQuery(changesTable(suiteQlSource('lotNumberedInventoryItem'), []), {
		after: { local: '2026-07-01 12:00:00', id: '9' },
	});
	expect(items.q).toBe(
		"SELECT id AS ns_feed_id, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS ns_feed_time FROM item WHERE itemtype = ? AND islotitem = ? AND isserialitem = ? AND " +
			"(lastmodifieddate > TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS') OR (lastmodifieddate = TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS') AND id > ?)) ORDER BY lastmodifieddate ASC, id ASC",
	);
	expect(items.params).toEqual([
		'InvtPart',
		'T',
		'F',
		'2026-07-01 12:00:00',
		'2026-07-01 12:00:00',
		'9',
	]);
	const deletions = buildFeedQuery(deletionsTable(suiteQlSource('nonInventorySaleItem')), {
		from: '2026-07-01 11:00:00',
	});
	expect(deletions.q).toContain('WHERE type IN (?, ?) AND deleteddate >= ');
	expect(deletions.params).toEqual([
		'noninventoryitem',
		'noninventorysaleitem',
		'2026-07-01 11:00:00',
	]);
});

test('DeliveredVersions: content tells versions apart; old timestamp-only entries still match; keepFrom prunes per feed', () => {
	const seen = DeliveredVersions.from({
		'changed:1': '2026-07-01T19:00:00Z',
		'changed:2': '2026-07-01T18:00:00Z#aaaaaaaaaaaa',
		junk: 5,
	});
	expect(seen.has('changed', '1', '2026-07-01T19:00:00Z', 'whatever')).toBe(true);
	expect(seen.has('changed', '2', '2026-07-01T18:00:00Z', 'aaaaaaaaaaaa')).toBe(true);
	expect(seen.has('changed', '2', '2026-07-01T18:00:00Z', 'bbbbbbbbbbbb')).toBe(false);
	seen.add(
		'deleted',
		'3',
		'2026-07-01T17:00:00Z',
		contentHash(['deleted', 'x']),
		Date.parse('2026-07-01T17:00:05Z'),
	);
	expect(
		Object.keys(
			seen.keepFrom({
				changed: Date.parse('2026-07-01T18:30:00Z'),
				deleted: Date.parse('2026-07-01T16:00:00Z'),
			}),
		).sort(),
	).toEqual(['changed:1', 'deleted:3']);
	expect(Object.keys(seen.keepFrom({ changed: 0 })).sort()).toEqual([
		'changed:1',
		'changed:2',
		'deleted:3',
	]);
});

test('contentHash: 12 hex characters, equal for equal content, different for a changed field', () => {
	expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{12}$/);
	expect(contentHash({ a: 1, b: 'x' })).toBe(contentHash({ a: 1, b: 'x' }));
	expect(contentHash({ a: 1, b: 'x' })).not.toBe(contentHash({ a: 1, b: 'y' }));
});

test.each([
	['2026-10-01T08:00:00', 'America/New_York', '2026-10-01T12:00:00Z'],
	['2026-10-01T08:00:00', 'Europe/Berlin', '2026-10-01T06:00:00Z'],
	['2026-10-01 08:00', 'UTC', '2026-10-01T08:00:00Z'],
	['2026-10-01', 'America/Los_Angeles', '2026-10-01T07:00:00Z'],
	['2026-10-01T08:00:00Z', 'America/New_York', '2026-10-01T08:00:00Z'],
	['2026-10-01T08:00:00+02:00', 'America/New_York', '2026-10-01T06:00:00Z'],
])('parseStartDate %s in %s → %s', (raw, zone, expected) => {
	expect(iso(parseStartDate(raw, zone))).toBe(expected);
});

test('parseStartDate: anything else is NaN', () => {
	expect(parseStartDate('next tuesday', 'UTC')).toBeNaN();
	expect(parseStartDate('', 'UTC')).toBeNaN();
});

test('DeliveredVersions.settled: a version stops being re-read once the lookback (plus a few seconds) has passed since it was emitted', () => {
	const seen = DeliveredVersions.from({ 'changed:1': '2026-07-01T19:00:00Z' });
	const emitted = Date.parse('2026-07-01T19:00:02Z');
	seen.add('changed', '2', '2026-07-01T19:00:00Z', 'aaaaaaaaaaaa', emitted);
	const lookback = 5 * 60_000;
	expect(seen.settled('changed', '1', '2026-07-01T19:00:00Z', emitted, lookback)).toBe(true);
	expect(seen.settled('changed', '2', '2026-07-01T19:00:00Z', emitted + 3_000, lookback)).toBe(
		false,
	);
	expect(
		seen.settled('changed', '2', '2026-07-01T19:00:00Z', emitted + lookback + 6_000, lookback),
	).toBe(true);
	expect(
		seen.settled('changed', '2', '2026-07-01T19:00:01Z', emitted + lookback + 6_000, lookback),
	).toBe(false);
	expect(
		seen.settled('changed', '3', '2026-07-01T19:00:00Z', emitted + lookback + 6_000, lookback),
	).toBe(false);
});
