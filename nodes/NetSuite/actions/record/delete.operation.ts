import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { recordPath } from '../../sync/hydrate';
import { validateRecordType } from '../../sync/recordTypes';
import { recordTypeLocator, runOptions } from '../common';
import { runPerItem } from '../itemRunner';
import { readRecordId, recordIdParameter } from './recordId';

const properties: INodeProperties[] = [
	recordTypeLocator,
	recordIdParameter,
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: runOptions },
];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, client: NetSuiteClient, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (i) => {
		const recordType = validateRecordType(this.getNodeParameter('recordType', i, '', { extractValue: true }));
		const id = readRecordId(this, i);
		await client.request({ method: 'DELETE', path: recordPath(recordType, id), itemIndex: i });
		return [{ json: { id, recordType, deleted: true } }];
	}, (i) => ({
		recordType: this.getNodeParameter('recordType', i, '', { extractValue: true }) as string,
		id: String(this.getNodeParameter('recordId', i, '')),
	}));
}
