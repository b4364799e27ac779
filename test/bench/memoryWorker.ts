/**
 * One backfill in a fresh process: Get Changes (columns, Max Records 1,000) in a loop from an empty
 * cursor until caught up, dropping each batch before the next. Prints peak RSS as JSON.
 * Run with --expose-gc: after each batch a full collection, then RSS is sampled; the peak of those
 * samples is what the loop retains (the process's maxRSS is dominated by when V8 happens to
 * collect, which varies run to run whether or not data is kept).
 * Distinct ids are checked with a bitmap, so the check itself holds almost nothing.
 * Usage: node --expose-gc -r ts-node/register/transpile-only memoryWorker.ts <credentials JSON>
 */
import { builtNetSuiteNode, customerChanges } from './builtNode';
import { runNode } from '../helpers/n8nHarness';

async function main(): Promise<void> {
	const credentials = JSON.parse(process.argv[2]) as Record<string, string>;
	// HOLD=1: the control run, keeping every batch, to show the measurement would catch retention.
	const held: unknown[] = [];
	let cursor = '';
	let peakRss = 0;
	let delivered = 0;
	let seen = new Uint8Array(1 << 16);
	let distinct = 0;
	const markSeen = (id: number) => {
		if (id >= seen.length * 8) {
			const grown = new Uint8Array(Math.max(seen.length * 2, (id >> 3) + 1));
			grown.set(seen);
			seen = grown;
		}
		const bit = 1 << (id & 7);
		if ((seen[id >> 3] & bit) === 0) distinct++;
		seen[id >> 3] |= bit;
	};
	for (;;) {
		const { outputs, error } = await runNode({
			nodeType: builtNetSuiteNode(),
			parameters: customerChanges({ maxRecords: 1000, cursor }),
			credentials: { netSuiteTbaApi: credentials },
		});
		if (error) throw error;
		const items = outputs[0];
		if (items.length === 0) break;
		delivered += items.length;
		for (const item of items) markSeen(Number(item.json.id));
		if (process.env.HOLD === '1') held.push(...items);
		cursor = JSON.stringify(items[items.length - 1].json.cursor);
		const hasMore = (items[0].json.batch as { hasMore: boolean }).hasMore;
		(globalThis as { gc?: () => void }).gc?.();
		peakRss = Math.max(peakRss, process.memoryUsage().rss);
		if (!hasMore) break;
	}
	console.log(
		JSON.stringify({ delivered, distinct, held: held.length, peakRssMb: peakRss / 1024 / 1024 }),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
