import { DemoLifecycle, StopRequested } from '../e2e/demoLifecycle';

describe('demo clean-up', () => {
	test('runs each step once, last registered first, and says what it did', async () => {
		const ran: string[] = [];
		const printed: string[] = [];
		const log = jest
			.spyOn(console, 'log')
			.mockImplementation((line: string) => void printed.push(line));
		const lifecycle = new DemoLifecycle(false);
		lifecycle.add('simulator stopped', async () => void ran.push('simulator'));
		lifecycle.add('database x dropped', async () => {
			throw new Error('connection refused');
		});
		lifecycle.add('n8n stopped', async () => void ran.push('n8n'));
		await Promise.all([lifecycle.cleanUp(), lifecycle.cleanUp()]);
		log.mockRestore();
		expect(ran).toEqual(['n8n', 'simulator']);
		expect(printed).toEqual([
			'  ✓ n8n stopped',
			'  ✗ not done (database x dropped): connection refused',
			'  ✓ simulator stopped',
		]);
	});

	test('start-up steps stop at the next check once a stop began', () => {
		const lifecycle = new DemoLifecycle(false);
		expect(() => lifecycle.check()).not.toThrow();
		lifecycle.stopping = true;
		expect(() => lifecycle.check()).toThrow(StopRequested);
	});
});
