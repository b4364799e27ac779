// Everything one n8n line's scenario works with, and the checks shared by its steps.

import assert from 'node:assert/strict';
import type { ProxyRule } from '../helpers/faultProxy';
import type { SimulatorControlClient } from '../simulator/controlClient';
import type { AlertReceiver } from './alertReceiver';
import type { WorkflowClient } from './client';
import type { N8nInstance, N8nLine } from './n8n';
import type { RunDatabase } from './postgres';
import type { RunRabbit } from './rabbitmq';
import type { RunRedis } from './redis';
import { checksum, differences, postgresView, redisView, simulatorView } from './snapshots';
import { waitFor } from './wait';

export interface LineContext {
	line: N8nLine;
	control: SimulatorControlClient;
	/** Rules of the proxy between n8n and the simulator (push to refuse a request, splice to stop). */
	proxyRules: ProxyRule[];
	db: RunDatabase;
	redis: RunRedis;
	n8n: N8nInstance;
	client: WorkflowClient;
	receiver: AlertReceiver;
	/** The run's RabbitMQ vhost with the job-queue topology (only where the job-queue scenarios run). */
	rabbit?: RunRabbit;
}

/** Differences between NetSuite and Postgres (and Redis) for one record type; empty when equal. */
export async function consistency(
	ctx: LineContext,
	recordType: string,
	opts: { redis?: boolean } = {},
): Promise<{ problems: string[]; note: string }> {
	const truth = await simulatorView(ctx.control, recordType);
	const pg = await postgresView(ctx.db.client, recordType);
	const problems = differences(truth, pg, { compareDeleted: true }).map(
		(d) => `Postgres ${recordType}: ${d}`,
	);
	let note = `${recordType}: ${truth.live.size} live + ${truth.deleted.size} deleted, checksum ${checksum(truth)} = Postgres ${checksum(pg)}`;
	if (opts.redis) {
		const cache = await redisView(ctx.redis.client, recordType);
		problems.push(...differences(truth, cache).map((d) => `Redis ${recordType}: ${d}`));
		note += ` = Redis ${checksum(cache)}`;
	}
	return { problems, note };
}

/** Asserts NetSuite and Postgres (and Redis) hold the same records now. */
export async function assertConsistent(
	ctx: LineContext,
	recordType: string,
	opts: { redis?: boolean } = {},
): Promise<string> {
	const { problems, note } = await consistency(ctx, recordType, opts);
	assert.deepEqual(problems, [], `${recordType} differs from NetSuite:\n${problems.join('\n')}`);
	return note;
}

/** Waits until NetSuite and Postgres (and Redis) hold the same records (the trigger polls on its own time). */
export async function waitConsistent(
	ctx: LineContext,
	recordType: string,
	opts: { redis?: boolean; timeoutMs?: number } = {},
): Promise<string> {
	let last: string[] = [];
	return await waitFor(
		`Postgres${opts.redis ? ' and Redis' : ''} to equal NetSuite for ${recordType}`,
		async () => {
			const { problems, note } = await consistency(ctx, recordType, opts);
			last = problems;
			return problems.length === 0 ? note : undefined;
		},
		{ timeoutMs: opts.timeoutMs ?? 120_000, intervalMs: 1000, describe: () => last.join('; ') },
	);
}

export async function jobRow(
	ctx: LineContext,
	jobId: number | string,
): Promise<Record<string, any>> {
	const { rows } = await ctx.db.client.query('SELECT * FROM netsuite_sync_jobs WHERE id = $1', [
		jobId,
	]);
	assert.equal(rows.length, 1, `no netsuite_sync_jobs row ${jobId}`);
	return rows[0];
}

/** Records of a type as the simulator has them, oldest change first (the change feed's order). */
export async function feedOrder(ctx: LineContext, recordType: string) {
	const records = await ctx.control.records(recordType);
	return records.sort(
		(a, b) =>
			a.lastModifiedDate.localeCompare(b.lastModifiedDate) || Number(BigInt(a.id) - BigInt(b.id)),
	);
}

/**
 * Counts requests n8n sends to NetSuite whose path matches, without touching them (a pass-through
 * rule on the proxy). Call the returned function to stop counting; it answers the count.
 */
export function countRequests(ctx: LineContext, path: RegExp, query?: RegExp): () => number {
	let hits = 0;
	const rule = { path, query, status: 0, body: null, when: () => (hits++, false) };
	ctx.proxyRules.push(rule);
	return () => {
		const at = ctx.proxyRules.indexOf(rule);
		if (at >= 0) ctx.proxyRules.splice(at, 1);
		return hits;
	};
}
