/**
 * A short fingerprint of what one change item delivers, so that a re-read of the same record at
 * the same second is recognised as the same version, and a second save within that second is not.
 */
import { createHash } from 'node:crypto';

export type ChangeKind = 'changed' | 'deleted';

/** 12 hex characters (48 bits): collisions between two versions of one record are negligible. */
export function contentHash(content: unknown): string {
	return createHash('sha256')
		.update(JSON.stringify(content) ?? '')
		.digest('hex')
		.slice(0, 12);
}
