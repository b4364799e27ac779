// One n8n with everything the bundled workflows need: the packed package installed the way a user
// installs it, the credentials (NetSuite, Postgres, Redis, webhook secret) and the five workflows
// imported with n8n's CLI, and the ones whose services are there activated. Shared by the e2e test
// and the demo.

import * as path from 'node:path';
import { N8nInstall, N8nInstance, startN8n } from './n8n';
import {
	credentialFixtures,
	loadWorkflows,
	NetSuiteAccess,
	RabbitAccess,
	WORKFLOW,
	withSettings,
} from './fixtures';
import type { WorkflowJson } from './fixtures';
import { withM2mAuthentication } from './m2m';
import type { M2mAccess } from './m2m';
import type { PostgresConfig, RedisConfig } from './services';

export interface StackOptions {
	install: N8nInstall;
	packageTgz: string;
	/** What goes into the NetSuite credential (baseUrl: the simulator, or a proxy in front of it). */
	netsuite: NetSuiteAccess;
	/** Set: the workflows' NetSuite nodes use an OAuth 2.0 M2M credential instead of TBA. */
	m2m?: M2mAccess;
	/** The Postgres credential's target; without it workflows needing Postgres stay inactive. */
	postgres?: { config: PostgresConfig; database: string };
	/** The Redis credential's target (DB index); without it workflows needing Redis stay inactive. */
	redis?: { config: RedisConfig; db: number };
	/** The RabbitMQ credential's target; without it the job-queue workflows stay inactive. */
	rabbitmq?: RabbitAccess;
	/** Settings values per workflow id, set as a user sets them in the editor (e.g. short retry delays). */
	settings?: Record<string, Record<string, string | number | boolean>>;
	webhookSecret: string;
	/** false: import only, activate nothing (e.g. for editor screenshots). Default true. */
	activate?: boolean;
	/** Activate only these of the workflows that can run (e.g. a benchmark of one webhook). */
	activateOnly?: string[];
	/** More workflows to import and activate (e.g. a benchmark's variant of a bundled one). */
	extraWorkflows?: WorkflowJson[];
	/** The failure-alert workflow's Settings → alertUrl (a user sets it in the editor). */
	alertUrl?: string;
	/** Workflow 8's Settings → rabbitmqManagementUrl, and the management API user for its credential. */
	rabbitmqManagement?: { url: string; user: string; password: string };
	userFolder?: string;
	port?: number;
	env?: Record<string, string>;
}

export interface Stack {
	n8n: N8nInstance;
	/** Workflow ids active in n8n. */
	active: string[];
	/** Workflow ids imported but left inactive, with why. */
	inactive: Array<{ id: string; reason: string }>;
}

/** Which workflows can run with the services at hand (each needs all of its credentials' services). */
function activationPlan(
	line: string,
	hasPostgres: boolean,
	hasRedis: boolean,
	hasRabbit = false,
): { active: string[]; inactive: Array<{ id: string; reason: string }> } {
	const needs: Record<string, Array<'postgres' | 'redis' | 'rabbitmq'>> = {
		[WORKFLOW.incremental]: ['postgres', 'redis'],
		[WORKFLOW.durable]: ['postgres'],
		[WORKFLOW.onDemand]: ['postgres', 'redis'],
		[WORKFLOW.lookup]: ['postgres', 'redis'],
		[WORKFLOW.alert]: ['postgres'],
		[WORKFLOW.metrics]: ['postgres'],
		[WORKFLOW.search]: ['postgres', 'redis'],
		[WORKFLOW.jobsApi]: ['postgres', 'rabbitmq'],
		[WORKFLOW.jobsWorker]: ['postgres', 'rabbitmq'],
	};
	const active: string[] = [];
	const inactive: Array<{ id: string; reason: string }> = [];
	for (const [id, services] of Object.entries(needs)) {
		const missing = services.filter((s) =>
			s === 'postgres' ? !hasPostgres : s === 'redis' ? !hasRedis : !hasRabbit,
		);
		if (missing.length) inactive.push({ id, reason: `needs ${missing.join(' and ')}` });
		// n8n 1.x runs an error workflow without activation (and refuses to activate one that has only
		// an Error Trigger); 2.x runs only a published error workflow.
		else if (id === WORKFLOW.alert && line === '1') continue;
		else active.push(id);
	}
	return { active, inactive };
}

export async function startStack(opts: StackOptions): Promise<Stack> {
	const n8n = await startN8n({
		install: opts.install,
		packageTgz: opts.packageTgz,
		userFolder: opts.userFolder,
		port: opts.port,
		env: opts.env,
	});
	await n8n.importCredentials(
		credentialFixtures({
			netsuite: opts.netsuite,
			m2m: opts.m2m,
			postgres: opts.postgres,
			redis: opts.redis,
			rabbitmq: opts.rabbitmq,
			webhookSecret: opts.webhookSecret,
			rabbitmqManagement: opts.rabbitmqManagement && {
				user: opts.rabbitmqManagement.user,
				password: opts.rabbitmqManagement.password,
			},
		}),
	);
	// The files as shipped; only the alert URL (and workflow 8's RabbitMQ management URL) are set, as a
	// user sets them in the Settings node.
	const workflows = (await loadWorkflows())
		.map(({ workflow }) =>
			workflow.id === WORKFLOW.alert && opts.alertUrl
				? withSettings(workflow, { alertUrl: opts.alertUrl })
				: workflow,
		)
		.map((workflow) =>
			workflow.id === WORKFLOW.metrics && opts.rabbitmqManagement
				? withSettings(workflow, { rabbitmqManagementUrl: opts.rabbitmqManagement.url })
				: workflow,
		)
		.map((workflow) =>
			opts.settings?.[workflow.id] ? withSettings(workflow, opts.settings[workflow.id]) : workflow,
		)
		.map((workflow) => (opts.m2m ? withM2mAuthentication(workflow) : workflow));
	await n8n.importWorkflows([...workflows, ...(opts.extraWorkflows ?? [])]);
	const plan =
		opts.activate === false
			? {
					active: [],
					inactive: Object.values(WORKFLOW).map((id) => ({
						id,
						reason: 'not activated (import only)',
					})),
				}
			: activationPlan(opts.install.line, !!opts.postgres, !!opts.redis, !!opts.rabbitmq);
	if (opts.activateOnly) {
		plan.inactive.push(
			...plan.active
				.filter((id) => !opts.activateOnly!.includes(id))
				.map((id) => ({ id, reason: 'not asked for' })),
		);
		plan.active = plan.active.filter((id) => opts.activateOnly!.includes(id));
	}
	if (opts.activate !== false) plan.active.push(...(opts.extraWorkflows ?? []).map((w) => w.id));
	for (const id of plan.active) await n8n.activateWorkflow(id);
	try {
		await n8n.start();
	} catch (error) {
		throw new Error(
			`n8n did not start (user folder ${path.resolve(n8n.userFolder)}): ${(error as Error).message}`,
		);
	}
	// The check reads n8n's debug log; a run at another log level (a benchmark) checks otherwise.
	if (!n8n.loadedPackage && (opts.env?.N8N_LOG_LEVEL ?? 'debug') === 'debug')
		throw new Error(
			`n8n did not load the package ${n8n.installedPackage?.name}; see ${n8n.logFile}`,
		);
	return { n8n, ...plan };
}
