/**
 * RESTlets: /app/site/hosting/restlet.nl?script=<id>&deploy=<id>[&custom=…]. Errors use
 * SuiteScript's `{"error":{"code","message"}}` shape, not the REST envelope
 * [O:section_4634920277]. The TBA signature covers script, deploy and every custom query
 * parameter (the verifier signs the whole query string).
 *
 * Seeded scripts:
 *   6 / customscript_sync_echo  (deploy 1 / customdeploy_sync_echo): echoes {method, query, body}
 *   7 / customscript_sync_fail  (deploy 1 / customdeploy_sync_fail): always throws a user error
 * A `Prefer` header is rejected with 400: RESTlets have no async/transient modes (we treat
 * the header as a client mix-up with the REST services; NetSuite's exact answer is UNCONFIRMED).
 */
import { RestletError } from './errors';
import { header, json, type SimRequest, type SimResponse } from './http';

interface Script {
	ids: string[];
	deploys: string[];
	run(req: SimRequest, query: Record<string, string>, body: unknown): SimResponse;
}

const SCRIPTS: Script[] = [
	{
		ids: ['6', 'customscript_sync_echo'],
		deploys: ['1', 'customdeploy_sync_echo', 'customdeploy1'],
		run: (req, query, body) => json(200, { method: req.method, query, body: body ?? null }),
	},
	{
		ids: ['7', 'customscript_sync_fail'],
		deploys: ['1', 'customdeploy_sync_fail', 'customdeploy1'],
		run: (req) => {
			throw new RestletError(
				400,
				'SYNC_DEMO_ERROR',
				`The demo RESTlet refuses every ${req.method} request (it exists to show the RESTlet error format).`,
			);
		},
	},
];

export function handleRestlet(req: SimRequest): SimResponse {
	if (header(req, 'prefer')) {
		throw new RestletError(
			400,
			'INVALID_REQUEST',
			'The Prefer header is not supported for RESTlets.',
		);
	}
	const scriptId = req.query.get('script') ?? '';
	const deployId = req.query.get('deploy') ?? '';
	const script = SCRIPTS.find((s) => s.ids.includes(scriptId.toLowerCase()));
	if (!script || !script.deploys.includes(deployId.toLowerCase())) {
		throw new RestletError(
			400,
			'SSS_INVALID_SCRIPTLET_ID',
			'That Suitelet is invalid, disabled, or no longer exists.',
		);
	}
	const query: Record<string, string> = {};
	for (const [k, v] of req.query) if (k !== 'script' && k !== 'deploy') query[k] = v;
	let body: unknown;
	const text = req.body.toString('utf8');
	if (req.method !== 'GET' && req.method !== 'DELETE' && text.trim() !== '') {
		const ct = (header(req, 'content-type') ?? '').toLowerCase();
		if (ct.includes('json')) {
			try {
				body = JSON.parse(text);
			} catch (e) {
				throw new RestletError(400, 'SYNTAX_ERROR', `SyntaxError: ${(e as Error).message}`);
			}
		} else body = text;
	}
	return script.run(req, query, body);
}
