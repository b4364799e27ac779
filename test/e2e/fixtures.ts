// The bundled workflows (workflows/*.json) and the n8n credentials they reference. The JSON files
// name their credentials by id AND name; `n8n import:workflow` links a reference whose id is unknown
// to the one credential of that type and name. Users create credentials with these names; the test
// does the same (new ids), so that linking is what it exercises. Nothing secret is in the files.

import { randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { M2M_CREDENTIAL, m2mCredentialData } from './m2m';
import type { M2mAccess } from './m2m';
import type { SimulatorCredentials } from '../simulator';
import type { RabbitConfig } from './rabbitmq';
import type { PostgresConfig, RedisConfig } from './services';

/** The RabbitMQ credential's target: the broker and the vhost holding the topology. */
export interface RabbitAccess {
	config: RabbitConfig;
	vhost: string;
}

export const WORKFLOWS_DIR = path.resolve(__dirname, '../../workflows');

export const WORKFLOW = {
	incremental: 'NetSuiteSyncWf01',
	durable: 'NetSuiteSyncWf02',
	onDemand: 'NetSuiteSyncWf03',
	lookup: 'NetSuiteSyncWf04',
	alert: 'NetSuiteSyncWf05',
	metrics: 'NetSuiteSyncWf08',
	search: 'NetSuiteSyncWf09',
	jobsApi: 'NetSuiteJobsApi1',
	jobsWorker: 'NetSuiteJobsWrk1',
} as const;

/** The RabbitMQ job-queue workflows: active only where a RabbitMQ vhost with the topology is given. */
export const JOB_QUEUE_WORKFLOWS: readonly string[] = [WORKFLOW.jobsApi, WORKFLOW.jobsWorker];

export const CREDENTIAL = {
	netsuite: { id: 'NetSuiteCredTba1', name: 'NetSuite account', type: 'netSuiteTbaApi' },
	postgres: { id: 'NetSuiteCredPg01', name: 'NetSuite sync Postgres', type: 'postgres' },
	redis: { id: 'NetSuiteCredRds1', name: 'NetSuite sync Redis', type: 'redis' },
	webhook: { id: 'NetSuiteCredHdr1', name: 'NetSuite sync webhook secret', type: 'httpHeaderAuth' },
	rabbitmqManagement: {
		id: 'NetSuiteCredRmq2',
		name: 'NetSuite sync RabbitMQ management',
		type: 'httpBasicAuth',
	},
	rabbitmq: { id: 'NetSuiteCredRmq1', name: 'NetSuite sync RabbitMQ', type: 'rabbitmq' },
} as const;

/** Webhook paths (n8n serves them under /webhook/). */
export const WEBHOOK = {
	sync: 'netsuite/sync',
	replay: 'netsuite/replay',
	record: 'netsuite/record',
	metrics: 'netsuite/metrics',
	jobs: 'netsuite/jobs',
	jobsReplay: 'netsuite/jobs/replay',
	search: 'netsuite/search',
} as const;

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export async function loadWorkflows(
	dir = WORKFLOWS_DIR,
): Promise<Array<{ file: string; workflow: WorkflowJson }>> {
	const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).sort();
	return await Promise.all(
		files.map(async (file) => ({
			file,
			workflow: JSON.parse(await fs.readFile(path.join(dir, file), 'utf8')) as WorkflowJson,
		})),
	);
}

/**
 * Sets values in a workflow's "Settings" node, as a user does in the editor (e.g. the alert URL).
 * Throws when the node or a field is missing, so a renamed setting cannot go unnoticed.
 */
export function withSettings(
	workflow: WorkflowJson,
	values: Record<string, string | number | boolean>,
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	const node = copy.nodes.find((n) => n.name === 'Settings');
	if (!node) throw new Error(`workflow ${workflow.id} has no Settings node`);
	const assignments = (
		node.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }
	).assignments;
	for (const [name, value] of Object.entries(values)) {
		const field = assignments.find((a) => a.name === name);
		if (!field) throw new Error(`workflow ${workflow.id}: Settings has no field ${name}`);
		field.value = value;
	}
	return copy;
}

/** What the e2e stack hands the n8n credential: the simulator's keys and address. */
export type NetSuiteAccess = SimulatorCredentials;

/** A fresh credential id, as n8n gives one created in the editor (16 characters of [0-9A-Za-z]). */
function newCredentialId(): string {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * Credential objects for `n8n import:credentials` (plain data: the CLI encrypts it). They get new
 * ids, as credentials a user creates do, so importing the workflow files has to link them by name,
 * exactly as it will for users.
 */
export function credentialFixtures(opts: {
	netsuite: NetSuiteAccess;
	m2m?: M2mAccess;
	postgres?: { config: PostgresConfig; database: string };
	redis?: { config: RedisConfig; db: number };
	rabbitmq?: RabbitAccess;
	webhookSecret: string;
	rabbitmqManagement?: { user: string; password: string };
}): object[] {
	const out: object[] = [
		{
			...CREDENTIAL.netsuite,
			id: newCredentialId(),
			data: {
				accountId: opts.netsuite.accountId,
				consumerKey: opts.netsuite.consumerKey,
				consumerSecret: opts.netsuite.consumerSecret,
				tokenId: opts.netsuite.tokenId,
				tokenSecret: opts.netsuite.tokenSecret,
				baseUrl: opts.netsuite.baseUrl,
				restletBaseUrl: '',
				concurrencyLimit: 5,
			},
		},
		{
			...CREDENTIAL.webhook,
			id: newCredentialId(),
			data: { name: 'Authorization', value: `Bearer ${opts.webhookSecret}` },
		},
	];
	if (opts.rabbitmqManagement) {
		out.push({
			...CREDENTIAL.rabbitmqManagement,
			id: newCredentialId(),
			data: opts.rabbitmqManagement,
		});
	}
	if (opts.m2m) {
		out.push({
			...M2M_CREDENTIAL,
			id: newCredentialId(),
			data: m2mCredentialData(opts.m2m, opts.netsuite.accountId, opts.netsuite.baseUrl),
		});
	}
	if (opts.postgres) {
		const { config, database } = opts.postgres;
		out.push({
			...CREDENTIAL.postgres,
			id: newCredentialId(),
			data: {
				host: config.host,
				port: config.port,
				database,
				user: config.user,
				password: config.password,
				ssl: 'disable',
				allowUnauthorizedCerts: false,
				sshTunnel: false,
			},
		});
	}
	if (opts.redis) {
		const { config, db } = opts.redis;
		out.push({
			...CREDENTIAL.redis,
			id: newCredentialId(),
			data: {
				host: config.host,
				port: config.port,
				database: db,
				user: config.username,
				password: config.password,
				ssl: false,
			},
		});
	}
	if (opts.rabbitmq) {
		const { config, vhost } = opts.rabbitmq;
		out.push({
			...CREDENTIAL.rabbitmq,
			id: newCredentialId(),
			data: {
				hostname: config.host,
				port: config.port,
				username: config.username,
				password: config.password,
				vhost,
				ssl: false,
			},
		});
	}
	return out;
}
