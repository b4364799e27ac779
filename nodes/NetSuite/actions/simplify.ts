/**
 * The "Simplify" option of Get, Get Many, Get Changes and the trigger: NetSuite's REST answers carry
 * HATEOAS `links` on the record and on every sub-resource and reference, which make the widest and
 * least useful column of n8n's table. Simplify drops them everywhere; off keeps NetSuite's raw shape.
 *
 * New in node version 1.1 and on by default there; nodes saved at version 1 (the bundled workflows
 * among them) keep the raw shape they were built against.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export const SIMPLIFY_SINCE_VERSION = 1.1;

export const simplifyParameter: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	hint: "Leaves out NetSuite's links (rel/href) on the record and its sub-resources",
	displayOptions: { show: { '@version': [{ _cnd: { gte: SIMPLIFY_SINCE_VERSION } }] } },
};

/** The value without any `links` key, at every depth; a value without one is returned as it is. */
export function dropLinks<T>(value: T): T {
	return hasLinks(value) ? withoutLinks(value) : value;
}

// A scan allocates nothing: Get Changes in columns mode passes 100,000+ rows that have no links.
function hasLinks(value: unknown): boolean {
	if (value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) return value.some(hasLinks);
	for (const key in value) {
		if (key === 'links' || hasLinks((value as Record<string, unknown>)[key])) return true;
	}
	return false;
}

function withoutLinks<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v: unknown) => withoutLinks(v)) as unknown as T;
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
		if (key !== 'links') out[key] = withoutLinks(v);
	}
	return out as T;
}

/** Whether Simplify applies: the node is version 1.1 or later and the option is on. */
export function isSimplified(typeVersion: number, readParameter: () => unknown): boolean {
	return typeVersion >= SIMPLIFY_SINCE_VERSION && readParameter() !== false;
}

/** A change-feed item with its `record` (if any) simplified; the item's own fields are kept. */
export function simplifyChangeItem(item: INodeExecutionData): INodeExecutionData {
	const record = item.json.record;
	if (!record || typeof record !== 'object' || !hasLinks(record)) return item;
	return { ...item, json: { ...item.json, record: withoutLinks(record as IDataObject) } };
}
