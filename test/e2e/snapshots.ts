// The same record set seen from the simulator (NetSuite's truth), Postgres and Redis, reduced to
// comparable form: per record its id, lastModified (to the second) and a hash of its content in
// canonical JSON; per set a checksum over the sorted (id, lastModified, hash) lines. Computed by the
// same code on every side, so "equal" means equal content.
// Left out of the content: `links` (NetSuite adds them, the simulator's snapshot has none) and
// `refName` (the display name NetSuite derives from a REFERENCED record when it answers: renaming a
// customer changes its orders' entity.refName without changing the orders, so no change feed, here
// or in NetSuite, reports it).

import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import type { SimulatorControlClient } from '../simulator/controlClient';
import type { RedisClient } from './redis';

export interface RecordView {
	id: string;
	lastModified: string;
	hash: string;
}

export interface SetView {
	live: Map<string, RecordView>;
	deleted: Set<string>;
}

/** JSON with sorted keys, without `links` and `refName` members (see above). */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([k, v]) => k !== 'links' && k !== 'refName' && v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export const contentHash = (record: unknown): string =>
	createHash('sha256').update(canonical(record)).digest('hex');

const toSecond = (iso: string | number | Date): string =>
	new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function checksum(view: SetView): string {
	const lines = [...view.live.values()].map((r) => `${r.id}|${r.lastModified}|${r.hash}`).sort();
	return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

export async function simulatorView(
	control: SimulatorControlClient,
	recordType: string,
): Promise<SetView> {
	const records = await control.records(recordType);
	const deleted = (await control.deletedRecords())
		.filter((d) => d.type === recordType)
		.map((d) => d.id);
	return {
		live: new Map(
			records.map((r) => [
				r.id,
				{ id: r.id, lastModified: toSecond(r.lastModifiedDate), hash: contentHash(r.fields) },
			]),
		),
		deleted: new Set(deleted),
	};
}

export async function postgresView(client: Client, recordType: string): Promise<SetView> {
	const { rows } = await client.query<{
		id: string;
		last_modified: Date;
		is_deleted: boolean;
		payload: unknown;
	}>('SELECT id, last_modified, is_deleted, payload FROM netsuite_records WHERE record_type = $1', [
		recordType,
	]);
	const view: SetView = { live: new Map(), deleted: new Set() };
	for (const row of rows) {
		if (row.is_deleted) view.deleted.add(row.id);
		else
			view.live.set(row.id, {
				id: row.id,
				lastModified: toSecond(row.last_modified),
				hash: contentHash(row.payload),
			});
	}
	return view;
}

/** Redis holds live records only (a deletion removes the key), so `deleted` is always empty here. */
export async function redisView(client: RedisClient, recordType: string): Promise<SetView> {
	const prefix = `netsuite:${recordType}:`;
	const keys: string[] = [];
	for await (const key of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(key);
	const values = keys.length ? await client.mGet(keys) : [];
	const live = new Map<string, RecordView>();
	keys.forEach((key, i) => {
		const record = JSON.parse(values[i] ?? 'null') as {
			lastModifiedDate?: string;
			lastModified?: string;
		} | null;
		const id = key.slice(prefix.length);
		live.set(id, {
			id,
			lastModified: toSecond(record?.lastModifiedDate ?? record?.lastModified ?? 0),
			hash: contentHash(record),
		});
	});
	return { live, deleted: new Set() };
}

/** Differences between two views, as short readable lines (empty = equal). */
export function differences(
	expected: SetView,
	actual: SetView,
	opts: { compareDeleted?: boolean } = {},
): string[] {
	const out: string[] = [];
	const missing = [...expected.live.keys()].filter((id) => !actual.live.has(id));
	const extra = [...actual.live.keys()].filter((id) => !expected.live.has(id));
	const stale = [...expected.live.values()].filter((r) => {
		const a = actual.live.get(r.id);
		return a && (a.hash !== r.hash || a.lastModified !== r.lastModified);
	});
	const list = (ids: string[]) =>
		`${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ` … (${ids.length})` : ''}`;
	if (missing.length) out.push(`missing ${missing.length}: ${list(missing)}`);
	if (extra.length) out.push(`not in NetSuite ${extra.length}: ${list(extra)}`);
	if (stale.length)
		out.push(
			`different ${stale.length}: ${list(stale.map((r) => `${r.id}@${r.lastModified}/${actual.live.get(r.id)?.lastModified}`))}`,
		);
	if (opts.compareDeleted) {
		const notMarked = [...expected.deleted].filter((id) => !actual.deleted.has(id));
		const wronglyMarked = [...actual.deleted].filter((id) => !expected.deleted.has(id));
		if (notMarked.length) out.push(`deleted in NetSuite but not marked: ${list(notMarked)}`);
		if (wronglyMarked.length)
			out.push(`marked deleted but not deleted in NetSuite: ${list(wronglyMarked)}`);
	}
	return out;
}
