/**
 * The control API: what tests, benchmarks and demos use to steer the account. Same methods
 * in-process and over HTTP (POST /__sim/<method> with {"args":[…]}). Control calls are not
 * counted, governed or authenticated.
 */
import { SimError } from './errors';
import { stripLinks } from './records/json';
import { resolveRecordKey } from './records/write';
import { parseRecordBody } from './records/body';
import { isoSeconds } from './timezone';
import { utcCol } from './data/schema';
import type { Simulator } from './simulator';
import type { RecordTypeDef } from './data/schema';
import type {
	DeletedRecordSnapshot,
	Faults,
	LateCommitOptions,
	LatencyOptions,
	RecordSnapshot,
	SimulatorControl,
	WriteResult,
} from './types';

/** Method names the HTTP control API exposes. */
export const CONTROL_METHODS: Array<keyof SimulatorControl> = [
	'reset',
	'createRecord',
	'updateRecord',
	'deleteRecord',
	'lateCommit',
	'commitPending',
	'commitLate',
	'now',
	'setClock',
	'advanceClock',
	'setFaults',
	'setConcurrency',
	'setLatency',
	'setOtherIntegration',
	'counters',
	'resetCounters',
	'records',
	'deletedRecords',
	'authLog',
	'registerM2mClient',
	'revokeM2mCertificate',
	'setTokenTtl',
	'advanceTokenClock',
];

function typeOf(sim: Simulator, type: string): RecordTypeDef {
	const def = sim.store.typeByName(type);
	if (!def)
		throw new Error(
			`Unknown record type '${type}' (known: ${[...sim.store.types.values()].map((d) => d.name).join(', ')})`,
		);
	return def;
}

/** Control-API errors carry the NetSuite detail so test failures read well. */
function plain<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof SimError) throw new Error(`${e.code}: ${e.detail}`);
		throw e;
	}
}

const parseIso = (iso: string, what: string): number => {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new Error(`${what} '${iso}' is not an ISO date`);
	return ms;
};

export function createControl(sim: Simulator, base: () => string): SimulatorControl {
	const result = (id: number, stampMs: number): WriteResult => ({
		id: String(id),
		lastModifiedDate: isoSeconds(stampMs),
	});
	const control: SimulatorControl = {
		async reset(opts) {
			await sim.reset(opts ?? {});
		},
		async createRecord(type, fields) {
			sim.store.applyDue();
			return plain(() => {
				const out = sim.writer.create(typeOf(sim, type), fields, 'error');
				return result(out.id, out.stampMs);
			});
		},
		async updateRecord(type, id, fields) {
			sim.store.applyDue();
			return plain(() => {
				const def = typeOf(sim, type);
				const out = sim.writer.update(
					def,
					resolveRecordKey(sim.store, def, String(id)),
					fields,
					'error',
				);
				return result(out.id, out.stampMs);
			});
		},
		async deleteRecord(type, id) {
			sim.store.applyDue();
			plain(() => {
				const def = typeOf(sim, type);
				sim.writer.delete(def, resolveRecordKey(sim.store, def, String(id)), 'USERINTERFACE');
			});
		},
		async lateCommit(type, opts: LateCommitOptions) {
			sim.store.applyDue();
			return plain(() => {
				const def = typeOf(sim, type);
				const stampMs = Math.floor(parseIso(opts.stampedAt, 'stampedAt') / 1000) * 1000;
				const visibleAt = Date.now() + Math.max(0, opts.visibleAfterMs ?? 0);
				// Validate now so a bad call fails at once rather than when it becomes visible.
				if (opts.id !== undefined) {
					const id = resolveRecordKey(sim.store, def, String(opts.id));
					const parsed = parseRecordBody(sim.store, def, opts.fields ?? {}, 'update', 'error');
					sim.store.schedule(visibleAt, () => {
						if (sim.store.getRow(def, id)) sim.writer.applyUpdate(def, id, parsed, stampMs);
					});
					return result(id, stampMs);
				}
				const parsed = parseRecordBody(sim.store, def, opts.fields ?? {}, 'create', 'error');
				// NetSuite assigns the id when the transaction starts: a late record has a LOWER id
				// than records created while it was pending.
				const id = sim.store.nextId(def);
				sim.store.schedule(visibleAt, () => {
					sim.writer.insertParsed(def, parsed, stampMs, id);
				});
				return result(id, stampMs);
			});
		},
		async commitPending() {
			return sim.store.applyAllPending();
		},
		async commitLate() {
			return sim.store.applyAllPending();
		},
		async now() {
			return new Date(sim.clock.nowMs()).toISOString();
		},
		async setClock(iso) {
			sim.clock.set(parseIso(iso, 'setClock'));
		},
		async advanceClock(ms) {
			sim.clock.advance(Number(ms));
		},
		async setFaults(faults: Faults) {
			sim.gov.faults = { ...faults };
		},
		async setConcurrency(limit) {
			if (!(Number(limit) >= 1)) throw new Error('setConcurrency needs a limit ≥ 1');
			sim.gov.limit = Number(limit);
		},
		async setLatency(opts: LatencyOptions) {
			if (opts.latencyMs !== undefined) sim.gov.latencyMs = Number(opts.latencyMs);
			if (opts.jitterMs !== undefined) sim.gov.jitterMs = Number(opts.jitterMs);
		},
		async setOtherIntegration(opts) {
			sim.others.set(opts ?? { slots: 0 });
		},
		async counters() {
			return sim.counters.snapshot(sim.gov);
		},
		async resetCounters() {
			sim.counters.reset(sim.gov);
		},
		async records(type): Promise<RecordSnapshot[]> {
			sim.store.applyDue();
			const def = typeOf(sim, type);
			const rj = sim.json(base());
			return sim.store.allIds(def).map((id) => {
				const row = sim.store.getRow(def, id)!;
				const fields = stripLinks(rj.record(def, row, { expand: true })) as Record<string, unknown>;
				const snap: RecordSnapshot = {
					id: String(id),
					lastModifiedDate: isoSeconds(Number(row[utcCol(def.modifiedField.col)])),
					fields,
				};
				if (row.externalid !== null && row.externalid !== undefined)
					snap.externalId = String(row.externalid);
				return snap;
			});
		},
		async deletedRecords(): Promise<DeletedRecordSnapshot[]> {
			sim.store.applyDue();
			return sim.store.db
				.all(
					`SELECT type, recordid, deleteddate__utc FROM ns_deletedrecord ORDER BY deleteddate__utc, recordid`,
				)
				.map((r) => ({
					// The REST type: DeletedRecord.type alone is ambiguous for shared values ('noninventoryitem').
					type: sim.store.restTypeOfDeleted(String(r[0]), Number(r[1])) ?? String(r[0]),
					id: String(r[1]),
					deletedDate: isoSeconds(Number(r[2])),
				}));
		},
		async authLog() {
			return [...sim.authLog];
		},
		async registerM2mClient(reg) {
			sim.m2m.register(reg);
		},
		async revokeM2mCertificate(certificateId) {
			sim.m2m.revoke(certificateId);
		},
		async setTokenTtl(seconds) {
			if (!(Number(seconds) > 0)) throw new Error('setTokenTtl needs a positive number of seconds');
			sim.m2m.ttlSeconds = Number(seconds);
		},
		async advanceTokenClock(ms) {
			sim.tokenClock.advance(Number(ms));
		},
	};
	return control;
}
