import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { authenticationParameter, credentialsDescription } from './actions/authentication';
import { runOptions } from './actions/common.descriptions';
import * as record from './actions/record/Record.resource';
import * as restlet from './actions/restlet/Restlet.resource';
import { router } from './actions/router';
import * as suiteql from './actions/suiteql/SuiteQl.resource';
import { listSearch } from './methods';

export class NetSuite implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NetSuite',
		name: 'netSuite',
		icon: { light: 'file:netsuite.svg', dark: 'file:netsuite.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and write NetSuite records, follow changes, run SuiteQL and call RESTlets, at the account concurrency limit',
		defaults: { name: 'NetSuite' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
			authenticationParameter,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'record',
				options: [
					{ name: 'Record', value: 'record' },
					{ name: 'RESTlet', value: 'restlet' },
					{ name: 'SuiteQL', value: 'suiteql' },
				],
			},
			...record.description,
			...suiteql.description,
			...restlet.description,
			{
				displayName: 'Run Settings',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Setting',
				default: {},
				displayOptions: { show: { resource: ['suiteql', 'restlet'] } },
				options: runOptions,
			},
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
