// The scenario each n8n line runs, in order; each step builds on the state the previous ones left.

import type { LineContext } from '../context';
import { changesReachPostgresAndRedis } from './changes';
import { editorFirstUse } from './editorFirstUse';
import { failedRecordsAndReplay } from './failedRecords';
import { finalState } from './finalState';
import { initialTriggerSync } from './initialSync';
import {
	alwaysFailingIsDeadLettered,
	jobSucceeds,
	replayAfterFix,
	retriesThenSucceeds,
} from './jobQueue';
import { brokerOutage, workerKilledMidJob } from './jobQueueRecovery';
import { forceAndSince, startAndFollowJob } from './onDemandSync';
import { upsertFailureAlertsAndResumes } from './postgresFailure';
import { readThroughLookup } from './readThrough';
import {
	searchColdTypeFallsBackToNetSuite,
	searchPostgresThenRedis,
	searchRefusesBadInput,
	searchSeesRenamesAfterTheTtl,
} from './search';
import { crashedLeaseIsTakenOver, triggerPollsOnSchedule } from './schedules';
import { nothingLostUnder429s } from './throttling';
import { refuseWithoutSecret, validateBeforeNetSuite } from './webhookGuards';
import {
	countersSurviveRollupAndPruning,
	prometheusHoldsTheScenario,
	prometheusScrapesMetrics,
	queueDepthsAndDeadLetterAlert,
} from './metrics';
export { stopPrometheus } from './metrics';

export const SCENARIO: Array<[string, (ctx: LineContext) => Promise<string>]> = [
	[
		'workflow 1: first poll loads every customer into Postgres and Redis, with its job row',
		initialTriggerSync,
	],
	['webhooks refuse calls without the secret and start nothing', refuseWithoutSecret],
	['webhooks reject malformed input before any NetSuite call', validateBeforeNetSuite],
	[
		'workflow 3 → 2: 202 + job id at once, same job for a second request, Postgres = NetSuite',
		startAndFollowJob,
	],
	['workflow 3 → 2: force re-reads everything, since rewinds; nothing rewritten', forceAndSince],
	['changes, deletions and late commits reach Postgres and Redis', changesReachPostgresAndRedis],
	['30 % injected 429s: nothing lost', nothingLostUnder429s],
	[
		'a refused record lands in the failed-records table and is replayed by id',
		failedRecordsAndReplay,
	],
	[
		'Postgres upsert fails mid-run: alert arrives, the next run resumes, nothing lost',
		upsertFailureAlertsAndResumes,
	],
	[
		"a crashed run's lease blocks only until it expires, then is taken over",
		crashedLeaseIsTakenOver,
	],
	[
		'workflow 4: read-through Redis → Postgres → NetSuite, 404 with NetSuite message',
		readThroughLookup,
	],
	['workflow 1 picks up a change on its own minute schedule', triggerPollsOnSchedule],
	['end state: Postgres and Redis equal NetSuite, no stray failure', finalState],
];

/** Run once, on n8n 2.x with Token-Based Auth: a new user's first steps in the editor, in Chromium. */
export const BROWSER_SCENARIO: Array<[string, (ctx: LineContext) => Promise<string>]> = [
	[
		'editor in Chromium: node panel labels, Get Many by record-type label → 5 records without links, TBA credential test passes',
		editorFirstUse,
	],
];

type Step = (typeof SCENARIO)[number];

/** Workflow 9, on n8n 2.x with TBA (after the read-through lookup; its item syncs feed the end state). */
const SEARCH_SCENARIO: Step[] = [
	[
		'workflow 9: search refuses bad input with 400 naming the field, 403 without the secret, no NetSuite call',
		searchRefusesBadInput,
	],
	[
		'workflow 9: search answers from Postgres, then Redis; accents, ranking, literal % and _, deleted never',
		searchPostgresThenRedis,
	],
	[
		'workflow 9: a rename is found by its new name after the sync, the old name gone after the cache TTL',
		searchSeesRenamesAfterTheTtl,
	],
	[
		'workflow 9: a type never synced is answered by NetSuite (one SuiteQL) and its sync starts; then local',
		searchColdTypeFallsBackToNetSuite,
	],
];

/**
 * The scenario of one run. On n8n 2.x with TBA a real Prometheus also scrapes workflow 8 from right
 * after the first sync to the end (one Prometheus run is enough; the other runs import and activate
 * workflow 8 all the same).
 */
export function scenarioFor(line: string, auth: string): Step[] {
	if (line !== '2' || auth !== 'tba') return SCENARIO;
	return [
		SCENARIO[0],
		[
			'workflow 8: GET /netsuite/metrics (secret, promtool check metrics) scraped by a real Prometheus',
			prometheusScrapesMetrics,
		],
		...SCENARIO.slice(1, -2),
		...SEARCH_SCENARIO,
		...SCENARIO.slice(-2),
		[
			'workflow 8: Prometheus holds the scenario: records = job rows = simulator, freshness, 429s, no counter reset',
			prometheusHoldsTheScenario,
		],
		[
			'workflow 8: queue depths from the RabbitMQ management API; dead-letter alert fires; API down → rabbitmq_up 0',
			queueDepthsAndDeadLetterAlert,
		],
		[
			'workflow 8: counters survive the rollup and deleting old job rows',
			countersSurviveRollupAndPruning,
		],
	];
}

export { JOB_QUEUE_RETRY_DELAYS } from './jobQueue';
export { SEARCH_CACHE_SECONDS } from './search';

/** The RabbitMQ job queue (run on the n8n 2.x line with TBA only, after SCENARIO). */
export const JOB_QUEUE_SCENARIO: Array<[string, (ctx: LineContext) => Promise<string>]> = [
	[
		'job queue: a job succeeds, queues empty, Postgres = NetSuite; same type → same job',
		jobSucceeds,
	],
	[
		'job queue: NetSuite refuses two attempts → success on attempt 3 after the retry delays',
		retriesThenSucceeds,
	],
	[
		'job queue: always failing → dead-letter queue, job failed, exactly one alert',
		alwaysFailingIsDeadLettered,
	],
	['job queue: replay after fixing the cause → success', replayAfterFix],
	[
		'job queue: n8n killed mid-job → redelivered after restart, completes once, nothing doubled',
		workerKilledMidJob,
	],
	[
		'job queue: RabbitMQ stopped → 503, nothing written; started again → waiting job runs',
		brokerOutage,
	],
];
