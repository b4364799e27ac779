import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { NetSuiteClient } from '../transport/client';
import type { AuthenticationMethod } from '../transport/client';

/** Record types from NetSuite's metadata catalog, filtered by what the user types. */
export async function searchRecordTypes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter('authentication', 'tokenBased') as AuthenticationMethod;
	const client = await NetSuiteClient.create(this, { authentication });
	const { body } = await client.request<{ items?: IDataObject[] }>({
		method: 'GET',
		path: '/services/rest/record/v1/metadata-catalog',
	});
	const needle = (filter ?? '').toLowerCase();
	const results = (body.items ?? [])
		.map((item) => String(item.name ?? ''))
		.filter((name) => name && name.toLowerCase().includes(needle))
		.sort((a, b) => a.localeCompare(b))
		.map((name) => ({ name, value: name }));
	return { results };
}
