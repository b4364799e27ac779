/**
 * Drives a simulator running in another process (benchmarks run it out of process so its
 * work is not measured as the package's). Every method POSTs {"args":[…]} to /__sim/<method>.
 */
import type {
	AuthFailure,
	DeletedRecordSnapshot,
	Faults,
	LateCommitOptions,
	LatencyOptions,
	M2mClientRegistration,
	OtherIntegrationOptions,
	RecordSnapshot,
	ResetOptions,
	SimulatorControl,
	SimulatorCounters,
	WriteResult,
} from './types';

export class SimulatorControlClient implements SimulatorControl {
	private readonly base: string;

	constructor(baseUrl: string) {
		this.base = baseUrl.replace(/\/+$/, '');
	}

	private async call<T>(method: string, ...args: unknown[]): Promise<T> {
		const res = await fetch(`${this.base}/__sim/${method}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ args }),
		});
		const body = (await res.json()) as { result?: T; error?: string };
		if (!res.ok) throw new Error(`simulator control ${method} failed: ${body.error ?? res.status}`);
		return body.result as T;
	}

	reset(opts?: ResetOptions): Promise<void> {
		return this.call('reset', opts ?? {});
	}
	createRecord(type: string, fields: Record<string, unknown>): Promise<WriteResult> {
		return this.call('createRecord', type, fields);
	}
	updateRecord(type: string, id: string, fields: Record<string, unknown>): Promise<WriteResult> {
		return this.call('updateRecord', type, id, fields);
	}
	deleteRecord(type: string, id: string): Promise<void> {
		return this.call('deleteRecord', type, id);
	}
	lateCommit(type: string, opts: LateCommitOptions): Promise<WriteResult> {
		return this.call('lateCommit', type, opts);
	}
	commitPending(): Promise<number> {
		return this.call('commitPending');
	}
	commitLate(): Promise<number> {
		return this.call('commitLate');
	}
	now(): Promise<string> {
		return this.call('now');
	}
	setClock(iso: string): Promise<void> {
		return this.call('setClock', iso);
	}
	advanceClock(ms: number): Promise<void> {
		return this.call('advanceClock', ms);
	}
	setFaults(faults: Faults): Promise<void> {
		return this.call('setFaults', faults);
	}
	setConcurrency(limit: number): Promise<void> {
		return this.call('setConcurrency', limit);
	}
	setLatency(opts: LatencyOptions): Promise<void> {
		return this.call('setLatency', opts);
	}
	setOtherIntegration(opts: OtherIntegrationOptions): Promise<void> {
		return this.call('setOtherIntegration', opts);
	}
	counters(): Promise<SimulatorCounters> {
		return this.call('counters');
	}
	resetCounters(): Promise<void> {
		return this.call('resetCounters');
	}
	records(type: string): Promise<RecordSnapshot[]> {
		return this.call('records', type);
	}
	deletedRecords(): Promise<DeletedRecordSnapshot[]> {
		return this.call('deletedRecords');
	}
	authLog(): Promise<AuthFailure[]> {
		return this.call('authLog');
	}
	registerM2mClient(registration: M2mClientRegistration): Promise<void> {
		return this.call('registerM2mClient', registration);
	}
	revokeM2mCertificate(certificateId: string): Promise<void> {
		return this.call('revokeM2mCertificate', certificateId);
	}
	setTokenTtl(seconds: number): Promise<void> {
		return this.call('setTokenTtl', seconds);
	}
	advanceTokenClock(ms: number): Promise<void> {
		return this.call('advanceTokenClock', ms);
	}
}
