/**
 * Runs a per-item operation over all input items at once (the client's limiter bounds what reaches
 * NetSuite), keeping output order and turning failures into error items when the node continues on
 * failure.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ParameterError } from '../parameterError';
import { OffsetCapError } from '../transport/paging';

/**
 * An error item n8n can route to the node's error output and still shows in full: only `error`
 * and `details` keys, no `item.error` (n8n would replace the JSON with the bare message).
 */
export function errorJson(error: unknown, context: IDataObject = {}): IDataObject {
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: string | null }).description;
	const httpCode = (error as { httpCode?: string | null }).httpCode;
	return {
		error: message,
		details: { ...context, description: description ?? null, httpCode: httpCode ?? null },
	};
}

/** Validation errors from the shared code, as n8n errors naming the parameter. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex?: number): unknown {
	if (error instanceof ParameterError) {
		return new NodeOperationError(ctx.getNode(), `Parameter "${error.field}": ${error.message}`, {
			itemIndex,
		});
	}
	if (error instanceof OffsetCapError) {
		return new NodeOperationError(ctx.getNode(), error.message, { itemIndex });
	}
	return error;
}

export async function runPerItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: (itemIndex: number) => Promise<INodeExecutionData[]>,
	context: (itemIndex: number) => IDataObject = () => ({}),
): Promise<INodeExecutionData[]> {
	const settled = await Promise.allSettled(
		items.map(async (_item, itemIndex) => await operation(itemIndex)),
	);
	return settled.flatMap((result, itemIndex) => outcomeItems(ctx, result, itemIndex, context));
}

/**
 * For operations that are one long read per input item (Get Many, Get Changes): items one after
 * another, failures handled as in runPerItem.
 */
export async function runEachItemInTurn(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const [result] = await Promise.allSettled([operation(itemIndex)]);
		// A run can return hundreds of thousands of items: no spread into push's arguments.
		for (const item of outcomeItems(ctx, result, itemIndex, () => ({}))) output.push(item);
	}
	return output;
}

function outcomeItems(
	ctx: IExecuteFunctions,
	result: PromiseSettledResult<INodeExecutionData[]>,
	itemIndex: number,
	context: (itemIndex: number) => IDataObject,
): INodeExecutionData[] {
	if (result.status === 'fulfilled') {
		return result.value.map((entry) => ({ ...entry, pairedItem: { item: itemIndex } }));
	}
	const error = asNodeError(ctx, result.reason, itemIndex);
	if (!ctx.continueOnFail()) {
		if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
	let known: IDataObject = {};
	try {
		known = context(itemIndex);
	} catch {
		known = {};
	}
	return [{ json: errorJson(error, known), pairedItem: { item: itemIndex } }];
}
