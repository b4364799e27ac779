import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const recordIdParameter: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '107 or eid:CID001',
	description: 'Internal ID, or an external ID prefixed with eid:',
};

const INTERNAL_ID = /^\d{1,19}$/;
const EXTERNAL_ID = /^eid:.{1,255}$/;

export function readRecordId(ctx: IExecuteFunctions, itemIndex: number, name = 'recordId'): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as string | number;
	const id = String(raw).trim();
	if (!INTERNAL_ID.test(id) && !EXTERNAL_ID.test(id)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Parameter "${name}": "${id.slice(0, 40)}" is not a record ID. Use the internal ID (digits, e.g. 107) or eid: followed by the external ID.`,
			{ itemIndex },
		);
	}
	return id;
}

/** The record ID at the end of a Location header NetSuite returns after a write. */
export function idFromLocation(location: unknown): string | undefined {
	const text = Array.isArray(location) ? location[0] : location;
	if (typeof text !== 'string') return undefined;
	const last = text.split('?')[0].split('/').pop();
	return last ? decodeURIComponent(last) : undefined;
}
