// Where the e2e test and the demo find PostgreSQL and Redis: environment variables with the
// defaults these machines use (both on 127.0.0.1). In CI (CI=true) a missing service is a failure,
// never a skip; the demo says what it leaves out instead.

export interface PostgresConfig {
	host: string;
	port: number;
	user: string;
	password: string;
	/** Database used only to CREATE/DROP the per-run database. */
	adminDatabase: string;
}

export interface RedisConfig {
	url: string;
	host: string;
	port: number;
	username: string;
	password: string;
}

export function postgresConfig(env: NodeJS.ProcessEnv = process.env): PostgresConfig {
	return {
		host: env.PGHOST || '127.0.0.1',
		port: Number(env.PGPORT || 5432),
		user: env.PGUSER || 'postgres',
		password: env.PGPASSWORD || '',
		adminDatabase: env.PGDATABASE || 'postgres',
	};
}

export function redisConfig(env: NodeJS.ProcessEnv = process.env): RedisConfig {
	const url = env.REDIS_URL || 'redis://127.0.0.1:6379';
	const parsed = new URL(url);
	return {
		url,
		host: parsed.hostname || '127.0.0.1',
		port: Number(parsed.port || 6379),
		username: decodeURIComponent(parsed.username),
		password: decodeURIComponent(parsed.password),
	};
}

export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.CI === 'true' || env.CI === '1';
}

/** A service the test cannot do without: the error says which variable points where. */
export class ServiceUnavailableError extends Error {
	constructor(service: string, where: string, cause: unknown) {
		super(
			`${service} is not reachable at ${where} (${cause instanceof Error ? cause.message : String(cause)}). ` +
				`Start it, or point ${service === 'PostgreSQL' ? 'PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE' : 'REDIS_URL'} at one.`,
		);
		this.name = 'ServiceUnavailableError';
	}
}
