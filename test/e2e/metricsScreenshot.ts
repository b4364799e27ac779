// The picture of workflows/README.md's monitoring section: the simulator, a real n8n (line 2) with the
// bundled workflows, and a real Prometheus scraping workflow 8 while a few minutes of syncs run
// (workflow 1's minute polls; sales orders synced through workflow 3 with some 429s); then Prometheus'
// graph page of the main series, rendered by headless Chromium (Debian's `chromium` package).
//
//   npm run build && npx ts-node --transpile-only test/e2e/metricsScreenshot.ts     (about 10 minutes)

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { WorkflowClient } from './client';
import { WEBHOOK, WORKFLOWS_DIR } from './fixtures';
import { ensureN8n } from './n8n';
import { buildAndPack } from './packagePack';
import { createRunDatabase } from './postgres';
import { startPrometheus } from './prometheus';
import { claimRedisDb } from './redis';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium';
import { postgresConfig, redisConfig } from './services';
import { startSimulatorProcess } from './simulatorProcess';
import { startStack } from './stack';

const TARGET = path.join(WORKFLOWS_DIR, 'images', '8-prometheus-graph.png');
const ROUNDS = Number(process.env.ROUNDS ?? 8);
const EXPRESSIONS = [
	'sum by (outcome) (rate(netsuite_sync_records_total[1m])) * 60',
	'netsuite_sync_freshness_seconds',
	'sum(rate(netsuite_sync_api_requests_total[1m])) * 60 or sum(rate(netsuite_sync_api_throttled_total[1m])) * 60',
];

async function main(): Promise<void> {
	const work = await fs.mkdtemp(path.join(os.tmpdir(), 'netsuite-metrics-picture-'));
	const cleanups: Array<() => Promise<unknown>> = [
		async () => fs.rm(work, { recursive: true, force: true }),
	];
	try {
		const packageTgz = await buildAndPack(work, { build: false }); // built by the command line above
		const sim = await startSimulatorProcess({ records: { customer: 400, salesOrder: 120 } });
		cleanups.push(() => sim.stop());
		const db = await createRunDatabase(postgresConfig(), 'netsuite_picture');
		cleanups.push(() => db.drop());
		const redis = await claimRedisDb(redisConfig());
		cleanups.push(() => redis.release());
		const secret = randomBytes(18).toString('base64url');
		const stack = await startStack({
			install: await ensureN8n('2'),
			packageTgz,
			netsuite: sim,
			postgres: { config: db.config, database: db.name },
			redis: { config: redis.config, db: redis.db },
			webhookSecret: secret,
			userFolder: path.join(work, 'n8n'),
		});
		cleanups.push(() => stack.n8n.stop());
		const prometheus = await startPrometheus({
			workDir: work,
			target: new URL(stack.n8n.webhookUrl(WEBHOOK.metrics)),
			bearer: secret,
			scrapeIntervalSeconds: 5,
		});
		cleanups.push(() => prometheus.stop());
		const client = new WorkflowClient(stack.n8n, secret);

		// A few minutes of work: edits in "NetSuite", a sales-order sync every 30 s, 429s in the middle.
		const customers = (await sim.control.records('customer')).map((r) => r.id);
		const orders = (await sim.control.records('salesOrder')).map((r) => r.id);
		for (let round = 0; round < ROUNDS; round++) {
			await sim.control.setFaults(round >= 3 && round < 6 ? { rate429: 0.25 } : {});
			for (let i = 0; i < 10 + 5 * (round % 3); i++) {
				await sim.control.updateRecord('customer', customers[(round * 17 + i) % customers.length], {
					companyName: `Round ${round} ${i}`,
				});
				await sim.control.updateRecord('salesOrder', orders[(round * 11 + i) % orders.length], {
					memo: `round ${round} ${i}`,
				});
			}
			if (round % 2 === 1) await sim.control.deleteRecord('customer', customers[round]);
			const job = await client.syncAndWait({ recordType: 'salesOrder', force: round === 4 });
			console.log(
				`round ${round}: salesOrder job ${job.jobId} ${job.status}, ${job.total} records, ${job.retries} retries`,
			);
			await new Promise((r) => setTimeout(r, 30_000));
		}
		await sim.control.setFaults({});

		const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
		cleanups.push(() => browser.close());
		const page = await browser.newPage({
			viewport: { width: 1400, height: 1500 },
			deviceScaleFactor: 1.25,
		});
		const params = new URLSearchParams();
		EXPRESSIONS.forEach((expr, i) => {
			params.set(`g${i}.expr`, expr);
			params.set(`g${i}.tab`, '0');
			params.set(`g${i}.range_input`, `${Math.ceil((ROUNDS * 40) / 60) + 2}m`);
			params.set(`g${i}.stacked`, '0');
		});
		await page.goto(`${prometheus.url}/graph?${params}`, { waitUntil: 'networkidle' });
		// Debian's Prometheus serves its classic UI: one Rickshaw (SVG) chart per expression.
		await page.waitForFunction(
			`document.querySelectorAll('.graph svg path').length >= ${EXPRESSIONS.length}`,
			undefined,
			{ timeout: 60_000 },
		);
		await page.waitForTimeout(1500);
		await page.screenshot({ path: TARGET, fullPage: true });
		console.log(`→ ${path.relative(process.cwd(), TARGET)}`);
	} finally {
		for (const fn of cleanups.reverse()) await fn().catch((e) => console.log(`cleanup: ${e}`));
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
