import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { recordPath } from '../../sync/recordApi';
import { optionsCollection, runOptions } from '../common.descriptions';
import { runPerItem } from '../itemRunner';
import {
	readRecordId,
	readRecordType,
	recordErrorContext,
	recordIdParameter,
} from './recordParameters';

const properties: INodeProperties[] = [recordIdParameter, optionsCollection(runOptions)];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: NetSuiteClient,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		async (i) => {
			const recordType = readRecordType(this, i);
			const id = readRecordId(this, i);
			await client.request({ method: 'DELETE', path: recordPath(recordType, id), itemIndex: i });
			return [{ json: { id, recordType, deleted: true } }];
		},
		recordErrorContext(this),
	);
}
