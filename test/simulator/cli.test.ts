/**
 * The command line: flags, the printed credentials, the SIMULATOR_READY line, clean shutdown.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { TbaClient } from './testing/tbaClient';
import { DEMO_KEYS } from './index';

const root = join(__dirname, '..', '..');
const cli = join(__dirname, 'cli.ts');
const nodeArgs = ['-r', 'ts-node/register/transpile-only', cli];

function start(args: string[]): Promise<{
	child: ChildProcessWithoutNullStreams;
	ready: Record<string, string | number>;
	stdout: () => string;
}> {
	const child = spawn(process.execPath, [...nodeArgs, ...args], {
		cwd: root,
		env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
	});
	let out = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`simulator did not start:\n${out}`)), 45_000);
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		child.stdout.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /^SIMULATOR_READY (.*)$/m.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve({ child, ready: JSON.parse(m[1]), stdout: () => out });
			}
		});
		child.on('exit', (code) => reject(new Error(`simulator exited with ${code}:\n${out}`)));
	});
}

test('starts with flags, prints the credential values and a SIMULATOR_READY line, and stops on SIGTERM', async () => {
	const { child, ready, stdout } = await start([
		'--port',
		'0',
		'--records',
		'customer=120,salesOrder=5',
		'--concurrency',
		'3',
		'--seed',
		'9',
		'--account',
		'7654321_sb1',
		'--consumer-key',
		'ck-123',
		'--timezone',
		'Europe/Berlin',
	]);
	try {
		expect(ready).toMatchObject({
			baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
			port: expect.any(Number),
			accountId: '7654321_SB1',
			consumerKey: 'ck-123',
		});
		expect(ready.consumerSecret).toBe(DEMO_KEYS.consumerSecret);
		const text = stdout();
		for (const label of [
			'Account ID:',
			'Consumer Key:',
			'Consumer Secret:',
			'Token ID:',
			'Token Secret:',
			'Base URL:',
		])
			expect(text).toContain(label);
		const client = new TbaClient({
			accountId: String(ready.accountId),
			consumerKey: String(ready.consumerKey),
			consumerSecret: String(ready.consumerSecret),
			tokenId: String(ready.tokenId),
			tokenSecret: String(ready.tokenSecret),
			baseUrl: String(ready.baseUrl),
		});
		expect((await client.get('/services/rest/record/v1/customer?limit=1')).json.totalResults).toBe(
			120,
		);
		expect(
			(await client.get('/services/rest/system/v1/governanceLimits')).json.accountConcurrencyLimit,
		).toBe(3);
		const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}, 60_000);

test('--help prints the flags; an unknown flag is an error', () => {
	const help = spawnSync(process.execPath, [...nodeArgs, '--help'], {
		cwd: root,
		encoding: 'utf8',
	});
	expect(help.status).toBe(0);
	for (const flag of [
		'--port',
		'--account',
		'--consumer-key',
		'--consumer-secret',
		'--token-id',
		'--token-secret',
		'--concurrency',
		'--latency-ms',
		'--jitter-ms',
		'--fault-429',
		'--fault-500',
		'--fault-503',
		'--seed',
		'--records',
		'--timezone',
		'--date-format',
		'--retry-after',
	]) {
		expect(help.stdout).toContain(flag);
	}
	const bad = spawnSync(process.execPath, [...nodeArgs, '--nope'], { cwd: root, encoding: 'utf8' });
	expect(bad.status).toBe(2);
	expect(bad.stderr).toContain("Unknown flag '--nope'");
}, 60_000);
