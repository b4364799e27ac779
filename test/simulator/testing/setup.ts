import { startSimulator } from '../index';
import type { RunningSimulator, SimulatorOptions } from '../types';
import { TbaClient } from './tbaClient';

/** Data ends 2026-11-20, so the window contains the America/New_York fall-back of 2026-11-01. */
export const TEST_CLOCK_START = '2026-11-20T12:00:00Z';

export async function startTestSimulator(
	opts: SimulatorOptions = {},
): Promise<{ sim: RunningSimulator; client: TbaClient }> {
	const sim = await startSimulator({ clockStart: TEST_CLOCK_START, ...opts });
	return { sim, client: new TbaClient(sim.credentials) };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const REST = '/services/rest/record/v1';

/** `loops` clients side by side, each sending `each` list requests in turn; every answer must be 200. */
export async function listInLoops(client: TbaClient, loops: number, each: number): Promise<void> {
	await Promise.all(
		Array.from({ length: loops }, async () => {
			for (let i = 0; i < each; i++)
				expect((await client.get(`${REST}/customer?limit=1`)).status).toBe(200);
		}),
	);
}
