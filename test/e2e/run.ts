// End-to-end test of the bundled workflows (npm run test:e2e [-- --line 1|2] [--auth tba|m2m] [--keep]
// [--grep <step name regex>]).
//
// Builds and packs the package; starts the NetSuite simulator (own process), a fault proxy in front
// of it and a local alert receiver; then for each n8n line (2.41 on Node 24, 1.123 on Node 22; both
// by default) a fresh Postgres database with workflows/sql/schema.sql, an isolated Redis database and
// a real n8n with the package, credentials and the five workflows imported and active; drives them
// through their trigger and webhooks (scenario/index.ts) and asserts the outcome. Then (with no
// --line/--auth, or alone with --queue) n8n 2.x in queue mode: main + 2 workers (queueMode/).
// Ends with a summary and "N passed, M failed"; exits non-zero on any failure.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FaultProxy, ProxyRule } from '../helpers/faultProxy';
import { startAlertReceiver } from './alertReceiver';
import { Checklist } from './checklist';
import { WorkflowClient } from './client';
import type { LineContext } from './context';
import { JOB_QUEUE_WORKFLOWS, WORKFLOW } from './fixtures';
import { ensureN8n, N8nInstance, N8nLine } from './n8n';
import { buildAndPack } from './packagePack';
import { createRunDatabase, RunDatabase } from './postgres';
import { claimRedisDb, RunRedis } from './redis';
import { createRunVhost, rabbitConfig, RunRabbit } from './rabbitmq';
import {
	BROWSER_SCENARIO,
	JOB_QUEUE_RETRY_DELAYS,
	JOB_QUEUE_SCENARIO,
	scenarioFor,
	SEARCH_CACHE_SECONDS,
	stopPrometheus,
} from './scenario';
import { inCi, postgresConfig, redisConfig } from './services';
import { startSimulatorProcess, SimulatorProcess } from './simulatorProcess';
import { registerM2mClient } from './m2m';
import { startStack } from './stack';
import { RABBITMQ_MANAGEMENT_USER, startRabbitManagementStub } from './rabbitmqManagementStub';
import { runQueueModeGroup } from './queueMode';

const SIMULATOR_RECORDS = { customer: 300, salesOrder: 50 };

interface Run {
	line: N8nLine;
	auth: 'tba' | 'm2m';
}

/** By default both n8n lines with Token-Based Auth, then line 2 again with OAuth 2.0 M2M. */
function parseArgs(argv: string[]): { runs: Run[]; keep: boolean; queue: boolean } {
	// --queue: only the queue-mode group; --line/--auth: only those lines; neither: everything.
	if (argv.includes('--queue')) return { runs: [], keep: argv.includes('--keep'), queue: true };
	const filtered = argv.includes('--line') || argv.includes('--auth');
	return { ...parseLineArgs(argv), queue: !filtered };
}

function parseLineArgs(argv: string[]): { runs: Run[]; keep: boolean } {
	const at = argv.indexOf('--line');
	const line = at >= 0 ? argv[at + 1] : undefined;
	if (line !== undefined && line !== '1' && line !== '2') throw new Error('--line must be 1 or 2');
	const authAt = argv.indexOf('--auth');
	const auth = authAt >= 0 ? argv[authAt + 1] : undefined;
	if (auth !== undefined && auth !== 'tba' && auth !== 'm2m')
		throw new Error('--auth must be tba or m2m');
	const all: Run[] = [
		{ line: '2', auth: 'tba' },
		{ line: '1', auth: 'tba' },
		{ line: '2', auth: 'm2m' },
	];
	const runs = all.filter((r) => (!line || r.line === line) && (!auth || r.auth === auth));
	return {
		runs: runs.length
			? runs
			: [{ line: (line ?? '2') as N8nLine, auth: (auth ?? 'tba') as Run['auth'] }],
		keep: argv.includes('--keep'),
	};
}

async function main(): Promise<number> {
	const { runs, keep, queue } = parseArgs(process.argv.slice(2));
	const grepAt = process.argv.indexOf('--grep');
	const grep = grepAt >= 0 ? new RegExp(process.argv[grepAt + 1], 'i') : undefined;
	const started = Date.now();
	const checks = new Checklist();
	const work = await fs.mkdtemp(path.join(os.tmpdir(), 'netsuite-e2e-'));
	console.log(
		`e2e: ${[...runs.map((r) => `line ${r.line} (${r.auth})`), ...(queue ? ['line 2 in queue mode'] : [])].join(', ')}; work dir ${work}${inCi() ? '; CI: missing services fail' : ''}`,
	);

	let sim: SimulatorProcess | undefined;
	let proxy: FaultProxy | undefined;
	const proxyRules: ProxyRule[] = [];
	const receiver = await startAlertReceiver();
	const rabbitManagement = await startRabbitManagementStub();
	let packageTgz = '';
	console.log('\n== setup');
	await checks.step(
		'setup',
		'build and pack the package; start the simulator, proxy and alert receiver',
		async () => {
			packageTgz = await buildAndPack(work);
			sim = await startSimulatorProcess({
				records: SIMULATOR_RECORDS,
				timeZone: 'America/Los_Angeles',
			});
			proxy = await new FaultProxy(sim.baseUrl, proxyRules).start();
			return `${path.basename(packageTgz)}; simulator ${sim.baseUrl} (${Object.entries(
				SIMULATOR_RECORDS,
			)
				.map(([t, n]) => `${t}=${n}`)
				.join(', ')} + demo data)`;
		},
	);

	for (const { line, auth } of runs) {
		const group = `n8n line ${line}${auth === 'm2m' ? ' with OAuth 2.0 M2M' : ''}`;
		console.log(`\n== ${group}`);
		if (!sim || !proxy) checks.abort(group);
		let db: RunDatabase | undefined;
		let redis: RunRedis | undefined;
		let n8n: N8nInstance | undefined;
		let ctx: LineContext | undefined;
		let rabbit: RunRabbit | undefined;
		// The RabbitMQ job-queue scenarios run on the n8n 2.x line with TBA only (CI time).
		const jobQueue = line === '2' && auth === 'tba';
		try {
			await checks.step(
				group,
				'fresh Postgres (schema.sql) and Redis; n8n with the package, credentials and workflows active',
				async () => {
					await sim!.control.reset();
					db = await createRunDatabase(postgresConfig(), `netsuite_e2e_l${line}_${auth}`);
					redis = await claimRedisDb(redisConfig());
					const install = await ensureN8n(line);
					const m2m = auth === 'm2m' ? await registerM2mClient(sim!.control) : undefined;
					const secret = randomBytes(24).toString('base64url');
					if (jobQueue) rabbit = await createRunVhost(rabbitConfig(), `netsuite_e2e_l${line}`);
					const stack = await startStack({
						install,
						packageTgz,
						netsuite: { ...sim!, baseUrl: proxy!.baseUrl },
						m2m,
						postgres: { config: db.config, database: db.name },
						redis: { config: redis.config, db: redis.db },
						rabbitmq: rabbit && { config: rabbit.config, vhost: rabbit.vhost },
						settings: {
							[WORKFLOW.search]: { cacheSeconds: SEARCH_CACHE_SECONDS },
							...(rabbit
								? { [WORKFLOW.jobsWorker]: { retryDelaysSeconds: JOB_QUEUE_RETRY_DELAYS } }
								: {}),
						},
						webhookSecret: secret,
						alertUrl: receiver.url,
						rabbitmqManagement: { url: rabbitManagement.url, ...RABBITMQ_MANAGEMENT_USER },
						userFolder: path.join(work, `n8n-line-${line}-${auth}`),
					});
					n8n = stack.n8n;
					receiver.alerts.length = 0;
					ctx = {
						line,
						control: sim!.control,
						proxyRules,
						db,
						redis,
						n8n,
						client: new WorkflowClient(n8n, secret),
						receiver,
						rabbit,
					};
					const expected = Object.values(WORKFLOW).filter(
						(id) =>
							!(line === '1' && id === WORKFLOW.alert) &&
							(rabbit || !JOB_QUEUE_WORKFLOWS.includes(id)),
					);
					if (stack.active.join() !== expected.join())
						throw new Error(
							`active workflows ${stack.active.join()} (expected ${expected.join()})`,
						);
					return `n8n ${install.version} on Node ${install.node.version} at ${n8n.url}; NetSuite auth ${auth === 'm2m' ? 'OAuth 2.0 M2M (ES256)' : 'TBA'}; database ${db.name}; Redis db ${redis.db}; ${rabbit ? `RabbitMQ vhost ${rabbit.vhost}; ` : ''}${stack.active.length} workflows active`;
				},
			);
			// --grep <regex> (development): the first step (the initial sync the others build on) and the matching ones.
			const steps = [...scenarioFor(line, auth), ...(jobQueue ? JOB_QUEUE_SCENARIO : [])].filter(
				([name], i) => !grep || i === 0 || grep.test(name),
			);
			for (const [name, run] of steps) await checks.step(group, name, () => run(ctx!));
			// The editor in a real browser, once: n8n 2.x with Token-Based Auth (scenario/editorFirstUse.ts).
			if (line === '2' && auth === 'tba')
				for (const [name, run] of BROWSER_SCENARIO.filter(([name]) => !grep || grep.test(name)))
					await checks.step(group, name, () => run(ctx!));
		} finally {
			if (n8n && checks.results.some((r) => r.group === group && r.status === 'failed')) {
				console.log(
					`  --- n8n log tail (${n8n.logFile}):\n${(await n8n.logTail(40)).replace(/^/gm, '    ')}`,
				);
			}
			await stopPrometheus().catch((e) => console.log(`  stopping Prometheus: ${e}`));
			await n8n?.stop().catch((e) => console.log(`  stopping n8n: ${e}`));
			await sim?.control.setFaults({}).catch(() => undefined);
			proxyRules.length = 0;
			await db?.drop().catch((e) => console.log(`  dropping ${db?.name}: ${e}`));
			await redis?.release().catch((e) => console.log(`  releasing Redis db ${redis?.db}: ${e}`));
			await rabbit
				?.drop()
				.catch((e) => console.log(`  deleting RabbitMQ vhost ${rabbit?.vhost}: ${e}`));
		}
	}

	if (queue) await runQueueModeGroup(checks, work, packageTgz);

	await proxy?.stop();
	await sim?.stop();
	await receiver.stop();
	await rabbitManagement.stop();
	if (!keep && checks.failed === 0) await fs.rm(work, { recursive: true, force: true });
	else console.log(`\nkept ${work} (n8n user folders and logs)`);

	console.log('\n== summary');
	for (const group of [...new Set(checks.results.map((r) => r.group))]) {
		const results = checks.results.filter((r) => r.group === group);
		const ms = results.reduce((sum, r) => sum + r.ms, 0);
		console.log(
			`${group}: ${results.filter((r) => r.status === 'passed').length}/${results.length} passed in ${(ms / 1000).toFixed(1)}s`,
		);
		for (const r of results)
			console.log(
				`  ${r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'NOT RUN'} ${(r.ms / 1000).toFixed(1).padStart(6)}s  ${r.name}`,
			);
	}
	console.log(`total ${((Date.now() - started) / 1000).toFixed(1)}s`);
	console.log(`${checks.passed} passed, ${checks.failed} failed`);
	return checks.failed === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`\nE2E CRASHED: ${error instanceof Error ? error.stack : error}`);
		console.log('0 passed, 1 failed');
		process.exit(1);
	},
);
