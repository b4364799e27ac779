/** The object without its undefined values, so spreading it over defaults keeps the defaults. */
export function definedOnly<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
