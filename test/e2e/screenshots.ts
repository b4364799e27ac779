// Renders each bundled workflow in a real n8n editor with headless Chromium (Debian's `chromium`
// package) and saves workflows/images/<workflow file name>.png for workflows/README.md.
//
//   npx ts-node --transpile-only test/e2e/screenshots.ts [--line 1|2] [--only 9-search,4-read-through-lookup]
//   (default line 2, every workflow)
//
// The workflows are imported exactly as shipped, with the credentials they reference (so no node
// shows a missing-credential warning), and not activated: rendering needs no NetSuite, Postgres or
// Redis.

import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium';
import { loadWorkflows, WORKFLOWS_DIR } from './fixtures';
import { rabbitConfig } from './rabbitmq';
import { ensureN8n, N8nLine } from './n8n';
import { buildAndPack } from './packagePack';
import { postgresConfig, redisConfig } from './services';
import { startStack } from './stack';

const IMAGES_DIR = path.join(WORKFLOWS_DIR, 'images');
const VIEWPORT = { width: 1600, height: 900 };

async function main(): Promise<void> {
	const at = process.argv.indexOf('--line');
	const line = (at >= 0 ? process.argv[at + 1] : '2') as N8nLine;
	if (line !== '1' && line !== '2') throw new Error('--line must be 1 or 2');
	const work = await fs.mkdtemp(path.join(os.tmpdir(), 'netsuite-screenshots-'));
	const install = await ensureN8n(line);
	const packageTgz = await buildAndPack(work);
	const stack = await startStack({
		install,
		packageTgz,
		// Credentials only have to exist for the editor; nothing is called.
		netsuite: {
			accountId: '1234567_SB1',
			consumerKey: 'x',
			consumerSecret: 'x',
			tokenId: 'x',
			tokenSecret: 'x',
			baseUrl: 'http://127.0.0.1:9',
		},
		postgres: { config: postgresConfig(), database: 'netsuite' },
		redis: { config: redisConfig(), db: 0 },
		rabbitmq: { config: rabbitConfig(), vhost: '/' },
		webhookSecret: 'screenshot-only',
		activate: false,
		userFolder: path.join(work, 'n8n'),
	});
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
	try {
		const session = await stack.n8n.ownerLogin();
		const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1.5 });
		const cookie = session.cookie.split('=');
		await context.addCookies([
			{ name: cookie[0], value: cookie.slice(1).join('='), url: stack.n8n.url },
		]);
		// The editor sends its browser id from localStorage; n8n binds the session cookie to it.
		await context.addInitScript(
			`window.localStorage.setItem('n8n-browserId', ${JSON.stringify(session.browserId)})`,
		);
		await fs.mkdir(IMAGES_DIR, { recursive: true });
		const onlyAt = process.argv.indexOf('--only');
		const only = onlyAt >= 0 ? process.argv[onlyAt + 1].split(',') : undefined;
		for (const { file, workflow } of (await loadWorkflows()).filter(
			({ file }) => !only || only.includes(file.replace(/\.json$/, '')),
		)) {
			const page = await context.newPage();
			await page.goto(`${stack.n8n.url}/workflow/${workflow.id}`, { waitUntil: 'networkidle' });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			// Close whatever the editor pops up on first visit, then fit the whole workflow in view.
			await page.keyboard.press('Escape');
			await page
				.locator('[data-test-id="canvas-wrapper"], #canvas')
				.first()
				.click({ position: { x: 5, y: VIEWPORT.height / 2 }, force: true })
				.catch(() => undefined);
			await page.keyboard.press('1');
			// Zoom to fit animates; wait until the canvas transform holds still between two polls.
			await page.waitForFunction(
				`(() => {
					const pane = document.querySelector('.vue-flow__transformationpane');
					const transform = pane ? pane.style.transform : '';
					const still = transform !== '' && transform === window.lastCanvasTransform;
					window.lastCanvasTransform = transform;
					return still;
				})()`,
				undefined,
				{ polling: 300, timeout: 15_000 },
			);
			const target = path.join(IMAGES_DIR, file.replace(/\.json$/, '.png'));
			await page.screenshot({ path: target });
			console.log(`${workflow.name} → ${path.relative(process.cwd(), target)}`);
			await page.close();
		}
	} finally {
		await browser.close();
		await stack.n8n.stop();
		await fs.rm(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
