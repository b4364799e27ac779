/**
 * The adaptive account window's control law, on a fake clock. Two windows against a server that
 * refuses when full, in real time: test/integration/sharedAccountWindow.test.ts.
 */
import { AdaptiveWindow, PROBE_MS, YIELD_MS } from '../../nodes/NetSuite/transport/adaptiveWindow';

function fakeClock() {
	let t = 1_000_000;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('control law', () => {
	test('starts at the cap; one cut per burst; multiplicative above 3, one step below', async () => {
		const clock = fakeClock();
		const w = new AdaptiveWindow(5, clock.now);
		expect(w.allowance).toBe(5);
		const slots = await Promise.all(
			Array.from(
				{ length: 5 },
				() =>
					new Promise<{ epoch: number }>((resolve) => void w.run(async (slot) => resolve(slot))),
			),
		);
		expect(w.refused(slots[0])).toBe('cut');
		expect(w.allowance).toBe(3);
		// The other requests that were out at the cut are the same burst.
		expect(slots.slice(1).map((s) => w.refused(s))).toEqual([
			'absorbed',
			'absorbed',
			'absorbed',
			'absorbed',
		]);
		expect(w.allowance).toBe(3);
		expect(w.state()).toMatchObject({ cuts: 1, absorbed: 4 });
		expect(w.refused({ epoch: 1 })).toBe('cut');
		expect(w.allowance).toBe(2);
		expect(w.refused({ epoch: 2 })).toBe('cut');
		expect(w.allowance).toBe(1);
		expect(w.refused({ epoch: 3 })).toBe('floor');
		expect(w.allowance).toBe(1);
	});

	test('probes up slowly after a cut, then faster: back at the cap two probe periods later', () => {
		const clock = fakeClock();
		const w = new AdaptiveWindow(5, clock.now);
		w.refused({ epoch: 0 });
		w.refused({ epoch: 1 });
		w.refused({ epoch: 2 });
		expect(w.allowance).toBe(1);
		const seen: number[] = [];
		for (let t = 0; t <= 2 * PROBE_MS; t += PROBE_MS / 4) {
			seen.push(w.allowance);
			clock.advance(PROBE_MS / 4);
		}
		// Nothing for a whole probe period, then +1, +2 … (1 + (t/PROBE)²).
		expect(seen).toEqual([1, 1, 1, 1, 2, 2, 3, 4, 5]);
	});

	test('under contention a window above one gives a slot back once per yield period; alone it never does', async () => {
		const clock = fakeClock();
		const alone = new AdaptiveWindow(5, clock.now);
		const contended = new AdaptiveWindow(5, clock.now);
		contended.refused({ epoch: 0 });
		expect(contended.allowance).toBe(3);
		// Back at the cap two probe periods after the cut (= one yield period), then the next send yields.
		clock.advance(YIELD_MS);
		await contended.run(async () => undefined);
		await alone.run(async () => undefined);
		expect(alone.allowance).toBe(5);
		expect(contended.allowance).toBe(4);
		// Not refused since: the next yield period leaves it alone, and it probes back up.
		clock.advance(YIELD_MS);
		await contended.run(async () => undefined);
		expect(contended.allowance).toBe(5);
		// A window of one has nothing to give.
		const floor = new AdaptiveWindow(1, clock.now);
		floor.refused({ epoch: 0 });
		clock.advance(YIELD_MS);
		await floor.run(async () => undefined);
		expect(floor.allowance).toBe(1);
	});

	test('a queued task starts as soon as the window has room again', async () => {
		const clock = fakeClock();
		const w = new AdaptiveWindow(2, clock.now);
		w.refused({ epoch: 0 });
		const order: string[] = [];
		let finishFirst: () => void = () => undefined;
		const first = w.run(
			() => new Promise<void>((resolve) => (finishFirst = () => (order.push('first'), resolve()))),
		);
		const second = w.run(async () => void order.push('second'));
		await Promise.resolve();
		expect(w.state().active).toBe(1);
		expect(order).toEqual([]);
		finishFirst();
		await Promise.all([first, second]);
		expect(order).toEqual(['first', 'second']);
	});
});
