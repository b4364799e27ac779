// An isolated Redis logical database per run: the first empty DB index (15 down to 1), claimed with a
// marker key so a concurrent run picks another, flushed and released at the end. The workflows' keys
// (`netsuite:<type>:<id>`) stay exactly as users get them; only the credential's DB index differs.

import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { RedisConfig, ServiceUnavailableError } from './services';

export const CLAIM_KEY = '__netsuite_e2e_claim__';

export type RedisClient = ReturnType<typeof createClient>;

export interface RunRedis {
	db: number;
	config: RedisConfig;
	client: RedisClient;
	release(): Promise<void>;
}

export async function claimRedisDb(config: RedisConfig): Promise<RunRedis> {
	const token = randomBytes(8).toString('hex');
	for (let db = 15; db >= 1; db--) {
		const client = createClient({
			url: config.url,
			database: db,
			socket: { reconnectStrategy: false, connectTimeout: 5000 },
		});
		client.on('error', () => undefined);
		try {
			await client.connect();
		} catch (error) {
			throw new ServiceUnavailableError('Redis', config.url.replace(/\/\/[^@]*@/, '//***@'), error);
		}
		const claimed =
			(await client.dbSize()) === 0 &&
			(await client.set(CLAIM_KEY, token, { NX: true, EX: 6 * 3600 })) === 'OK';
		if (claimed) {
			let released = false;
			return {
				db,
				config,
				client,
				async release() {
					if (released) return;
					released = true;
					// Only flush what is still ours.
					if ((await client.get(CLAIM_KEY)) === token) await client.flushDb();
					await client.quit().catch(() => undefined);
				},
			};
		}
		await client.quit();
	}
	throw new Error(`no empty Redis database (1-15) to claim at ${config.host}:${config.port}`);
}
