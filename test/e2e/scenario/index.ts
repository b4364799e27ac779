// The scenario each n8n line runs, in order; each step builds on the state the previous ones left.

import type { LineContext } from '../context';
import { changesReachPostgresAndRedis } from './changes';
import { failedRecordsAndReplay } from './failedRecords';
import { finalState } from './finalState';
import { initialTriggerSync } from './initialSync';
import { alwaysFailingIsDeadLettered, jobSucceeds, replayAfterFix, retriesThenSucceeds } from './jobQueue';
import { brokerOutage, workerKilledMidJob } from './jobQueueRecovery';
import { forceAndSince, startAndFollowJob } from './onDemandSync';
import { upsertFailureAlertsAndResumes } from './postgresFailure';
import { readThroughLookup } from './readThrough';
import { crashedLeaseIsTakenOver, triggerPollsOnSchedule } from './schedules';
import { nothingLostUnder429s } from './throttling';
import { refuseWithoutSecret, validateBeforeNetSuite } from './webhookGuards';

export const SCENARIO: Array<[string, (ctx: LineContext) => Promise<string>]> = [
	['workflow 1: first poll loads every customer into Postgres and Redis, with its job row', initialTriggerSync],
	['webhooks refuse calls without the secret and start nothing', refuseWithoutSecret],
	['webhooks reject malformed input before any NetSuite call', validateBeforeNetSuite],
	['workflow 3 → 2: 202 + job id at once, same job for a second request, Postgres = NetSuite', startAndFollowJob],
	['workflow 3 → 2: force re-reads everything, since rewinds; nothing rewritten', forceAndSince],
	['changes, deletions and late commits reach Postgres and Redis', changesReachPostgresAndRedis],
	['30 % injected 429s: nothing lost', nothingLostUnder429s],
	['a refused record lands in the failed-records table and is replayed by id', failedRecordsAndReplay],
	['Postgres upsert fails mid-run: alert arrives, the next run resumes, nothing lost', upsertFailureAlertsAndResumes],
	["a crashed run's lease blocks only until it expires, then is taken over", crashedLeaseIsTakenOver],
	['workflow 4: read-through Redis → Postgres → NetSuite, 404 with NetSuite message', readThroughLookup],
	['workflow 1 picks up a change on its own minute schedule', triggerPollsOnSchedule],
	['end state: Postgres and Redis equal NetSuite, no stray failure', finalState],
];

export { JOB_QUEUE_RETRY_DELAYS } from './jobQueue';

/** The RabbitMQ job queue (run on the n8n 2.x line with TBA only, after SCENARIO). */
export const JOB_QUEUE_SCENARIO: Array<[string, (ctx: LineContext) => Promise<string>]> = [
	['job queue: a job succeeds, queues empty, Postgres = NetSuite; same type → same job', jobSucceeds],
	['job queue: NetSuite refuses two attempts → success on attempt 3 after the retry delays', retriesThenSucceeds],
	['job queue: always failing → dead-letter queue, job failed, exactly one alert', alwaysFailingIsDeadLettered],
	['job queue: replay after fixing the cause → success', replayAfterFix],
	['job queue: n8n killed mid-job → redelivered after restart, completes once, nothing doubled', workerKilledMidJob],
	['job queue: RabbitMQ stopped → 503, nothing written; started again → waiting job runs', brokerOutage],
];
