import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { recordPath } from '../../sync/hydrate';
import { validateRecordType } from '../../sync/recordTypes';
import { parseJsonParameter, recordTypeLocator } from '../common';
import { runPerItem } from '../itemRunner';
import { readRecordId, recordIdParameter } from './recordId';
import { bodyParameter, returnRecordOption, sendWrite } from './write';

const properties: INodeProperties[] = [recordTypeLocator, recordIdParameter, bodyParameter, returnRecordOption];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, client: NetSuiteClient, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (i) => {
		const recordType = validateRecordType(this.getNodeParameter('recordType', i, '', { extractValue: true }));
		const id = readRecordId(this, i);
		const body = parseJsonParameter(this, this.getNodeParameter('body', i), 'body', i);
		return await sendWrite(this, client, { method: 'PATCH', path: recordPath(recordType, id), body }, recordType, i, id);
	}, (i) => ({
		recordType: this.getNodeParameter('recordType', i, '', { extractValue: true }) as string,
		id: String(this.getNodeParameter('recordId', i, '')),
	}));
}
