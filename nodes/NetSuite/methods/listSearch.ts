import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { AuthenticationMethod } from '../credentialTypes';
import { NetSuiteClient } from '../transport/client';
import { matchesRecordType, recordTypeLabel } from './recordTypeLabel';

/** Record types from NetSuite's metadata catalog, filtered by what the user types (id or label). */
export async function searchRecordTypes(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter(
		'authentication',
		'tokenBased',
	) as AuthenticationMethod;
	const client = await NetSuiteClient.create(this, { authentication });
	const { body } = await client.request<{ items?: IDataObject[] }>({
		method: 'GET',
		path: '/services/rest/record/v1/metadata-catalog',
	});
	const results = (body.items ?? [])
		.map((item) => String(item.name ?? ''))
		.filter(Boolean)
		.map((id) => ({ name: recordTypeLabel(id), value: id }))
		.filter(({ name, value }) => matchesRecordType(value, name, filter ?? ''))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
