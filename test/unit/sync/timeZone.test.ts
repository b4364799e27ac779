/** Local wall time ↔ UTC, table-driven, including both daylight-saving transitions in the US and the EU. */
import {
	localToInstants,
	localToUtc,
	repeatedHourStart,
	utcToLocal,
} from '../../../nodes/NetSuite/sync/timeZone';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

test.each([
	// zone, local, earliest UTC instant, why
	['America/Los_Angeles', '2026-07-01 12:00:00', '2026-07-01T19:00:00Z', 'summer, one instant'],
	[
		'America/Los_Angeles',
		'2026-11-01 01:30:00',
		'2026-11-01T08:30:00Z',
		'fall-back hour: the first of two instants',
	],
	[
		'America/Los_Angeles',
		'2026-03-08 02:30:00',
		'2026-03-08T10:00:00Z',
		'spring-forward gap: the instant the gap ends',
	],
	[
		'America/New_York',
		'2026-03-08 02:00:00',
		'2026-03-08T07:00:00Z',
		'gap start maps to the gap end',
	],
	[
		'Europe/London',
		'2026-03-29 01:30:00',
		'2026-03-29T01:00:00Z',
		'EU gap: the instant the gap ends',
	],
	[
		'Europe/London',
		'2026-10-25 01:15:00',
		'2026-10-25T00:15:00Z',
		'EU fall-back hour: BST occurrence first',
	],
	['UTC', '2026-01-01 00:00:00', '2026-01-01T00:00:00Z', 'no offset'],
])('localToUtc %s %s → %s (%s)', (zone, local, expected) => {
	expect(iso(localToUtc(local, zone))).toBe(expected);
});

test.each([
	['America/Los_Angeles', '2026-11-01 01:30:00', ['2026-11-01T08:30:00Z', '2026-11-01T09:30:00Z']],
	['America/Los_Angeles', '2026-03-08 02:30:00', []],
	['Europe/London', '2026-06-01 09:00:00', ['2026-06-01T08:00:00Z']],
])('localToInstants %s %s', (zone, local, expected) => {
	expect(localToInstants(local, zone).map(iso)).toEqual(expected);
});

test.each([
	['America/Los_Angeles', '2026-11-01 01:30:00', '2026-11-01 01:00:00'],
	['Europe/London', '2026-10-25 01:59:59', '2026-10-25 01:00:00'],
	['America/Los_Angeles', '2026-11-01 02:00:00', undefined],
	['America/Los_Angeles', '2026-07-01 01:30:00', undefined],
])('repeatedHourStart %s %s → %s', (zone, local, expected) => {
	expect(repeatedHourStart(local, zone)).toBe(expected);
});

test('every local second around both US transitions maps back to itself or to the end of the gap', () => {
	for (const start of [Date.parse('2026-03-08T09:00:00Z'), Date.parse('2026-11-01T07:00:00Z')]) {
		for (let ms = start; ms < start + 3 * 3600_000; ms += 61_000) {
			const local = utcToLocal(ms, 'America/Los_Angeles');
			expect(utcToLocal(localToUtc(local, 'America/Los_Angeles'), 'America/Los_Angeles')).toBe(
				local,
			);
		}
	}
});
