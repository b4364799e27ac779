import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fetchTwoStep } from '../../sync/twoStepFetch';
import {
	batchSizeOption,
	optionsCollection,
	recordReadOptions,
	returnAllAndLimit,
	runOptions,
} from '../common.descriptions';
import { errorJson, runEachItemInTurn } from '../itemRunner';
import { recordReadFrom } from '../parameterValues';
import { dropLinks, isSimplified, simplifyParameter } from '../simplify';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';
import { readRecordType } from './recordParameters';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filter (Q)',
		name: 'q',
		type: 'string',
		default: '',
		placeholder: 'lastModifiedDate ON_OR_AFTER "1/1/2026" AND isInactive IS false',
		description:
			"NetSuite's record filter: field OPERATOR value, joined with AND/OR. Dates use your NetSuite user's date format.",
	},
	simplifyParameter,
	optionsCollection([batchSizeOption, ...recordReadOptions, ...runOptions]),
];

export const description = operationFields('record', 'getMany', properties);

export const execute: Executor = async function (client, items) {
	return await runEachItemInTurn(this, items, async (i) => {
		const output: INodeExecutionData[] = [];
		const recordType = readRecordType(this, i);
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const simplify = isSimplified(this.getNode().typeVersion, () =>
			this.getNodeParameter('simplify', i, true),
		);
		const listed = await fetchTwoStep(client, {
			recordType,
			q: (this.getNodeParameter('q', i, '') as string).trim() || undefined,
			limit,
			...recordReadFrom(options),
			window: typeof options.batchSize === 'number' ? options.batchSize : 100,
			itemIndex: i,
		});
		for (const { id, hydration } of listed) {
			if (hydration.status === 'ok') {
				output.push({
					json: simplify ? dropLinks(hydration.record) : hydration.record,
					pairedItem: { item: i },
				});
			} else if (hydration.status === 'failed') {
				if (!this.continueOnFail()) throw hydration.error;
				output.push({
					json: errorJson(hydration.error, { recordType, id }),
					pairedItem: { item: i },
				});
			}
			// 'vanished': deleted between listing and reading; nothing to return.
		}
		return output;
	});
};
