/**
 * Everything that changed since a cursor, for one record type: the shared core of the node's
 * Get Changes and the trigger. It never moves the cursor past a row that was not delivered.
 */
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import type { NetSuiteClient } from '../transport/client';
import { MAX_PAGE_SIZE } from '../transport/paging';
import { changesTable, deletionsTable, fetchFeedPage } from './changeFeed';
import type { FeedRow, FeedStart, FeedTable } from './changeFeed';
import { comparePositions } from './cursor';
import type { ChangeCursor, FeedPosition } from './cursor';
import { createHydrator } from './hydrate';
import type { Hydration } from './hydrate';
import type { SuiteQlSource } from './recordTypes';
import { localToUtc, repeatedHourStart, toIsoSeconds, utcToLocal } from './timeZone';

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
	/** What the caller delivered before (the trigger's memory); such rows are passed over, not hydrated. */
	alreadyDelivered?: (kind: 'changed' | 'deleted', id: string, lastModified: string) => boolean;
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
	/** The feed's own timestamp for this row: what re-reads are recognised by. */
	feedLastModified: string;
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
	/** Listed, then deleted before it could be read; the deletions feed reports it. */
	vanished: number;
}

interface Scanned {
	row: FeedRow;
	lastModified: string;
	reread: boolean;
	skip: boolean;
	hydration?: Promise<Hydration>;
}

function isoOf(row: FeedPosition, timeZone: string): string {
	return toIsoSeconds(localToUtc(row.local, timeZone));
}

/** Where a feed starts reading, widened by the lookback and across a repeated fall-back hour. */
export function feedStart(
	position: { lastModified: string; id?: string } | undefined,
	startAt: number | undefined,
	lookbackMs: number,
	timeZone: string,
): { start?: FeedStart; inputPosition?: FeedPosition } {
	if (!position) {
		if (startAt === undefined) return {};
		const from = utcToLocal(startAt, timeZone);
		return { start: { from: repeatedHourStart(from, timeZone) ?? from } };
	}
	const cursorMs = Date.parse(position.lastModified);
	const inputPosition = position.id ? { local: utcToLocal(cursorMs, timeZone), id: position.id } : undefined;
	let from = lookbackMs > 0 || !inputPosition ? utcToLocal(cursorMs - lookbackMs, timeZone) : undefined;
	const anchor = from ?? inputPosition!.local;
	// Rows from the second occurrence of a repeated hour sort before rows from the first: re-read it all.
	const rewind = repeatedHourStart(anchor, timeZone);
	if (rewind !== undefined && rewind < anchor) from = rewind;
	if (from !== undefined) return { start: { from }, inputPosition };
	return { start: { after: inputPosition! }, inputPosition };
}

function later(a: FeedPosition | undefined, b: FeedPosition): FeedPosition {
	return a && comparePositions(a, b) > 0 ? a : b;
}

async function scanFeed(
	client: NetSuiteClient,
	feed: FeedTable,
	kind: 'changed' | 'deleted',
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
			const skip = options.alreadyDelivered?.(kind, row.id, lastModified) === true;
			const entry: Scanned = { row, lastModified, reread, skip };
			// Hydration starts now, overlapping the next page's query.
			if (!skip && hydrate) entry.hydration = hydrate(row.id);
			scanned.push(entry);
			if (!skip && !reread && ++fresh >= budget) return { scanned, budgetReached: true };
		}
		if (!page.full) return { scanned, budgetReached: false };
	}
}

export async function readChanges(client: NetSuiteClient, options: ReadChangesOptions): Promise<ChangesBatch> {
	const { source, timeZone } = options;
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
	let deletionCursor: Pick<ChangeCursor, 'deletedSince' | 'deletedId'> = {
		deletedSince: inputCursor?.deletedSince,
		deletedId: inputCursor?.deletedId,
	};
	const cursorAt = (): ChangeCursor | undefined => {
		if (!recordPosition && !deletionCursor.deletedSince) return inputCursor;
		const base = recordPosition
			? { lastModified: isoOf(recordPosition, timeZone), id: recordPosition.id }
			: { lastModified: inputCursor?.lastModified ?? deletionCursor.deletedSince!, id: inputCursor?.id ?? '0' };
		return deletionCursor.deletedSince ? { ...base, ...stripUndefined(deletionCursor) } : base;
	};

	let vanished = 0;
	let stoppedBy: ChangesBatch['stoppedBy'];
	let fresh = 0;
	for (let i = 0; i < scan.scanned.length; i++) {
		const { row, lastModified, reread, skip } = scan.scanned[i];
		const hydration = hydrations[i];
		if (hydration?.status === 'failed' && !options.skipFailed) {
			stoppedBy = { id: row.id, error: hydration.error };
			break;
		}
		recordPosition = later(recordPosition, row);
		if (skip) continue;
		if (!reread) fresh++;
		if (hydration?.status === 'vanished') {
			vanished++;
			continue;
		}
		const base = { id: row.id, lastModified, feedLastModified: lastModified, reread, cursor: cursorAt()! };
		if (hydration?.status === 'failed') entries.push({ ...base, kind: 'failed', error: hydration.error });
		else if (hydration?.status === 'ok') entries.push({ ...base, kind: 'changed', record: hydration.record, lastModified: ownLastModified(hydration.record) ?? lastModified });
		else entries.push({ ...base, kind: 'changed', record: { id: row.id, ...row.columns } });
	}

	let deletionsPending = false;
	if (options.includeDeletions && !stoppedBy && fresh < options.maxRecords) {
		const deletionStart = feedStart(
			inputCursor?.deletedSince ? { lastModified: inputCursor.deletedSince, id: inputCursor.deletedId } : undefined,
			options.startAt,
			options.lookbackMs,
			timeZone,
		);
		const deletions = await scanFeed(client, deletionsTable(source), 'deleted', deletionStart.start, deletionStart.inputPosition, options.maxRecords - fresh, options);
		let deletionPosition = deletionStart.inputPosition;
		for (const { row, lastModified, reread, skip } of deletions.scanned) {
			deletionPosition = later(deletionPosition, row);
			deletionCursor = { deletedSince: isoOf(deletionPosition, timeZone), deletedId: deletionPosition.id };
			if (skip) continue;
			entries.push({ kind: 'deleted', id: row.id, lastModified, feedLastModified: lastModified, reread, cursor: cursorAt()! });
		}
		deletionsPending = deletions.budgetReached;
	} else if (options.includeDeletions) {
		deletionsPending = true;
	}

	return {
		entries: withoutRepeatedVersions(entries),
		cursor: cursorAt(),
		hasMore: scan.budgetReached || stoppedBy !== undefined || deletionsPending,
		stoppedBy,
		vanished,
	};
}

/**
 * A record modified while the batch was read is listed twice (old and new position); in full mode
 * both reads fetched the same version. Deliver that version once, at its later position.
 */
function withoutRepeatedVersions(entries: ChangeEntry[]): ChangeEntry[] {
	const seen = new Set<string>();
	const kept: ChangeEntry[] = [];
	for (let i = entries.length - 1; i >= 0; i--) {
		const entry = entries[i];
		const key = `${entry.kind}:${entry.id}@${entry.lastModified}`;
		if (entry.kind === 'changed' && seen.has(key)) continue;
		seen.add(key);
		kept.push(entry);
	}
	return kept.reverse();
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A hydrated record's own timestamp (custom records call it lastModified), when it has one. */
function ownLastModified(record: IDataObject): string | undefined {
	const value = record.lastModifiedDate ?? record.lastModified;
	return typeof value === 'string' && ISO_UTC.test(value) ? toIsoSeconds(Date.parse(value)) : undefined;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
