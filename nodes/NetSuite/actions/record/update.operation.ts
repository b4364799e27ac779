import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { recordPath } from '../../sync/recordApi';
import { runPerItem } from '../itemRunner';
import { parseJsonParameter } from '../parameterValues';
import {
	readRecordId,
	readRecordType,
	recordErrorContext,
	recordIdParameter,
} from './recordParameters';
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
	return await runPerItem(
		this,
		items,
		async (i) => {
			const recordType = readRecordType(this, i);
			const id = readRecordId(this, i);
			const body = parseJsonParameter(this, this.getNodeParameter('body', i), 'body', i);
			return await sendWrite(
				this,
				client,
				{ method: 'PATCH', path: recordPath(recordType, id), body },
				recordType,
				i,
				id,
			);
		},
		recordErrorContext(this),
	);
}
