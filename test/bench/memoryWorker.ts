/**
 * One backfill in a fresh process: Get Changes (columns, Max Records 1,000) in a loop from an empty
 * cursor until caught up, dropping each batch before the next. Prints peak RSS as JSON.
 * Usage: ts-node memoryWorker.ts <credentials JSON>
 */
// The built, bundled node: what users install (and ts-node would resolve NetSuite.node.json first).
import { NetSuite } from '../../dist/nodes/NetSuite/NetSuite.node';
import { runNode } from '../helpers/n8nHarness';

async function main(): Promise<void> {
	const credentials = JSON.parse(process.argv[2]) as Record<string, string>;
	let cursor = '';
	let delivered = 0;
	const ids = new Set<string>();
	for (;;) {
		const { outputs, error } = await runNode({
			nodeType: new NetSuite(),
			parameters: {
				resource: 'record', operation: 'getChanges', recordType: { __rl: true, mode: 'id', value: 'customer' },
				mode: 'columns', maxRecords: 1000, cursor, accountTimeZone: 'America/New_York',
			},
			credentials: { netSuiteTbaApi: credentials },
		});
		if (error) throw error;
		const items = outputs[0];
		if (items.length === 0) break;
		delivered += items.length;
		for (const item of items) ids.add(String(item.json.id));
		cursor = JSON.stringify(items[items.length - 1].json.cursor);
		if (!(items[0].json.batch as { hasMore: boolean }).hasMore) break;
	}
	// maxRSS is in kilobytes.
	console.log(JSON.stringify({ delivered, distinct: ids.size, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
