// A local stand-in for a Slack incoming webhook: collects what the failure-alert workflow posts.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
	at: number;
	headers: http.IncomingHttpHeaders;
	body: unknown;
}

export interface AlertReceiver {
	url: string;
	alerts: ReceivedAlert[];
	/** Resolves with the first alert (received since `since`) matching `predicate`, or throws after timeoutMs. */
	waitFor(
		predicate: (alert: ReceivedAlert) => boolean,
		opts?: { timeoutMs?: number; since?: number },
	): Promise<ReceivedAlert>;
	stop(): Promise<void>;
}

export async function startAlertReceiver(
	onAlert?: (alert: ReceivedAlert) => void,
): Promise<AlertReceiver> {
	const alerts: ReceivedAlert[] = [];
	const server = http.createServer((req, res) => {
		let text = '';
		req.on('data', (d: Buffer) => (text += d.toString()));
		req.on('end', () => {
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// keep the text
			}
			const alert = { at: Date.now(), headers: req.headers, body };
			alerts.push(alert);
			onAlert?.(alert);
			// What Slack answers.
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack-webhook`;
	return {
		url,
		alerts,
		async waitFor(predicate, opts = {}) {
			const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
			const since = opts.since ?? 0;
			while (Date.now() < deadline) {
				const found = alerts.find((a) => a.at >= since && predicate(a));
				if (found) return found;
				await new Promise((r) => setTimeout(r, 200));
			}
			throw new Error(
				`no matching alert within ${opts.timeoutMs ?? 60_000} ms; received: ${JSON.stringify(alerts.filter((a) => a.at >= since).map((a) => a.body)).slice(0, 2000)}`,
			);
		},
		async stop() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
