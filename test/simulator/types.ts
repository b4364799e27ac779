/**
 * Types shared by the NetSuite simulator, its HTTP control client and the tests and
 * benchmarks that drive it. Keep this file free of runtime code so anything can import it.
 */

/** Injected failures, each a probability 0–1 drawn independently per governed request. */
export interface Faults {
	/** 429 with the CONCURRENCY_LIMIT_EXCEEDED body (RESTlets: 400 SSS_REQUEST_LIMIT_EXCEEDED). */
	rate429?: number;
	/** The next N governed requests are refused like rate429, before any rate is drawn: a fault a test can count on. */
	next429?: number;
	/** 500 UNEXPECTED_ERROR "An unexpected error occurred. Error ID: …". */
	rate500?: number;
	/** 503 Service Unavailable. */
	rate503?: number;
	/** Socket destroyed before the request is processed: nothing happened on the server. */
	rateReset?: number;
	/** The request is processed (a write is applied), then the socket is destroyed: the client never sees the answer. */
	rateResetAfterApply?: number;
	/** The response is delayed by slowMs on top of the normal latency (while holding a concurrency slot). */
	rateSlow?: number;
	/** Extra delay of a slow response, default 2000 ms. */
	slowMs?: number;
	/** When set, every 429 (real or injected) carries `Retry-After: <seconds>`. NetSuite never documents one. */
	retryAfterSeconds?: number;
}

export interface SimulatorOptions {
	/** Default 0 (ephemeral). */
	port?: number;
	/** Interface to listen on, default 127.0.0.1 (use 0.0.0.0 to reach it from a container). */
	host?: string;
	/** Default '1234567_SB1'. The OAuth realm must equal its upper-case form exactly. */
	accountId?: string;
	consumerKey?: string;
	consumerSecret?: string;
	tokenId?: string;
	tokenSecret?: string;
	/** Account concurrency limit, default 5. */
	concurrency?: number;
	/** Per-request processing latency, held while occupying a concurrency slot. Default 0. */
	latencyMs?: number;
	/** Uniform extra latency in [0, jitterMs]. Default 0. */
	jitterMs?: number;
	faults?: Faults;
	/** IANA zone of the account/user preference, default 'America/New_York' (has DST). */
	timeZone?: string;
	/** User date format preference, default 'M/D/YYYY'. */
	dateFormat?: string;
	/** Data generator seed, default 1. */
	seed?: number;
	/** Record counts per REST record type, merged over the demo counts (set a type to 0 to drop it). */
	records?: Record<string, number>;
	/** ISO instant the data clock starts at (it stamps dateCreated/lastModifiedDate). Default: now. */
	clockStart?: string;
	/** Lifetime of OAuth 2.0 access tokens, default 3600 s. */
	tokenTtlSeconds?: number;
	/** Print one line per request to stderr. */
	logRequests?: boolean;
	/** Other integrations holding slots of the account's limit from the start. */
	otherIntegration?: OtherIntegrationOptions;
}

export interface OtherIntegrationOptions {
	/** Slots of the account's concurrency limit kept busy (0 stops them). */
	slots: number;
	/** How long each of their requests holds its slot, default 1000 ms. */
	durationMs?: number;
}

export type RequestKind =
	| 'list'
	| 'get'
	| 'suiteql'
	| 'create'
	| 'update'
	| 'upsert'
	| 'delete'
	| 'restlet'
	| 'token'
	| 'metadata'
	| 'governance'
	| 'other'
	/** Requests of other integrations on the account (setOtherIntegration / --other-integration). */
	| 'integration';

export interface SimulatorCounters {
	/** Governed requests received (control calls under /__sim/ are not counted). */
	requests: number;
	byKind: Record<RequestKind, number>;
	/** Responses sent, per HTTP status code. */
	status: Record<string, number>;
	/** 429 responses sent (real concurrency rejections plus injected ones). */
	sent429: number;
	/** All concurrency rejections, including RESTlet 400 SSS_REQUEST_LIMIT_EXCEEDED. */
	concurrencyRejected: number;
	/** Highest number of requests processed at the same time. */
	peakConcurrency: number;
	/** Requests holding a concurrency slot right now. */
	inFlight: number;
	/** Requests rejected with 401 (TBA or bearer). */
	authFailures: number;
	/** Sockets destroyed by the rateReset / rateResetAfterApply faults. */
	socketResets: number;
}

export interface WriteResult {
	id: string;
	/** ISO UTC, second precision. */
	lastModifiedDate: string;
}

export interface RecordSnapshot {
	id: string;
	/** ISO UTC, second precision (for custom records: the `lastModified` field). */
	lastModifiedDate: string;
	externalId?: string;
	/** The record as GET ?expandSubResources=true returns it, without any `links`. */
	fields: Record<string, unknown>;
}

export interface DeletedRecordSnapshot {
	/** REST record type name, e.g. 'customer', 'salesOrder'. */
	type: string;
	id: string;
	/** ISO UTC. */
	deletedDate: string;
}

export interface ResetOptions {
	seed?: number;
	records?: Record<string, number>;
	clockStart?: string;
}

export interface LateCommitOptions {
	/** Existing record to modify; without it a new record is created (its id is reserved now). */
	id?: string;
	fields?: Record<string, unknown>;
	/** ISO instant the change is stamped with (normally earlier than now). */
	stampedAt: string;
	/** Real milliseconds until the change becomes visible to every endpoint. */
	visibleAfterMs: number;
}

export interface LatencyOptions {
	latencyMs?: number;
	jitterMs?: number;
}

export interface M2mClientRegistration {
	clientId: string;
	/** The JWT `kid`. */
	certificateId: string;
	/** SPKI or certificate PEM of the client's public key. */
	publicKeyPem: string;
	/** Scopes the mapping allows, default all of rest_webservices, restlets, suite_analytics. */
	scopes?: string[];
}

export interface AuthFailure {
	/** ISO real time. */
	at: string;
	method: string;
	path: string;
	/** NetSuite Login Audit Trail style reason, e.g. 'InvalidSignature', 'NonceUsed'. Never sent to the client. */
	reason: string;
}

export interface SimulatorCredentials {
	accountId: string;
	consumerKey: string;
	consumerSecret: string;
	tokenId: string;
	tokenSecret: string;
	baseUrl: string;
}

/** The simulator's control surface, identical in-process and over HTTP (`POST /__sim/<method>`). */
export interface SimulatorControl {
	reset(opts?: ResetOptions): Promise<void>;
	createRecord(type: string, fields: Record<string, unknown>): Promise<WriteResult>;
	updateRecord(type: string, id: string, fields: Record<string, unknown>): Promise<WriteResult>;
	deleteRecord(type: string, id: string): Promise<void>;
	lateCommit(type: string, opts: LateCommitOptions): Promise<WriteResult>;
	/** Make every pending late commit visible now. */
	commitPending(): Promise<number>;
	/** Alias of commitPending(). */
	commitLate(): Promise<number>;
	/** Data clock, ISO UTC with milliseconds. */
	now(): Promise<string>;
	/** Set and freeze the data clock. */
	setClock(iso: string): Promise<void>;
	advanceClock(ms: number): Promise<void>;
	setFaults(faults: Faults): Promise<void>;
	setConcurrency(limit: number): Promise<void>;
	setLatency(opts: LatencyOptions): Promise<void>;
	/** Other integrations keep `slots` of the account's slots busy with requests of `durationMs`. */
	setOtherIntegration(opts: OtherIntegrationOptions): Promise<void>;
	counters(): Promise<SimulatorCounters>;
	resetCounters(): Promise<void>;
	records(type: string): Promise<RecordSnapshot[]>;
	deletedRecords(): Promise<DeletedRecordSnapshot[]>;
	authLog(): Promise<AuthFailure[]>;
	registerM2mClient(registration: M2mClientRegistration): Promise<void>;
	revokeM2mCertificate(certificateId: string): Promise<void>;
	setTokenTtl(seconds: number): Promise<void>;
	advanceTokenClock(ms: number): Promise<void>;
}

export interface RunningSimulator {
	/** 'http://127.0.0.1:<port>': REST, SuiteQL, RESTlets, the token endpoint and /__sim/. */
	baseUrl: string;
	port: number;
	credentials: SimulatorCredentials;
	control: SimulatorControl;
	stop(): Promise<void>;
}

/** NetSuite REST error envelope. */
export interface NetSuiteErrorBody {
	type: string;
	title: string;
	status: number;
	'o:errorCode'?: string;
	'o:errorDetails': Array<{
		detail: string;
		'o:errorCode': string;
		'o:errorPath'?: string;
		'o:errorQueryParam'?: string;
		'o:errorHeader'?: string;
	}>;
}
