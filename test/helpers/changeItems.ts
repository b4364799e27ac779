import type { INodeExecutionData } from 'n8n-workflow';

export interface ChangeJson {
	id: string;
	lastModified: string;
	deleted: boolean;
	reread: boolean;
	cursor: { lastModified: string; id: string; deletedSince?: string; deletedId?: string };
	record?: Record<string, unknown>;
	batch?: {
		hasMore: boolean;
		cursor: ChangeJson['cursor'] | null;
		size: number;
		stoppedBy?: { id: string; error: string };
	};
}

export const asChanges = (items: INodeExecutionData[] | undefined): ChangeJson[] =>
	(items ?? []).map((i) => i.json as unknown as ChangeJson);

/** "id@lastModified" for changes, "deleted:id" for deletions: the versions a test expects, as a sorted list. */
export const versions = (changes: ChangeJson[]): string[] =>
	changes.map((c) => (c.deleted ? `deleted:${c.id}` : `${c.id}@${c.lastModified}`)).sort();
