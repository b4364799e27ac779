import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { recordPath } from '../../sync/hydrate';
import { validateRecordType } from '../../sync/recordTypes';
import { optionsCollection, recordReadOptions, recordTypeLocator, runOptions, splitList } from '../common';
import { runPerItem } from '../itemRunner';
import { dropLinks, isSimplified, simplifyParameter } from '../simplify';
import { recordIdParameter, readRecordId } from './recordId';

const properties: INodeProperties[] = [
	recordTypeLocator,
	recordIdParameter,
	simplifyParameter,
	optionsCollection([...recordReadOptions, ...runOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['get'] } }, properties);

export async function getRecord(
	client: NetSuiteClient,
	recordType: string,
	id: string,
	options: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const fields = splitList(options.fields);
	const { body } = await client.request<IDataObject>({
		method: 'GET',
		path: recordPath(recordType, id),
		query: {
			expandSubResources: options.expandSubResources === false ? undefined : true,
			fields: fields.length ? fields.join(',') : undefined,
		},
		itemIndex,
	});
	return body;
}

export async function execute(this: IExecuteFunctions, client: NetSuiteClient, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (i) => {
		const recordType = validateRecordType(this.getNodeParameter('recordType', i, '', { extractValue: true }));
		const id = readRecordId(this, i);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const record = await getRecord(client, recordType, id, options, i);
		return [{ json: isSimplified(this.getNode().typeVersion, () => this.getNodeParameter('simplify', i, true)) ? dropLinks(record) : record }];
	}, (i) => ({
		recordType: this.getNodeParameter('recordType', i, '', { extractValue: true }) as string,
		id: String(this.getNodeParameter('recordId', i, '')),
	}));
}
