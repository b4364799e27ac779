/**
 * The HTTP front: plain node:http, keep-alive. Per governed request:
 *   count → concurrency check (reject at once when full) → take a slot → maybe inject a
 *   fault → read body → authenticate → handle → hold the slot until the latency has passed
 *   since the request arrived → RELEASE THE SLOT → write.
 * The latency is the whole server time of a request (processing included), so a benchmark's
 * floor of N·L/C is what a perfect client would see.
 * Requests under /__sim/ are the control API and skip all of that.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
	invalidLogin,
	OAuthTokenError,
	RestletError,
	SimError,
	serviceUnavailable,
	unexpectedError,
} from './errors';
import {
	json,
	restError,
	restletError,
	tooManyRequests,
	type SimRequest,
	type SimResponse,
} from './http';
import { route, type ErrorStyle, type Route } from './router';
import { CONTROL_METHODS } from './control';
import type { Simulator } from './simulator';
import type { SimulatorControl } from './types';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Waits until `deadline` (performance.now() time). Node timers fire late by up to a millisecond or
 * more; the last millisecond is spent yielding on setImmediate, so a request's latency is what it was
 * configured to be and a benchmark measures the client, not the simulator's timer slack.
 */
async function waitUntil(deadline: number): Promise<void> {
	const remaining = deadline - performance.now();
	if (remaining > 1) await sleep(remaining - 1);
	while (performance.now() < deadline) await nextTurn();
}

/** Rejects when the client goes away mid-body, so an aborted upload cannot hold a slot forever. */
function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let ended = false;
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			ended = true;
			resolve(Buffer.concat(chunks));
		});
		req.on('error', reject);
		req.on('close', () => {
			if (!ended) reject(new Error('client closed the connection before sending the whole body'));
		});
	});
}

function send(res: ServerResponse, r: SimResponse): void {
	if (res.destroyed) return;
	const headers = { ...(r.headers ?? {}) };
	if (r.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(r.body));
	res.writeHead(r.status, headers);
	res.end(r.body);
}

function errorFor(style: ErrorStyle, e: unknown): SimResponse {
	if (e instanceof RestletError) return restletError(e);
	if (e instanceof OAuthTokenError)
		return json(400, { error: e.error }, 'application/json;charset=UTF-8');
	if (e instanceof SimError) {
		if (style === 'restlet')
			return restletError(new RestletError(e.status, e.code, e.detail, e.extras.headers));
		return restError(e);
	}
	console.error('[netsuite-simulator] internal error:', e);
	const err = unexpectedError();
	if (style === 'restlet') return restletError(new RestletError(500, err.code, err.detail));
	return restError(err);
}

function injected(style: ErrorStyle, fault: '429' | '500' | '503', sim: Simulator): SimResponse {
	if (fault === '429') {
		if (style === 'restlet') return restletLimit();
		return tooManyRequests(sim.gov.faults.retryAfterSeconds);
	}
	const err = fault === '500' ? unexpectedError() : serviceUnavailable();
	if (style === 'restlet') return restletError(new RestletError(err.status, err.code, err.detail));
	if (style === 'token')
		return json(err.status, {
			error: fault === '500' ? 'server_error' : 'temporarily_unavailable',
		});
	return restError(err);
}

/** RESTlets answer an exhausted pool with 400 SSS_REQUEST_LIMIT_EXCEEDED [O:bridgehead_1525252812]. */
function restletLimit(): SimResponse {
	return restletError(
		new RestletError(
			400,
			'SSS_REQUEST_LIMIT_EXCEEDED',
			'Concurrent request limit exceeded. Request blocked.',
		),
	);
}

function authenticate(sim: Simulator, r: Route, req: SimRequest): SimResponse | undefined {
	if (!r.auth) return undefined;
	const authorization = req.headers.authorization;
	const bearer =
		authorization && /^Bearer\s+/i.test(authorization)
			? authorization.replace(/^Bearer\s+/i, '').trim()
			: undefined;
	let reason: string | undefined;
	let wwwAuthenticate: string | undefined;
	if (bearer !== undefined) {
		const v = sim.m2m.verify(bearer, r.auth);
		if (!v.ok) {
			reason = v.reason;
			wwwAuthenticate = `Bearer realm="${sim.opts.realm}", error="${v.error}", error_description="Invalid login attempt."`;
		}
	} else {
		const v = sim.tba.verify(req.method, req.url, authorization);
		if (!v.ok) reason = v.reason;
	}
	if (reason === undefined) return undefined;
	sim.logAuthFailure(req.method, req.path, reason);
	const headers = wwwAuthenticate ? { 'WWW-Authenticate': wwwAuthenticate } : undefined;
	if (r.style === 'restlet')
		return restletError(
			new RestletError(401, 'INVALID_LOGIN_ATTEMPT', 'Invalid login attempt.', headers),
		);
	return restError(invalidLogin(headers));
}

/** One request as both handlers take it: the URL already split into path and query. */
interface Exchange {
	req: IncomingMessage;
	res: ServerResponse;
	path: string;
	query: URLSearchParams;
}

async function handleGoverned(sim: Simulator, { req, res, path, query }: Exchange): Promise<void> {
	const arrivedAt = requestStart(req.socket);
	const method = (req.method ?? 'GET').toUpperCase();
	const r = route(method, path);
	sim.store.applyDue();
	sim.counters.request(r.kind);
	const finish = (response: SimResponse): void => {
		sim.counters.sent(response.status);
		if (sim.opts.logRequests)
			console.error(`[netsuite-simulator] ${method} ${req.url} → ${response.status}`);
		send(res, response);
	};
	if (!sim.gov.tryAcquire()) {
		sim.counters.concurrencyRejected();
		finish(
			r.style === 'restlet' ? restletLimit() : tooManyRequests(sim.gov.faults.retryAfterSeconds),
		);
		return;
	}
	let held = true;
	const release = (): void => {
		if (held) {
			held = false;
			sim.gov.release();
		}
	};
	const destroy = (): void => {
		release();
		sim.counters.socketReset();
		req.socket.destroy();
	};
	try {
		const fault = sim.gov.drawFault();
		if (fault === 'reset') return destroy();
		const body = await readBody(req);
		const respondAt = arrivedAt + sim.gov.delayMs();
		let response: SimResponse;
		if (fault === '429' || fault === '500' || fault === '503') {
			if (fault === '429') sim.counters.concurrencyRejected();
			response = injected(r.style, fault, sim);
		} else {
			const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '127.0.0.1');
			const proto = String(req.headers['x-forwarded-proto'] ?? 'http');
			const base = `${proto}://${host}`;
			const simReq: SimRequest = {
				method,
				path,
				query,
				url: `${base}${req.url}`,
				base,
				headers: req.headers,
				body,
			};
			try {
				sim.store.applyDue();
				response = authenticate(sim, r, simReq) ?? r.handle(sim, simReq);
			} catch (e) {
				// The token endpoint answers only "invalid_grant"; the reason goes to the auth log.
				if (e instanceof OAuthTokenError)
					sim.logAuthFailure(method, path, `${e.error}: ${e.reason}`);
				response = errorFor(r.style, e);
			}
		}
		await waitUntil(respondAt);
		if (fault === 'resetAfterApply') return destroy();
		release();
		finish(response);
	} catch (e) {
		release();
		finish(errorFor(r.style, e));
	}
}

async function handleControl(
	control: SimulatorControl,
	sim: Simulator,
	{ req, res, path, query }: Exchange,
): Promise<void> {
	const reply = (status: number, body: unknown): void => send(res, json(status, body));
	try {
		const body = await readBody(req);
		const parts = path.split('/').filter(Boolean).slice(1);
		let name = parts[0] ?? '';
		if (name === 'auth-log') name = 'authLog';
		if (name === 'health') return reply(200, { result: { ok: true, realm: sim.opts.realm } });
		if (!(CONTROL_METHODS as string[]).includes(name)) {
			return reply(404, {
				error: `Unknown control method '${name}'. Known: ${CONTROL_METHODS.join(', ')}`,
			});
		}
		let args: unknown[] = [];
		const text = body.toString('utf8').trim();
		if (text) {
			const parsed = JSON.parse(text) as unknown;
			args = Array.isArray(parsed)
				? parsed
				: Array.isArray((parsed as { args?: unknown }).args)
					? (parsed as { args: unknown[] }).args
					: [parsed];
		} else if (name === 'records') {
			args = [parts[1] ?? query.get('type') ?? ''];
		}
		const fn = control[name as keyof SimulatorControl] as (...a: unknown[]) => Promise<unknown>;
		const result = await fn(...args);
		reply(200, { result: result === undefined ? null : result });
	} catch (e) {
		reply(400, { error: (e as Error).message });
	}
}

export interface RunningServer {
	server: Server;
	port: number;
	close(): Promise<void>;
}

/**
 * When a request reached the server: for the first request on a connection, when the connection
 * was accepted (a client opening a connection per request is already at NetSuite's door then);
 * afterwards, when its headers were read.
 */
const acceptedAt = new WeakMap<Socket, number>();
function requestStart(socket: Socket): number {
	const accepted = acceptedAt.get(socket);
	if (accepted === undefined) return performance.now();
	acceptedAt.delete(socket);
	return accepted;
}

export function startServer(
	sim: Simulator,
	control: SimulatorControl,
	host: string,
	port: number,
): Promise<RunningServer> {
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		const u = new URL(req.url ?? '/', 'http://localhost');
		const exchange: Exchange = { req, res, path: u.pathname, query: u.searchParams };
		const run =
			u.pathname === '/__sim' || u.pathname.startsWith('/__sim/')
				? handleControl(control, sim, exchange)
				: handleGoverned(sim, exchange);
		run.catch((e) => {
			console.error('[netsuite-simulator] request failed:', e);
			if (!res.headersSent) send(res, restError(unexpectedError()));
		});
	});
	// Long-lived keep-alive connections, like a load balancer in front of NetSuite.
	server.keepAliveTimeout = 60_000;
	server.headersTimeout = 65_000;
	server.on('connection', (s: Socket) => {
		acceptedAt.set(s, performance.now());
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const address = server.address();
			const actual = typeof address === 'object' && address ? address.port : port;
			resolve({
				server,
				port: actual,
				close: () =>
					new Promise<void>((done) => {
						server.close(() => done());
						for (const s of sockets) s.destroy();
					}),
			});
		});
	});
}
