// The demo's job-queue show: a fault proxy in front of the simulator refuses NetSuite's first two
// SuiteQL calls of one queued job (403, as for a role without the permission), so the job goes
// through the retry tiers and succeeds on attempt 3; the demo prints each attempt as it happens.

import { FaultProxy, ProxyRule } from '../helpers/faultProxy';
import { WEBHOOK, WORKFLOW } from './fixtures';
import type { N8nInstance } from './n8n';

/** The demo worker's retry delays (Settings → retryDelaysSeconds), short enough to watch. */
export const DEMO_RETRY_DELAYS = '5, 15, 60';

export async function startDemoProxy(target: string, rules: ProxyRule[]): Promise<FaultProxy> {
	return await new FaultProxy(target, rules).start();
}

/** Pauses workflow 1 (its minute poll would take one of the two refusals) while the demo job runs. */
async function setActive(n8n: N8nInstance, id: string, active: boolean): Promise<void> {
	if (active) return await n8n.activateWorkflow(id);
	await fetch(`${n8n.url}/api/v1/workflows/${id}/deactivate`, {
		method: 'POST',
		headers: { 'X-N8N-API-KEY': await n8n.apiKey() },
	});
}

export async function showRetryToSuccess(
	n8n: N8nInstance,
	secret: string,
	rules: ProxyRule[],
	log: (line: string) => void,
): Promise<void> {
	await setActive(n8n, WORKFLOW.incremental, false);
	try {
		await runJob(n8n, secret, rules, log);
	} finally {
		await setActive(n8n, WORKFLOW.incremental, true);
	}
}

async function runJob(
	n8n: N8nInstance,
	secret: string,
	rules: ProxyRule[],
	log: (line: string) => void,
): Promise<void> {
	const recordType = 'contact';
	const rule: ProxyRule = {
		method: 'POST',
		path: /\/query\/v1\/suiteql$/,
		status: 403,
		times: 2,
		body: {
			title: 'Forbidden',
			status: 403,
			'o:errorDetails': [
				{
					detail: 'Permission Violation (demo): refused twice on purpose.',
					'o:errorCode': 'INSUFFICIENT_PERMISSION',
				},
			],
		},
	};
	rules.push(rule);
	const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
	try {
		const answer = await fetch(n8n.webhookUrl(WEBHOOK.jobs), {
			method: 'POST',
			headers,
			body: JSON.stringify({ recordType }),
		});
		const job = (await answer.json()) as { jobId: number };
		log(
			`[job queue] job ${job.jobId} (${recordType}) queued on RabbitMQ; NetSuite will refuse its first two attempts (retry delays ${DEMO_RETRY_DELAYS} s)`,
		);
		let seen = '';
		for (let i = 0; i < 240; i++) {
			const status = (await (
				await fetch(`${n8n.webhookUrl(WEBHOOK.jobs)}?jobId=${job.jobId}`, { headers })
			).json()) as Record<string, unknown>;
			const line = `${status.status}, attempts ${status.attempts}${status.lastError ? `, last error: ${status.lastError}` : ''}`;
			if (line !== seen) log(`[job queue] job ${job.jobId}: ${(seen = line)}`);
			if (status.status === 'success' || status.status === 'failed') return;
			await new Promise((r) => setTimeout(r, 500));
		}
	} finally {
		rules.splice(rules.indexOf(rule), 1);
	}
}
