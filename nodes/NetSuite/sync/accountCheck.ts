/**
 * Checks, against the account itself, the two things the change feed otherwise takes on trust:
 *
 * - the Account Time Zone. SuiteQL shows lastmodifieddate in the token user's time zone without an
 *   offset, while the record service gives the same instant in UTC. A wrong zone shifts every
 *   cursor by the difference and misplaces the daylight-saving hours, silently; so the newest row's
 *   SuiteQL local time is compared with its record's UTC lastModifiedDate before anything is read.
 * - the record type's SuiteQL mapping (recordTypes.ts): the row SuiteQL lists must GET as that
 *   record type. A 404 means the mapping selects another type's rows.
 *
 * A passed check is remembered per NetSuite user, record type and zone for an hour, so a poll
 * costs at most one extra call; a failure, or a look that proved nothing, is never remembered.
 * Full Records reads also compare every record they hydrate (checkRecordAgainstFeed).
 */
import type { IDataObject } from 'n8n-workflow';

import { ParameterError } from '../parameterError';
import type { NetSuiteClient } from '../transport/client';
import { changesTable, fetchFeedPage, newestRow } from './changeFeed';
import type { FeedRow, FeedTable } from './changeFeed';
import { getRecordIfExists } from './recordApi';
import type { SuiteQlSource } from './recordTypes';
import { ownLastModified } from './recordTime';
import { localToInstants, localToUtc, utcToLocal } from './timeZone';

const PASSED_FOR_MS = 60 * 60_000;
const passed = new Map<string, number>();

/** Zones people pick first, so a suggestion names Europe/London before Africa/Abidjan. */
const COMMON_ZONES = [
	'America/Los_Angeles',
	'America/Denver',
	'America/Phoenix',
	'America/Chicago',
	'America/New_York',
	'America/Toronto',
	'America/Mexico_City',
	'America/Sao_Paulo',
	'Europe/London',
	'Europe/Dublin',
	'Europe/Lisbon',
	'Europe/Berlin',
	'Europe/Paris',
	'Europe/Amsterdam',
	'Europe/Madrid',
	'Europe/Warsaw',
	'Europe/Helsinki',
	'Africa/Johannesburg',
	'Asia/Dubai',
	'Asia/Kolkata',
	'Asia/Singapore',
	'Asia/Manila',
	'Asia/Shanghai',
	'Asia/Tokyo',
	'Australia/Sydney',
	'Australia/Perth',
	'Pacific/Auckland',
	'UTC',
];

export async function checkFeedAgainstAccount(
	client: NetSuiteClient,
	source: SuiteQlSource,
	timeZone: string,
	itemIndex?: number,
): Promise<void> {
	const key = `${client.identity}\u0000${source.recordType}\u0000${timeZone}`;
	if ((passed.get(key) ?? 0) > Date.now()) return;
	const feed = changesTable(source, []);
	for (let attempt = 0; attempt < 3; attempt++) {
		const row = await newestRow(client, feed, itemIndex);
		// An empty feed proves nothing yet: checked again next time.
		if (!row) return;
		const record = await getRecordIfExists(client, source.recordType, row.id, {}, itemIndex);
		if (record === undefined) {
			// Listed, then "does not exist": deleted in between, unless SuiteQL still lists it.
			if (await sameRowNow(client, feed, row, itemIndex)) throw mappingError(source, row);
			continue;
		}
		const own = ownLastModified(record);
		// No timestamp to compare on this record type: nothing proven, nothing remembered.
		if (own === undefined) return;
		const utc = Date.parse(own);
		if (utcToLocal(utc, timeZone) === row.local) {
			passed.set(key, Date.now() + PASSED_FOR_MS);
			return;
		}
		// Saved again between the two reads? Then SuiteQL shows it at another time now: look again.
		const now = await sameRowNow(client, feed, row, itemIndex);
		if (now?.local === row.local) throw zoneMismatch(source, timeZone, row, utc);
	}
	// Still moving after three looks: not remembered; every record the feed reads is checked too.
}

/**
 * The same comparison on every record a Full Records read hydrates, across every season the batch
 * spans (two zones can agree in summer and not in winter). A record cannot be older than the time
 * SuiteQL listed it at; a later save can make it newer, so only "older" proves the zone wrong.
 */
export function checkRecordAgainstFeed(
	source: SuiteQlSource,
	timeZone: string,
	row: FeedRow,
	record: IDataObject,
): void {
	const own = ownLastModified(record);
	if (own === undefined) return;
	const utc = Date.parse(own);
	if (utc < localToUtc(row.local, timeZone)) throw zoneMismatch(source, timeZone, row, utc);
}

async function sameRowNow(
	client: NetSuiteClient,
	feed: FeedTable,
	row: FeedRow,
	itemIndex?: number,
): Promise<FeedRow | undefined> {
	const byId: FeedTable = {
		...feed,
		filters: [...feed.filters, { column: feed.idColumn, values: [row.id] }],
	};
	const page = await fetchFeedPage(client, byId, undefined, 1, itemIndex);
	return page.rows[0];
}

function mappingError(source: SuiteQlSource, row: FeedRow): ParameterError {
	return new ParameterError(
		'recordType',
		`SuiteQL lists ${source.table} ${row.id} as a ${source.recordType}, but NetSuite's record service answers "Record does not exist." for ${source.recordType} ${row.id}. ` +
			'The record type does not match the rows this node selects for it (for an item or transaction subtype, pick the exact subtype). Nothing was read and the cursor did not move.',
	);
}

function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function zonesShowing(utc: number, local: string): string[] {
	const all =
		(Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(
			'timeZone',
		) ?? [];
	const candidates = [...COMMON_ZONES, ...all.filter((zone) => !COMMON_ZONES.includes(zone))];
	return candidates.filter((zone) => utcToLocal(utc, zone) === local).slice(0, 6);
}

function zoneMismatch(
	source: SuiteQlSource,
	timeZone: string,
	row: FeedRow,
	utc: number,
): ParameterError {
	const naive = localToInstants(row.local, 'UTC')[0];
	const observed = formatOffset(Math.round((naive - utc) / 60_000));
	const fitting = zonesShowing(utc, row.local);
	return new ParameterError(
		'accountTimeZone',
		`Account Time Zone "${timeZone}" does not match NetSuite: ${source.recordType} ${row.id} was last modified at ${new Date(utc).toISOString().replace('.000Z', 'Z')}, ` +
			`which SuiteQL shows as ${row.local} (an offset of ${observed}); in ${timeZone} it would show as ${utcToLocal(utc, timeZone)}. ` +
			`${fitting.length ? `Zones that fit: ${fitting.join(', ')}. ` : ''}Set Account Time Zone to the time zone of the NetSuite user the token belongs to ` +
			'(in NetSuite: Home > Set Preferences > Time Zone). Nothing was read and the cursor did not move. ' +
			'If this sync already ran with the wrong zone, its cursor is off by the difference: after correcting the zone, resume from a date before the first wrong run (or force a full sync).',
	);
}
