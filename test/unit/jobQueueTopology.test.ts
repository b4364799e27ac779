// The job-queue workflows and the RabbitMQ topology they rely on must agree: every name a workflow
// publishes to or consumes from is declared, each retry delay has its tier queue, the tiers
// dead-letter back into the work queue, and everything is durable and published persistent.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const dir = path.resolve(__dirname, '../../workflows');
const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const definitions = read('rabbitmq/definitions.json');
const api = read('6-sync-jobs-api.json');
const worker = read('7-sync-jobs-worker.json');

type Node = { name: string; type: string; parameters: any; onError?: string };
const node = (wf: { nodes: Node[] }, name: string) => {
	const found = wf.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${name} missing`);
	return found;
};
const setting = (wf: { nodes: Node[] }, name: string) =>
	node(wf, 'Settings').parameters.assignments.assignments.find(
		(a: { name: string }) => a.name === name,
	).value;
const queue = (name: string) => definitions.queues.find((q: { name: string }) => q.name === name);

describe('job-queue workflows and RabbitMQ topology', () => {
	it('the API publishes to a declared durable exchange that routes to the queue the worker consumes', () => {
		const exchange = definitions.exchanges.find(
			(e: { name: string }) => e.name === setting(api, 'workExchange'),
		);
		expect(exchange).toMatchObject({ type: 'direct', durable: true });
		const workQueue = node(worker, 'Work queue').parameters.queue;
		expect(queue(workQueue)).toMatchObject({ durable: true, arguments: {} });
		expect(definitions.bindings).toContainEqual(
			expect.objectContaining({
				source: exchange.name,
				destination: workQueue,
				routing_key: setting(api, 'workRoutingKey'),
			}),
		);
	});

	it('each default retry delay has a tier queue that dead-letters back to the work queue', () => {
		const delays = String(setting(worker, 'retryDelaysSeconds')).split(',').map(Number);
		expect(delays).toEqual([10, 60, 600]);
		delays.forEach((_, i) => {
			const tier = queue(`${setting(worker, 'retryQueuePrefix')}${i + 1}`);
			expect(tier).toMatchObject({
				durable: true,
				arguments: {
					'x-dead-letter-exchange': setting(api, 'workExchange'),
					'x-dead-letter-routing-key': setting(api, 'workRoutingKey'),
				},
			});
			expect(tier.arguments['x-message-ttl']).toBeUndefined(); // the delay is per message, from Settings
		});
		expect(queue(setting(worker, 'deadLetterQueue'))).toMatchObject({ durable: true });
	});

	it('publishes persistent messages into existing queues only, and acknowledges after the execution', () => {
		const publishers = [...api.nodes, ...worker.nodes].filter(
			(n: Node) => n.type === 'n8n-nodes-base.rabbitmq',
		);
		expect(publishers.map((n: Node) => n.name).sort()).toEqual([
			'Publish job',
			'Publish replay',
			'Publish to dead-letter queue',
			'Publish to retry tier',
		]);
		for (const n of publishers) {
			expect(n.parameters.options.arguments.argument).toContainEqual({
				key: 'persistent',
				value: 'true',
			});
			expect(n.parameters.options.assertQueue ?? n.parameters.options.assertExchange).toBe(false);
		}
		const retry = node(worker, 'Publish to retry tier').parameters.options.arguments.argument;
		expect(retry.map((a: { key: string }) => a.key)).toContain('expiration');
		expect(node(worker, 'Work queue').parameters.options.acknowledge).toBe('executionFinishes');
		expect(worker.settings.errorWorkflow).toBe('NetSuiteSyncWf05');
	});
});
