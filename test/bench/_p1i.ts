import { NetSuite } from '../../dist/nodes/NetSuite/NetSuite.node';
import { NetSuiteClient } from '../../dist/nodes/NetSuite/transport/client';
import { runNode } from '../helpers/n8nHarness';
import { startSimulatorProcess } from './simulatorProcess';
const durations: number[] = [];
let lastEnd = 0; const gaps: number[] = [];
const proto = NetSuiteClient.prototype as any;
const orig = proto.send;
proto.send = async function (req: unknown) { const t = performance.now(); const r = await orig.call(this, req); durations.push(performance.now() - t); return r; };
async function main() {
  const N = 1000;
  const sim = await startSimulatorProcess(['--records', `customer=${N}`, '--latency-ms', '50', '--jitter-ms', '0']);
  const t = performance.now();
  await runNode({ nodeType: new NetSuite(), parameters: { resource: 'record', operation: 'getMany', recordType: { __rl: true, mode: 'id', value: 'customer' }, returnAll: true }, credentials: { netSuiteTbaApi: sim.credentials } });
  const s = (performance.now() - t) / 1000;
  durations.sort((a, b) => a - b);
  const q = (p: number) => durations[Math.floor(p * (durations.length - 1))].toFixed(2);
  console.log('seconds', s.toFixed(2), 'send() ms p10/p50/p90/p99', q(0.1), q(0.5), q(0.9), q(0.99), 'mean', (durations.reduce((a, b) => a + b, 0) / durations.length).toFixed(2), 'cycle', (s * 1000 * 5 / 1001).toFixed(2));
  await sim.stop();
}
main();
