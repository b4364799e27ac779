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
import { recordReadFrom } from '../parameterValues';
import { dropLinks, isSimplified, simplifyParameter } from '../simplify';
import { runPerRecord, recordIdParameter } from './recordParameters';

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
	return await runPerRecord(this, items, async (recordType, id, i) => {
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
	});
}
