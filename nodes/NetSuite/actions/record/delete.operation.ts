import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { recordPath } from '../../sync/recordApi';
import { optionsCollection, runOptions } from '../common.descriptions';
import { runPerRecord, recordIdParameter } from './recordParameters';

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
	return await runPerRecord(this, items, async (recordType, id, i) => {
		await client.request({ method: 'DELETE', path: recordPath(recordType, id), itemIndex: i });
		return [{ json: { id, recordType, deleted: true } }];
	});
}
