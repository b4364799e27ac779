/**
 * SEARCH: workflow 9 (GET /webhook/netsuite/search) through a real n8n 2.x, over 100,000 customers
 * in a fresh PostgreSQL database (schema.sql, its trigram index) and a Redis database of its own.
 * 500 searches of realistic prefixes and substrings (words of company names, entity ids, e-mail
 * names), 250 distinct ones each asked twice in shuffled order, so about half are answered by Redis;
 * before them, 100 other searches warm n8n and PostgreSQL. Side by side in the same n8n: the same
 * 500 against a copy of the workflow with the cache off (cacheSeconds 0: Postgres alone). Also the
 * database function alone (EXPLAIN ANALYZE) for the same queries.
 * Standalone: `npx ts-node --transpile-only test/bench/search.ts [--quick]`.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkflowClient } from '../e2e/client';
import { loadWorkflows, WORKFLOW, withSettings } from '../e2e/fixtures';
import { ensureN8n } from '../e2e/n8n';
import { buildAndPack } from '../e2e/packagePack';
import { createRunDatabase } from '../e2e/postgres';
import { claimRedisDb } from '../e2e/redis';
import { postgresConfig, redisConfig } from '../e2e/services';
import { startSimulatorProcess } from '../e2e/simulatorProcess';
import { startStack } from '../e2e/stack';
import { Prng } from '../simulator/data/prng';

interface Latencies {
	p50Ms: number;
	p95Ms: number;
	redisShare: number;
	pgOnlyP50Ms: number;
	pgOnlyP95Ms: number;
}

/** The top level: n8n with N8N_EXPRESSION_ENGINE=legacy (README: "Search latency"); `vm`: n8n's default engine. */
export interface SearchBench extends Latencies {
	customers: number;
	searches: number;
	vm: Latencies;
	queryP50Ms: number;
	queryP95Ms: number;
	queryMaxMs: number;
}

const LEADS = [
	'North',
	'South',
	'Blue',
	'Green',
	'Silver',
	'Golden',
	'Red',
	'Iron',
	'Stone',
	'River',
	'Lake',
	'Harbor',
	'Summit',
	'Pine',
	'Oak',
	'Maple',
	'Cedar',
	'Eagle',
	'Falcon',
	'Fox',
	'Bear',
	'Wolf',
	'Lion',
	'Star',
	'Sun',
	'Moon',
	'Bright',
	'Swift',
	'Prime',
	'Apex',
	'Nova',
	'Vista',
	'Crest',
	'Bay',
	'Coast',
	'Prairie',
	'Meadow',
	'Valley',
	'Ridge',
	'Canyon',
	'Atlas',
	'Orion',
	'Zenith',
	'Polar',
	'Delta',
	'Sigma',
	'Omega',
	'Alpha',
	'Vertex',
	'Quantum',
	'Müller',
	'Café',
	'Björk',
	'Señor',
	'Ångström',
	'Zürich',
	'Crème',
	'Élan',
	'Nuñez',
	'Gómez',
];
const CORES = [
	'Bakery',
	'Logistics',
	'Foods',
	'Systems',
	'Labs',
	'Textiles',
	'Motors',
	'Pharma',
	'Energy',
	'Media',
	'Outfitters',
	'Brewing',
	'Dental',
	'Legal',
	'Design',
	'Robotics',
	'Analytics',
	'Farms',
	'Marine',
	'Aviation',
	'Builders',
	'Plumbing',
	'Electric',
	'Printing',
	'Travel',
	'Fitness',
	'Apparel',
	'Furniture',
	'Optics',
	'Coffee',
	'Tea',
	'Wines',
	'Paper',
	'Plastics',
	'Metals',
	'Glass',
	'Software',
	'Hardware',
	'Security',
	'Consulting',
];
const TAILS = [
	'Inc',
	'LLC',
	'Ltd',
	'GmbH',
	'SA',
	'Co',
	'Group',
	'Partners',
	'Holdings',
	'Supply',
	'Trading',
	'Services',
	'International',
	'Works',
	'Studio',
	'Collective',
];

/** Deterministic, varied customers: ~2,400 lead/core pairs, a tail, a number; e-mail and phone. */
function customer(rng: Prng, id: number): Record<string, unknown> {
	const lead = rng.pick(LEADS);
	const core = rng.pick(CORES);
	const name = `${lead} ${core} ${rng.pick(TAILS)} ${rng.int(1, 999)}`;
	const slug = `${lead}${core}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	return {
		id: String(id),
		companyName: name,
		entityId: `CUST${id}`,
		email: `${rng.pick(['info', 'sales', 'ap', 'orders', 'hello'])}@${slug}${rng.int(1, 99)}.example.com`,
		phone: `(${rng.int(200, 999)}) ${rng.int(200, 999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`,
	};
}

/** A search a person types: a word's prefix, a piece of a word, two words, an entity id, an e-mail name. */
function query(rng: Prng, record: Record<string, unknown>): string {
	const name = String(record.companyName);
	const words = name.split(' ');
	switch (rng.int(0, 5)) {
		case 0:
			return words[0].slice(0, rng.int(3, Math.max(3, words[0].length))).toLowerCase();
		case 1: {
			const word = words[1];
			const start = rng.int(0, Math.max(0, word.length - 4));
			return word.slice(start, start + rng.int(3, 5)).toLowerCase();
		}
		case 2:
			return `${words[0]} ${words[1].slice(0, 3)}`
				.normalize('NFD')
				.replace(/\p{M}/gu, '')
				.toLowerCase();
		case 3:
			return String(record.entityId).slice(0, rng.int(6, 8));
		case 4:
			return String(record.email).split('@')[1].slice(0, rng.int(5, 9));
		default:
			return name.slice(0, rng.int(4, 10)).trim();
	}
}

const quantile = (sorted: number[], q: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

export async function searchBench(
	opts: { customers?: number; searches?: number; build?: boolean } = {},
): Promise<SearchBench> {
	const customers = opts.customers ?? 100_000;
	const searches = opts.searches ?? 500;
	const rng = new Prng(20261204);
	const work = await fs.mkdtemp(path.join(os.tmpdir(), 'netsuite-bench-search-'));
	const db = await createRunDatabase(postgresConfig(), 'netsuite_bench_search');
	const redis = await claimRedisDb(redisConfig());
	const sim = await startSimulatorProcess({ records: { customer: 5 } });
	let stop: (() => Promise<void>) | undefined;
	try {
		const rows: Array<Record<string, unknown>> = [];
		for (let id = 1; id <= customers; id++) rows.push(customer(rng, id));
		for (let at = 0; at < rows.length; at += 10_000) {
			await db.client.query(
				`INSERT INTO netsuite_records (record_type, id, last_modified, payload)
				 SELECT 'customer', r->>'id', now(), r FROM jsonb_array_elements($1::jsonb) r`,
				[JSON.stringify(rows.slice(at, at + 10_000))],
			);
		}
		await db.client.query('VACUUM ANALYZE netsuite_records');

		const distinct = new Set<string>();
		while (distinct.size < searches / 2)
			distinct.add(query(rng, rows[rng.int(0, rows.length - 1)]));
		const asked = [...distinct, ...distinct].sort(() => rng.next() - 0.5);
		const warmup: string[] = [];
		while (warmup.length < 100) {
			const q = query(rng, rows[rng.int(0, rows.length - 1)]);
			if (!distinct.has(q)) warmup.push(q);
		}

		const fields = ['companyName', 'entityId', 'email', 'phone'];
		const queryMs: number[] = [];
		for (const q of [...warmup.slice(0, 20), ...distinct]) {
			const { rows: plan } = await db.client.query(
				"EXPLAIN (ANALYZE, FORMAT JSON) SELECT netsuite_search(ARRAY['customer'], $1, 20, $2::text[])",
				[q, fields],
			);
			queryMs.push(plan[0]['QUERY PLAN'][0]['Execution Time']);
		}
		const sortedQuery = queryMs.slice(20).sort((a, b) => a - b);

		const install = await ensureN8n('2');
		const packageTgz = await buildAndPack(work, { build: opts.build ?? true });
		const secret = randomBytes(24).toString('base64url');
		const shipped = (await loadWorkflows()).find(
			(w) => w.workflow.id === WORKFLOW.search,
		)!.workflow;
		const pgOnly = withSettings(
			{ ...shipped, id: 'NetSuiteSearchPg', name: 'Search, cache off (benchmark)' },
			{ cacheSeconds: 0 },
		);
		for (const node of pgOnly.nodes) {
			if (node.type === 'n8n-nodes-base.webhook') {
				node.parameters.path = 'netsuite/search-pg';
				(node as { webhookId?: string }).webhookId = 'b7a4b1f0-5c39-4c43-9b7e-search0pg001';
			}
		}
		const measure = async (engine: Record<string, string>, folder: string) => {
			for await (const key of redis.client.scanIterator({
				MATCH: 'netsuite:search:*',
				COUNT: 1000,
			}))
				await redis.client.del(key);
			const stack = await startStack({
				install,
				packageTgz,
				netsuite: sim,
				postgres: { config: db.config, database: db.name },
				redis: { config: redis.config, db: redis.db },
				webhookSecret: secret,
				activateOnly: [WORKFLOW.search],
				extraWorkflows: [pgOnly],
				userFolder: path.join(work, folder),
				// n8n's default log level, as in production (the e2e suite's debug level logs every expression).
				env: { N8N_LOG_LEVEL: 'info', ...engine },
			});
			stop = () => stack.n8n.stop();
			try {
				const client = new WorkflowClient(stack.n8n, secret);
				const run = async (webhook: string, list: string[]) => {
					const times: number[] = [];
					const sources: string[] = [];
					for (const q of list) {
						const answer = await client.call('GET', webhook, { query: { type: 'customer', q } });
						if (answer.status !== 200)
							throw new Error(
								`search "${q}" answered ${answer.status}: ${JSON.stringify(answer.body)}`,
							);
						times.push(answer.ms);
						sources.push(answer.body.source);
					}
					return { sorted: times.sort((a, b) => a - b), sources };
				};
				await run('netsuite/search', warmup);
				await run('netsuite/search-pg', warmup);
				// Interleaved halves, so that neither variant gets the quieter moment of the machine.
				const half = Math.ceil(asked.length / 2);
				const a1 = await run('netsuite/search', asked.slice(0, half));
				const b1 = await run('netsuite/search-pg', asked.slice(0, half));
				const a2 = await run('netsuite/search', asked.slice(half));
				const b2 = await run('netsuite/search-pg', asked.slice(half));
				const withCache = [...a1.sorted, ...a2.sorted].sort((a, b) => a - b);
				const alone = [...b1.sorted, ...b2.sorted].sort((a, b) => a - b);
				const sources = [...a1.sources, ...a2.sources];
				if ([...b1.sources, ...b2.sources].some((s) => s !== 'postgres'))
					throw new Error('the cache-off copy answered from elsewhere than Postgres');
				return {
					p50Ms: quantile(withCache, 0.5),
					p95Ms: quantile(withCache, 0.95),
					redisShare: sources.filter((s) => s === 'redis').length / sources.length,
					pgOnlyP50Ms: quantile(alone, 0.5),
					pgOnlyP95Ms: quantile(alone, 0.95),
				};
			} finally {
				await stack.n8n.stop();
				stop = undefined;
			}
		};
		// n8n 2.x evaluates expressions in an isolate (engine "vm", the default) and takes a fresh one
		// for every execution; "legacy" evaluates them in n8n's own process. Same data, same searches.
		const vm = await measure({}, 'n8n-vm');
		const legacy = await measure({ N8N_EXPRESSION_ENGINE: 'legacy' }, 'n8n-legacy');
		return {
			customers,
			searches: asked.length,
			...legacy,
			vm,
			queryP50Ms: quantile(sortedQuery, 0.5),
			queryP95Ms: quantile(sortedQuery, 0.95),
			queryMaxMs: sortedQuery[sortedQuery.length - 1],
		};
	} finally {
		await stop?.().catch(() => undefined);
		await sim.stop();
		await db.drop();
		await redis.release();
		await fs.rm(work, { recursive: true, force: true });
	}
}

if (require.main === module) {
	const quick = process.argv.includes('--quick');
	searchBench(quick ? { customers: 20_000, searches: 200 } : {}).then(
		(r) => console.log(JSON.stringify(r)),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
