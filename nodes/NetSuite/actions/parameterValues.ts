/** The shared parameters' values as the client and the sync code take them. */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ClientOptions } from '../transport/client';
import type { ReadChangesOptions } from '../sync/readChanges';
import type { RecordRead } from '../sync/recordApi';

/** Run Settings (runOptions) as client options; seconds become milliseconds. */
export function clientOptionsFrom(options: IDataObject): ClientOptions {
	const seconds = (value: unknown) =>
		typeof value === 'number' && value > 0 ? value * 1000 : undefined;
	return {
		concurrency: typeof options.concurrency === 'number' ? options.concurrency : undefined,
		retry: { budgetMs: seconds(options.retryBudgetSeconds) },
		timeoutMs: seconds(options.timeoutSeconds),
	};
}

/** Expand Sub-Resources and Fields (recordReadOptions) as a record GET takes them. */
export function recordReadFrom(options: IDataObject): Required<RecordRead> {
	return {
		expandSubResources: options.expandSubResources !== false,
		fields: splitList(options.fields),
	};
}

/** recordReadOptions and Batch Size, as the change feed hydrates records. */
export function hydrationOptions(options: IDataObject): ReadChangesOptions['hydration'] {
	return {
		...recordReadFrom(options),
		window:
			typeof options.batchSize === 'number' && options.batchSize > 0 ? options.batchSize : 100,
	};
}

export function parseJsonParameter(
	ctx: IExecuteFunctions,
	value: unknown,
	name: string,
	itemIndex: number,
): IDataObject {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (typeof value === 'string') {
		try {
			const parsed = JSON.parse(value === '' ? '{}' : value) as unknown;
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
				return parsed as IDataObject;
		} catch {
			// reported below
		}
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`Parameter "${name}" must be a JSON object with the record's fields, e.g. {"companyName": "Acme"}`,
		{
			itemIndex,
		},
	);
}

export function splitList(value: unknown): string[] {
	return (typeof value === 'string' ? value : '')
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}
