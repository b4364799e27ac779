/**
 * A real local HTTP server answering from a script, for transport behaviour nock cannot show
 * faithfully through n8n's HTTP stack (dropped connections, requests truly in flight at once).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedReply =
	| { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
	| { reset: true; delayMs?: number };

export interface SeenRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
}

export class ScriptedServer {
	readonly seen: SeenRequest[] = [];

	inFlight = 0;

	peakInFlight = 0;

	private readonly scripts = new Map<string, ScriptedReply[]>();

	private fallback?: (req: SeenRequest) => ScriptedReply;

	private server?: http.Server;

	baseUrl = '';

	/** Replies for `METHOD /path` (path without query), used in order; the last one repeats. */
	script(route: string, ...replies: ScriptedReply[]): this {
		this.scripts.set(route, replies);
		return this;
	}

	otherwise(reply: (req: SeenRequest) => ScriptedReply): this {
		this.fallback = reply;
		return this;
	}

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const seen = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
			this.seen.push(seen);
			this.inFlight++;
			this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
			req.resume();
			const route = `${seen.method} ${seen.url.split('?')[0]}`;
			const queue = this.scripts.get(route);
			const reply =
				queue && queue.length > 0
					? queue.length > 1
						? queue.shift()!
						: queue[0]
					: this.fallback?.(seen);
			const finish = () => {
				this.inFlight--;
				if (!reply) {
					res.writeHead(599).end('no script');
				} else if ('reset' in reply) {
					req.socket.destroy();
				} else {
					const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
					res.writeHead(reply.status, {
						'Content-Type': 'application/json',
						...(reply.headers ?? {}),
					});
					res.end(text);
				}
			};
			if (reply?.delayMs) setTimeout(finish, reply.delayMs);
			else finish();
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	count(route: string): number {
		return this.seen.filter((r) => `${r.method} ${r.url.split('?')[0]}` === route).length;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
	}
}
