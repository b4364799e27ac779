import { randomUUID } from 'crypto';
import type { INodeProperties } from 'n8n-workflow';

import { IDEMPOTENCY_HEADER } from '../../transport/client';
import { recordCollectionPath } from '../../transport/paging';
import { runPerItem } from '../itemRunner';
import { parseJsonParameter } from '../parameterValues';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';
import { readRecordType } from './recordParameters';
import { bodyParameter, returnRecordOption, sendWrite } from './write';

const properties: INodeProperties[] = [bodyParameter, returnRecordOption];

export const description = operationFields('record', 'create', properties);

export const execute: Executor = async function (client, items) {
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
};
