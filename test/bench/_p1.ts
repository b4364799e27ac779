import { NetSuite } from '../../dist/nodes/NetSuite/NetSuite.node';
import { runNode } from '../helpers/n8nHarness';
import { startSimulatorProcess } from './simulatorProcess';
async function main() {
  const N = Number(process.argv[2] ?? 2000);
  const sim = await startSimulatorProcess(['--records', `customer=${N}`, '--latency-ms', '50', '--jitter-ms', '0']);
  const t = performance.now();
  const { outputs } = await runNode({ nodeType: new NetSuite(), parameters: { resource: 'record', operation: 'getMany', recordType: { __rl: true, mode: 'id', value: 'customer' }, returnAll: true, options: { batchSize: Number(process.argv[3] ?? 100) } }, credentials: { netSuiteTbaApi: sim.credentials } });
  const s = (performance.now() - t) / 1000;
  const floor = (Math.ceil(N / 1000) + N) * 0.05 / 5;
  const c = await sim.control.counters();
  console.log('items', outputs[0].length, 'seconds', s.toFixed(2), 'floor', floor.toFixed(2), 'eff', (floor / s).toFixed(3), '429', c.sent429, 'peak', c.peakConcurrency);
  await sim.stop();
}
main();
