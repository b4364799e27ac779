import type { INodeProperties } from 'n8n-workflow';

import { recordPath } from '../../sync/recordApi';
import { optionsCollection, runOptions } from '../common.descriptions';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';
import { runPerRecord, recordIdParameter } from './recordParameters';

const properties: INodeProperties[] = [recordIdParameter, optionsCollection(runOptions)];

export const description = operationFields('record', 'delete', properties);

export const execute: Executor = async function (client, items) {
	return await runPerRecord(this, items, async (recordType, id, i) => {
		await client.request({ method: 'DELETE', path: recordPath(recordType, id), itemIndex: i });
		return [{ json: { id, recordType, deleted: true } }];
	});
};
