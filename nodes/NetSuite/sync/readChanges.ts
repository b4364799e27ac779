/**
 * Everything that changed since a cursor, for one record type: the shared core of the node's
 * Get Changes and the trigger. It never moves the cursor past a row that was not delivered.
 */
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { definedOnly } from '../definedOnly';
import { ParameterError } from '../parameterError';
import type { NetSuiteClient } from '../transport/client';
import { MAX_PAGE_SIZE } from '../transport/paging';
import { checkFeedAgainstAccount, checkRecordAgainstFeed } from './accountCheck';
import { changesTable, deletionsTable, fetchFeedPage } from './changeFeed';
import type { FeedRow, FeedStart, FeedTable } from './changeFeed';
import { contentHash } from './contentHash';
import type { ChangeKind } from './contentHash';
import { comparePositions } from './cursor';
import type { ChangeCursor, FeedPosition } from './cursor';
import { feedStart, oldestReread } from './feedStart';
import { createHydrator } from './hydrate';
import type { Hydration } from './hydrate';
import { ownLastModified } from './recordTime';
import { ORIGIN } from './startPosition';
import type { SuiteQlSource } from './recordTypes';
import { localToUtc, toIsoSeconds } from './timeZone';

export type ChangeMode = 'full' | 'columns';

export interface ReadChangesOptions {
	source: SuiteQlSource;
	mode: ChangeMode;
	/** SuiteQL columns to return in `columns` mode (id and lastModified always come). */
	columns: string[];
	cursor?: ChangeCursor;
	/** Where to start without a cursor (epoch ms); from the beginning when undefined. */
	startAt?: number;
	/** New rows (not re-read ones) delivered at most in this call. */
	maxRecords: number;
	/** Re-read this far behind the cursor, for rows committed late with an earlier timestamp. */
	lookbackMs: number;
	timeZone: string;
	includeDeletions: boolean;
	/** Deliver a record that fails hydration as a `failed` entry and move on, instead of stopping before it. */
	skipFailed: boolean;
	hydration: { expandSubResources: boolean; fields?: string[]; window: number };
	/** What the caller delivered before (the trigger's memory): that exact content is passed over. */
	alreadyDelivered?: (kind: ChangeKind, id: string, feedLastModified: string, hash: string) => boolean;
	/** Delivered at this timestamp long enough ago that no other content can appear: passed over without reading it again. */
	settled?: (kind: ChangeKind, id: string, feedLastModified: string) => boolean;
	pageSize?: number;
	itemIndex?: number;
}

export interface ChangeEntry {
	kind: 'changed' | 'deleted' | 'failed';
	id: string;
	/**
	 * ISO 8601 UTC: when the record changed (or was deleted). In full mode the record's own
	 * lastModifiedDate, which is exact; otherwise the feed's, which in the repeated hour of a
	 * daylight-saving fall-back shows the earlier of the two instants a local time can mean.
	 */
	lastModified: string;
	/** The feed's own timestamp for this row. */
	feedLastModified: string;
	/** Fingerprint of what this entry delivers: tells a second save within one second from a re-read. */
	hash: string;
	/** At or before the input cursor: read again by the lookback (or committed late). */
	reread: boolean;
	record?: IDataObject;
	error?: NodeApiError;
	/** Resume here to continue after this entry. */
	cursor: ChangeCursor;
}

export interface ChangesBatch {
	entries: ChangeEntry[];
	/** Resume here next time; the input cursor when nothing was read. */
	cursor?: ChangeCursor;
	/** More may be waiting (Max Records reached, or stopped before a record that failed). */
	hasMore: boolean;
	/** The record that failed hydration and stopped the batch before it (when not skipping). */
	stoppedBy?: { id: string; error: NodeApiError };
	/** Listed by SuiteQL, then "Record does not exist." when read: deleted in between. */
	vanished: string[];
}

interface Scanned {
	row: FeedRow;
	lastModified: string;
	reread: boolean;
	/** Known before hydration (columns mode, deletions); full mode hashes the record once read. */
	hash?: string;
	skip: boolean;
	hydration?: Promise<Hydration>;
}

/** At most this share of a batch may vanish between listing and reading before the run stops. */
const VANISHED_SHARE_LIMIT = 0.5;
const VANISHED_MIN = 3;

function isoOf(row: FeedPosition, timeZone: string): string {
	return toIsoSeconds(localToUtc(row.local, timeZone));
}

function later(a: FeedPosition | undefined, b: FeedPosition): FeedPosition {
	return a && comparePositions(a, b) > 0 ? a : b;
}

async function scanFeed(
	client: NetSuiteClient,
	feed: FeedTable,
	kind: ChangeKind,
	start: FeedStart | undefined,
	inputPosition: FeedPosition | undefined,
	budget: number,
	options: ReadChangesOptions,
	hydrate?: (id: string) => Promise<Hydration>,
): Promise<{ scanned: Scanned[]; budgetReached: boolean }> {
	const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
	const scanned: Scanned[] = [];
	let fresh = 0;
	let position = start;
	for (;;) {
		const page = await fetchFeedPage(client, feed, position, pageSize, options.itemIndex);
		for (const row of page.rows) {
			position = { after: row };
			const lastModified = isoOf(row, options.timeZone);
			const reread = inputPosition !== undefined && comparePositions(row, inputPosition) <= 0;
			const hash = hydrate ? undefined : contentHash(kind === 'deleted' ? ['deleted', row.local] : [row.local, row.columns]);
			const skip =
				hash !== undefined
					? options.alreadyDelivered?.(kind, row.id, lastModified, hash) === true
					: options.settled?.(kind, row.id, lastModified) === true;
			const entry: Scanned = { row, lastModified, reread, hash, skip };
			// Hydration starts now, overlapping the next page's query.
			if (!skip && hydrate) entry.hydration = hydrate(row.id);
			scanned.push(entry);
			if (!skip && !reread && ++fresh >= budget) return { scanned, budgetReached: true };
		}
		if (!page.full) return { scanned, budgetReached: false };
	}
}

/**
 * Where the deletions feed stands. Its own position once it has one; turned on for a cursor that
 * never tracked deletions, where the records are (minus the lookback), never at the beginning of
 * history; and for a feed started now, where the records start: the beginning (ORIGIN) or the start
 * date. Every cursor of a run with deletions carries this, read or not yet, so a later batch never
 * mistakes "not reached yet" for "never tracked".
 */
function deletionsPosition(cursor: ChangeCursor | undefined, startAt?: number): Pick<ChangeCursor, 'deletedSince' | 'deletedId'> {
	if (cursor?.deletedSince) return { deletedSince: cursor.deletedSince, deletedId: cursor.deletedId };
	if (cursor) return { deletedSince: cursor.lastModified };
	if (startAt !== undefined) return { deletedSince: toIsoSeconds(startAt) };
	return { deletedSince: ORIGIN.lastModified, deletedId: ORIGIN.id };
}

export async function readChanges(client: NetSuiteClient, options: ReadChangesOptions): Promise<ChangesBatch> {
	const { source, timeZone } = options;
	await checkFeedAgainstAccount(client, source, timeZone, options.itemIndex);
	const inputCursor = options.cursor;
	const columns = options.mode === 'columns' ? options.columns : [];
	const hydrate =
		options.mode === 'full'
			? createHydrator(client, { recordType: source.recordType, ...options.hydration, itemIndex: options.itemIndex })
			: undefined;

	const records = feedStart(inputCursor, options.startAt, options.lookbackMs, timeZone);
	const scan = await scanFeed(client, changesTable(source, columns), 'changed', records.start, records.inputPosition, options.maxRecords, options, hydrate);
	// Every hydration settles before this returns, even those after a failure, so no request outlives the call.
	const hydrations = await Promise.all(scan.scanned.map((s) => s.hydration));

	const entries: ChangeEntry[] = [];
	let recordPosition = records.inputPosition;
	let deletionCursor: Pick<ChangeCursor, 'deletedSince' | 'deletedId'> = options.includeDeletions
		? deletionsPosition(inputCursor, options.startAt)
		: { deletedSince: inputCursor?.deletedSince, deletedId: inputCursor?.deletedId };
	const cursorAt = (): ChangeCursor | undefined => {
		if (!recordPosition && !deletionCursor.deletedSince) return inputCursor;
		const base = recordPosition
			? { lastModified: isoOf(recordPosition, timeZone), id: recordPosition.id }
			: { lastModified: inputCursor?.lastModified ?? deletionCursor.deletedSince!, id: inputCursor?.id ?? '0' };
		return deletionCursor.deletedSince ? { ...base, ...definedOnly(deletionCursor) } : base;
	};

	const vanished: string[] = [];
	let vanishedFresh = 0;
	let stoppedBy: ChangesBatch['stoppedBy'];
	let fresh = 0;
	for (let i = 0; i < scan.scanned.length; i++) {
		const { row, lastModified, reread, skip, hash } = scan.scanned[i];
		const hydration = hydrations[i];
		if (hydration?.status === 'failed' && !options.skipFailed) {
			stoppedBy = { id: row.id, error: hydration.error };
			break;
		}
		recordPosition = later(recordPosition, row);
		if (skip) continue;
		if (!reread) fresh++;
		if (hydration?.status === 'vanished') {
			vanished.push(row.id);
			if (!reread) vanishedFresh++;
			continue;
		}
		const base = { id: row.id, lastModified, feedLastModified: lastModified, reread, cursor: cursorAt()! };
		if (hydration?.status === 'failed') {
			const failedHash = contentHash(['failed', row.local]);
			if (options.alreadyDelivered?.('changed', row.id, lastModified, failedHash)) continue;
			entries.push({ ...base, kind: 'failed', error: hydration.error, hash: failedHash });
		} else if (hydration?.status === 'ok') {
			checkRecordAgainstFeed(source, timeZone, row, hydration.record);
			const recordHash = contentHash(hydration.record);
			if (options.alreadyDelivered?.('changed', row.id, lastModified, recordHash)) continue;
			entries.push({ ...base, kind: 'changed', record: hydration.record, hash: recordHash, lastModified: ownLastModified(hydration.record) ?? lastModified });
		} else {
			entries.push({ ...base, kind: 'changed', record: { id: row.id, ...row.columns }, hash: hash! });
		}
	}
	checkVanished(source, vanishedFresh, fresh);

	let deletionsPending = false;
	if (options.includeDeletions && !stoppedBy && fresh < options.maxRecords) {
		const from = deletionsPosition(inputCursor, options.startAt);
		const deletionStart = feedStart({ lastModified: from.deletedSince!, id: from.deletedId }, undefined, options.lookbackMs, timeZone);
		const deletions = await scanFeed(client, deletionsTable(source), 'deleted', deletionStart.start, deletionStart.inputPosition, options.maxRecords - fresh, options);
		let deletionPosition = deletionStart.inputPosition;
		for (const { row, lastModified, reread, skip, hash } of deletions.scanned) {
			deletionPosition = later(deletionPosition, row);
			deletionCursor = { deletedSince: isoOf(deletionPosition, timeZone), deletedId: deletionPosition.id };
			if (skip) continue;
			entries.push({ kind: 'deleted', id: row.id, lastModified, feedLastModified: lastModified, hash: hash!, reread, cursor: cursorAt()! });
		}
		deletionsPending = deletions.budgetReached;
	} else if (options.includeDeletions) {
		deletionsPending = true;
	}

	const cursor = cursorAt();
	return {
		entries: withoutRepeatedVersions(entries),
		cursor,
		hasMore: scan.budgetReached || stoppedBy !== undefined || deletionsPending,
		stoppedBy,
		vanished,
	};
}

/** The oldest stamps (epoch ms) a read from `cursor` can return again, per feed: what a memory of delivered versions must keep. */
export function rereadFrom(
	cursor: ChangeCursor,
	feed: Pick<ReadChangesOptions, 'lookbackMs' | 'timeZone' | 'includeDeletions'>,
): { changed: number; deleted?: number } {
	const changed = oldestReread(cursor, feed.lookbackMs, feed.timeZone);
	if (!feed.includeDeletions) return { changed };
	const deletions = deletionsPosition(cursor);
	return { changed, deleted: oldestReread({ lastModified: deletions.deletedSince!, id: deletions.deletedId }, feed.lookbackMs, feed.timeZone) };
}

/**
 * A few records deleted between listing and reading is normal; most of a batch's new rows is not.
 * It means the record type's SuiteQL mapping lists rows the record service does not know under
 * that type. (Re-read rows are left out of the share: they would dilute it.)
 */
function checkVanished(source: SuiteQlSource, vanished: number, read: number): void {
	if (vanished < VANISHED_MIN || vanished <= read * VANISHED_SHARE_LIMIT) return;
	throw new ParameterError(
		'recordType',
		`${vanished} of ${read} ${source.recordType} records listed by SuiteQL answered "Record does not exist." when read. ` +
			`The record type does not match the rows selected from SuiteQL's ${source.table} table (for an item or transaction subtype, pick the exact subtype). ` +
			'The cursor did not move; if these records were being deleted while this ran, the next run goes on past them.',
	);
}

/**
 * A record modified while the batch was read is listed twice (old and new position); in full mode
 * both reads fetched the same content. Deliver that content once, at its later position.
 */
function withoutRepeatedVersions(entries: ChangeEntry[]): ChangeEntry[] {
	const seen = new Set<string>();
	const kept: ChangeEntry[] = [];
	for (let i = entries.length - 1; i >= 0; i--) {
		const entry = entries[i];
		const key = `${entry.kind}:${entry.id}#${entry.hash}`;
		if (entry.kind === 'changed' && seen.has(key)) continue;
		seen.add(key);
		kept.push(entry);
	}
	return kept.reverse();
}
