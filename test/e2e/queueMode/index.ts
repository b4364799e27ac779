// The queue-mode group of `npm run test:e2e`: n8n as ops teams scale it out. A main process and two
// `n8n worker` processes (EXECUTIONS_MODE=queue, Bull on a claimed Redis DB index, PostgreSQL as
// n8n's database, created here and dropped after), the packed package installed into every
// process's user folder, one simulator account (limit 5, 50 ms per request) shared by all. Three
// executions of a Get Many workflow start at once; each worker runs at most two, so they land on
// both workers, whose limiters know nothing of each other. Then a worker is killed in the middle of
// a second round: nothing may stay running, and the surviving worker still completes new runs.

import * as path from 'node:path';
import type { Checklist } from '../checklist';
import { ensureN8n, N8nInstance, startN8n, TEST_ENCRYPTION_KEY } from '../n8n';
import { postgresConfig } from '../services';
import { startSimulatorProcess, SimulatorProcess } from '../simulatorProcess';
import type { RunRedis } from '../redis';
import { claimBullRedis, createN8nDatabase, N8nDatabase } from './services';
import { N8nWorker, startWorker } from './workers';
import { QUEUE_WEBHOOK_PATH, QUEUE_WORKFLOW_ID, queueCredential, queueWorkflow } from './workflow';

export const QUEUE_GROUP = 'n8n line 2 in queue mode (main + 2 workers)';
const CUSTOMERS = 600;

function queueEnv(db: N8nDatabase, redis: RunRedis): Record<string, string> {
	const pg = postgresConfig();
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.config.host,
		QUEUE_BULL_REDIS_PORT: String(redis.config.port),
		QUEUE_BULL_REDIS_DB: String(redis.db),
		...(redis.config.password ? { QUEUE_BULL_REDIS_PASSWORD: redis.config.password } : {}),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: db.name,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
	};
}

async function postAll(n8n: N8nInstance, runs: number): Promise<Array<Array<{ id: string }>>> {
	return await Promise.all(
		Array.from({ length: runs }, async () => {
			const res = await fetch(n8n.webhookUrl(QUEUE_WEBHOOK_PATH), {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: '{}',
			});
			const text = await res.text();
			if (res.status !== 200)
				throw new Error(`webhook answered ${res.status}: ${text.slice(0, 300)}`);
			return JSON.parse(text) as Array<{ id: string }>;
		}),
	);
}

function exactlyOnce(run: Array<{ id: string }>, truth: string[]): string | undefined {
	const ids = run.map((r) => String(r.id));
	const distinct = new Set(ids);
	if (ids.length !== distinct.size) return `${ids.length - distinct.size} duplicates`;
	const missing = truth.filter((id) => !distinct.has(id));
	if (missing.length || distinct.size !== truth.length)
		return `${missing.length} missing, ${distinct.size} delivered of ${truth.length}`;
	return undefined;
}

export async function runQueueModeGroup(
	checks: Checklist,
	work: string,
	packageTgz: string,
): Promise<void> {
	const group = QUEUE_GROUP;
	console.log(`\n== ${group}`);
	let sim: SimulatorProcess | undefined;
	let db: N8nDatabase | undefined;
	let redis: RunRedis | undefined;
	let main: N8nInstance | undefined;
	const workers: N8nWorker[] = [];
	let truth: string[] = [];
	try {
		await checks.step(
			group,
			'PostgreSQL database and Redis DB index for n8n; main and 2 workers with the package',
			async () => {
				sim = await startSimulatorProcess({
					records: { customer: CUSTOMERS },
					extraArgs: ['--concurrency', '5', '--latency-ms', '50'],
				});
				truth = (await sim.control.records('customer')).map((r) => r.id);
				db = await createN8nDatabase(postgresConfig());
				redis = await claimBullRedis();
				const install = await ensureN8n('2');
				const env = queueEnv(db, redis);
				main = await startN8n({
					install,
					packageTgz,
					userFolder: path.join(work, 'queue-main'),
					env,
				});
				const { accountId, consumerKey, consumerSecret, tokenId, tokenSecret, baseUrl } = sim;
				await main.importCredentials([
					queueCredential({
						accountId,
						consumerKey,
						consumerSecret,
						tokenId,
						tokenSecret,
						baseUrl,
					}),
				]);
				await main.importWorkflows([queueWorkflow()]);
				await main.activateWorkflow(QUEUE_WORKFLOW_ID);
				await main.start();
				if (!main.loadedPackage)
					throw new Error(`main did not load the package; see ${main.logFile}`);
				for (const name of ['worker-1', 'worker-2']) {
					workers.push(
						await startWorker({
							install,
							name,
							folder: path.join(work, `queue-${name}`),
							packageTgz,
							env: main.env,
							concurrency: 2,
						}),
					);
				}
				return `n8n ${install.version}; database ${db.name}; Bull on Redis db ${redis.db}; workers pid ${workers.map((w) => w.pid).join(', ')}; simulator limit 5, 50 ms, ${CUSTOMERS} customers`;
			},
		);

		await checks.step(
			group,
			'three executions at once: every record exactly once each, on more than one worker, 429s ≤ 3 %',
			async () => {
				await sim!.control.resetCounters();
				const runs = await postAll(main!, 3);
				const counters = await sim!.control.counters();
				const problems = runs
					.map((run, i) => exactlyOnce(run, truth) && `run ${i + 1}: ${exactlyOnce(run, truth)}`)
					.filter(Boolean);
				if (problems.length) throw new Error(problems.join('; '));
				const executions = (await main!.executions(QUEUE_WORKFLOW_ID)).filter(
					(e) => e.status === 'success',
				);
				if (executions.length !== 3)
					throw new Error(`${executions.length} successful executions (expected 3)`);
				// Which worker ran what: each logs "Worker started execution <id>" (n8n's job processor).
				const ranOn = await Promise.all(
					workers.map(async (w) => ({
						name: w.name,
						ids: (await w.executions()).filter((id) => executions.some((e) => String(e.id) === id)),
					})),
				);
				const used = ranOn.filter((w) => w.ids.length > 0);
				const placed = ranOn.reduce((n, w) => n + w.ids.length, 0);
				if (placed !== 3)
					throw new Error(`workers logged ${placed} of the 3 executions: ${JSON.stringify(ranOn)}`);
				if (used.length < 2) throw new Error(`all executions ran on ${used[0]?.name}`);
				const share = counters.sent429 / counters.requests;
				if (share > 0.03)
					throw new Error(
						`429 share ${(share * 100).toFixed(2)} % of ${counters.requests} requests (bar 3 %)`,
					);
				// What each run reported (debug log "NetSuite run finished"): where its window ended, its lowest point, 429s absorbed.
				const summaries = (
					await Promise.all(workers.map(async (w) => await w.runSummaries()))
				).flat();
				const windows = summaries
					.map((line) => /"throttled": (\d+).*"window": (\d+), "windowLowest": (\d+)/.exec(line))
					.filter(Boolean)
					.map((m) => `window ${m![2]} (lowest ${m![3]}, ${m![1]} 429s)`);
				return `${runs.map((r) => r.length).join(' + ')} records; runs: ${windows.join(', ')}; ${ranOn.map((w) => `${w.name}: executions ${w.ids.join(', ') || '-'}`).join('; ')}; simulator ${counters.requests} requests, ${counters.sent429} 429s (${(share * 100).toFixed(2)} %), peak ${counters.peakConcurrency}`;
			},
		);

		await checks.step(
			group,
			'a worker killed mid-run: nothing stays running, the other worker still completes runs',
			async () => {
				const before = new Set(
					(await main!.executions(QUEUE_WORKFLOW_ID)).map((e) => String(e.id)),
				);
				const round = postAll(main!, 3).then(
					() => 'answered',
					(error: Error) => `failed: ${error.message.slice(0, 120)}`,
				);
				// Kill the worker that took executions of this round, while they run.
				const deadline = Date.now() + 30_000;
				let victim: N8nWorker | undefined;
				while (!victim && Date.now() < deadline) {
					for (const w of workers)
						if ((await w.executions()).some((id) => !before.has(id))) victim = w;
					if (!victim) await new Promise((r) => setTimeout(r, 200));
				}
				if (!victim)
					throw new Error('no worker started an execution of the second round within 30 s');
				await new Promise((r) => setTimeout(r, 1500));
				victim.kill('SIGKILL');
				const survivor = workers.find((w) => w !== victim)!;
				const outcome = await Promise.race([
					round,
					new Promise<string>((r) => setTimeout(() => r('webhooks still waiting'), 120_000)),
				]);
				// n8n marks the lost executions crashed, or Bull re-delivers them to the survivor; none may stay "running".
				const settled = await main!
					.waitForExecutions(
						(list) =>
							list.filter((e) => !before.has(String(e.id))).length >= 3 &&
							list.every((e) => e.status !== 'running' && e.status !== 'new'),
						{ workflowId: QUEUE_WORKFLOW_ID, timeoutMs: 150_000 },
					)
					.catch(async () => await main!.executions(QUEUE_WORKFLOW_ID));
				const round2 = settled.filter((e) => !before.has(String(e.id)));
				const stuck = round2.filter((e) => e.status === 'running' || e.status === 'new');
				if (stuck.length)
					throw new Error(
						`still ${stuck.map((e) => `${e.id} ${e.status}`).join(', ')} after the kill (webhooks: ${outcome})`,
					);
				const after = await postAll(main!, 1);
				const problem = exactlyOnce(after[0], truth);
				if (problem) throw new Error(`run on the surviving worker: ${problem}`);
				return `killed ${victim.name}; round 2: ${round2.map((e) => `${e.id} ${e.status}`).join(', ')} (webhooks: ${outcome}); a new run on ${survivor.name}: ${after[0].length} records`;
			},
		);
	} finally {
		if (main && checks.results.some((r) => r.group === group && r.status === 'failed')) {
			console.log(
				`  --- main log tail (${main.logFile}):\n${(await main.logTail(30)).replace(/^/gm, '    ')}`,
			);
			for (const w of workers) console.log(`  --- ${w.name} log: ${w.logFile}`);
		}
		for (const w of workers) await w.stop().catch((e) => console.log(`  stopping ${w.name}: ${e}`));
		await main?.stop().catch((e) => console.log(`  stopping main: ${e}`));
		await sim?.stop();
		await db?.drop().catch((e) => console.log(`  dropping ${db?.name}: ${e}`));
		await redis?.release().catch((e) => console.log(`  releasing Redis db ${redis?.db}: ${e}`));
	}
}
