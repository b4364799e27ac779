/**
 * Runs a per-item operation over all input items at once (the client's limiter bounds what reaches
 * NetSuite), keeping output order and turning failures into error items when the node continues on
 * failure.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { asNodeError } from './common';

export async function runPerItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const settled = await Promise.allSettled(items.map(async (_item, itemIndex) => await operation(itemIndex)));
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < settled.length; itemIndex++) {
		const result = settled[itemIndex];
		if (result.status === 'fulfilled') {
			output.push(...result.value.map((entry) => ({ ...entry, pairedItem: { item: itemIndex } })));
			continue;
		}
		const error = asNodeError(ctx, result.reason, itemIndex);
		if (!ctx.continueOnFail()) {
			if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
			throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
		const message = error instanceof Error ? error.message : String(error);
		const description = (error as { description?: string }).description;
		output.push({
			json: { error: message, ...(description ? { details: description } : {}) },
			error: error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeApiError(ctx.getNode(), { message } as JsonObject),
			pairedItem: { item: itemIndex },
		});
	}
	return output;
}
