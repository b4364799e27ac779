import { randomUUID } from 'crypto';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { IDEMPOTENCY_HEADER } from '../../transport/client';
import { recordCollectionPath } from '../../transport/paging';
import { runPerItem } from '../itemRunner';
import { parseJsonParameter } from '../parameterValues';
import { readRecordType } from './recordParameters';
import { bodyParameter, returnRecordOption, sendWrite } from './write';

const properties: INodeProperties[] = [bodyParameter, returnRecordOption];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	client: NetSuiteClient,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (i) => {
		const recordType = readRecordType(this, i);
		const body = parseJsonParameter(this, this.getNodeParameter('body', i), 'body', i);
		// One key per item for all its attempts: a create resent after a lost answer is refused by
		// NetSuite as a duplicate instead of creating a second record.
		const headers = { [IDEMPOTENCY_HEADER]: randomUUID() };
		return await sendWrite(
			this,
			client,
			{ method: 'POST', path: recordCollectionPath(recordType), body, headers },
			recordType,
			i,
		);
	});
}
