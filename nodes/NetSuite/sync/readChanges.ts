/**
 * Everything that changed since a cursor, for one record type: the shared core of the node's
 * Get Changes and the trigger. It never moves the cursor past a row that was not delivered.
 */

import type { ChangeEntry, ChangesBatch, ReadChangesOptions } from './changeTypes';

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
import { deletionsPosition, feedStart } from './feedStart';
import { createHydrator } from './hydrate';
import type { Hydration } from './hydrate';
import { ownLastModified } from './recordTime';
import type { SuiteQlSource } from './recordTypes';
import { localToUtc, toIsoSeconds } from './timeZone';

export type { ChangeMode, ReadChangesOptions, ChangeEntry, ChangesBatch } from './changeTypes';

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
			const hash = hydrate
				? undefined
				: contentHash(kind === 'deleted' ? ['deleted', row.local] : [row.local, row.columns]);
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

export async function readChanges(
	client: NetSuiteClient,
	options: ReadChangesOptions,
): Promise<ChangesBatch> {
	const { source, timeZone } = options;
	await checkFeedAgainstAccount(client, source, timeZone, options.itemIndex);
	const inputCursor = options.cursor;
	const columns = options.mode === 'columns' ? options.columns : [];
	const hydrate =
		options.mode === 'full'
			? createHydrator(client, {
					recordType: source.recordType,
					...options.hydration,
					itemIndex: options.itemIndex,
				})
			: undefined;

	const records = feedStart(inputCursor, options.startAt, options.lookbackMs, timeZone);
	const scan = await scanFeed(
		client,
		changesTable(source, columns),
		'changed',
		records.start,
		records.inputPosition,
		options.maxRecords,
		options,
		hydrate,
	);
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
			: {
					lastModified: inputCursor?.lastModified ?? deletionCursor.deletedSince!,
					id: inputCursor?.id ?? '0',
				};
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
		const base = {
			id: row.id,
			lastModified,
			feedLastModified: lastModified,
			reread,
			cursor: cursorAt()!,
		};
		if (hydration?.status === 'failed') {
			const failedHash = contentHash(['failed', row.local]);
			if (options.alreadyDelivered?.('changed', row.id, lastModified, failedHash)) continue;
			entries.push({ ...base, kind: 'failed', error: hydration.error, hash: failedHash });
		} else if (hydration?.status === 'ok') {
			checkRecordAgainstFeed(source, timeZone, row, hydration.record);
			const recordHash = contentHash(hydration.record);
			if (options.alreadyDelivered?.('changed', row.id, lastModified, recordHash)) continue;
			entries.push({
				...base,
				kind: 'changed',
				record: hydration.record,
				hash: recordHash,
				lastModified: ownLastModified(hydration.record) ?? lastModified,
			});
		} else {
			entries.push({
				...base,
				kind: 'changed',
				record: { id: row.id, ...row.columns },
				hash: hash!,
			});
		}
	}
	checkVanished(source, vanishedFresh, fresh);

	let deletionsPending = false;
	if (options.includeDeletions && !stoppedBy && fresh < options.maxRecords) {
		const from = deletionsPosition(inputCursor, options.startAt);
		const deletionStart = feedStart(
			{ lastModified: from.deletedSince!, id: from.deletedId },
			undefined,
			options.lookbackMs,
			timeZone,
		);
		const deletions = await scanFeed(
			client,
			deletionsTable(source),
			'deleted',
			deletionStart.start,
			deletionStart.inputPosition,
			options.maxRecords - fresh,
			options,
		);
		let deletionPosition = deletionStart.inputPosition;
		for (const { row, lastModified, reread, skip, hash } of deletions.scanned) {
			deletionPosition = later(deletionPosition, row);
			deletionCursor = {
				deletedSince: isoOf(deletionPosition, timeZone),
				deletedId: deletionPosition.id,
			};
			if (skip) continue;
			entries.push({
				kind: 'deleted',
				id: row.id,
				lastModified,
				feedLastModified: lastModified,
				hash: hash!,
				reread,
				cursor: cursorAt()!,
			});
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
