import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { NetSuiteClient } from '../../transport/client';
import { getRecord } from '../../sync/recordApi';
import { optionsCollection, recordReadOptions, runOptions } from '../common.descriptions';
import { runPerItem } from '../itemRunner';
import { recordReadFrom } from '../parameterValues';
import { dropLinks, isSimplified, simplifyParameter } from '../simplify';
import {
	readRecordId,
	readRecordType,
	recordErrorContext,
	recordIdParameter,
} from './recordParameters';

const properties: INodeProperties[] = [
	recordIdParameter,
	simplifyParameter,
	optionsCollection([...recordReadOptions, ...runOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['get'] } },
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
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const record = await getRecord(client, recordType, id, recordReadFrom(options), i);
			return [
				{
					json: isSimplified(this.getNode().typeVersion, () =>
						this.getNodeParameter('simplify', i, true),
					)
						? dropLinks(record)
						: record,
				},
			];
		},
		recordErrorContext(this),
	);
}
