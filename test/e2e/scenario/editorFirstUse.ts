// A new user's first minutes in the n8n editor, in headless Chromium (Debian's `chromium`): sign in,
// find NetSuite in the node panel (the trigger's event and every action label as a person writes
// them), add Record → Get Many to a new workflow, pick the record type by typing part of its label,
// run it with Limit 5 and get 5 records without NetSuite's `links` (Simplify is on for new nodes),
// then open the imported TBA credential and see its test pass. Screenshots of the node panel, the
// output and the credential go to $E2E_SCREENSHOTS_DIR (`E2E_SCREENSHOTS_DIR=docs/images` renews the
// README's), else to a temporary folder. Runs on the n8n 2.x line with Token-Based Auth.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, selectors } from 'playwright-core';
import type { Page } from 'playwright-core';
import type { LineContext } from '../context';
import { CREDENTIAL } from '../fixtures';
import { TEST_OWNER } from '../n8n';
import { CHROMIUM, CHROMIUM_FLAGS } from '../chromium';

const VIEWPORT = { width: 1440, height: 900 };

export const TRIGGER_EVENT = 'On record created, updated or deleted';
export const ACTION_LABELS = [
	'Create a record',
	'Create or update a record by external ID',
	'Delete a record',
	'Get a record',
	'Get changes since a cursor',
	'Get many records',
	'Update a record',
	'Call a RESTlet',
	'Execute a SuiteQL query',
];

/** Every `links` key path in a value ('' when there is none). */
function linkPaths(value: unknown, at = ''): string[] {
	if (Array.isArray(value)) return value.flatMap((v, i) => linkPaths(v, `${at}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([k, v]) =>
		k === 'links' ? [`${at}.links`] : linkPaths(v, `${at}.${k}`),
	);
}

async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(TEST_OWNER.email);
	await page.getByTestId('password').locator('input').fill(TEST_OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 120_000 });
}

export async function editorFirstUse(ctx: LineContext): Promise<string> {
	// The owner exists once the stack waited for its workflows; make sure anyway (fresh instance).
	await ctx.n8n.ownerLogin();
	const imagesDir = process.env.E2E_SCREENSHOTS_DIR
		? path.resolve(process.env.E2E_SCREENSHOTS_DIR)
		: await fs.mkdtemp(path.join(os.tmpdir(), 'netsuite-editor-'));
	await fs.mkdir(imagesDir, { recursive: true });
	selectors.setTestIdAttribute('data-test-id'); // n8n's attribute, not Playwright's data-testid
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
	try {
		const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
		page.setDefaultTimeout(120_000); // a loaded CI machine renders the editor slowly
		try {
			return await firstSteps(ctx, page, imagesDir);
		} catch (error) {
			await page.screenshot({ path: path.join(imagesDir, 'failure.png') }).catch(() => undefined);
			throw new Error(
				`${(error as Error).message}\n(the page at that moment: ${path.join(imagesDir, 'failure.png')})`,
			);
		}
	} finally {
		await browser.close();
	}
}

async function firstSteps(ctx: LineContext, page: Page, imagesDir: string): Promise<string> {
	{
		await signIn(page, ctx.n8n.url);

		// The node panel: search, open NetSuite, read its triggers and actions.
		await page.goto(`${ctx.n8n.url}/workflow/new`, { waitUntil: 'domcontentloaded' });
		await page.getByTestId('canvas-add-button').click();
		await page.getByTestId('node-creator-search-bar').fill('NetSuite');
		await page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: /^NetSuite$/ })
			.first()
			.click();
		const creator = page.getByTestId('node-creator');
		// Started from an empty canvas, the panel lists the triggers and folds the actions away.
		await creator
			.getByTestId('node-creator-category-item')
			.filter({ hasText: /^Actions/ })
			.click();
		const actionItems = creator.getByTestId('node-creator-item-name');
		await actionItems.filter({ hasText: 'Execute a SuiteQL query' }).waitFor();
		const labels = (await actionItems.allInnerTexts()).map((t) => t.trim());
		assert.ok(
			labels.includes(TRIGGER_EVENT),
			`trigger event "${TRIGGER_EVENT}" in the panel: ${JSON.stringify(labels)}`,
		);
		for (const label of ACTION_LABELS)
			assert.ok(
				labels.includes(label),
				`action "${label}" in the panel: ${JSON.stringify(labels)}`,
			);
		const panelText = await creator.innerText();
		assert.doesNotMatch(
			panelText,
			/static data|watermark/i,
			"the panel shows the trigger's one-line description, not its caveat",
		);
		await page.screenshot({ path: path.join(imagesDir, 'node-panel.png') });

		// Record → Get Many on a new workflow (n8n adds a manual trigger in front of it).
		await actionItems.filter({ hasText: /^Get many records$/ }).click();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await ndv.getByTestId('rlc-input').click();
		await page.getByTestId('rlc-search').waitFor();
		await page.keyboard.type('sales ord'); // the list's search box has the focus
		const item = page.getByTestId('rlc-item').filter({ hasText: 'Sales Order (salesOrder)' });
		await item.first().click();
		await ndv.getByTestId('parameter-input-limit').locator('input').fill('5');
		await ndv.getByTestId('node-execute-button').click();
		await ndv.getByText('5 items', { exact: true }).first().waitFor();
		await ndv.getByText('tranId', { exact: true }).first().waitFor();
		assert.equal(
			await ndv.getByText('links', { exact: true }).count(),
			0,
			'no links column in the output table',
		);
		await page.screenshot({ path: path.join(imagesDir, 'get-many-output.png') });

		// The run as n8n stored it: 5 sales orders, no links at any depth.
		// n8n 2.x names the node after the action ("Get many records"): take the node that output records.
		const run = (await ctx.n8n.executions()).find((e) => e.mode === 'manual');
		assert.ok(
			run?.data?.resultData?.runData,
			'the manual run of the new workflow is in the executions list',
		);
		const outputs = Object.values(run.data!.resultData!.runData!).map(
			(runs) =>
				(runs[0]?.data as { main?: Array<Array<{ json: Record<string, unknown> }>> })?.main?.[0] ??
				[],
		);
		const items = outputs.find((out) => out.some(({ json }) => json.tranId !== undefined)) ?? [];
		assert.equal(items.length, 5, 'Limit 5 returns 5 items');
		for (const { json } of items) {
			assert.ok(json.id, `a sales order with its id: ${JSON.stringify(json).slice(0, 200)}`);
			assert.deepEqual(linkPaths(json), [], `Simplify drops every links key (record ${json.id})`);
		}
		await page.keyboard.press('Escape');

		// The TBA credential: open it and see n8n's test pass.
		await page.goto(`${ctx.n8n.url}/home/credentials`, { waitUntil: 'domcontentloaded' });
		await page
			.getByTestId('resources-list-item')
			.filter({ hasText: CREDENTIAL.netsuite.name })
			.first()
			.click();
		const modal = page.getByTestId('editCredential-modal');
		await modal.waitFor();
		// n8n tests a saved credential when it is opened.
		await modal.getByText(/Connection tested successfully/i).waitFor();
		await page.screenshot({ path: path.join(imagesDir, 'tba-credential.png') });
		return `panel: "${TRIGGER_EVENT}" + ${ACTION_LABELS.length} actions; Get Many "Sales Order (salesOrder)" → 5 items, no links; credential test passed; screenshots in ${imagesDir}`;
	}
}
