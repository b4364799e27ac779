/** A JSON object from a parsed body or JSON text; undefined for anything else (arrays, HTML, empty). */
export function asObject(body: unknown): Record<string, unknown> | undefined {
	if (typeof body === 'string') {
		try {
			return asObject(JSON.parse(body));
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' && !Array.isArray(body)
		? (body as Record<string, unknown>)
		: undefined;
}
