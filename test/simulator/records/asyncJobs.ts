/**
 * `Prefer: respond-async` jobs [O:subsect_161278579295]: the write runs at once, the client
 * gets 202 + Location /services/rest/async/v1/job/<n> and can read job → task → result.
 * The result replays what the synchronous call would have answered (204 + Location, or the
 * error envelope).
 */
import { recordNotFound, SimError } from '../errors';
import { CONTENT_TYPE, json, restError, type SimResponse } from '../http';
import { isoSeconds } from '../timezone';

interface Job {
	id: number;
	startMs: number;
	endMs: number;
	result: SimResponse;
	succeeded: boolean;
}

export class AsyncJobs {
	private seq = 1;
	private readonly jobs = new Map<number, Job>();

	clear(): void {
		this.jobs.clear();
	}

	run(fn: () => SimResponse, base: string): { id: number; location: string } {
		const id = this.seq++;
		const startMs = Date.now();
		let result: SimResponse;
		try {
			result = fn();
		} catch (e) {
			if (!(e instanceof SimError)) throw e;
			result = restError(e);
		}
		this.jobs.set(id, { id, startMs, endMs: Date.now(), result, succeeded: result.status < 400 });
		return { id, location: `${base}/services/rest/async/v1/job/${id}` };
	}

	/** GET /services/rest/async/v1/job/<id>[/task[/<id>[/result]]] */
	get(base: string, segments: string[]): SimResponse {
		const job = this.jobs.get(Number(segments[0]));
		if (!job || !/^\d+$/.test(segments[0])) throw recordNotFound();
		const jobHref = `${base}/services/rest/async/v1/job/${job.id}`;
		const taskHref = `${jobHref}/task/${job.id}`;
		const progress = job.succeeded ? 'succeeded' : 'failed';
		if (segments.length === 1) {
			return json(
				200,
				{
					links: [{ rel: 'self', href: jobHref }],
					completed: true,
					id: String(job.id),
					progress,
					task: { links: [{ rel: 'related', href: `${jobHref}/task` }] },
				},
				CONTENT_TYPE.singular,
			);
		}
		if (segments[1] !== 'task') throw recordNotFound();
		if (segments.length === 2) {
			return json(
				200,
				{
					links: [{ rel: 'self', href: `${jobHref}/task` }],
					count: 1,
					hasMore: false,
					items: [{ links: [{ rel: 'self', href: taskHref }], id: String(job.id) }],
					offset: 0,
					totalResults: 1,
				},
				CONTENT_TYPE.collection,
			);
		}
		if (segments[2] !== String(job.id)) throw recordNotFound();
		if (segments.length === 3) {
			return json(
				200,
				{
					links: [{ rel: 'self', href: taskHref }],
					completed: true,
					endTime: isoSeconds(job.endMs),
					id: String(job.id),
					progress,
					result: { links: [{ rel: 'related', href: `${taskHref}/result` }] },
					startTime: isoSeconds(job.startMs),
				},
				CONTENT_TYPE.singular,
			);
		}
		if (segments[3] === 'result' && segments.length === 4) return job.result;
		throw recordNotFound();
	}
}
