/** What one run cost NetSuite; nodes attach it to their output so a workflow can log a sync job. */
export interface RunCounters {
	/** HTTP requests sent, retries included. */
	calls: number;
	/** Requests sent again after a refusal or failure. */
	retries: number;
	/** 429 CONCURRENCY_LIMIT_EXCEEDED (and RESTlet SSS_REQUEST_LIMIT_EXCEEDED) answers. */
	throttled: number;
	/** Response bytes as NetSuite declared them (Content-Length). */
	bytes: number;
	/** Time spent waiting in backoff. */
	backoffMs: number;
	/** Wall time since the run's client was created. */
	durationMs: number;
	/** Requests this process may send the account at once as the run ended (adaptive; at most the cap). */
	window: number;
	/** The lowest the window went during the run: below the cap, NetSuite refused for concurrency. */
	windowLowest: number;
}

export function newCounters(): RunCounters {
	return {
		calls: 0,
		retries: 0,
		throttled: 0,
		bytes: 0,
		backoffMs: 0,
		durationMs: 0,
		window: 0,
		windowLowest: 0,
	};
}
