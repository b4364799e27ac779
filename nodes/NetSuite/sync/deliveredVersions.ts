/**
 * The versions the trigger already emitted inside its re-read window, kept in static data so the
 * lookback re-reads them without emitting them twice, while a record committed late, changed
 * again, or saved a second time within the same second is still emitted once.
 *
 * A version is (id, content): NetSuite stamps lastModifiedDate to the second, so two saves in one
 * second share a timestamp and only their content tells them apart. What is kept per record is
 * the feed timestamp (to prune by), a short hash of what was emitted and when it was emitted
 * (n8n's clock, seconds, base 36): `"<ISO UTC>#<hash>#<emitted at>"`.
 *
 * Telling content apart costs a GET per re-read record in Full Records mode. It is only needed
 * while another save with the same timestamp can still become visible: a save commits at most the
 * lookback after its stamp (the lookback's own premise), and the version was emitted after its
 * stamp, so once the lookback has passed since it was emitted the version is settled and a re-read
 * at the same timestamp is passed over unread, as before. Only durations on n8n's clock are
 * compared, never n8n's clock with NetSuite's.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ChangeKind } from './contentHash';

/** Only elapsed time on n8n's own clock is compared (emitted after the read, so after the stamp): a small margin suffices. */
const SETTLE_MARGIN_MS = 5_000;

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
		const stored = this.read(kind, id);
		if (!stored) return false;
		return stored.hash === undefined
			? stored.feedLastModified === feedLastModified
			: stored.hash === hash;
	}

	/** Emitted at this timestamp long enough ago that no other content can still appear at it (see above). */
	settled(
		kind: ChangeKind,
		id: string,
		feedLastModified: string,
		nowMs: number,
		lookbackMs: number,
	): boolean {
		const stored = this.read(kind, id);
		if (!stored || stored.feedLastModified !== feedLastModified) return false;
		if (stored.hash === undefined) return true;
		return (
			stored.emittedAtMs !== undefined && nowMs - stored.emittedAtMs > lookbackMs + SETTLE_MARGIN_MS
		);
	}

	add(
		kind: ChangeKind,
		id: string,
		feedLastModified: string,
		hash: string,
		emittedAtMs: number,
	): void {
		this.versions.set(
			`${kind}:${id}`,
			`${feedLastModified}#${hash}#${Math.floor(emittedAtMs / 1000).toString(36)}`,
		);
	}

	private read(
		kind: ChangeKind,
		id: string,
	): { feedLastModified: string; hash?: string; emittedAtMs?: number } | undefined {
		const stored = this.versions.get(`${kind}:${id}`);
		if (stored === undefined) return undefined;
		const [feedLastModified, hash, emittedAt] = stored.split('#');
		const seconds = emittedAt === undefined ? Number.NaN : parseInt(emittedAt, 36);
		return {
			feedLastModified,
			hash,
			emittedAtMs: Number.isFinite(seconds) ? seconds * 1000 : undefined,
		};
	}

	/** A plain object of the versions a later read may still re-read (stamped at or after `from`, per kind). */
	keepFrom(from: { changed: number; deleted?: number }): IDataObject {
		const kept: IDataObject = {};
		for (const [key, value] of this.versions) {
			const limit = key.startsWith('deleted:') ? (from.deleted ?? from.changed) : from.changed;
			if (Date.parse(value.split('#')[0]) >= limit) kept[key] = value;
		}
		return kept;
	}
}
