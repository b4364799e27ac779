import type { Prng } from './prng';
import type { Store } from './store';

export interface Timeline {
	created: Float64Array;
	modified: Float64Array;
}

/**
 * Creation times rise with the id. About a third of the records arrive in import bursts of
 * 50–500 sharing one second; later edits add mass-update bursts (one second again); and
 * when the window contains a DST fall-back, edits land in BOTH occurrences of the repeated
 * hour, in pairs with identical wall-clock times.
 */
export function timeline(
	rng: Prng,
	n: number,
	startMs: number,
	endMs: number,
	store: Store,
): Timeline {
	const created = new Float64Array(n);
	const modified = new Float64Array(n);
	if (n === 0) return { created, modified };
	const sizes: number[] = [];
	let left = n;
	if (n >= 60) {
		const first = Math.min(Math.floor(n / 3), rng.int(50, 500));
		sizes.push(first);
		left -= first;
	}
	while (left > 0) {
		const size = rng.chance(0.002) ? Math.min(left, rng.int(50, 500)) : 1;
		sizes.push(size);
		left -= size;
	}
	// Shuffle so the forced burst is not always the oldest.
	for (let i = sizes.length - 1; i > 0; i--) {
		const j = rng.int(0, i);
		[sizes[i], sizes[j]] = [sizes[j], sizes[i]];
	}
	const span = endMs - startMs;
	const slot = span / sizes.length;
	let k = 0;
	sizes.forEach((size, i) => {
		const t = Math.floor((startMs + (i + rng.next() * 0.9) * slot) / 1000) * 1000;
		for (let j = 0; j < size; j++) created[k++] = t;
	});
	for (let i = 0; i < n; i++) {
		const c = created[i];
		modified[i] = rng.chance(0.5)
			? c
			: Math.floor((c + rng.next() ** 2 * (endMs - c)) / 1000) * 1000;
	}
	if (n >= 100) {
		const bursts = Math.max(1, Math.floor(n / 5000));
		for (let b = 0; b < bursts; b++) {
			const t = Math.floor((startMs + span * (0.5 + 0.5 * rng.next())) / 1000) * 1000;
			const size = Math.min(rng.int(50, 500), Math.floor(n / 4));
			for (let j = 0; j < size; j++) {
				const i = rng.int(0, n - 1);
				if (created[i] <= t && modified[i] < t) modified[i] = t;
			}
		}
	}
	if (n >= 4) {
		for (const fb of store.tz.fallBacks(startMs, endMs)) {
			const firstStart = fb.atUtcMs - fb.overlapMs;
			const pairs = Math.max(2, Math.min(20, Math.floor(n / 20)));
			for (let p = 0; p < pairs; p++) {
				const offset = (p === 0 ? 1800 : rng.int(0, fb.overlapMs / 1000 - 1)) * 1000;
				for (const at of [firstStart + offset, fb.atUtcMs + offset]) {
					const i = rng.int(0, n - 1);
					if (created[i] <= at) modified[i] = at;
				}
			}
		}
	}
	return { created, modified };
}
