// Workflow 8 (GET /webhook/netsuite/metrics) scraped by a real Prometheus while the scenario runs:
// first step right after the first sync (the records counter equals the simulator's customers), last
// step after the end state (Prometheus' values equal the sums over the job rows, freshness and the
// 429 counts are there, no counter ever went down, the alert rules evaluate). Runs on line 2 (TBA).

import assert from 'node:assert/strict';
import * as os from 'node:os';
import { promtool } from '../../helpers/promtool';
import { exposedFamilies } from '../../monitoring/metricCatalog';
import type { LineContext } from '../context';
import { WEBHOOK } from '../fixtures';
import { PrometheusServer, PromSample, startPrometheus } from '../prometheus';
import { rabbitManagementStub } from '../rabbitmqManagementStub';
import { simulatorView } from '../snapshots';
import { waitFor } from '../wait';

let prometheus: PrometheusServer | undefined;
/** When Prometheus first saw the first sync's customers, and how many. */
let firstSync: { at: number; customers: number; deleted: number } | undefined;

/** Stops the Prometheus this scenario started (run.ts calls it whatever happened). */
export async function stopPrometheus(): Promise<void> {
	const server = prometheus;
	prometheus = undefined;
	firstSync = undefined;
	await server?.stop();
}

const key = (labels: Record<string, string>) => `${labels.record_type}/${labels.outcome ?? ''}`;
const byKey = (samples: PromSample[]) =>
	new Map(samples.map((s) => [key(s.metric), Number(s.value[1])]));

/** Sample lines of the exposition text as name{labels sorted by name} → value. */
function parseSamples(body: string): Map<string, number> {
	const out = new Map<string, number>();
	for (const line of body.split('\n')) {
		if (!line || line.startsWith('#')) continue;
		const at = line.lastIndexOf(' ');
		const m = /^([^{]+)(?:\{(.*)\})?$/.exec(line.slice(0, at))!;
		const labels = m[2]
			? m[2]
					.match(/\w+="(?:[^"\\]|\\.)*"/g)!
					.sort()
					.join(',')
			: '';
		out.set(`${m[1]}{${labels}}`, Number(line.slice(at + 1)));
	}
	return out;
}
const CUSTOMER_NEW = 'netsuite_sync_records_total{outcome="new",record_type="customer"}';

async function scrape(ctx: LineContext): Promise<string> {
	const answer = await ctx.client.call<string>('GET', WEBHOOK.metrics);
	assert.equal(
		answer.status,
		200,
		`GET ${WEBHOOK.metrics}: ${answer.status} ${String(answer.body).slice(0, 300)}`,
	);
	return String(answer.body);
}

export async function prometheusScrapesMetrics(ctx: LineContext): Promise<string> {
	const refused = await ctx.client.call('GET', WEBHOOK.metrics, { auth: false });
	assert.equal(refused.status, 403, 'the metrics endpoint answers without the secret');
	const wrong = await ctx.client.call('GET', WEBHOOK.metrics, { auth: 'not-the-secret' });
	assert.equal(wrong.status, 403, 'the metrics endpoint answers a wrong secret');

	const response = await fetch(ctx.n8n.webhookUrl(WEBHOOK.metrics), {
		headers: { authorization: `Bearer ${ctx.client.secret}` },
	});
	const contentType = (response.headers.get('content-type') ?? '')
		.split(';')
		.map((p) => p.trim())
		.sort();
	assert.deepEqual(
		contentType,
		['charset=utf-8', 'text/plain', 'version=0.0.4'],
		`content-type ${response.headers.get('content-type')}`,
	);
	const body = await response.text();
	assert.equal(
		await promtool(['check', 'metrics'], { stdin: body }),
		'',
		'promtool check metrics found problems',
	);
	for (const [name, type] of exposedFamilies())
		assert.ok(body.includes(`# TYPE ${name} ${type}\n`), `no TYPE line for ${name}`);

	const truth = await simulatorView(ctx.control, 'customer');
	const samples = parseSamples(body);
	assert.equal(
		samples.get(CUSTOMER_NEW),
		truth.live.size,
		"new customers = the simulator's live customers",
	);
	assert.equal(
		samples.get('netsuite_sync_records_total{outcome="deleted",record_type="customer"}'),
		truth.deleted.size,
	);

	// Every 5 s: each scrape is an n8n execution, and the suite shares the machine.
	prometheus = await startPrometheus({
		workDir: os.tmpdir(),
		target: new URL(ctx.n8n.webhookUrl(WEBHOOK.metrics)),
		bearer: ctx.client.secret,
		scrapeIntervalSeconds: 5,
	});
	const server = prometheus;
	const seen = await waitFor(
		"Prometheus to scrape the first sync's customers",
		async () => {
			const [sample] = await server.query(
				'netsuite_sync_records_total{record_type="customer", outcome="new"}',
			);
			return sample && Number(sample.value[1]) === truth.live.size ? sample : undefined;
		},
		{
			timeoutMs: 90_000,
			intervalMs: 1000,
			describe: async () => JSON.stringify(await server.target()),
		},
	);
	const target = await server.target();
	assert.equal(target.health, 'up', JSON.stringify(target));
	firstSync = { at: seen.value[0], customers: truth.live.size, deleted: truth.deleted.size };
	return `403 without / with a wrong secret; promtool check metrics OK (${exposedFamilies().size} families, ${samples.size} samples); Prometheus ${server.url} scrapes it: customer new = ${truth.live.size} = simulator`;
}

/** Raw sums over every job row: what the counters must equal. */
async function jobSums(ctx: LineContext): Promise<Map<string, number>> {
	const { rows } = await ctx.db.client.query(`
		SELECT COALESCE(record_type, 'unknown') AS record_type, sum(new)::int AS new, sum(updated)::int AS updated, sum(deleted)::int AS deleted,
		       sum(unchanged)::int AS unchanged, sum(failed)::int AS failed
		FROM netsuite_sync_jobs GROUP BY 1`);
	const out = new Map<string, number>();
	for (const r of rows)
		for (const outcome of ['new', 'updated', 'deleted', 'unchanged', 'failed'])
			out.set(`${r.record_type}/${outcome}`, r[outcome]);
	return out;
}

export async function prometheusHoldsTheScenario(ctx: LineContext): Promise<string> {
	const server = prometheus;
	assert.ok(server && firstSync, 'Prometheus was not started by the first metrics step');
	const first = firstSync;

	// What Prometheus stored at the first sync is still there: the simulator's customer count.
	const then = byKey(
		await server.query('netsuite_sync_records_total{record_type="customer"}', first.at),
	);
	assert.equal(then.get('customer/new'), first.customers);
	assert.equal(then.get('customer/deleted'), first.deleted);

	// Now: every records counter equals the sum over the job rows (workflow 1 may poll meanwhile: wait).
	let last = '';
	const latest = await waitFor(
		"Prometheus' netsuite_sync_records_total to equal the sums over netsuite_sync_jobs",
		async () => {
			const sums = await jobSums(ctx);
			const seen = byKey(await server.query('netsuite_sync_records_total'));
			const diff = [...sums]
				.filter(([k, v]) => seen.get(k) !== v)
				.map(([k, v]) => `${k}: Prometheus ${seen.get(k)}, rows ${v}`);
			last = diff.join('; ');
			return diff.length === 0 && seen.size === sums.size ? seen : undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 1000, describe: () => last },
	);
	assert.ok(
		(latest.get('salesOrder/new') ?? 0) > 0 && (latest.get('customer/updated') ?? 0) > 0,
		"the scenario's syncs are counted",
	);
	assert.ok(
		(latest.get('customer/failed') ?? 0) +
			(latest.get('salesOrder/failed') ?? 0) +
			(latest.get('vendor/failed') ?? 0) >
			0,
		'the refused record is counted as failed',
	);

	// Freshness: the last caught-up run per type is the job table's, and its age is measured from it.
	let lastSeen = '';
	const lastCaughtUp = await waitFor(
		"Prometheus to hold the job table's latest caught-up times",
		async () => {
			const { rows } = await ctx.db.client.query(`
			SELECT record_type, extract(epoch FROM max(finished_at))::float8 AS at FROM netsuite_sync_jobs
			WHERE status = 'success' AND has_more IS NOT TRUE GROUP BY record_type`);
			const samples = await server.query('netsuite_sync_last_caught_up_timestamp_seconds');
			const m = new Map(samples.map((s) => [s.metric.record_type, Number(s.value[1])]));
			lastSeen = `rows ${JSON.stringify(rows)}; Prometheus ${JSON.stringify([...m])}`;
			return rows.length > 0 &&
				rows.every(
					(r) => m.has(r.record_type) && Math.abs(m.get(r.record_type)! - Number(r.at)) < 0.001,
				)
				? m
				: undefined;
		},
		{ timeoutMs: 60_000, intervalMs: 1000, describe: () => lastSeen },
	);
	const freshness = await server.query('netsuite_sync_freshness_seconds');
	for (const type of ['customer', 'salesOrder']) {
		const f = freshness.find((s) => s.metric.record_type === type);
		assert.ok(f, `no freshness series for ${type}`);
		const [at, value] = [f.value[0], Number(f.value[1])];
		assert.ok(
			value >= 0 && Math.abs(at - value - lastCaughtUp.get(type)!) < 120,
			`${type}: freshness ${value} s at ${at}, last caught up ${lastCaughtUp.get(type)}`,
		);
	}

	// NetSuite calls and the 30 % 429s of the throttling step reached the job rows and the endpoint.
	const [throttled] = await server.query('sum(netsuite_sync_api_throttled_total)');
	const [requests] = await server.query('sum(netsuite_sync_api_requests_total)');
	const {
		rows: [db],
	} = await ctx.db.client.query('SELECT sum(throttled)::int AS throttled FROM netsuite_sync_jobs');
	assert.ok(
		Number(throttled.value[1]) > 0 && db.throttled > 0,
		`429s counted: Prometheus ${throttled.value[1]}, rows ${db.throttled}`,
	);
	const [failedJobs] = await server.query('sum(netsuite_sync_jobs_failed_total)');
	assert.ok(Number(failedJobs.value[1]) >= 1, 'the provoked failed run is counted');

	// Counters never went down over the whole scenario, and every alert rule evaluates.
	const counters = [...exposedFamilies()].flatMap(([name, type]) =>
		type === 'counter' ? [name] : type === 'summary' ? [`${name}_sum`, `${name}_count`] : [],
	);
	for (const name of counters) {
		const resets = await server.query(`resets(${name}[1h]) > 0`);
		assert.deepEqual(
			resets.map((s) => s.metric),
			[],
			`${name} went down`,
		);
	}
	const groups = await server.rules();
	const rules = groups.flatMap((g) => g.rules);
	assert.equal(rules.length, 7, 'alert rules loaded');
	assert.deepEqual(
		rules
			.filter((r) => r.health !== 'ok')
			.map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`),
		[],
	);
	return (
		`customer new at the first sync = ${first.customers} (= simulator); now ${[...latest]
			.filter(([, v]) => v > 0)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')} = job rows; ` +
		`freshness ${freshness.map((s) => `${s.metric.record_type} ${Number(s.value[1]).toFixed(0)} s`).join(', ')}; ${throttled.value[1]} × 429 of ${requests.value[1]} requests; no reset of ${counters.length} counters; 7 rules ok`
	);
}

/** The rollup: forcing every finished job into it, then deleting those rows, leaves every counter as it was. */
export async function countersSurviveRollupAndPruning(ctx: LineContext): Promise<string> {
	const before = parseSamples(await scrape(ctx));
	// Settle nothing: everything finished goes into the rollup now (a scrape waits a day for that).
	await ctx.db.client.query("SELECT count(*) FROM netsuite_sync_metrics('0 seconds')");
	const {
		rows: [{ job_id: rolled }],
	} = await ctx.db.client.query('SELECT job_id FROM netsuite_sync_metrics_through');
	assert.ok(Number(rolled) > 0, 'nothing was rolled up');
	const pruned =
		(await ctx.db.client.query('DELETE FROM netsuite_sync_jobs WHERE id <= $1', [rolled]))
			.rowCount ?? 0;
	const after = parseSamples(await scrape(ctx));
	const counters = [...before].filter(([k]) => /_total\{|_seconds_(sum|count)\{/.test(k));
	const lower = counters
		.filter(([k, v]) => !((after.get(k) ?? -1) >= v))
		.map(([k, v]) => `${k}: ${v} → ${after.get(k)}`);
	assert.deepEqual(lower, [], 'a counter went down after old job rows were deleted');
	return `${pruned} job rows rolled up (through #${rolled}) and deleted; ${counters.length} counter series kept (customer new ${before.get(CUSTOMER_NEW)} → ${after.get(CUSTOMER_NEW)})`;
}

/**
 * Queue depths through workflow 8's HTTP Request node (RabbitMQ's management API, here a stand-in):
 * dead letters show up as a series and the dead-letter alert fires in the real Prometheus; with the
 * API down the endpoint still answers, with rabbitmq_up 0.
 */
export async function queueDepthsAndDeadLetterAlert(ctx: LineContext): Promise<string> {
	const server = prometheus;
	assert.ok(server, 'Prometheus was not started by the first metrics step');
	const stub = rabbitManagementStub();
	const quiet = (await server.alerts()).filter(
		(a) => a.labels.alertname === 'NetSuiteSyncDeadLetters',
	);
	assert.deepEqual(quiet, [], 'dead-letter alert before any dead letter');
	stub.queues = [
		{ name: 'ns.jobs.sync', messages_ready: 5, messages_unacknowledged: 2 },
		{ name: 'ns.jobs.retry.1', messages_ready: 1, messages_unacknowledged: 0 },
		{ name: 'ns.jobs.retry.3', messages_ready: 2, messages_unacknowledged: 0 },
		{ name: 'ns.jobs.dead', messages_ready: 3, messages_unacknowledged: 0 },
		{ name: 'another.app.queue', messages_ready: 40, messages_unacknowledged: 0 },
	];
	const samples = parseSamples(await scrape(ctx));
	const queue = (name: string, role: string, state: string) =>
		samples.get(`netsuite_sync_queue_messages{queue="${name}",role="${role}",state="${state}"}`);
	assert.equal(samples.get('netsuite_sync_rabbitmq_up{}'), 1);
	assert.deepEqual(
		[
			queue('ns.jobs.sync', 'work', 'ready'),
			queue('ns.jobs.sync', 'work', 'unacked'),
			queue('ns.jobs.retry.1', 'retry', 'ready'),
			queue('ns.jobs.retry.3', 'retry', 'ready'),
			queue('ns.jobs.dead', 'dead_letter', 'ready'),
		],
		[5, 2, 1, 2, 3],
	);
	assert.ok(
		![...samples.keys()].some((k) => k.includes('another.app.queue')),
		'a queue Settings does not name is exposed',
	);

	// for: 1m in alerts.yml: pending first, firing a minute later.
	const firing = await waitFor(
		'NetSuiteSyncDeadLetters to fire in Prometheus',
		async () =>
			(await server.alerts()).find(
				(a) => a.labels.alertname === 'NetSuiteSyncDeadLetters' && a.state === 'firing',
			),
		{ timeoutMs: 150_000, intervalMs: 2000 },
	);
	assert.equal(firing.labels.queue, 'ns.jobs.dead');
	assert.equal(Number(firing.value), 3);

	stub.down = true;
	try {
		const down = parseSamples(await scrape(ctx));
		assert.equal(down.get('netsuite_sync_rabbitmq_up{}'), 0);
		assert.ok(
			![...down.keys()].some((k) => k.startsWith('netsuite_sync_queue_messages{')),
			'queue series while the API is down',
		);
		assert.equal(
			down.get(CUSTOMER_NEW),
			samples.get(CUSTOMER_NEW),
			'the sync metrics are still served',
		);
	} finally {
		stub.down = false;
		stub.queues = [];
	}
	return `work 5+2, retry tiers 1 and 2, dead 3 from the management API (${stub.requests} requests); NetSuiteSyncDeadLetters firing for ns.jobs.dead; API down → rabbitmq_up 0, sync metrics still served`;
}
