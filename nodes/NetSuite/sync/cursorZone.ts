/**
 * A cursor's UTC times were derived from SuiteQL's local times in the Account Time Zone set when it
 * was made. When that setting is corrected later, the same local positions mean other instants:
 * re-derive them, so the cursor stays where it was in NetSuite's order instead of jumping by the
 * zone difference.
 */
import type { ChangeCursor } from './cursor';
import { localToUtc, toIsoSeconds, utcToLocal } from './timeZone';

function rebaseTime(iso: string, from: string, to: string): string {
	return toIsoSeconds(localToUtc(utcToLocal(Date.parse(iso), from), to));
}

export function rebaseCursor(cursor: ChangeCursor, from: string | undefined, to: string): ChangeCursor {
	if (!from || from === to) return cursor;
	const rebased: ChangeCursor = { ...cursor, lastModified: rebaseTime(cursor.lastModified, from, to) };
	if (cursor.deletedSince) rebased.deletedSince = rebaseTime(cursor.deletedSince, from, to);
	return rebased;
}
