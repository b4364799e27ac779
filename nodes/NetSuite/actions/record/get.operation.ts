import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getRecord } from '../../sync/recordApi';
import { optionsCollection, recordReadOptions, runOptions } from '../common.descriptions';
import { recordReadFrom } from '../parameterValues';
import { dropLinks, isSimplified, simplifyParameter } from '../simplify';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';
import { runPerRecord, recordIdParameter } from './recordParameters';

const properties: INodeProperties[] = [
	recordIdParameter,
	simplifyParameter,
	optionsCollection([...recordReadOptions, ...runOptions]),
];

export const description = operationFields('record', 'get', properties);

export const execute: Executor = async function (client, items) {
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
};
