/**
 * The simulator's state: one account with its data store, clocks, governance, credentials
 * and bookkeeping. The HTTP server (server.ts) and the control API (control.ts) both act on it.
 */
import { DataClock, TokenClock } from './clock';
import { Store } from './data/store';
import { customTypesOf, generate, resolveCounts } from './data/generator';
import { TbaVerifier } from './auth/tba';
import { M2mAuth } from './auth/m2m';
import { Counters, Governance } from './governance';
import { OtherIntegration } from './otherIntegration';
import { OracleFunctions } from './suiteql/functions';
import { SuiteQLService } from './suiteql/service';
import { RecordJson } from './records/json';
import { RecordWriter } from './records/write';
import { AsyncJobs } from './records/asyncJobs';
import { assertTimeZone, TimeZone } from './timezone';
import { UserDateFormat } from './userDate';
import type {
	AuthFailure,
	Faults,
	OtherIntegrationOptions,
	ResetOptions,
	SimulatorOptions,
} from './types';

/**
 * Documented demo keys: what `npm run simulator` accepts when no key flags are given.
 * (sha256 of "netsuite-simulator-demo-<name>", so they look like NetSuite's 64-hex keys.)
 */
export const DEMO_KEYS = {
	consumerKey: '85089111671a9d919d8da18a84798921da0c1fc4cff17f46ee72cf2770594907',
	consumerSecret: '59966490f88110ccb9638e6c9799277637a4302edd6a70d512d56881abcc0aae',
	tokenId: 'ecee8572a461a53fd7546c8e5fc22ab458309176ad970482a639057a7f32a11b',
	tokenSecret: '7fbe4023bbb24f629608ab3c04ae7d756cede574edbee3e330c22f9660db59db',
} as const;

export const DEFAULT_ACCOUNT_ID = '1234567_SB1';

/** NetSuite's realm form of an account id: upper case, underscore (1234567_SB1). */
export const realmOf = (accountId: string): string =>
	accountId.trim().toUpperCase().replace(/-/g, '_');

/** NetSuite's host names for an account: lower case, hyphen (1234567-sb1.suitetalk.api.netsuite.com). */
export function accountHosts(accountId: string): { rest: string; restlets: string } {
	const h = accountId.trim().toLowerCase().replace(/_/g, '-');
	return { rest: `${h}.suitetalk.api.netsuite.com`, restlets: `${h}.restlets.api.netsuite.com` };
}

export interface ResolvedOptions {
	host: string;
	port: number;
	realm: string;
	consumerKey: string;
	consumerSecret: string;
	tokenId: string;
	tokenSecret: string;
	concurrency: number;
	latencyMs: number;
	jitterMs: number;
	faults: Faults;
	timeZone: string;
	dateFormat: string;
	seed: number;
	records?: Record<string, number>;
	clockStartMs: number;
	tokenTtlSeconds: number;
	logRequests: boolean;
	otherIntegration?: OtherIntegrationOptions;
}

export function resolveOptions(opts: SimulatorOptions = {}): ResolvedOptions {
	const timeZone = opts.timeZone ?? 'America/New_York';
	assertTimeZone(timeZone);
	const clockStartMs = opts.clockStart ? Date.parse(opts.clockStart) : Date.now();
	if (Number.isNaN(clockStartMs))
		throw new Error(`clockStart '${opts.clockStart}' is not an ISO date`);
	return {
		host: opts.host ?? '127.0.0.1',
		port: opts.port ?? 0,
		realm: realmOf(opts.accountId ?? DEFAULT_ACCOUNT_ID),
		consumerKey: opts.consumerKey ?? DEMO_KEYS.consumerKey,
		consumerSecret: opts.consumerSecret ?? DEMO_KEYS.consumerSecret,
		tokenId: opts.tokenId ?? DEMO_KEYS.tokenId,
		tokenSecret: opts.tokenSecret ?? DEMO_KEYS.tokenSecret,
		concurrency: opts.concurrency ?? 5,
		latencyMs: opts.latencyMs ?? 0,
		jitterMs: opts.jitterMs ?? 0,
		faults: { ...(opts.faults ?? {}) },
		timeZone,
		dateFormat: opts.dateFormat ?? 'M/D/YYYY',
		seed: opts.seed ?? 1,
		records: opts.records,
		clockStartMs,
		tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
		logRequests: opts.logRequests ?? false,
		otherIntegration: opts.otherIntegration,
	};
}

const AUTH_LOG_SIZE = 200;

export class Simulator {
	store!: Store;
	writer!: RecordWriter;
	suiteql!: SuiteQLService;
	fns!: OracleFunctions;
	readonly tz: TimeZone;
	readonly userDate: UserDateFormat;
	readonly clock: DataClock;
	readonly tokenClock = new TokenClock();
	readonly gov: Governance;
	readonly counters = new Counters();
	readonly others: OtherIntegration;
	readonly tba: TbaVerifier;
	readonly m2m: M2mAuth;
	readonly jobs = new AsyncJobs();
	/** idempotency key → Location of what the first request produced. */
	readonly idempotency = new Map<string, string>();
	readonly authLog: AuthFailure[] = [];
	private seed: number;
	private records: Record<string, number> | undefined;
	private clockStartMs: number;

	private constructor(readonly opts: ResolvedOptions) {
		this.tz = new TimeZone(opts.timeZone);
		this.userDate = new UserDateFormat(opts.dateFormat);
		this.clock = new DataClock(opts.clockStartMs);
		this.gov = new Governance(opts.concurrency, { ...opts.faults }, opts.latencyMs, opts.jitterMs);
		this.others = new OtherIntegration(this.gov, this.counters);
		if (opts.otherIntegration) this.others.set(opts.otherIntegration);
		this.tba = new TbaVerifier({
			realm: opts.realm,
			consumerKey: opts.consumerKey,
			consumerSecret: opts.consumerSecret,
			tokenId: opts.tokenId,
			tokenSecret: opts.tokenSecret,
		});
		this.m2m = new M2mAuth(this.tokenClock, opts.tokenTtlSeconds);
		this.seed = opts.seed;
		this.records = opts.records;
		this.clockStartMs = opts.clockStartMs;
	}

	static async create(opts: ResolvedOptions): Promise<Simulator> {
		const sim = new Simulator(opts);
		await sim.load();
		return sim;
	}

	/** Build a fresh store, then swap it in, so requests never see a half-generated account. */
	private async load(): Promise<void> {
		const counts = resolveCounts(this.records);
		const store = await Store.open(this.tz, customTypesOf(counts));
		generate(store, { seed: this.seed, counts, endMs: this.clockStartMs });
		const fns = new OracleFunctions({
			accountZone: this.tz,
			userDate: this.userDate,
			localNow: () => this.tz.formatLocal(this.clock.nowMs()),
		});
		fns.register(store.db);
		const old = this.store;
		this.store = store;
		this.fns = fns;
		this.writer = new RecordWriter(store, this.clock);
		this.suiteql = new SuiteQLService(store, fns, this.tz.name, this.userDate);
		old?.close();
	}

	async reset(opts: ResetOptions = {}): Promise<void> {
		if (opts.seed !== undefined) this.seed = opts.seed;
		if (opts.records !== undefined) this.records = opts.records;
		if (opts.clockStart !== undefined) {
			const ms = Date.parse(opts.clockStart);
			if (Number.isNaN(ms)) throw new Error(`clockStart '${opts.clockStart}' is not an ISO date`);
			this.clockStartMs = ms;
		}
		this.clock.restart(this.clockStartMs);
		await this.load();
		this.counters.reset(this.gov);
		this.tba.reset();
		this.idempotency.clear();
		this.jobs.clear();
		this.authLog.length = 0;
		this.gov.faults = { ...this.opts.faults };
		this.gov.limit = this.opts.concurrency;
		this.gov.latencyMs = this.opts.latencyMs;
		this.gov.jitterMs = this.opts.jitterMs;
		this.others.set(this.opts.otherIntegration ?? { slots: 0 });
	}

	json(base: string): RecordJson {
		return new RecordJson(this.store, base);
	}

	logAuthFailure(method: string, path: string, reason: string): void {
		this.authLog.push({ at: new Date().toISOString(), method, path, reason });
		if (this.authLog.length > AUTH_LOG_SIZE)
			this.authLog.splice(0, this.authLog.length - AUTH_LOG_SIZE);
	}

	close(): void {
		this.others.stop();
		this.store.close();
	}
}
