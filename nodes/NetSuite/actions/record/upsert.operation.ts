import { NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { recordPath } from '../../sync/recordApi';
import { runPerItem } from '../itemRunner';
import { parseJsonParameter } from '../parameterValues';
import { operationFields } from '../node.type';
import type { Executor } from '../node.type';
import { readRecordType } from './recordParameters';
import { bodyParameter, returnRecordOption, sendWrite } from './write';

const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'CID001',
		description:
			'Creates the record with this external ID, or updates the one that has it (NetSuite PUT …/eid:&lt;ID&gt;)',
	},
	bodyParameter,
	returnRecordOption,
];

export const description = operationFields('record', 'upsert', properties);

const EXTERNAL_ID = /^[A-Za-z0-9_\-.|]{1,255}$/;

export const execute: Executor = async function (client, items) {
	return await runPerItem(this, items, async (i) => {
		const recordType = readRecordType(this, i);
		const externalId = String(this.getNodeParameter('externalId', i, '')).trim();
		if (!EXTERNAL_ID.test(externalId)) {
			throw new NodeOperationError(
				this.getNode(),
				'Parameter "externalId": use letters, digits, _ and - (NetSuite external ID characters), 255 at most.',
				{ itemIndex: i },
			);
		}
		const body = parseJsonParameter(this, this.getNodeParameter('body', i), 'body', i);
		return await sendWrite(
			this,
			client,
			{ method: 'PUT', path: recordPath(recordType, `eid:${externalId}`), body },
			recordType,
			i,
		);
	});
};
