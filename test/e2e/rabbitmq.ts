// The RabbitMQ side of the job-queue workflows: an own vhost per run with the topology of
// workflows/rabbitmq/definitions.json imported (the documented set-up step), queue depths for the
// assertions, and stopping/starting the broker for the outage scenario. Drives this machine's broker
// with rabbitmqctl (the management plugin is not needed); the vhost is deleted at the end.

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './wait';

const exec = promisify(execFile);

export const DEFINITIONS_FILE = path.resolve(
	__dirname,
	'../../workflows/rabbitmq/definitions.json',
);

export interface RabbitConfig {
	host: string;
	port: number;
	username: string;
	password: string;
}

export function rabbitConfig(env: NodeJS.ProcessEnv = process.env): RabbitConfig {
	return {
		host: env.RABBITMQ_HOST || '127.0.0.1',
		port: Number(env.RABBITMQ_PORT || 5672),
		username: env.RABBITMQ_USER || 'guest',
		password: env.RABBITMQ_PASSWORD || 'guest',
	};
}

/** True when something accepts AMQP connections at the configured address. */
export async function rabbitReachable(config: RabbitConfig, timeoutMs = 2000): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: config.host, port: config.port });
		const done = (ok: boolean) => (socket.destroy(), resolve(ok));
		socket.setTimeout(timeoutMs, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

export async function rabbitmqctl(args: string[], timeoutMs = 120_000): Promise<string> {
	try {
		const { stdout } = await exec('rabbitmqctl', args, { timeout: timeoutMs });
		return stdout;
	} catch (error) {
		const e = error as { stderr?: string; message: string };
		throw new Error(`rabbitmqctl ${args.join(' ')} failed: ${(e.stderr || e.message).trim()}`);
	}
}

export interface QueueDepth {
	messages: number;
	ready: number;
	unacked: number;
}

export interface RunRabbit {
	config: RabbitConfig;
	vhost: string;
	/** Messages per queue of the vhost, by queue name. */
	queues(): Promise<Record<string, QueueDepth>>;
	/** Stops the broker application (connections drop, durable queues and persistent messages stay on disk). */
	stopBroker(): Promise<void>;
	/** Starts it again and waits until it accepts connections. */
	startBroker(): Promise<void>;
	drop(): Promise<void>;
}

/** The topology file with every object moved into `vhost`. */
export async function definitionsFor(vhost: string): Promise<string> {
	const definitions = JSON.parse(await fs.readFile(DEFINITIONS_FILE, 'utf8')) as Record<
		string,
		Array<{ vhost: string }>
	>;
	for (const list of Object.values(definitions)) for (const item of list) item.vhost = vhost;
	return JSON.stringify(definitions, null, 2);
}

async function queueDepths(vhost: string): Promise<Record<string, QueueDepth>> {
	const out = await rabbitmqctl([
		'list_queues',
		'-p',
		vhost,
		'name',
		'messages',
		'messages_ready',
		'messages_unacknowledged',
		'--formatter',
		'json',
		'-q',
	]);
	const rows = JSON.parse(out || '[]') as Array<Record<string, string | number>>;
	return Object.fromEntries(
		rows.map((r) => [
			String(r.name),
			{
				messages: Number(r.messages),
				ready: Number(r.messages_ready),
				unacked: Number(r.messages_unacknowledged),
			},
		]),
	);
}

export async function createRunVhost(config: RabbitConfig, prefix: string): Promise<RunRabbit> {
	const vhost = `${prefix}_${process.pid}_${Date.now()}`;
	await rabbitmqctl(['add_vhost', vhost]);
	await rabbitmqctl(['set_permissions', '-p', vhost, config.username, '.*', '.*', '.*']);
	const file = path.join(os.tmpdir(), `${vhost}-definitions.json`);
	await fs.writeFile(file, await definitionsFor(vhost));
	try {
		await rabbitmqctl(['import_definitions', file]);
	} finally {
		await fs.rm(file, { force: true });
	}
	const expected = (
		JSON.parse(await fs.readFile(DEFINITIONS_FILE, 'utf8')).queues as Array<{ name: string }>
	)
		.map((q) => q.name)
		.sort();
	// The import is asynchronous: wait until every queue exists.
	await waitFor(
		`the topology in vhost ${vhost}`,
		async () =>
			Object.keys(await queueDepths(vhost))
				.sort()
				.join() === expected.join(),
		{ timeoutMs: 30_000 },
	);
	let dropped = false;
	return {
		config,
		vhost,
		queues: () => queueDepths(vhost),
		async stopBroker() {
			await rabbitmqctl(['stop_app']);
		},
		async startBroker() {
			await rabbitmqctl(['start_app']);
			await rabbitmqctl(['await_startup']);
			await waitFor('RabbitMQ to accept connections', () => rabbitReachable(config), {
				timeoutMs: 60_000,
			});
		},
		async drop() {
			if (dropped) return;
			dropped = true;
			await rabbitmqctl(['delete_vhost', vhost]);
		},
	};
}
