/**
 * The (id, lastModified) versions the trigger already emitted inside its re-read window, kept in
 * static data so the lookback re-reads them without emitting them twice, while a record committed
 * late, or changed again, is still emitted once.
 */
import type { IDataObject } from 'n8n-workflow';

/** The repeated fall-back hour can make a re-read start up to an hour before the lookback. */
const REPEATED_HOUR_MARGIN_MS = 2 * 60 * 60_000;

type Kind = 'changed' | 'deleted';

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

	has(kind: Kind, id: string, lastModified: string): boolean {
		return this.versions.get(`${kind}:${id}`) === lastModified;
	}

	add(kind: Kind, id: string, lastModified: string): void {
		this.versions.set(`${kind}:${id}`, lastModified);
	}

	/** A plain object of the versions a later poll may still re-read; older ones can never come back. */
	keepAfter(changedFromMs: number, deletedFromMs = changedFromMs): IDataObject {
		const kept: IDataObject = {};
		for (const [key, lastModified] of this.versions) {
			const from = key.startsWith('deleted:') ? deletedFromMs : changedFromMs;
			if (Date.parse(lastModified) >= from - REPEATED_HOUR_MARGIN_MS) kept[key] = lastModified;
		}
		return kept;
	}
}
