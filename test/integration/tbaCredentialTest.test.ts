/** The TBA credential's test, run the way n8n's credential tester runs it, against the simulator. */
import { NetSuiteTbaApi } from '../../credentials/NetSuiteTbaApi.credentials';
import { TBA_AUTH_FAILED_MESSAGE } from '../../nodes/NetSuite/transport/tbaKeys';
import { runCredentialTest } from '../helpers/credentialTest';
import { withSimulator } from '../helpers/simulatorNode';
import { onlyRecords } from '../simulator';
import type { RunningSimulator } from '../simulator';

let sim: RunningSimulator;
beforeAll(async () => {
	sim = await withSimulator({
		records: onlyRecords({ customer: 5 }),
	});
});
afterAll(async () => sim.stop());

test('passes with the keys the simulator prints, pasted as a user would (sandbox ID in any form)', async () => {
	const result = await runCredentialTest(new NetSuiteTbaApi(), {
		...sim.credentials,
		accountId: ' 1234567-sb1 ',
	});
	expect(result).toMatchObject({ status: 'OK' });
	expect((await sim.control.counters()).byKind.metadata).toBeGreaterThanOrEqual(1);
});

test('a wrong secret reads as what to check, not a bare status code', async () => {
	const result = await runCredentialTest(new NetSuiteTbaApi(), {
		...sim.credentials,
		tokenSecret: 'f'.repeat(64),
	});
	expect(result).toEqual(
		expect.objectContaining({ status: 'Error', message: TBA_AUTH_FAILED_MESSAGE }),
	);
	expect(result.message).not.toContain('f'.repeat(64));
	expect((await sim.control.authLog()).at(-1)?.reason).toBe('InvalidSignature');
});
