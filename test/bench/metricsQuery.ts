/**
 * METRICS: the metrics workflow's query (workflows/8-prometheus-metrics.json, node "Read metrics")
 * against a year of job rows in a fresh PostgreSQL database: workflow 1 polling customers every
 * minute (525,600 runs) and workflow 2 syncing three more types every 15 minutes (105,120 runs).
 * Times the first scrape (it rolls the year up once) and then `runs` scrapes as Prometheus makes
 * them, and checks the counters equal plain sums over the rows.
 * Standalone: `npx ts-node --transpile-only test/bench/metricsQuery.ts [--quick]`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRunDatabase } from '../e2e/postgres';
import { postgresConfig } from '../e2e/services';

const WORKFLOW = path.resolve(__dirname, '../../workflows/8-prometheus-metrics.json');

export interface MetricsBench {
	jobRows: number;
	firstMs: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	plainSumMs: number;
	runs: number;
}

function scrapeQuery(): string {
	const workflow = JSON.parse(readFileSync(WORKFLOW, 'utf8')) as {
		nodes: Array<{ name: string; parameters: { query?: string } }>;
	};
	const query = workflow.nodes.find((n) => n.name === 'Read metrics')?.parameters.query;
	if (!query) throw new Error(`${WORKFLOW}: no "Read metrics" query`);
	return query;
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export async function metricsQueryBench(
	opts: { minutes?: number; runs?: number } = {},
): Promise<MetricsBench> {
	const minutes = opts.minutes ?? 525_600;
	const runs = opts.runs ?? 50;
	const db = await createRunDatabase(postgresConfig(), 'netsuite_bench_metrics');
	try {
		const c = db.client;
		await c.query(
			`
			INSERT INTO netsuite_sync_jobs (workflow, record_type, trigger, status, started_at, finished_at, duration_ms, batches, total,
			  new, updated, deleted, unchanged, failed, calls, retries, throttled, has_more, workflow_id)
			SELECT * FROM (
			  SELECT 'NetSuite 1', 'customer', 'poll', CASE WHEN g % 500 = 0 THEN 'failed' ELSE 'success' END, now() - make_interval(mins => g) AS s,
			         now() - make_interval(mins => g) + interval '2 s', 2000, 1, g % 7, g % 3, g % 4, g % 50 / 49, 0, g % 1000 / 999, 2 + g % 3, g % 10 / 9, g % 10 / 9, false, 'NetSuiteSyncWf01'
			  FROM generate_series(1, $1::int) g
			  UNION ALL
			  SELECT 'NetSuite 2', t, 'schedule', 'success', now() - make_interval(mins => g * 15), now() - make_interval(mins => g * 15) + interval '20 s',
			         20000, 2, g % 70, g % 30, g % 40, 0, 0, 0, 20, 1, 1, g % 20 = 0, 'NetSuiteSyncWf02'
			  FROM generate_series(1, $1::int / 15) g, unnest(ARRAY['salesOrder', 'vendor', 'invoice']) t
			) x ORDER BY s`,
			[minutes],
		);
		await c.query(
			`INSERT INTO netsuite_failed_records (record_type, id, error) SELECT 'salesOrder', g::text, 'locked' FROM generate_series(1, 3) g`,
		);
		await c.query(
			`INSERT INTO netsuite_sync_state (record_type, cursor) VALUES ('salesOrder', '{"lastModified": "2026-01-01T00:00:00Z", "id": "7"}')`,
		);
		await c.query('VACUUM ANALYZE netsuite_sync_jobs');
		const jobRows = Number(
			(await c.query('SELECT count(*) FROM netsuite_sync_jobs')).rows[0].count,
		);

		let start = process.hrtime.bigint();
		await c.query(
			`SELECT record_type, sum(new), sum(updated), sum(deleted), sum(unchanged), sum(failed), sum(calls) FROM netsuite_sync_jobs GROUP BY 1`,
		);
		const plainSumMs = ms(start);

		const query = scrapeQuery();
		start = process.hrtime.bigint();
		await c.query(query);
		const firstMs = ms(start);
		const times: number[] = [];
		let samples: Array<[string, Record<string, string>, number]> = [];
		for (let i = 0; i < runs; i++) {
			start = process.hrtime.bigint();
			samples = (await c.query(query)).rows[0].samples;
			times.push(ms(start));
		}
		// The counters are the plain sums over every row.
		const { rows } = await c.query(
			'SELECT record_type, sum(new)::float8 AS new, sum(failed)::float8 AS failed FROM netsuite_sync_jobs GROUP BY 1',
		);
		for (const r of rows) {
			for (const outcome of ['new', 'failed']) {
				const got = samples.find(
					([m, l]) =>
						m === 'netsuite_sync_records_total' &&
						l.record_type === r.record_type &&
						l.outcome === outcome,
				)?.[2];
				if (got !== r[outcome])
					throw new Error(
						`METRICS: records_total{${r.record_type},${outcome}} = ${got}, rows sum ${r[outcome]}`,
					);
			}
		}
		times.sort((a, b) => a - b);
		return {
			jobRows,
			firstMs,
			p50Ms: times[Math.floor(runs / 2)],
			p95Ms: times[Math.ceil(runs * 0.95) - 1],
			maxMs: times[runs - 1],
			plainSumMs,
			runs,
		};
	} finally {
		await db.drop();
	}
}

if (require.main === module) {
	metricsQueryBench(process.argv.includes('--quick') ? { minutes: 50_000, runs: 20 } : {}).then(
		(r) => console.log(JSON.stringify(r)),
		(e) => {
			console.error(e);
			process.exit(1);
		},
	);
}
