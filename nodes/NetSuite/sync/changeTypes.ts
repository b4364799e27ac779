/** What one read of the change feed takes and gives (readChanges.ts): options, entries, the batch. */
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import type { ChangeKind } from './contentHash';
import type { ChangeCursor } from './cursor';
import type { SuiteQlSource } from './recordTypes';

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
	alreadyDelivered?: (
		kind: ChangeKind,
		id: string,
		feedLastModified: string,
		hash: string,
	) => boolean;
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
