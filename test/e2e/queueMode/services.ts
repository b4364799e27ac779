// n8n's own database and Bull's Redis index for the queue-mode group: an empty PostgreSQL database
// (n8n migrates it itself) and a claimed, empty Redis DB index; both removed afterwards.

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { claimRedisDb, RunRedis } from '../redis';
import { PostgresConfig, redisConfig, ServiceUnavailableError } from '../services';

export interface N8nDatabase {
	name: string;
	drop(): Promise<void>;
}

async function admin(config: PostgresConfig): Promise<Client> {
	const client = new Client({
		host: config.host,
		port: config.port,
		user: config.user,
		password: config.password || undefined,
		database: config.adminDatabase,
	});
	try {
		await client.connect();
	} catch (error) {
		throw new ServiceUnavailableError(
			'PostgreSQL',
			`${config.host}:${config.port} (user ${config.user}, database ${config.adminDatabase})`,
			error,
		);
	}
	return client;
}

export async function createN8nDatabase(config: PostgresConfig): Promise<N8nDatabase> {
	const name = `netsuite_e2e_queue_${randomBytes(4).toString('hex')}`;
	const client = await admin(config);
	try {
		await client.query(`CREATE DATABASE "${name}"`);
	} finally {
		await client.end();
	}
	return {
		name,
		async drop() {
			const c = await admin(config);
			try {
				await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			} finally {
				await c.end();
			}
		},
	};
}

export async function claimBullRedis(): Promise<RunRedis> {
	return await claimRedisDb(redisConfig());
}
