// `npm run demo [-- --line 1] [--keep]`: the NetSuite simulator with sample data and a real n8n
// (line 2 = n8n 2.41 by default) with this package, its credentials and the nine bundled workflows
// imported and active, syncing into the PostgreSQL and Redis at the configured addresses
// (PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, REDIS_URL; 127.0.0.1 by default). A service that is
// not there is said plainly, and the workflows needing it stay inactive. Runs until Ctrl-C, then
// removes what it created (--keep leaves the database, Redis keys and n8n folder).

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startAlertReceiver } from './alertReceiver';
import { DemoLifecycle } from './demoLifecycle';
import { CREDENTIAL, loadWorkflows, WEBHOOK, WORKFLOW } from './fixtures';
import { ensureN8n, freePort, N8nLine, TEST_OWNER } from './n8n';
import { buildAndPack } from './packagePack';
import { createRunDatabase, RunDatabase } from './postgres';
import { claimRedisDb, RunRedis } from './redis';
import { createRunVhost, rabbitConfig, rabbitReachable, RunRabbit } from './rabbitmq';
import { DEMO_RETRY_DELAYS, showRetryToSuccess, startDemoProxy } from './demoJobQueue';
import type { ProxyRule } from '../helpers/faultProxy';
import { postgresConfig, redisConfig } from './services';
import { startSimulatorProcess } from './simulatorProcess';
import { startStack } from './stack';

async function portOr(preferred: number): Promise<number> {
	const net = await import('node:net');
	const free = await new Promise<boolean>((resolve) => {
		const server = net.createServer().once('error', () => resolve(false));
		server.listen(preferred, () => server.close(() => resolve(true)));
	});
	return free ? preferred : await freePort();
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const at = argv.indexOf('--line');
	const line = (at >= 0 ? argv[at + 1] : '2') as N8nLine;
	if (line !== '1' && line !== '2') throw new Error('--line must be 1 or 2');
	const keep = argv.includes('--keep');
	// Armed first: a signal at any point of start-up cleans up what was started so far.
	const lifecycle = new DemoLifecycle(keep);
	lifecycle.arm();
	const cleanups = {
		push: ([done, run]: [string, () => Promise<unknown>]) => lifecycle.add(done, run),
	};

	try {
		const work = await fs.mkdtemp(path.join(os.tmpdir(), 'netsuite-demo-'));
		if (!keep)
			cleanups.push([
				`n8n folder ${work} removed`,
				() => fs.rm(work, { recursive: true, force: true }),
			]);
		console.log('Building the package…');
		const packageTgz = await buildAndPack(work);
		lifecycle.check();
		console.log(
			`Preparing n8n line ${line} (installed once into ~/.cache; the first time takes a few minutes)…`,
		);
		const install = await ensureN8n(line);
		lifecycle.check();

		const simPort = await portOr(8787);
		const sim = await startSimulatorProcess({
			port: simPort,
			timeZone: 'America/Los_Angeles',
			records: { customer: 250, salesOrder: 60 },
		});
		cleanups.push(['simulator stopped', () => sim.stop()]);
		// n8n reaches the simulator through a fault proxy, so the job-queue demo can refuse two calls.
		const proxyRules: ProxyRule[] = [];
		const proxy = await startDemoProxy(sim.baseUrl, proxyRules);
		cleanups.push(['proxy stopped', () => proxy.stop()]);
		lifecycle.check();

		const skipped: string[] = [];
		let db: RunDatabase | undefined;
		let redis: RunRedis | undefined;
		try {
			db = await createRunDatabase(postgresConfig(), 'netsuite_demo');
			if (!keep) cleanups.push([`database ${db.name} dropped`, () => db!.drop()]);
			else cleanups.push(['Postgres connection closed', () => db!.client.end()]);
		} catch (error) {
			skipped.push(`PostgreSQL: ${(error as Error).message}`);
		}
		try {
			redis = await claimRedisDb(redisConfig());
			if (!keep) cleanups.push([`Redis index ${redis.db} flushed`, () => redis!.release()]);
			else cleanups.push(['Redis connection closed', () => redis!.client.quit()]);
		} catch (error) {
			skipped.push(`Redis: ${(error as Error).message}`);
		}

		// The RabbitMQ job-queue workflows: an own vhost with the topology, when a broker is reachable here.
		let rabbit: RunRabbit | undefined;
		const rmq = rabbitConfig();
		if (!(await rabbitReachable(rmq)))
			skipped.push(
				`RabbitMQ: nothing answers at ${rmq.host}:${rmq.port} (RABBITMQ_HOST/RABBITMQ_PORT); the job-queue workflows stay inactive`,
			);
		else {
			try {
				rabbit = await createRunVhost(rmq, 'netsuite_demo');
				if (!keep) cleanups.push([`RabbitMQ vhost ${rabbit.vhost} deleted`, () => rabbit!.drop()]);
			} catch (error) {
				skipped.push(`RabbitMQ: ${(error as Error).message}`);
			}
		}

		const receiver = await startAlertReceiver((alert) =>
			console.log(
				`\n[alert received] ${(alert.body as { text?: string })?.text ?? JSON.stringify(alert.body)}`,
			),
		);
		cleanups.push(['alert receiver stopped', () => receiver.stop()]);
		lifecycle.check();
		const webhookSecret = randomBytes(18).toString('base64url');
		const stack = await startStack({
			install,
			packageTgz,
			netsuite: { ...sim, baseUrl: proxy.baseUrl },
			settings: rabbit
				? { [WORKFLOW.jobsWorker]: { retryDelaysSeconds: DEMO_RETRY_DELAYS } }
				: undefined,
			postgres: db && { config: db.config, database: db.name },
			redis: redis && { config: redis.config, db: redis.db },
			rabbitmq: rabbit && { config: rabbit.config, vhost: rabbit.vhost },
			webhookSecret,
			alertUrl: receiver.url,
			userFolder: path.join(work, 'n8n'),
			port: await portOr(5678),
		});
		cleanups.push(['n8n stopped', () => stack.n8n.stop()]);
		lifecycle.check();
		const names = new Map(
			(await loadWorkflows()).map(({ workflow }) => [workflow.id, workflow.name]),
		);
		const hook = (p: string) => stack.n8n.webhookUrl(p);
		const pg = postgresConfig();
		const active = (id: string) => stack.active.includes(id);
		const bearer = `-H 'Authorization: Bearer ${webhookSecret}'`;
		const tryIt = [
			...(active(WORKFLOW.onDemand)
				? [
						`JOB=$(curl -s -X POST ${hook(WEBHOOK.sync)} ${bearer} -H 'content-type: application/json' -d '{"recordType":"salesOrder"}' | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).jobId'); echo "job $JOB"`,
						`curl "${hook(WEBHOOK.sync)}?jobId=$JOB" ${bearer}   # the job the POST started`,
					]
				: []),
			...(active(WORKFLOW.jobsApi)
				? [
						`curl -X POST ${hook(WEBHOOK.jobs)} ${bearer} -H 'content-type: application/json' -d '{"recordType":"employee"}'   # a job on RabbitMQ (vhost ${rabbit?.vhost})`,
						`curl '${hook(WEBHOOK.jobs)}?jobId=<id>' ${bearer}`,
						`curl -X POST ${hook(WEBHOOK.jobsReplay)} ${bearer} -H 'content-type: application/json' -d '{"jobId":<id of a failed job>}'`,
						`rabbitmqctl list_queues -p ${rabbit?.vhost} name messages`,
					]
				: []),
			...(active(WORKFLOW.lookup)
				? [`curl '${hook(WEBHOOK.record)}?type=customer&id=107' ${bearer}`]
				: []),
			...(active(WORKFLOW.search)
				? [
						`curl '${hook(WEBHOOK.search)}?type=customer&q=acme' ${bearer}   # name search: Postgres, then Redis for 60 s`,
						`curl '${hook(WEBHOOK.search)}?type=item&q=lamp' ${bearer}   # items were never synced: NetSuite answers and their sync starts`,
					]
				: []),
			...(active(WORKFLOW.incremental)
				? [
						`curl -X POST ${sim.baseUrl}/__sim/updateRecord -d '{"args":["customer","107",{"companyName":"Changed in NetSuite"}]}'   # workflow 1 stores it at its next poll (every minute)`,
					]
				: []),
			...(active(WORKFLOW.metrics)
				? [
						`curl ${hook(WEBHOOK.metrics)} ${bearer}   # Prometheus metrics (workflow 8; scrape config: workflows/monitoring/prometheus.yml)`,
					]
				: []),
			...(db
				? [
						`psql -h ${pg.host} -p ${pg.port} -U ${pg.user} -d ${db.name} -c 'SELECT * FROM netsuite_sync_jobs ORDER BY id DESC LIMIT 5'`,
					]
				: []),
		];

		console.log(`
================================================================================
n8n ${install.version} is running with n8n-nodes-netsuite-sync and the bundled workflows.

  Editor:   ${stack.n8n.url}
  Login:    ${TEST_OWNER.email} / ${TEST_OWNER.password}${active(WORKFLOW.metrics) ? `\n  Metrics:  ${hook(WEBHOOK.metrics)}   (Prometheus text; header Authorization: Bearer <webhook secret below>)` : ''}

Active workflows:
${stack.active.map((id) => `  ✓ ${names.get(id)}`).join('\n') || '  (none)'}${
			stack.inactive.length
				? `\nImported but inactive:\n${stack.inactive.map((w) => `  - ${names.get(w.id)}: ${w.reason}`).join('\n')}`
				: ''
		}${skipped.length ? `\n\nSkipped (not reachable):\n${skipped.map((s) => `  ! ${s}`).join('\n')}` : ''}

Credentials imported into n8n (the simulator's demo keys; also what you paste by hand):
  "${CREDENTIAL.netsuite.name}" (NetSuite Token-Based Auth):
    Account ID       ${sim.accountId}
    Consumer Key     ${sim.consumerKey}
    Consumer Secret  ${sim.consumerSecret}
    Token ID         ${sim.tokenId}
    Token Secret     ${sim.tokenSecret}
    Base URL         ${proxy.baseUrl}   (the NetSuite simulator behind a fault proxy; leave empty for a real account)
  "${CREDENTIAL.webhook.name}" (Header Auth):  Authorization: Bearer ${webhookSecret}${
		db
			? `\n  "${CREDENTIAL.postgres.name}":  ${pg.user}@${pg.host}:${pg.port}, database ${db.name}`
			: ''
	}${redis ? `\n  "${CREDENTIAL.redis.name}":  ${redis.config.host}:${redis.config.port}, database ${redis.db}` : ''}

${tryIt.length ? `Try it:\n${tryIt.map((l) => `  ${l}`).join('\n')}\n` : 'Nothing syncs without PostgreSQL: start it (and Redis) and run the demo again.\n'}Failure alerts (workflow 5) are printed here.  Ctrl-C (or kill -INT ${process.pid}, or a signal to npm) stops everything${keep ? '' : ' and removes what the demo created'}.
================================================================================`);
		if (active(WORKFLOW.jobsApi)) {
			await showRetryToSuccess(stack.n8n, webhookSecret, proxyRules, (l) => console.log(l)).catch(
				(e) => console.log(`[job queue] demo job: ${e}`),
			);
		} else
			console.log(
				`[job queue] not shown: ${rabbit ? 'its workflows are inactive' : 'RabbitMQ is not reachable here'}`,
			);
		await new Promise<void>(() => undefined); // until a signal
	} catch (error) {
		// A stop during start-up: the lifecycle is already cleaning up and exits when done.
		if (lifecycle.stopping) return;
		console.error(`\ndemo failed: ${error instanceof Error ? error.message : error}`);
		await lifecycle.cleanUp();
		process.exit(1);
	}
}

void main();
