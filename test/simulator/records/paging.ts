import { SimError } from '../errors';
import type { Link } from './json';

/** Neither collections nor SuiteQL return more than 100,000 results without SuiteAnalytics Connect. */
export const RESULT_CAP = 100_000;
export const MAX_LIMIT = 1000;

export interface Paging {
	limit: number;
	offset: number;
}

const badParam = (name: string, detail: string): SimError =>
	new SimError(400, 'INVALID_PARAMETER', detail, { queryParam: name });

/**
 * limit defaults to and may not exceed 1000 (what NetSuite does above 1000 is UNCONFIRMED; we
 * reject, which makes a client bug visible). The offset must be divisible by the limit
 * [O:section_1540810951] and must stay under the 100,000-result cap.
 */
export function parsePaging(query: URLSearchParams): Paging {
	const limitRaw = query.get('limit');
	const offsetRaw = query.get('offset');
	let limit = MAX_LIMIT;
	if (limitRaw !== null) {
		if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_LIMIT) {
			throw badParam(
				'limit',
				`Invalid value for the 'limit' query parameter: ${limitRaw}. The limit must be an integer between 1 and ${MAX_LIMIT}.`,
			);
		}
		limit = Number(limitRaw);
	}
	let offset = 0;
	if (offsetRaw !== null) {
		if (!/^\d+$/.test(offsetRaw)) {
			throw badParam(
				'offset',
				`Invalid value for the 'offset' query parameter: ${offsetRaw}. The offset must be a non-negative integer.`,
			);
		}
		offset = Number(offsetRaw);
	}
	if (offset % limit !== 0) {
		throw badParam(
			'offset',
			`Invalid value for the 'offset' query parameter: ${offset}. You can only set offset and limit values in a way that the offset is divisible by the limit (limit ${limit}).`,
		);
	}
	if (offset >= RESULT_CAP) {
		throw badParam(
			'offset',
			`Invalid value for the 'offset' query parameter: ${offset}. A query can return at most 100,000 results; the offset must be less than 100000. Narrow the query (for example by id or lastModifiedDate) to read further.`,
		);
	}
	return { limit, offset };
}

/** next/last/self on the first page, prev/first/self on the last, all five in between. */
export function pageLinks(
	href: (limit: number, offset: number) => string,
	limit: number,
	offset: number,
	total: number,
): Link[] {
	const reachable = Math.min(total, RESULT_CAP);
	const lastOffset = reachable === 0 ? 0 : Math.floor((reachable - 1) / limit) * limit;
	const links: Link[] = [];
	if (offset > 0) {
		links.push({ rel: 'prev', href: href(limit, Math.max(0, offset - limit)) });
		links.push({ rel: 'first', href: href(limit, 0) });
	}
	if (offset < lastOffset) {
		links.push({ rel: 'next', href: href(limit, offset + limit) });
		links.push({ rel: 'last', href: href(limit, lastOffset) });
	}
	links.push({ rel: 'self', href: href(limit, offset) });
	return links;
}
