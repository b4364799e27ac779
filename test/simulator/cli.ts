/**
 * `npm run simulator -- --port 8787 [flags]` — runs the NetSuite simulator until SIGINT/SIGTERM.
 * Prints the values to paste into the n8n credential and one machine-readable line:
 *   SIMULATOR_READY {"baseUrl":"http://127.0.0.1:8787","port":8787,...}
 */
import { startSimulator } from './index';
import type { Faults, SimulatorOptions } from './types';

const HELP = `NetSuite REST simulator

Usage: npm run simulator -- [flags]

  --port <n>              port to listen on (default 8787; 0 = any free port)
  --host <addr>           interface (default 127.0.0.1; 0.0.0.0 to reach it from a container)
  --account <id>          account id / realm (default 1234567_SB1)
  --consumer-key <k>      TBA consumer key      (default: the documented demo key)
  --consumer-secret <s>   TBA consumer secret   (default: demo)
  --token-id <t>          TBA token id          (default: demo)
  --token-secret <s>      TBA token secret      (default: demo)
  --concurrency <n>       account concurrency limit (default 5)
  --latency-ms <n>        processing latency per request, held in a concurrency slot (default 0)
  --jitter-ms <n>         extra random latency 0..n ms (default 0)
  --fault-429 <rate>      share of requests answered 429 (0-1)
  --fault-500 <rate>      share answered 500 UNEXPECTED_ERROR
  --fault-503 <rate>      share answered 503
  --fault-reset <rate>    share whose connection is reset before processing
  --fault-reset-after-apply <rate>  share processed (writes applied), then connection reset
  --fault-slow <rate>     share delayed by --slow-ms extra
  --slow-ms <n>           extra delay of a slow response (default 2000)
  --retry-after <s>       send Retry-After: <s> with every 429
  --other-integration <k> other integrations keep k of the account's slots busy (counted as kind 'integration')
  --other-integration-ms <n>  how long each of their requests holds its slot (default 1000)
  --seed <n>              data generator seed (default 1)
  --records <list>        record counts, e.g. customer=1000,salesOrder=200 (merged over the demo set)
  --timezone <iana>       account time zone (default America/New_York)
  --date-format <fmt>     user date format (default M/D/YYYY)
  --clock-start <iso>     data clock start (default now)
  --token-ttl <s>         OAuth 2.0 access token lifetime (default 3600)
  --log                   log every request to stderr
  --help                  this text
`;

function parseArgs(argv: string[]): SimulatorOptions & { help?: boolean } {
	const opts: SimulatorOptions & { help?: boolean } = { port: 8787 };
	const faults: Faults = {};
	const num = (flag: string, v: string | undefined): number => {
		const n = Number(v);
		if (v === undefined || v.trim() === '' || !Number.isFinite(n))
			throw new Error(`${flag} needs a number, got '${v ?? ''}'`);
		return n;
	};
	const rate = (flag: string, v: string | undefined): number => {
		const n = num(flag, v);
		if (n < 0 || n > 1) throw new Error(`${flag} is a rate between 0 and 1, got ${n}`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] =
			arg.includes('=') && arg.startsWith('--')
				? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
				: [arg, undefined];
		const value = (): string | undefined => inline ?? argv[++i];
		switch (flag) {
			case '--help':
			case '-h':
				opts.help = true;
				break;
			case '--port':
				opts.port = num(flag, value());
				break;
			case '--host':
				opts.host = value();
				break;
			case '--account':
				opts.accountId = value();
				break;
			case '--consumer-key':
				opts.consumerKey = value();
				break;
			case '--consumer-secret':
				opts.consumerSecret = value();
				break;
			case '--token-id':
				opts.tokenId = value();
				break;
			case '--token-secret':
				opts.tokenSecret = value();
				break;
			case '--concurrency':
				opts.concurrency = num(flag, value());
				break;
			case '--latency-ms':
				opts.latencyMs = num(flag, value());
				break;
			case '--jitter-ms':
				opts.jitterMs = num(flag, value());
				break;
			case '--fault-429':
				faults.rate429 = rate(flag, value());
				break;
			case '--fault-500':
				faults.rate500 = rate(flag, value());
				break;
			case '--fault-503':
				faults.rate503 = rate(flag, value());
				break;
			case '--fault-reset':
				faults.rateReset = rate(flag, value());
				break;
			case '--fault-reset-after-apply':
				faults.rateResetAfterApply = rate(flag, value());
				break;
			case '--fault-slow':
				faults.rateSlow = rate(flag, value());
				break;
			case '--slow-ms':
				faults.slowMs = num(flag, value());
				break;
			case '--retry-after':
				faults.retryAfterSeconds = num(flag, value());
				break;
			case '--other-integration':
				opts.otherIntegration = {
					durationMs: 1000,
					...opts.otherIntegration,
					slots: num(flag, value()),
				};
				break;
			case '--other-integration-ms':
				opts.otherIntegration = {
					slots: 0,
					...opts.otherIntegration,
					durationMs: num(flag, value()),
				};
				break;
			case '--seed':
				opts.seed = num(flag, value());
				break;
			case '--records': {
				const records: Record<string, number> = {};
				for (const pair of (value() ?? '').split(',').filter(Boolean)) {
					const [type, count] = pair.split('=');
					records[type.trim()] = num(`--records ${type}`, count);
				}
				opts.records = records;
				break;
			}
			case '--timezone':
				opts.timeZone = value();
				break;
			case '--date-format':
				opts.dateFormat = value();
				break;
			case '--clock-start':
				opts.clockStart = value();
				break;
			case '--token-ttl':
				opts.tokenTtlSeconds = num(flag, value());
				break;
			case '--log':
				opts.logRequests = true;
				break;
			default:
				throw new Error(`Unknown flag '${arg}' (see --help)`);
		}
	}
	if (Object.keys(faults).length) opts.faults = faults;
	return opts;
}

async function main(): Promise<void> {
	let opts: ReturnType<typeof parseArgs>;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		console.error((e as Error).message);
		process.exit(2);
	}
	if (opts.help) {
		console.log(HELP);
		return;
	}
	const started = Date.now();
	const sim = await startSimulator(opts);
	const c = sim.credentials;
	console.log(
		`NetSuite simulator listening on ${sim.baseUrl} (ready in ${Date.now() - started} ms)`,
	);
	console.log('');
	console.log('Paste into the n8n credential "NetSuite (Token-Based Auth) API":');
	console.log(`  Account ID:       ${c.accountId}`);
	console.log(`  Consumer Key:     ${c.consumerKey}`);
	console.log(`  Consumer Secret:  ${c.consumerSecret}`);
	console.log(`  Token ID:         ${c.tokenId}`);
	console.log(`  Token Secret:     ${c.tokenSecret}`);
	console.log(`  Base URL:         ${c.baseUrl}`);
	console.log('');
	console.log(
		`Control API: ${sim.baseUrl}/__sim/<method> (counters, reset, setFaults, …). Ctrl+C to stop.`,
	);
	console.log(
		`SIMULATOR_READY ${JSON.stringify({ baseUrl: sim.baseUrl, port: sim.port, accountId: c.accountId, consumerKey: c.consumerKey, consumerSecret: c.consumerSecret, tokenId: c.tokenId, tokenSecret: c.tokenSecret })}`,
	);
	const stop = (): void => {
		sim.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
