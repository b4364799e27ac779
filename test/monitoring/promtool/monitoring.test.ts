// The monitoring files in workflows/monitoring/ against the metrics endpoint and promtool (Debian's
// prometheus package): the dashboard and the rules name only metrics the endpoint exposes, promtool
// accepts the rules, the example config and the formatter's output, and the alert rules fire on
// synthetic stale / dead-letter series and stay quiet on healthy ones.

import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promtool } from '../../helpers/promtool';
import {
	exposedFamilies,
	exposedSampleNames,
	formatterCode,
	metricNames,
	MONITORING_DIR,
} from '../metricCatalog';

interface Panel {
	id: number;
	type: string;
	title: string;
	datasource?: { type: string; uid: string };
	targets?: Array<{ expr: string; refId: string }>;
	panels?: Panel[];
}

const dashboard = JSON.parse(
	readFileSync(path.join(MONITORING_DIR, 'grafana-dashboard.json'), 'utf8'),
) as {
	uid: string;
	schemaVersion: number;
	__inputs: Array<{ name: string; type: string; pluginId: string }>;
	templating: { list: Array<{ name: string }> };
	panels: Panel[];
};
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const queryPanels = panels.filter((p) => p.type !== 'row');

describe('metric names', () => {
	it('reads the families the endpoint exposes from the workflow', () => {
		const families = exposedFamilies();
		expect(families.get('netsuite_sync_records_total')).toBe('counter');
		expect(families.get('netsuite_sync_freshness_seconds')).toBe('gauge');
		// Prometheus conventions: counters end in _total, no other type does.
		for (const [name, type] of families)
			expect([name, name.endsWith('_total')]).toEqual([name, type === 'counter']);
	});

	it('finds metric names in PromQL, not functions, keywords or labels', () => {
		expect(
			metricNames(
				'sum by (outcome) (rate(netsuite_sync_records_total{record_type=~"$record_type"}[$__rate_interval])) * 60',
			),
		).toEqual(['netsuite_sync_records_total']);
		expect(metricNames('delta(a_b[1h]) > 0 and c_d{x="y"} > 0 unless on (job) up')).toEqual([
			'a_b',
			'c_d',
			'up',
		]);
	});
});

describe('Grafana dashboard (workflows/monitoring/grafana-dashboard.json)', () => {
	it('is an importable dashboard: uid, schema version, a Prometheus data source input, unique panel ids', () => {
		expect(dashboard.uid).toBe('netsuite-sync');
		expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
		expect(dashboard.__inputs).toEqual([
			expect.objectContaining({
				name: 'DS_PROMETHEUS',
				type: 'datasource',
				pluginId: 'prometheus',
			}),
		]);
		const ids = panels.map((p) => p.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const p of queryPanels) {
			expect([p.title, p.datasource]).toEqual([
				p.title,
				{ type: 'prometheus', uid: '${DS_PROMETHEUS}' },
			]);
			expect([p.title, (p.targets ?? []).length > 0]).toEqual([p.title, true]);
		}
	});

	it('shows freshness, records by outcome, NetSuite calls and 429s, job outcomes and queue depths', () => {
		const all = queryPanels.flatMap((p) => p.targets!.map((t) => t.expr)).join('\n');
		for (const name of [
			'netsuite_sync_freshness_seconds',
			'netsuite_sync_records_total',
			'netsuite_sync_api_requests_total',
			'netsuite_sync_api_throttled_total',
			'netsuite_sync_jobs_failed_total',
			'netsuite_sync_queue_messages',
		]) {
			expect([name, all.includes(name)]).toEqual([name, true]);
		}
	});

	it("every panel expression names only metrics the endpoint exposes (or Prometheus' own up)", () => {
		const known = exposedSampleNames().add('up');
		const unknown = queryPanels.flatMap((p) =>
			p.targets!.flatMap((t) =>
				metricNames(t.expr)
					.filter((n) => !known.has(n))
					.map((n) => `${p.title}: ${n}`),
			),
		);
		expect(unknown).toEqual([]);
		const variables = new Set(
			dashboard.templating.list
				.map((v) => v.name)
				.concat(['__rate_interval', '__interval', '__range']),
		);
		const undefinedVariables = queryPanels.flatMap((p) =>
			p.targets!.flatMap((t) =>
				[...t.expr.matchAll(/\$(\w+)/g)].map((m) => m[1]).filter((v) => !variables.has(v)),
			),
		);
		expect(undefinedVariables).toEqual([]);
	});
});

describe('alert rules (workflows/monitoring/alerts.yml)', () => {
	const rulesFile = path.join(MONITORING_DIR, 'alerts.yml');

	it('promtool check rules accepts them', async () => {
		expect(await promtool(['check', 'rules', rulesFile])).toMatch(/SUCCESS: 7 rules found/);
	});

	it('name only metrics the endpoint exposes, and each has a summary', () => {
		const text = readFileSync(rulesFile, 'utf8');
		const known = exposedSampleNames().add('up');
		const exprs = [...text.matchAll(/expr: (?:>-\n((?:\s{10}.*\n)+)|(.*)\n)/g)].map((m) =>
			(m[1] ?? m[2]).trim(),
		);
		expect(exprs).toHaveLength(7);
		expect(exprs.flatMap((e) => metricNames(e)).filter((n) => !known.has(n))).toEqual([]);
		expect(text.match(/^\s+summary: /gm)).toHaveLength(7);
	});

	it('fire on stale and dead-letter series and stay quiet on healthy ones (promtool test rules)', async () => {
		const output = await promtool(['test', 'rules', 'alerts.test.yml'], { cwd: __dirname });
		expect(output).toMatch(/SUCCESS/);
	});
});

describe('Prometheus example config (workflows/monitoring/prometheus.yml)', () => {
	it('promtool check config accepts it, with its rule file', async () => {
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'netsuite-prom-'));
		try {
			const secret = path.join(dir, 'secret');
			await fs.writeFile(secret, 'example-secret');
			const config = (
				await fs.readFile(path.join(MONITORING_DIR, 'prometheus.yml'), 'utf8')
			).replace('/etc/prometheus/netsuite-sync-webhook-secret', secret);
			expect(config).toContain(`credentials_file: ${secret}`);
			await fs.writeFile(path.join(dir, 'prometheus.yml'), config);
			await fs.copyFile(path.join(MONITORING_DIR, 'alerts.yml'), path.join(dir, 'alerts.yml'));
			expect(await promtool(['check', 'config', path.join(dir, 'prometheus.yml')])).toMatch(
				/SUCCESS: 7 rules found/,
			);
		} finally {
			await fs.rm(dir, { recursive: true, force: true });
		}
	});
});

describe('formatter node (Prometheus text)', () => {
	/** Runs the node's code as n8n's Code node would, with the given node outputs. */
	function format(
		samples: unknown[],
		queue?: { settings: Record<string, string>; answers: object[] },
	): string {
		const nodes: Record<
			string,
			{ isExecuted: boolean; all: () => Array<{ json: object }>; first: () => { json: object } }
		> = {
			'Read metrics': {
				isExecuted: true,
				all: () => [{ json: { samples } }],
				first: () => ({ json: { samples } }),
			},
			'Queue depths': {
				isExecuted: !!queue,
				all: () => (queue?.answers ?? []).map((json) => ({ json })),
				first: () => ({ json: queue?.answers[0] ?? {} }),
			},
			Settings: {
				isExecuted: true,
				all: () => [{ json: queue?.settings ?? {} }],
				first: () => ({ json: queue?.settings ?? {} }),
			},
		};
		const run = new Function('$', formatterCode()) as (
			$: (name: string) => unknown,
		) => Array<{ json: { body: string } }>;
		return run((name) => nodes[name])[0].json.body;
	}

	it('writes HELP and TYPE for every family and escapes label values; promtool check metrics accepts it', async () => {
		const body = format([
			['netsuite_sync_records_total', { record_type: 'customer', outcome: 'new' }, 307],
			['netsuite_sync_job_duration_seconds_sum', { record_type: 'odd "type"\\x' }, 1.5],
			['netsuite_sync_job_duration_seconds_count', { record_type: 'odd "type"\\x' }, 2],
			['netsuite_sync_freshness_seconds', { record_type: 'customer' }, 12.25],
		]);
		for (const [name, type] of exposedFamilies())
			expect(body).toContain(`# TYPE ${name} ${type}\n`);
		expect(body).toContain(
			'netsuite_sync_records_total{record_type="customer",outcome="new"} 307\n',
		);
		expect(body).toContain(
			'netsuite_sync_job_duration_seconds_sum{record_type="odd \\"type\\"\\\\x"} 1.5\n',
		);
		expect(await promtool(['check', 'metrics'], { stdin: body })).toBe('');
	});

	it('refuses a sample the catalog does not describe', () => {
		expect(() => format([['netsuite_sync_surprise_total', {}, 1]])).toThrow(
			/netsuite_sync_surprise_total.*add it to FAMILIES/,
		);
	});

	it('adds queue depths by role, and rabbitmq_up 0 instead of failing when the management API does not answer', () => {
		const settings = { workQueue: 'jobs', retryQueue: 'retry', deadLetterQueue: 'dead' };
		const up = format([], {
			settings,
			answers: [
				{ name: 'jobs', messages_ready: 4, messages_unacknowledged: 1 },
				{ name: 'retry.2', messages_ready: 6, messages_unacknowledged: 0 },
				{ name: 'retryish', messages_ready: 7 },
				{ name: 'dead', messages_ready: 2, messages_unacknowledged: 0 },
				{ name: 'other', messages_ready: 9 },
			],
		});
		expect(up).toContain('netsuite_sync_rabbitmq_up 1\n');
		expect(up).toContain(
			'netsuite_sync_queue_messages{queue="jobs",role="work",state="ready"} 4\n',
		);
		expect(up).toContain(
			'netsuite_sync_queue_messages{queue="dead",role="dead_letter",state="ready"} 2\n',
		);
		expect(up).toContain(
			'netsuite_sync_queue_messages{queue="retry.2",role="retry",state="ready"} 6\n',
		);
		expect(up).not.toMatch(/queue="retry"|queue="retryish"|queue="other"/);
		const down = format([], {
			settings,
			answers: [{ error: 'connect ECONNREFUSED 127.0.0.1:15672' }],
		});
		expect(down).toContain('netsuite_sync_rabbitmq_up 0\n');
		expect(down).not.toContain('netsuite_sync_queue_messages{');
	});
});
