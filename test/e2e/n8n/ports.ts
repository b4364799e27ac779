// Free TCP ports for n8n instances: each instance needs its own HTTP port and task-broker port
// (the broker defaults to 5679, so two default instances would collide).

import * as net from 'node:net';

/** A port that was free a moment ago (bound on all interfaces, as n8n binds, then released). */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
		});
	});
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}
