/**
 * Runs this package's nodes inside n8n-core's real execution engine (WorkflowExecute, PollContext,
 * Workflow static data), so request helpers, credential authentication, continueOnFail, error
 * outputs and static-data persistence behave exactly as in n8n.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// InstanceSettings writes an encryption key under the user folder; keep it out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-netsuite-test-'));

import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { NetSuiteM2mOAuth2Api } from '../../credentials/NetSuiteM2mOAuth2Api.credentials';

export type CredentialMap = Record<string, ICredentialDataDecryptedObject>;

const credentialTypes: Record<string, ICredentialType> = {
	netSuiteTbaApi: new NetSuiteTbaApi(),
	netSuiteOAuth2M2mApi: new NetSuiteM2mOAuth2Api(),
};

export function registerCredentialType(type: ICredentialType): void {
	credentialTypes[type.name] = type;
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: CredentialMap) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		if (typeof type?.authenticate !== 'function') return requestOptions;
		return await type.authenticate(credentials, requestOptions);
	}
	/**
	 * As n8n's CredentialsHelper.preAuthentication (n8n 2.41 `credentials-helper.js`): only for a
	 * credential with a hidden `expirable` field, and only when that field is empty, after a 401
	 * (`credentialsExpired`) or in a credential test; the output is persisted and merged in.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		const expirable = type?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials)
			return undefined;
		const output = await type.preAuthentication.call(
			{ helpers: { httpRequest: helpers.helpers.httpRequest } },
			credentials,
		);
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		this.preAuthentications.push({ typeName, credentialsExpired, isTestingCredentials });
		this.credentials[typeName] = {
			...(this.credentials[typeName] ?? {}),
			...(output as ICredentialDataDecryptedObject),
		};
		return Object.assign(credentials, output);
	}
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		if (typeof type?.preAuthentication !== 'function') return undefined;
		return (
			((await type.preAuthentication.call(
				helpers,
				credentials,
			)) as ICredentialDataDecryptedObject) ?? undefined
		);
	}
	/** Every preAuthentication that ran, for tests. */
	readonly preAuthentications: Array<{
		typeName: string;
		credentialsExpired: boolean;
		isTestingCredentials: boolean;
	}> = [];
	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(): [] {
		return [];
	}
}

/** Emits the items it was started with: the stand-in for a Manual Trigger (n8n-nodes-base is not a dependency). */
class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'testStart',
		group: ['input'],
		version: 1,
		description: 'Test start',
		defaults: { name: 'Start' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];
	async execute(this: import('n8n-workflow').IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

function nodeTypesFor(types: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (name: string) => types[name],
		getByNameAndVersion: (name: string, version?: number) =>
			NodeHelpers.getVersionedNodeType(types[name], version),
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

export function additionalDataFor(
	credentials: CredentialMap,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		restApiUrl: 'http://localhost',
		instanceBaseUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost',
		webhookWaitingBaseUrl: 'http://localhost',
		webhookTestBaseUrl: 'http://localhost',
		formWaitingBaseUrl: 'http://localhost',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: CredentialMap;
	input?: INodeExecutionData[];
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	nodeName?: string;
	/** Workflow settings, e.g. { timezone: 'Europe/Berlin' }. */
	settings?: IDataObject;
	/** The node's typeVersion; default: the version n8n gives a new node (defaultVersion). */
	typeVersion?: number;
}

/** The version n8n gives a node added in the editor. */
export function newNodeVersion(description: INodeType['description']): number {
	const { version, defaultVersion } = description;
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}

export interface RunNodeResult {
	/** One array per output of the node under test. */
	outputs: INodeExecutionData[][];
	error?: Error & { description?: string; httpCode?: string };
	run: IRun;
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const name = options.nodeName ?? 'NetSuite';
	const typeName = options.nodeType.description.name;
	const types = { testStart: new StartNode(), [typeName]: options.nodeType };
	const credentialRefs = Object.fromEntries(
		Object.keys(options.credentials).map((type) => [type, { id: '1', name: type }]),
	);
	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'testStart',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'target',
			name,
			type: typeName,
			typeVersion: options.typeVersion ?? newNodeVersion(options.nodeType.description),
			position: [200, 0],
			parameters: options.parameters,
			credentials: credentialRefs,
			onError: options.onError,
		},
	];
	const connections = { Start: { main: [[{ node: name, type: 'main' as const, index: 0 }]] } };
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test',
		nodes,
		connections,
		active: false,
		nodeTypes: nodeTypesFor(types),
		staticData: {},
		settings: options.settings ?? {},
	});
	const workflowData = {
		id: 'wf-test',
		name: 'test',
		nodes,
		connections,
		active: false,
		settings: options.settings ?? {},
	} as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', workflowData);
	const additionalData = additionalDataFor(options.credentials, hooks);
	const execution = new WorkflowExecute(additionalData, 'manual', {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{
					node: workflow.getNode('Start') as INode,
					data: { main: [options.input ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	} as never);
	const run = (await execution.processRunExecutionData(workflow)) as IRun;
	const task = run.data.resultData.runData[name]?.[0];
	const outputs = (task?.data?.main ?? []).map((items) => items ?? []);
	return {
		outputs,
		error: (task?.error ?? run.data.resultData.error) as RunNodeResult['error'],
		run,
	};
}

/**
 * A polling trigger across many polls, as n8n runs an active workflow: one in-memory Workflow whose
 * static data lives on between ticks, saved only when a poll changed a top-level value n8n can
 * observe (`__dataChanged`). `restart()` rebuilds from what was saved, as after an n8n restart.
 * A manual poll ("Fetch Test Event") runs on a copy built from saved data and never saves.
 */
export class PollHarness {
	private savedStaticData: IDataObject = {};

	private active?: Workflow;

	constructor(
		private readonly nodeType: INodeType & { poll: NonNullable<INodeType['poll']> },
		private parameters: INodeParameters,
		private readonly credentials: CredentialMap,
		private readonly nodeName = 'NetSuite Trigger',
		private readonly typeVersion = newNodeVersion(nodeType.description),
		/** Workflow settings, e.g. { timezone: 'Europe/Berlin' }. */
		private readonly settings: IDataObject = {},
	) {}

	/** The user edits the node's parameters; what n8n saved for it stays (as when the workflow is saved again). */
	editParameters(changes: INodeParameters): void {
		this.parameters = { ...this.parameters, ...changes };
		this.active = undefined;
	}

	/** What n8n has persisted for this workflow. */
	get staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.savedStaticData)) as IDataObject;
	}

	/** This trigger's own bucket (`node:<name>`) as persisted. */
	get nodeStaticData(): IDataObject {
		return (this.staticData[`node:${this.nodeName}`] ?? {}) as IDataObject;
	}

	restart(): void {
		this.active = undefined;
	}

	private buildWorkflow(): Workflow {
		const typeName = this.nodeType.description.name;
		return new Workflow({
			id: 'wf-poll',
			name: 'poll',
			nodes: [this.nodeDefinition()],
			connections: {},
			active: true,
			nodeTypes: nodeTypesFor({ [typeName]: this.nodeType }),
			staticData: JSON.parse(JSON.stringify(this.savedStaticData)) as IDataObject,
			settings: this.settings,
		});
	}

	private nodeDefinition(): INode {
		return {
			id: 'trigger',
			name: this.nodeName,
			type: this.nodeType.description.name,
			typeVersion: this.typeVersion,
			position: [0, 0],
			parameters: this.parameters,
			credentials: Object.fromEntries(
				Object.keys(this.credentials).map((type) => [type, { id: '1', name: type }]),
			),
		};
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[][] | null> {
		const manual = mode === 'manual';
		const workflow = manual ? this.buildWorkflow() : (this.active ??= this.buildWorkflow());
		const workflowData = {
			id: 'wf-poll',
			name: 'poll',
			nodes: [this.nodeDefinition()],
			connections: {},
			active: true,
			settings: this.settings,
		} as unknown as IWorkflowBase;
		const hooks = new ExecutionLifecycleHooks(mode, 'poll-1', workflowData);
		const additionalData = additionalDataFor(this.credentials, hooks);
		const node = workflow.getNode(this.nodeName) as INode;
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			manual ? 'manual' : 'activate',
		);
		const result = await this.nodeType.poll.call(context);
		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (!manual && staticData.__dataChanged === true) {
			this.savedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			staticData.__dataChanged = false;
		}
		return result;
	}
}
