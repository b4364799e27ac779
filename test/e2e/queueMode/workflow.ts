// The queue-mode test's workflow and credential: a webhook that runs the NetSuite node's Get Many
// of every customer at Concurrency 5 and answers with all of them once the execution is done.

import type { SimulatorCredentials } from '../../simulator';

export const QUEUE_WEBHOOK_PATH = 'netsuite/queue-get-many';
export const QUEUE_WORKFLOW_ID = 'NetSuiteQueueWf1';
const CREDENTIAL = { id: 'NetSuiteQueueCr1', name: 'NetSuite account (queue mode)' };

export function queueCredential(netsuite: SimulatorCredentials): object {
	return {
		...CREDENTIAL,
		type: 'netSuiteTbaApi',
		data: { ...netsuite, restletBaseUrl: '', concurrencyLimit: 5 },
	};
}

export function queueWorkflow(): object {
	return {
		id: QUEUE_WORKFLOW_ID,
		name: 'NetSuite Get Many (queue-mode e2e)',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		connections: { Webhook: { main: [[{ node: 'Get Many customers', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: '6f1f8a2e-0d55-4a43-9a11-3c1f0f0e0a01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '0b7cf0f8-3f5c-4c1e-bf4e-1c3a0c7d2a11',
				parameters: {
					httpMethod: 'POST',
					path: QUEUE_WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: '6f1f8a2e-0d55-4a43-9a11-3c1f0f0e0a02',
				name: 'Get Many customers',
				type: 'n8n-nodes-netsuite-sync.netSuite',
				typeVersion: 1,
				position: [300, 0],
				credentials: { netSuiteTbaApi: CREDENTIAL },
				parameters: {
					authentication: 'tokenBased',
					resource: 'record',
					operation: 'getMany',
					recordType: { __rl: true, mode: 'id', value: 'customer' },
					returnAll: true,
					options: { concurrency: 5 },
				},
			},
		],
	};
}
