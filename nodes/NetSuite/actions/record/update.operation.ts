import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { recordPath } from '../../sync/recordApi';
import { parseJsonParameter } from '../parameterValues';
import { runPerRecord, recordIdParameter } from './recordParameters';
import { bodyParameter, returnRecordOption, sendWrite } from './write';

const properties: INodeProperties[] = [recordIdParameter, bodyParameter, returnRecordOption];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: NetSuiteClient,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerRecord(this, items, async (recordType, id, i) => {
		const body = parseJsonParameter(this, this.getNodeParameter('body', i), 'body', i);
		return await sendWrite(
			this,
			client,
			{ method: 'PATCH', path: recordPath(recordType, id), body },
			recordType,
			i,
			id,
		);
	});
}
