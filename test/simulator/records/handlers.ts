/**
 * The REST record service: /services/rest/record/v1/<type>[/<id>[/<sublist>[/<line>]]].
 *
 * Collections list ids ordered by internal id ascending (NetSuite's observed default; it
 * offers no sort parameter). Unknown record types get 404 INVALID_RCRD_TYPE (NetSuite's exact
 * code for this case is UNCONFIRMED; this one cannot be mistaken for a missing record).
 */
import { invalidRequestSyntax, recordNotFound, SimError } from '../errors';
import {
	CONTENT_TYPE,
	header,
	json,
	parseJsonBody,
	type SimRequest,
	type SimResponse,
} from '../http';
import type { Simulator } from '../simulator';
import type { RecordTypeDef } from '../data/schema';
import { qToSql } from '../q/toSql';
import { recordPath } from './json';
import { pageLinks, parsePaging } from './paging';
import { resolveRecordKey, type WriteOutcome } from './write';
import type { NameValidation } from './body';

export function safeDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

export function recordType(sim: Simulator, name: string): RecordTypeDef {
	const def = sim.store.typeByName(safeDecode(name));
	if (!def) {
		throw new SimError(
			404,
			'INVALID_RCRD_TYPE',
			`Record type '${safeDecode(name)}' does not exist.`,
			{ errorPath: name },
		);
	}
	return def;
}

export function listRecords(sim: Simulator, req: SimRequest, typeName: string): SimResponse {
	const def = recordType(sim, typeName);
	const { limit, offset } = parsePaging(req.query);
	const q = req.query.get('q');
	const filter = q !== null && q.trim() !== '' ? qToSql(q, def, sim.userDate) : undefined;
	const ids = sim.store.listIds(def, filter, limit, offset);
	const total = sim.store.countWhere(def, filter);
	const href = (l: number, o: number): string =>
		`${recordPath(req.base, def.name)}?limit=${l}&offset=${o}${filter ? `&q=${encodeURIComponent(q!)}` : ''}`;
	return json(
		200,
		{
			links: pageLinks(href, limit, offset, total),
			items: ids.map((id) => ({
				links: [{ rel: 'self', href: recordPath(req.base, def.name, id) }],
				id: String(id),
			})),
			count: ids.length,
			offset,
			hasMore: offset + ids.length < total,
			totalResults: total,
		},
		CONTENT_TYPE.collection,
	);
}

export function getRecord(
	sim: Simulator,
	req: SimRequest,
	typeName: string,
	key: string,
): SimResponse {
	const def = recordType(sim, typeName);
	const id = resolveRecordKey(sim.store, def, key);
	const row = sim.store.getRow(def, id)!;
	const fieldsParam = req.query.get('fields');
	let fields: string[] | undefined;
	if (fieldsParam !== null) {
		fields = fieldsParam
			.split(',')
			.map((f) => f.trim())
			.filter(Boolean);
		const bad = fields.filter((f) => !def.fields.some((d) => d.rest === f));
		if (bad.length) {
			throw new SimError(
				400,
				'INVALID_PARAMETER',
				`Invalid value for the 'fields' query parameter: ${bad.join(', ')}. Only body fields of '${def.name}' can be selected (sublists and subrecords cannot).`,
				{ queryParam: 'fields' },
			);
		}
	}
	const expand = (req.query.get('expandSubResources') ?? '').toLowerCase() === 'true';
	return json(200, sim.json(req.base).record(def, row, { expand, fields }), CONTENT_TYPE.singular);
}

export function getSublist(
	sim: Simulator,
	req: SimRequest,
	typeName: string,
	key: string,
	sublist: string,
	line?: string,
): SimResponse {
	const def = recordType(sim, typeName);
	const id = resolveRecordKey(sim.store, def, key);
	if (!def.sublist || def.sublist.name !== sublist) throw recordNotFound();
	const rj = sim.json(req.base);
	if (line === undefined) return json(200, rj.sublist(def, id, true), CONTENT_TYPE.collection);
	const row = sim.store.lines(id).find((l) => String(l.linesequencenumber) === line);
	if (!row) throw recordNotFound();
	return json(200, rj.line(def, id, row), CONTENT_TYPE.singular);
}

function nameValidation(req: SimRequest): NameValidation {
	const v = (header(req, 'x-netsuite-propertynamevalidation') ?? 'warning').toLowerCase();
	return v === 'ignore' || v === 'error' ? v : 'warning';
}

function body(req: SimRequest): unknown {
	try {
		return parseJsonBody(req) ?? {};
	} catch {
		throw invalidRequestSyntax();
	}
}

type WriteKind = 'create' | 'update' | 'upsert' | 'delete';

/**
 * Writes share idempotency and async handling:
 * - `X-NetSuite-idempotency-key`: a key that already succeeded answers 400 IDEMPOTENCY_ERROR
 *   (title "Conflict") with the Location of what the first request produced, so a client
 *   that lost the first answer learns the id instead of creating a duplicate.
 * - `Prefer: respond-async`: the write runs, the answer is 202 with the job's Location.
 */
export function writeRecord(
	sim: Simulator,
	req: SimRequest,
	kind: WriteKind,
	typeName: string,
	key?: string,
): SimResponse {
	const def = recordType(sim, typeName);
	const idemKey = header(req, 'x-netsuite-idempotency-key');
	if (idemKey) {
		const previous = sim.idempotency.get(idemKey);
		if (previous) {
			throw new SimError(
				400,
				'IDEMPOTENCY_ERROR',
				`A request with the idempotency key ${idemKey} has already been processed. See the Location header for its result.`,
				{ title: 'Conflict', headers: { Location: previous } },
			);
		}
	}
	const async = /respond-async/i.test(header(req, 'prefer') ?? '');
	const run = (): SimResponse => performWrite(sim, req, kind, def, key);
	if (async) {
		const job = sim.jobs.run(run, req.base);
		if (idemKey) sim.idempotency.set(idemKey, job.location);
		return {
			status: 202,
			headers: { Location: job.location, 'Preference-Applied': 'respond-async' },
		};
	}
	const res = run();
	if (idemKey && res.status < 300)
		sim.idempotency.set(idemKey, res.headers?.Location ?? recordPath(req.base, def.name));
	return res;
}

function performWrite(
	sim: Simulator,
	req: SimRequest,
	kind: WriteKind,
	def: RecordTypeDef,
	key?: string,
): SimResponse {
	const nv = nameValidation(req);
	let outcome: WriteOutcome;
	switch (kind) {
		case 'create':
			outcome = sim.writer.create(def, body(req), nv);
			break;
		case 'update':
			outcome = sim.writer.update(def, resolveRecordKey(sim.store, def, key!), body(req), nv);
			break;
		case 'upsert':
			if (!key!.startsWith('eid:')) {
				throw new SimError(
					405,
					'INVALID_REQUEST',
					'PUT is only supported with an external ID in the URL (…/<type>/eid:<externalId>); use PATCH to update by internal ID.',
				);
			}
			outcome = sim.writer.upsert(def, safeDecode(key!.slice(4)), body(req), nv);
			break;
		case 'delete': {
			const id = resolveRecordKey(sim.store, def, key!);
			sim.writer.delete(def, id, 'WEBSERVICES');
			return { status: 204 };
		}
	}
	const headers: Record<string, string> = { Location: recordPath(req.base, def.name, outcome.id) };
	// Header values must be printable ASCII; field names come from the client's JSON.
	if (outcome.warnings.length)
		headers['X-NetSuite-Warning'] = outcome.warnings.join(' ').replace(/[^\x20-\x7e]/g, '?');
	return { status: 204, headers };
}
