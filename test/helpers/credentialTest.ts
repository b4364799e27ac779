/**
 * What n8n's credential tester does (n8n 2.41 `CredentialsTesterService.runRequestTest`): a NoOp
 * node whose one parameter routes the credential's `test` request through RoutingNode, with the
 * credential's `authenticate` (and `preAuthentication`) applied by the engine; a failure is turned
 * into the credential's matching `rules` message, as the tester does.
 */
import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import { Workflow, createEmptyRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeType,
	INodeTypes,
	IWorkflowBase,
} from 'n8n-workflow';

import { additionalDataFor } from './n8nHarness';
import type { CredentialMap } from './n8nHarness';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	/** The credential data as n8n would store it after the test (e.g. with a fetched token). */
	stored: CredentialMap;
}

export async function runCredentialTest(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const type = credentialType.name;
	const test = credentialType.test;
	if (!test) throw new Error(`${type} has no credential test`);
	const stored: CredentialMap = { [type]: { ...data } };
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: 'cred-1', name: type } },
	};
	const nodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'test',
			defaults: { name: 'No Operation' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', 'cred-test', {
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const additionalData = additionalDataFor(stored, hooks);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: 'cred-1',
		name: type,
		type,
		data: stored[type],
	});
	try {
		await routingNode.runNode();
		return { status: 'OK', message: 'Connection successful!', stored };
	} catch (error) {
		const e = error as {
			message: string;
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (e.cause?.response) {
			const rule = test.rules?.find(
				(r) => r.type === 'responseCode' && r.properties.value === e.cause?.response?.status,
			);
			if (rule)
				return {
					status: 'Error',
					message: (rule.properties as { message: string }).message,
					stored,
				};
			return {
				status: 'Error',
				message:
					e.cause.response.statusText || `Received HTTP status code: ${e.cause.response.status}`,
				stored,
			};
		}
		if (e.cause?.code) return { status: 'Error', message: e.cause.code, stored };
		return { status: 'Error', message: String(e.message), stored };
	}
}
