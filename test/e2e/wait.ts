// Bounded waiting for a condition, never a bare sleep: the error says what was awaited and the last
// thing seen, so a timeout explains itself.

export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined | null | false>,
	opts: { timeoutMs?: number; intervalMs?: number; describe?: () => Promise<string> | string } = {},
): Promise<T> {
	const timeoutMs = opts.timeoutMs ?? 60_000;
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined && value !== null && value !== false) return value;
			lastError = undefined;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() >= deadline) break;
		await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
	}
	const detail = opts.describe
		? await opts.describe()
		: lastError
			? String((lastError as Error).message ?? lastError)
			: '';
	throw new Error(
		`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `: ${detail}` : ''}`,
	);
}
