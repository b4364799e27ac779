/**
 * The versions the trigger already emitted inside its re-read window, kept in static data so the
 * lookback re-reads them without emitting them twice, while a record committed late, changed
 * again, or saved a second time within the same second is still emitted once.
 *
 * A version is (id, content): NetSuite stamps lastModifiedDate to the second, so two saves in one
 * second share a timestamp and only their content tells them apart. What is kept per record is
 * the feed timestamp (to prune by) and a short hash of what was emitted: `"<ISO UTC>#<hash>"`.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ChangeKind } from './contentHash';

export class DeliveredVersions {
	private constructor(private readonly versions: Map<string, string>) {}

	static from(stored: unknown): DeliveredVersions {
		const versions = new Map<string, string>();
		if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
			for (const [key, value] of Object.entries(stored as IDataObject)) {
				if (typeof value === 'string') versions.set(key, value);
			}
		}
		return new DeliveredVersions(versions);
	}

	/**
	 * Whether this exact content was emitted for the record. Entries written by an earlier version
	 * of this package hold only a timestamp: they match a re-read at the same timestamp.
	 */
	has(kind: ChangeKind, id: string, feedLastModified: string, hash: string): boolean {
		const stored = this.versions.get(`${kind}:${id}`);
		if (stored === undefined) return false;
		const at = stored.indexOf('#');
		return at < 0 ? stored === feedLastModified : stored.slice(at + 1) === hash;
	}

	add(kind: ChangeKind, id: string, feedLastModified: string, hash: string): void {
		this.versions.set(`${kind}:${id}`, `${feedLastModified}#${hash}`);
	}

	/** A plain object of the versions a later read may still re-read (stamped at or after `from`, per kind). */
	keepFrom(from: { changed: number; deleted?: number }): IDataObject {
		const kept: IDataObject = {};
		for (const [key, value] of this.versions) {
			const limit = key.startsWith('deleted:') ? (from.deleted ?? from.changed) : from.changed;
			const at = value.indexOf('#');
			if (Date.parse(at < 0 ? value : value.slice(0, at)) >= limit) kept[key] = value;
		}
		return kept;
	}
}
