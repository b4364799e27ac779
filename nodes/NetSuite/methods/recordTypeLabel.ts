/**
 * How a record type reads in the Record Type list. NetSuite's metadata catalog lists each type by
 * its id only (`{ name, links }`, Oracle's "Getting Metadata"): there is no display label to show.
 * The REST ids of standard types are camelCase words (salesOrder, inventoryItem), so those words are
 * the label: "Sales Order (salesOrder)". Ids without such word breaks (customer, customrecord_x)
 * are shown as they are rather than guessed at.
 */
export function recordTypeLabel(id: string): string {
	if (!/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(id)) return id;
	const words = id.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(' ');
	return `${words.map(capitalize).join(' ')} (${id})`;
}

function capitalize(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Whether the typed filter matches the type's id or its label (case-insensitive, ignoring spaces). */
export function matchesRecordType(id: string, label: string, filter: string): boolean {
	const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');
	const needle = squash(filter);
	return !needle || squash(id).includes(needle) || squash(label).includes(needle);
}
