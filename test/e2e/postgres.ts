// A fresh PostgreSQL database per run (per n8n line), with workflows/sql/schema.sql applied the way a
// user applies it, dropped afterwards. Its name carries a random part so runs never share one.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { PostgresConfig, ServiceUnavailableError } from './services';

export const SCHEMA_FILE = path.resolve(__dirname, '../../workflows/sql/schema.sql');

export interface RunDatabase {
	name: string;
	config: PostgresConfig;
	/** A connected client on the run database (closed by drop()). */
	client: Client;
	drop(): Promise<void>;
}

function connect(config: PostgresConfig, database: string): Client {
	return new Client({
		host: config.host,
		port: config.port,
		user: config.user,
		password: config.password || undefined,
		database,
	});
}

export async function createRunDatabase(
	config: PostgresConfig,
	prefix = 'netsuite_e2e',
): Promise<RunDatabase> {
	const name = `${prefix}_${randomBytes(4).toString('hex')}`;
	const admin = connect(config, config.adminDatabase);
	try {
		await admin.connect();
	} catch (error) {
		throw new ServiceUnavailableError(
			'PostgreSQL',
			`${config.host}:${config.port} (user ${config.user}, database ${config.adminDatabase})`,
			error,
		);
	}
	try {
		await admin.query(`CREATE DATABASE "${name}"`);
	} finally {
		await admin.end();
	}
	const client = connect(config, name);
	await client.connect();
	// The whole file in one query: exactly what `psql -f workflows/sql/schema.sql` runs.
	await client.query(await fs.readFile(SCHEMA_FILE, 'utf8'));
	let dropped = false;
	return {
		name,
		config,
		client,
		async drop() {
			if (dropped) return;
			dropped = true;
			await client.end().catch(() => undefined);
			const admin2 = connect(config, config.adminDatabase);
			await admin2.connect();
			try {
				// n8n may still hold pooled connections for a moment after it stops.
				await admin2.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			} finally {
				await admin2.end();
			}
		},
	};
}
