import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE, suiteQlPages } from '../../transport/paging';
import { returnAllAndLimit } from '../common.descriptions';
import { runPerItem } from '../itemRunner';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		placeholder:
			"SELECT id, entityid, email FROM customer WHERE lastmodifieddate > TO_DATE(?, 'YYYY-MM-DD')",
		description: 'SuiteQL text. Put values in bound parameters (?) rather than in the text.',
	},
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'string',
		default: '',
		placeholder: '2026-01-01, 42',
		description:
			'Values for the ? placeholders, in order, comma-separated; or a JSON array such as ["2026-01-01", "a,b"]',
	},
	...returnAllAndLimit,
];

export const description = operationFields('suiteql', 'execute', properties);

function readParameters(ctx: IExecuteFunctions, raw: unknown, itemIndex: number): string[] {
	if (Array.isArray(raw)) return raw.map(String);
	const text =
		typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
	if (text === '') return [];
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parsed.map(String);
		} catch {
			// reported below
		}
		throw new NodeOperationError(
			ctx.getNode(),
			'Parameter "parameters": not a valid JSON array. Use ["a", "b"] or a comma-separated list.',
			{ itemIndex },
		);
	}
	return text.split(',').map((p) => p.trim());
}

export const execute: Executor = async function (client, items) {
	return await runPerItem(this, items, async (i) => {
		const query = (this.getNodeParameter('query', i, '') as string).trim();
		if (query === '')
			throw new NodeOperationError(this.getNode(), 'Parameter "query": enter a SuiteQL query.', {
				itemIndex: i,
			});
		const params = readParameters(this, this.getNodeParameter('parameters', i, ''), i);
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll
			? Number.POSITIVE_INFINITY
			: (this.getNodeParameter('limit', i, 50) as number);
		const pageSize = Math.min(MAX_PAGE_SIZE, limit);
		const rows: INodeExecutionData[] = [];
		for await (const page of suiteQlPages(client, query, params, pageSize, i)) {
			for (const row of page.items) {
				const { links: _links, ...columns } = row as IDataObject;
				rows.push({ json: columns });
				if (rows.length >= limit) return rows;
			}
		}
		return rows;
	});
};
