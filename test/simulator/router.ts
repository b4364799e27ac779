/**
 * Maps method + path to a handler, the request kind it counts as, its error style, and the
 * OAuth 2.0 scope a bearer token needs for it. Classification happens before governance so
 * every request (even a rejected one) is counted under its kind.
 */
import { OAuthTokenError, SimError } from './errors';
import {
	CONTENT_TYPE,
	header,
	json,
	parseJsonBody,
	type SimRequest,
	type SimResponse,
} from './http';
import { getRecord, getSublist, listRecords, writeRecord } from './records/handlers';
import { governanceLimits, metadataCatalog, recordSchema } from './metadata';
import { handleRestlet } from './restlet';
import { parsePaging } from './records/paging';
import { accountHosts, type Simulator } from './simulator';
import type { M2mScope } from './auth/m2m';
import type { RequestKind } from './types';

export type ErrorStyle = 'rest' | 'restlet' | 'token';

export interface Route {
	kind: RequestKind;
	style: ErrorStyle;
	/** Scope a bearer token needs; false: no authentication (token endpoint, unknown paths). */
	auth: M2mScope | false;
	handle(sim: Simulator, req: SimRequest): SimResponse;
}

const RECORD = '/services/rest/record/v1/';
const ASYNC = '/services/rest/async/v1/job/';

const notAllowed = (method: string): SimError =>
	new SimError(
		405,
		'INVALID_REQUEST',
		`The HTTP method ${method} is not allowed on this resource.`,
	);

const fail = (err: Error) => (): SimResponse => {
	throw err;
};

function rest(kind: RequestKind, handle: Route['handle']): Route {
	return { kind, style: 'rest', auth: 'rest_webservices', handle };
}

export function route(method: string, path: string): Route {
	if (path.startsWith(RECORD)) {
		const seg = path.slice(RECORD.length).split('/').filter(Boolean);
		if (seg[0] === 'metadata-catalog') {
			if (method !== 'GET') return rest('metadata', fail(notAllowed(method)));
			if (seg.length === 1) return rest('metadata', metadataCatalog);
			return rest('metadata', (sim, req) => recordSchema(sim, req, seg[1]));
		}
		if (seg.length === 1) {
			if (method === 'GET') return rest('list', (sim, req) => listRecords(sim, req, seg[0]));
			if (method === 'POST')
				return rest('create', (sim, req) => writeRecord(sim, req, 'create', seg[0]));
			return rest('other', fail(notAllowed(method)));
		}
		if (seg.length === 2) {
			switch (method) {
				case 'GET':
					return rest('get', (sim, req) => getRecord(sim, req, seg[0], seg[1]));
				case 'PATCH':
					return rest('update', (sim, req) => writeRecord(sim, req, 'update', seg[0], seg[1]));
				case 'PUT':
					return rest('upsert', (sim, req) => writeRecord(sim, req, 'upsert', seg[0], seg[1]));
				case 'DELETE':
					return rest('delete', (sim, req) => writeRecord(sim, req, 'delete', seg[0], seg[1]));
				default:
					return rest('other', fail(notAllowed(method)));
			}
		}
		if (seg.length <= 4) {
			if (method !== 'GET') return rest('other', fail(notAllowed(method)));
			return rest('get', (sim, req) => getSublist(sim, req, seg[0], seg[1], seg[2], seg[3]));
		}
	}
	if (path === '/services/rest/query/v1/suiteql' || path === '/services/rest/query/v1/suiteql/') {
		if (method !== 'POST') return rest('suiteql', fail(notAllowed(method)));
		return rest('suiteql', suiteql);
	}
	if (path === '/services/rest/system/v1/governanceLimits') {
		if (method !== 'GET') return rest('governance', fail(notAllowed(method)));
		return rest('governance', (sim) => governanceLimits(sim));
	}
	if (path.startsWith(ASYNC)) {
		if (method !== 'GET') return rest('other', fail(notAllowed(method)));
		return rest('other', (sim, req) =>
			sim.jobs.get(req.base, path.slice(ASYNC.length).split('/').filter(Boolean)),
		);
	}
	if (path === '/services/rest/auth/oauth2/v1/token') {
		return {
			kind: 'token',
			style: 'token',
			auth: false,
			handle:
				method === 'POST'
					? token
					: fail(
							new OAuthTokenError(
								'invalid_request',
								`${method} is not allowed on the token endpoint`,
							),
						),
		};
	}
	if (path === '/app/site/hosting/restlet.nl') {
		if (!['GET', 'POST', 'PUT', 'DELETE'].includes(method))
			return {
				kind: 'restlet',
				style: 'restlet',
				auth: 'restlets',
				handle: fail(notAllowed(method)),
			};
		return {
			kind: 'restlet',
			style: 'restlet',
			auth: 'restlets',
			handle: (_sim, req) => handleRestlet(req),
		};
	}
	return {
		kind: 'other',
		style: 'rest',
		auth: false,
		handle: fail(
			new SimError(404, 'INVALID_URL', `The requested URL ${path} was not found on this server.`),
		),
	};
}

/**
 * `Prefer: transient` is documented as required; what NetSuite does without it is
 * UNCONFIRMED. We answer 400 so a client that forgets it finds out here, not in production.
 */
function suiteql(sim: Simulator, req: SimRequest): SimResponse {
	if (!/\btransient\b/i.test(header(req, 'prefer') ?? '')) {
		throw new SimError(
			400,
			'INVALID_PARAMETER',
			"SuiteQL requests must include the header 'Prefer: transient'.",
			{ header: 'Prefer' },
		);
	}
	const paging = parsePaging(req.query);
	let body: unknown;
	try {
		body = parseJsonBody(req);
	} catch {
		throw new SimError(
			400,
			'INVALID_REQUEST',
			'The request could not be understood by the server due to malformed syntax.',
		);
	}
	const page = sim.suiteql.run(
		body,
		paging,
		(l, o) => `${req.base}/services/rest/query/v1/suiteql?limit=${l}&offset=${o}`,
	);
	return json(200, page, CONTENT_TYPE.collection);
}

function token(sim: Simulator, req: SimRequest): SimResponse {
	const ct = (header(req, 'content-type') ?? '').toLowerCase();
	if (!ct.startsWith('application/x-www-form-urlencoded')) {
		throw new OAuthTokenError(
			'invalid_request',
			'the token request must be application/x-www-form-urlencoded',
		);
	}
	const form = new URLSearchParams(req.body.toString('utf8'));
	const hosts = accountHosts(sim.opts.realm);
	const tokenPath = '/services/rest/auth/oauth2/v1/token';
	const audiences = [
		`${req.base}${tokenPath}`,
		`https://${hosts.rest}${tokenPath}`,
		`https://${hosts.restlets}${tokenPath}`,
	];
	const answer = sim.m2m.issue(form, audiences);
	return json(200, answer, 'application/json;charset=UTF-8', { 'Cache-Control': 'no-store' });
}
