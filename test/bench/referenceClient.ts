/**
 * The P1 read pattern done by a bare Node client, with none of n8n's machinery: list IDs, then GET
 * each record, C at a time, one TCP connection per request as n8n 2.x's request helper opens
 * (and, for comparison, with keep-alive, which n8n's helpers cannot use). Signed independently
 * with oauth-1.0a. It shows what the simulator and this machine allow any client, so the node's
 * figure can be read against it.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';

import OAuth from 'oauth-1.0a';
import pLimit from 'p-limit';

function get(
	url: string,
	agent: http.Agent,
	oauth: OAuth,
	token: OAuth.Token,
	realm: string,
): Promise<string> {
	const auth = oauth
		.toHeader(oauth.authorize({ url, method: 'GET' }, token))
		.Authorization.replace('OAuth ', `OAuth realm="${realm}", `);
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent, headers: { Authorization: auth, Accept: 'application/json' } }, (res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (body += c));
				res.on('end', () =>
					res.statusCode === 200 ? resolve(body) : reject(new Error(`${res.statusCode} ${body}`)),
				);
			})
			.on('error', reject);
	});
}

export async function referenceTwoStep(
	credentials: Record<string, string>,
	n: number,
	concurrency: number,
	keepAlive: boolean,
): Promise<{ seconds: number; records: number }> {
	const oauth = new OAuth({
		consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
		signature_method: 'HMAC-SHA256',
		hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
	});
	const token = { key: credentials.tokenId, secret: credentials.tokenSecret };
	const agent = new http.Agent({ keepAlive, maxSockets: concurrency });
	const limit = pLimit(concurrency);
	const base = `${credentials.baseUrl}/services/rest/record/v1/customer`;
	const started = performance.now();
	const reads: Array<Promise<string>> = [];
	for (let offset = 0; offset < n; offset += 1000) {
		const page = JSON.parse(
			await limit(() =>
				get(`${base}?limit=1000&offset=${offset}`, agent, oauth, token, credentials.accountId),
			),
		) as { items: Array<{ id: string }> };
		for (const { id } of page.items)
			reads.push(
				limit(() =>
					get(`${base}/${id}?expandSubResources=true`, agent, oauth, token, credentials.accountId),
				),
			);
	}
	const records = (await Promise.all(reads)).length;
	agent.destroy();
	return { seconds: (performance.now() - started) / 1000, records };
}
