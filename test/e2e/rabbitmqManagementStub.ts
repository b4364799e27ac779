// A stand-in for RabbitMQ's management API (this machine's broker has no management plugin): answers
// GET /api/queues/<vhost> with the queues the test sets, behind HTTP Basic Auth, or 503 when "down".
// Workflow 8's Settings point at it in the e2e suite, so its Queue depths node runs in a real n8n.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const RABBITMQ_MANAGEMENT_USER = { user: 'monitoring', password: 'e2e-management-password' };

export interface ManagementQueue {
	name: string;
	messages_ready: number;
	messages_unacknowledged: number;
}

export interface RabbitManagementStub {
	url: string;
	/** Queues of vhost "/" as the API lists them. */
	queues: ManagementQueue[];
	/** true: answer 503, as a broker without a running management plugin behind a proxy would. */
	down: boolean;
	requests: number;
	stop(): Promise<void>;
}

let current: RabbitManagementStub | undefined;

/** The stub run.ts started for this run (the scenario steps drive it). */
export function rabbitManagementStub(): RabbitManagementStub {
	if (!current) throw new Error('the RabbitMQ management stub is not running');
	return current;
}

export async function startRabbitManagementStub(): Promise<RabbitManagementStub> {
	const expected = `Basic ${Buffer.from(`${RABBITMQ_MANAGEMENT_USER.user}:${RABBITMQ_MANAGEMENT_USER.password}`).toString('base64')}`;
	const stub = {
		url: '',
		queues: [] as ManagementQueue[],
		down: false,
		requests: 0,
		stop: async () => undefined,
	} as RabbitManagementStub;
	const server = http.createServer((req, res) => {
		stub.requests++;
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (req.headers.authorization !== expected)
			return send(401, { error: 'not_authorised', reason: 'Login failed' });
		if (stub.down) return send(503, { error: 'service_unavailable' });
		const url = new URL(req.url ?? '/', 'http://stub');
		if (req.method !== 'GET' || url.pathname !== '/api/queues/%2F')
			return send(404, { error: 'Object Not Found', reason: 'Not Found' });
		const columns = url.searchParams.get('columns')?.split(',');
		send(
			200,
			stub.queues.map((q) =>
				columns
					? Object.fromEntries(
							columns.map((c) => [c, (q as unknown as Record<string, unknown>)[c]]),
						)
					: q,
			),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	stub.stop = () => {
		current = undefined;
		return new Promise<void>((resolve) => server.close(() => resolve()));
	};
	current = stub;
	return stub;
}
