import type { INodeProperties } from 'n8n-workflow';

import { recordPath } from '../../sync/recordApi';
import { parseJsonParameter } from '../parameterValues';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';
import { runPerRecord, recordIdParameter } from './recordParameters';
import { bodyParameter, returnRecordOption, sendWrite } from './write';

const properties: INodeProperties[] = [recordIdParameter, bodyParameter, returnRecordOption];

export const description = operationFields('record', 'update', properties);

export const execute: Executor = async function (client, items) {
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
};
