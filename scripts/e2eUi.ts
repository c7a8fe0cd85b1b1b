/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// npm run test:ui: the package in a real n8n 2.41.1 editor, driven in Debian's Chromium by playwright-core, against
// the sandbox, as a first user would: sign in, create the credential in its form and connect through the OAuth
// popup, find the three nodes in the nodes panel, open the module list (one Zoho call, whatever is typed), run a
// check, switch the output mode, see a clear error for a bad job ID, wait for completion, restore deleted records
// with the recycle bin node, find the three among an AI Agent's tools, import each example. Any page error fails the run. Screenshots go to node_modules/.cache/e2e/screenshots/; the README's come from
// .github/screenshots/, refreshed by this run.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { loadExample } from '../test/harness/examples';
import { startSandbox } from '../test/sandbox/server';
import { E2E, freePort, installPackage, N8N_BIN, n8nEnvironment, OUR_TYPES, OWNER, packPackage, RECYCLE_BIN_TYPE, ROOT, START_TYPE, STATUS_TYPE, stopProcess, waitReady } from './n8nInstance';
import { check, checksSoFar, finish } from './suiteChecks';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** What the page functions use of the browser (the tools compile without the DOM library). */
interface BrowserGlobals {
	document: { querySelectorAll(selector: string): { length: number }; body: { innerText: string } };
	localStorage: { getItem(key: string): string | null };
}

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(E2E, 'screenshots');
const README_SHOTS = path.join(ROOT, '.github/screenshots');

/** Where a failed step leaves the page, to look at afterwards. */
let screenshotFailure: ((name: string) => Promise<void>) | undefined;

async function step(name: string, run: () => Promise<string | void>): Promise<boolean> {
	try {
		const detail = await run();
		check(name, true, detail || undefined);
		return true;
	} catch (error) {
		check(name, false, (error as Error).message.split('\n')[0]);
		await screenshotFailure?.(`failed-${checksSoFar()}`).catch(() => {});
		return false;
	}
}

async function main(): Promise<number> {
	if (!fs.existsSync(N8N_BIN) || !fs.existsSync(CHROMIUM)) {
		console.error('Needs n8n 2.x in node_modules/.cache/e2e/ (scripts/e2e/install.sh) and Debian\'s chromium (the npm script installs both).');
		return 1;
	}
	const runDir = fs.mkdtempSync(path.join(E2E, 'ui-'));
	fs.rmSync(SHOTS, { recursive: true, force: true });
	fs.mkdirSync(SHOTS, { recursive: true });
	fs.mkdirSync(README_SHOTS, { recursive: true });
	const sandbox = await startSandbox({ speed: 60, port: await freePort() });
	const userFolder = path.join(runDir, 'user');
	installPackage(packPackage(runDir), userFolder);
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const env = await n8nEnvironment(userFolder, port);
	let server: ChildProcess | undefined;
	let browser: Browser | undefined;
	const pageErrors: string[] = [];
	try {
		server = spawn(N8N_BIN, ['start'], { env, stdio: ['ignore', fs.openSync(path.join(runDir, 'n8n.log'), 'a'), fs.openSync(path.join(runDir, 'n8n.log'), 'a')] });
		await waitReady(`${base}/healthz/readiness`, server, 'n8n');
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
		});
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const page = await context.newPage();
		page.setDefaultTimeout(20_000);
		page.on('pageerror', (error) => pageErrors.push(error.message));
		const shot = async (name: string, forReadme = false) => {
			await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
			if (forReadme) fs.copyFileSync(path.join(SHOTS, `${name}.png`), path.join(README_SHOTS, `${name}.png`));
		};
		screenshotFailure = shot;

		await step('sign in through the form', async () => {
			await page.goto(`${base}/signin`);
			await page.locator('input[type=email], input[name=emailOrLdapLoginId], input[name=email]').first().fill(OWNER.email);
			await page.locator('input[type=password]').first().fill(OWNER.password);
			await page.locator('button[type=submit], [data-test-id=form-submit-button]').first().click();
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		});

		let credentialId = '';
		await step('create the credential in its form and connect through the OAuth popup', async () => {
			credentialId = await createCredential(page, base, sandbox.origin, sandbox.clientId, sandbox.clientSecret, shot);
			return `credential ${credentialId}, ${sandbox.stats.codeExchanges} code exchange`;
		});

		const jobId = sandbox.createJob({ total: 9, durationMs: 0 }).jobId;
		const workflowId = await importWorkflow(page, base, credentialId, jobId);
		await step('find the three nodes in the nodes panel', async () => {
			await page.goto(`${base}/workflow/${workflowId}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			await page.keyboard.press('Escape');
			// the canvas fades its nodes in: a picture taken at once shows them half transparent
			await page.waitForTimeout(1_500);
			await shot('canvas-three-outputs', true);
			const found: string[] = [];
			for (const name of ['Zoho Mass Delete Status', 'Zoho Mass Delete', 'Zoho Recycle Bin']) {
				await page.locator('[data-test-id="canvas-plus-button"], [data-test-id="node-creator-plus-button"]').first().click();
				await page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator-search-bar"]').first().fill(name);
				await page.locator('[data-test-id="node-creator-item-name"]', { hasText: name }).first().waitFor();
				found.push(name);
				await page.keyboard.press('Escape');
			}
			// the three together, each with an icon of its own
			await page.locator('[data-test-id="canvas-plus-button"], [data-test-id="node-creator-plus-button"]').first().click();
			await page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator-search-bar"]').first().fill('Zoho');
			await page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'Zoho Recycle Bin' }).first().waitFor().catch(() => {});
			await page.waitForTimeout(800);
			await shot('nodes-panel', true);
			const icons = await page.evaluate(() => {
				const items = (globalThis as unknown as { document: { querySelectorAll(selector: string): Array<{ textContent: string | null; querySelector(selector: string): { getAttribute(name: string): string | null } | null }> } }).document.querySelectorAll('[data-test-id="node-creator-node-item"], [data-test-id="item-iterator-item"]');
				return Array.from(items)
					.filter((item) => /Zoho (Mass Delete|Recycle Bin)/.test(item.textContent ?? ''))
					.map((item) => item.querySelector('img')?.getAttribute('src') ?? '');
			});
			await page.keyboard.press('Escape');
			const distinct = new Set(icons.filter(Boolean));
			if (distinct.size < 3) throw new Error(`the nodes panel shows ${distinct.size} distinct icons for the three nodes: ${icons.join(' | ')}`);
			return `${found.join(', ')}; ${distinct.size} distinct icons`;
		});

		await step('the module list: the org\'s modules, Meetings in, subforms out, searched with one Zoho call', async () => {
			const before = sandbox.stats.moduleLists;
			await openNode(page, 'Zoho Mass Delete Status');
			await page.locator('[data-test-id="resource-locator-module"] [data-test-id="rlc-input"]').first().click();
			const items = page.locator('[data-test-id="rlc-item"]');
			// the selected value shows at once; the org's list arrives from Zoho
			await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('[data-test-id="rlc-item"]').length > 3);
			const names = await items.allInnerTexts();
			if (!names.some((name) => name.includes('Meetings'))) throw new Error(`no Meetings in ${names.join(', ')}`);
			if (names.some((name) => /Quoted Items|Invoiced Items|Contact Roles/.test(name))) throw new Error(`a subform or linking module is listed: ${names.join(', ')}`);
			await shot('module-list', true);
			for (const typed of ['M', 'Me', 'Mee', 'Meet']) {
				await page.keyboard.type(typed.slice(-1));
				await page.waitForTimeout(1_300);
			}
			// the selected module (Leads) stays pinned on top; the search leaves only Meetings besides it
			const searched = (await items.allInnerTexts()).filter((name) => !name.includes('Leads'));
			if (searched.length !== 1 || !searched[0].includes('Meetings')) throw new Error(`searching "Meet" left ${searched.join(', ')}`);
			const calls = sandbox.stats.moduleLists - before;
			if (calls !== 1) throw new Error(`${calls} Zoho calls for one opening and four searches`);
			await page.keyboard.press('Escape');
			return `${names.length} modules, 1 Zoho call`;
		});

		await step('run a check: the item shows the job COMPLETED, its job_id exact', async () => {
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			// exact: "Completed Branch" must not count
			await page.getByText('COMPLETED', { exact: true }).first().waitFor({ timeout: 30_000 });
			// the output table's cell (the Job ID parameter is an input's value, not text)
			await page.getByText(jobId, { exact: true }).first().waitFor();
			await shot('executed-item', true);
		});

		await step('Output Mode Single: one output named "Status", never "Undefined Branch"; then back', async () => {
			await selectOption(page, 'outputMode', 'Single Output');
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			await page.getByText('COMPLETED', { exact: true }).first().waitFor({ timeout: 30_000 });
			const text = await page.locator('body').innerText();
			if (/Undefined Branch/i.test(text)) throw new Error('"Undefined Branch" is shown');
			await selectOption(page, 'outputMode', 'One Output per Status');
		});

		await step('a bad job ID shows the clear error, naming the field and the item', async () => {
			const jobId = page.locator('[data-test-id="parameter-input-jobId"] input, [data-test-id="parameter-input-jobId"] textarea').first();
			await jobId.fill('not-a-job');
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			await page.getByText('\'Job ID\' must be 1 to 19 digits, got "not-a-job" [item 0]').first().waitFor({ timeout: 30_000 });
			await shot('bad-job-id');
		});

		await step('Wait for Completion: its Timeout option appears, and the node keeps checking until COMPLETED', async () => {
			const waitingJob = sandbox.createJob({ total: 12, durationMs: 240_000 }).jobId;
			await page.locator('[data-test-id="parameter-input-jobId"] input, [data-test-id="parameter-input-jobId"] textarea').first().fill(waitingJob);
			// Timeout (Seconds) is an option only while the node waits (displayOptions on /waitForCompletion)
			const optionNames = async () => {
				await page.locator('[data-test-id="collection-parameter-add"]').first().click();
				const listed = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
				await listed.first().waitFor();
				const names = (await listed.allInnerTexts()).map((name) => name.trim());
				await page.keyboard.press('Escape');
				return names;
			};
			if ((await optionNames()).includes('Timeout (Seconds)')) throw new Error('Timeout (Seconds) is offered while Wait for Completion is off');
			await page.locator('[data-test-id="parameter-input-waitForCompletion"]').first().click();
			const offered = await optionNames();
			if (!offered.includes('Timeout (Seconds)')) throw new Error(`Wait for Completion on, the options are ${offered.join(', ')}`);
			const before = sandbox.stats.statusChecks;
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			await page.getByText('COMPLETED', { exact: true }).first().waitFor({ timeout: 60_000 });
			await page.getByText(waitingJob, { exact: true }).first().waitFor();
			const checks = sandbox.stats.statusChecks - before;
			if (checks < 2) throw new Error(`${checks} status check: the node did not wait`);
			await shot('wait-for-completion');
			return `${checks} checks`;
		});

		await step('the recycle bin node: its module list, then Restore > Record IDs brings deleted records back, each item saying so', async () => {
			const deleted = sandbox.records.sampleIds('Leads', 3, 'junk');
			sandbox.records.deleteIds('Leads', deleted);
			await page.goto(`${base}/workflow/${workflowId}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			await openNode(page, 'Zoho Recycle Bin');
			await page.locator('[data-test-id="resource-locator-module"] [data-test-id="rlc-input"]').first().click();
			await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('[data-test-id="rlc-item"]').length > 3);
			const names = await page.locator('[data-test-id="rlc-item"]').allInnerTexts();
			if (!names.some((name) => name.includes('Meetings'))) throw new Error(`no Meetings in ${names.join(', ')}`);
			await page.keyboard.press('Escape');
			await page.locator('[data-test-id="parameter-input-operation"]').first().click();
			// the list fades in
			await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible', { hasText: 'Get Restore Progress' }).first().waitFor();
			await page.waitForTimeout(500);
			const operations = (await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible').allInnerTexts()).map((name) => name.split('\n')[0].trim());
			for (const name of ['Get Many Deleted Records', 'Get Restore Progress', 'Restore Deleted Records']) if (!operations.includes(name)) throw new Error(`no operation "${name}" among ${operations.join(', ')}`);
			await page.keyboard.press('Escape');
			await selectOption(page, 'operation', 'Restore Deleted Records');
			await selectOption(page, 'restoreBy', 'Record IDs');
			// the default, {{ $json.id }}, is an expression: its editor is CodeMirror; text without braces is taken as it is
			const ids = page.locator('[data-test-id="parameter-input-recordIds"] [contenteditable="true"]').first();
			await ids.click();
			await page.keyboard.press('Control+a');
			await page.keyboard.type(deleted.join(', '));
			// the editor hands its value to the node only once it settles: leave the field first
			await page.locator('[data-test-id="parameter-input-recordIds"]').first().locator('xpath=ancestor::*[contains(@class, "parameter-item")][1]').getByText('Record IDs', { exact: true }).first().click().catch(() => {});
			await page.waitForTimeout(1_000);
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			await page.getByText('record restored', { exact: true }).first().waitFor({ timeout: 30_000 });
			await page.getByText(deleted[0], { exact: true }).first().waitFor();
			await page.getByText('Restored.', { exact: true }).first().waitFor();
			// the table cuts the summary off at the panel's edge; the JSON view shows each item whole
			await page.getByText('JSON', { exact: true }).last().click();
			await page.waitForFunction(() => /"summary":/.test((globalThis as unknown as BrowserGlobals).document.body.innerText), undefined, { timeout: 10_000 });
			await shot('restore-item', true);
			const back = deleted.filter((id) => sandbox.records.exists('Leads', id)).length;
			if (back !== deleted.length) throw new Error(`${back} of ${deleted.length} records are back`);
			await page.keyboard.press('Escape');
			return `${names.length} modules; ${back} records restored`;
		});

		await step('Delete By > Criteria: the field list from the org, a condition filled in, a dry run that counts with COQL, its backup file', async () => {
			const criteriaWorkflowId = await createWorkflow(page, base, 'Delete Junk Leads by criteria', [
				MANUAL_TRIGGER,
				{
					name: 'Zoho Mass Delete',
					type: START_TYPE,
					parameters: { deleteBy: 'criteria', module: { __rl: true, mode: 'list', value: 'Leads', cachedResultName: 'Leads' }, options: { backupFields: 'Full_Name, Email, Lead_Status', dryRun: true } },
					credentials: zohoCredential(credentialId),
				},
			]);
			await page.goto(`${base}/workflow/${criteriaWorkflowId}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			const before = sandbox.stats.fieldLists;
			await openNode(page, 'Zoho Mass Delete');
			await page.getByRole('button', { name: 'Add Condition' }).first().click();
			await page.locator('[data-test-id="resource-locator-field"] [data-test-id="rlc-input"]').first().click();
			await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('[data-test-id="rlc-item"]').length > 5);
			const fields = await page.locator('[data-test-id="rlc-item"]').allInnerTexts();
			if (!fields.some((name) => name.includes('Lead Status (Lead_Status)'))) throw new Error(`no Lead Status among ${fields.join(', ')}`);
			await shot('criteria-field-list', true);
			await page.locator('[data-test-id="rlc-item"]', { hasText: 'Lead Status (Lead_Status)' }).first().click();
			await page.locator('[data-test-id="parameter-input-value"] input, [data-test-id="parameter-input-value"] textarea').first().fill('Junk Lead');
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			// an item with a file: n8n shows its binary data first
			await page.getByText(/Leads-criteria-backup-.*\.csv/).first().waitFor({ timeout: 30_000 });
			await shot('criteria-backup-binary', true);
			await page.getByText('JSON', { exact: true }).last().click();
			// the JSON view draws only what is on screen: the count is near the top
			await page
				.waitForFunction(() => /"record_count":\s*15\b/.test((globalThis as unknown as BrowserGlobals).document.body.innerText), undefined, { timeout: 10_000 })
				.catch(() => {
					throw new Error('the dry run does not show record_count 15');
				});
			await shot('criteria-conditions', true);
			const coql = sandbox.requestLog.filter((request) => request.path.endsWith('/coql')).map((request) => (request.body as Json).select_query);
			if (coql[coql.length - 1] !== "select id, Full_Name, Email, Lead_Status from Leads where Lead_Status = 'Junk Lead' order by id asc limit 2000") throw new Error(`sent ${coql[coql.length - 1]}`);
			if (sandbox.requestLog.some((request) => request.path.endsWith('/mass_delete') && request.method === 'POST' && (request.body as Json)?.ids)) throw new Error('the dry run deleted');
			// Dry Run off: the node itself, executed, deletes
			await page.locator('[data-test-id="parameter-input-dryRun"]').first().click();
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			// the item carries its backup again: n8n shows the binary view first
			await page.waitForTimeout(2_000);
			await page.getByText('JSON', { exact: true }).last().click();
			await page.waitForFunction(() => /"deleted_count":\s*9\b/.test((globalThis as unknown as BrowserGlobals).document.body.innerText), undefined, { timeout: 30_000 });
			await shot('criteria-deleted', true);
			await page.keyboard.press('Escape');
			return `${fields.length} fields listed (${sandbox.stats.fieldLists - before} Zoho calls for the list and the run); 15 counted; backup file shown; then 9 deleted`;
		});

		await step("a reopened workflow: 'Execute step' on the status node deletes nothing again; the status node took its job from the delete", async () => {
			const createdId = await createWorkflow(page, base, 'Delete sold vehicles, then check', [
				MANUAL_TRIGGER,
				{
					name: 'Zoho Mass Delete',
					type: START_TYPE,
					parameters: { deleteBy: 'customView', module: { __rl: true, mode: 'list', value: 'Vehicles', cachedResultName: 'Vehicles' }, customView: { __rl: true, mode: 'list', value: '3652397000000538017', cachedResultName: 'Sold Vehicles' }, options: {} },
					credentials: zohoCredential(credentialId),
				},
				// added as a user adds it: nothing filled in
				{ name: 'Zoho Mass Delete Status', type: STATUS_TYPE, parameters: {}, credentials: zohoCredential(credentialId) },
			]);
			await page.goto(`${base}/workflow/${createdId}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			const starts = sandbox.stats.massDeleteStarts;
			await page.locator('[data-test-id="execute-workflow-button"]').first().click();
			await page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('[data-test-id="canvas-node"] [data-test-id="canvas-node-status-success"]').length >= 2, undefined, { timeout: 30_000 }).catch(() => {});
			await page.waitForTimeout(1_500);
			if (sandbox.stats.massDeleteStarts !== starts + 1) throw new Error(`Execute workflow started ${sandbox.stats.massDeleteStarts - starts} mass deletes`);
			// reopened: no output on any node
			await page.reload();
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			await page.waitForTimeout(1_000);
			await openNode(page, 'Zoho Mass Delete Status');
			const parameters = await page.locator('[data-test-id="node-parameters"], .node-parameters-wrapper').first().innerText();
			if (!parameters.includes('$json.job_id') || !parameters.includes('$json.module')) throw new Error('Job ID and Module are not prefilled from the delete\'s item');
			await page.getByText(/In the editor, 'Execute step' first runs the nodes before this one/).first().waitFor();
			await page.locator('[data-test-id="node-execute-button"]').first().click();
			await page.getByText(/Nothing was deleted: you executed 'Zoho Mass Delete Status'/).first().waitFor({ timeout: 30_000 });
			await shot('editor-rerun-refused', true);
			if (sandbox.stats.massDeleteStarts !== starts + 1) throw new Error(`'Execute step' on the status node started another mass delete`);
			await page.keyboard.press('Escape');
			return 'one delete from Execute workflow; none from Execute step on the status node';
		});

		await step("adding 'Dry Run' turns it on, and the canvas says so; the territory list", async () => {
			const createdId = await createWorkflow(page, base, 'Try a delete', [
				{ name: 'Zoho Mass Delete', type: START_TYPE, parameters: { deleteBy: 'customView', module: { __rl: true, mode: 'list', value: 'Leads', cachedResultName: 'Leads' } }, credentials: zohoCredential(credentialId) },
			]);
			await page.goto(`${base}/workflow/${createdId}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			await openNode(page, 'Zoho Mass Delete');
			const addOption = async (name: string) => {
				await page.locator('[data-test-id="collection-parameter-add"]').first().click();
				await page.locator('.el-select-dropdown__item:visible, [role="option"]:visible', { hasText: name }).first().click();
			};
			await addOption('Dry Run');
			const on = await page.locator('[data-test-id="parameter-input-dryRun"] .is-checked, [data-test-id="parameter-input-dryRun"] [aria-checked="true"], [data-test-id="parameter-input-dryRun"] input:checked').count();
			if (on === 0) throw new Error('Dry Run was added switched off');
			await addOption('Territory');
			await page.locator('[data-test-id="resource-locator-territoryId"] [data-test-id="rlc-input"]').first().click();
			await page.locator('[data-test-id="rlc-item"]', { hasText: 'West Coast (in North America)' }).first().waitFor();
			await shot('territory-list');
			await page.keyboard.press('Escape');
			await page.keyboard.press('Escape');
			await page.locator('[data-test-id="canvas-node"]', { hasText: 'Dry Run: Delete by Custom View' }).first().waitFor();
			await shot('canvas-dry-run', true);
			return 'Dry Run on when added; the subtitle says Dry Run; territories listed';
		});

		await step('an AI Agent offers the three nodes as tools: its Tool slot lists them', async () => {
			const agentWorkflowId = await createWorkflow(page, base, 'AI Agent with Zoho tools', [
				MANUAL_TRIGGER,
				{ name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, parameters: { promptType: 'define', text: 'Check my Zoho mass delete job', options: {} } },
			]);
			await page.goto(`${base}/workflow/${agentWorkflowId}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			await page.locator('[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"][data-node-name="AI Agent"] [data-test-id="canvas-handle-plus"]').first().click();
			await page.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator-search-bar"]').first().fill('Zoho');
			const items = page.locator('[data-test-id="node-creator-item-name"]');
			await items.filter({ hasText: 'Zoho Recycle Bin' }).first().waitFor();
			const names = (await items.allInnerTexts()).map((name) => name.trim());
			await shot('agent-tools', true);
			const missing = ['Zoho Mass Delete Status', 'Zoho Mass Delete', 'Zoho Recycle Bin'].filter((name) => !names.some((shown) => shown === name || shown === `${name} Tool`));
			if (missing.length > 0) throw new Error(`not among the agent's tools: ${missing.join(', ')} (listed: ${names.join(', ')})`);
			await page.keyboard.press('Escape');
			return names.filter((name) => name.startsWith('Zoho')).join(', ');
		});

		for (const file of fs.readdirSync(path.join(ROOT, 'examples')).filter((name) => name.endsWith('.json')).sort()) {
			await step(`import examples/${file} from a file: no missing node, no credential or parameter warning`, async () => {
				const { nodes, flagged } = await importFromFile(page, base, path.join(ROOT, 'examples', file), `example-${path.basename(file, '.json')}`, shot);
				if (flagged.length > 0) throw new Error(`flagged: ${flagged.join(' | ')}`);
				return `${nodes} nodes`;
			});
		}
		await step('can fail: a workflow with a node this n8n lacks is flagged on import', async () => {
			const example = loadExample('status-check-branching.json') as unknown as Json;
			const status = (example.nodes as Json[]).find((node) => node.type === STATUS_TYPE)!;
			status.type = `${STATUS_TYPE}NotInstalled`;
			const file = path.join(runDir, 'not-installed.json');
			fs.writeFileSync(file, JSON.stringify(example));
			const { flagged } = await importFromFile(page, base, file, 'example-not-installed', shot);
			if (!flagged.some((entry) => entry.startsWith(status.name))) throw new Error(`"${status.name}" is not flagged (${flagged.join(' | ') || 'nothing is'})`);
			return flagged.join(' | ');
		});

		check('no page error', pageErrors.length === 0, pageErrors.slice(0, 3).join(' | '));
	} catch (error) {
		check('the UI run itself', false, (error as Error).stack);
	} finally {
		await browser?.close().catch(() => {});
		await stopProcess(server);
		await sandbox.close();
	}
	if (process.env.WALKTHROUGH === '1') {
		await step('the walkthrough video and animated image, made from these screenshots', async () => {
			const { buildWalkthrough } = await import('./walkthrough');
			const made = buildWalkthrough(SHOTS);
			if (made.seconds < 10) throw new Error(`the video lasts ${made.seconds} s`);
			return `${made.video}, ${made.gif}, ${made.seconds.toFixed(1)} s`;
		});
	}
	return finish(runDir, `logs kept in ${runDir}, screenshots in ${SHOTS}`);
}

async function openNode(page: Page, name: string): Promise<void> {
	await page.locator('[data-test-id="canvas-node"]', { hasText: name }).first().dblclick();
	await page.locator('[data-test-id="node-execute-button"]').first().waitFor();
}

async function selectOption(page: Page, parameter: string, option: string): Promise<void> {
	await page.locator(`[data-test-id="parameter-input-${parameter}"]`).first().click();
	await page.locator('.el-select-dropdown__item, [role="option"]', { hasText: option }).first().click();
}

/**
 * Import from File into a new workflow, through the file input that the workflow menu's item opens; then which
 * canvas nodes carry an issue or not-installed mark, and the mark's tooltip.
 */
async function importFromFile(page: Page, base: string, file: string, screenshot: string, shot: (name: string) => Promise<void>): Promise<{ nodes: number; flagged: string[] }> {
	const expected = (JSON.parse(fs.readFileSync(file, 'utf8')).nodes as Json[]).length;
	await page.goto(`${base}/workflow/new`);
	await page.locator('[data-test-id="workflow-import-input"]').first().waitFor({ state: 'attached' });
	await page.locator('[data-test-id="workflow-import-input"]').first().setInputFiles(file);
	await page.waitForFunction((count) => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('[data-test-id="canvas-node"]').length >= count, expected);
	// issues are worked out once the import settles (credentials auto-assigned, parameters resolved)
	await page.waitForTimeout(1_500);
	await shot(screenshot);
	const marks = '[data-test-id="node-issues"], [data-test-id="node-not-installed"]';
	const flaggedNodes = page.locator(`[data-test-id="canvas-node"]:has(${marks})`);
	const flagged: string[] = [];
	for (let index = 0; index < (await flaggedNodes.count()); index++) {
		const node = flaggedNodes.nth(index);
		await node.locator(marks).first().hover();
		const why = await page.locator('.el-popper:visible, [role="tooltip"]:visible').last().innerText({ timeout: 3_000 }).catch(() => '');
		const label = (await node.getAttribute('data-node-name')) ?? (await node.innerText()).replace(/\s+/g, ' ');
		flagged.push(`${label}: ${why.replace(/\s+/g, ' ')}`);
	}
	return { nodes: await page.locator('[data-test-id="canvas-node"]').count(), flagged };
}

/** A REST call as the editor makes it: from the page, with the browser-id n8n binds its auth cookie to. */
interface WorkflowNode {
	name: string;
	type: string;
	parameters: Json;
	typeVersion?: number;
	credentials?: Json;
}

const MANUAL_TRIGGER: WorkflowNode = { name: "When clicking 'Execute workflow'", type: 'n8n-nodes-base.manualTrigger', parameters: {} };
const zohoCredential = (id: string): Json => ({ zohoCrmOAuth2Api: { id, name: 'Zoho CRM account' } });

/** A workflow as a user builds one, its nodes in a line, each feeding the next; saved through n8n's REST API. Its ID. */
async function createWorkflow(page: Page, base: string, name: string, nodes: WorkflowNode[]): Promise<string> {
	const created = await rest(page, base, 'POST', '/rest/workflows', {
		name,
		nodes: nodes.map((node, index) => ({ id: randomUUID(), typeVersion: 1, position: [index * 260, 0], ...node })),
		connections: Object.fromEntries(nodes.slice(1).map((node, index) => [nodes[index].name, { main: [[{ node: node.name, type: 'main', index: 0 }]] }])),
		settings: { executionOrder: 'v1' },
	});
	return String(created.data.id);
}

async function rest(page: Page, base: string, method: string, pathname: string, body?: unknown): Promise<Json> {
	const answer = await page.evaluate(
		async ({ url, method, body }) => {
			const browserId = (globalThis as unknown as BrowserGlobals).localStorage.getItem('n8n-browserId') ?? '';
			const response = await fetch(url, { method, headers: { 'content-type': 'application/json', 'browser-id': browserId }, body: body === undefined ? undefined : JSON.stringify(body) });
			return { status: response.status, text: await response.text() };
		},
		{ url: `${base}${pathname}`, method, body },
	);
	if (answer.status >= 400) throw new Error(`${method} ${pathname}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
	return JSON.parse(answer.text) as Json;
}

/** The branching example, with the job ID typed, a Zoho Recycle Bin node on a branch of its own, and the credential the form created. */
async function importWorkflow(page: Page, base: string, credentialId: string, jobId: string): Promise<string> {
	const example = loadExample('status-check-branching.json') as unknown as Json;
	const trigger = (example.nodes as Json[]).find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
	example.nodes.push({ id: 'b1a2c3d4-0000-4000-8000-00000000b1b1', name: 'Zoho Recycle Bin', type: RECYCLE_BIN_TYPE, typeVersion: 1, position: [220, 360], parameters: { operation: 'list', module: { __rl: true, mode: 'list', value: 'Leads', cachedResultName: 'Leads' }, options: {} } });
	example.connections[trigger.name].main[0].push({ node: 'Zoho Recycle Bin', type: 'main', index: 0 });
	for (const node of example.nodes as Json[]) {
		if (node.type === STATUS_TYPE) node.parameters.jobId = jobId;
		if (OUR_TYPES.includes(node.type)) node.credentials = { zohoCrmOAuth2Api: { id: credentialId, name: 'Zoho CRM account' } };
	}
	const created = await rest(page, base, 'POST', '/rest/workflows', { name: example.name, nodes: example.nodes, connections: example.connections, settings: example.settings });
	return String(created.data.id);
}

/** Credentials → Create → Zoho CRM OAuth2 API → the form → "Connect my account" → the sandbox's consent popup. */
async function createCredential(page: Page, base: string, accountsServer: string, clientId: string, clientSecret: string, shot: (name: string, forReadme?: boolean) => Promise<void>): Promise<string> {
	await page.goto(`${base}/home/credentials/create`);
	const search = page.locator('[data-test-id="credential-select-search"] input, input[placeholder*="Search"]').first();
	await search.fill('Zoho CRM OAuth2');
	await page.locator('[data-test-id="credential-select-option"], .el-select-dropdown__item, [role="option"]', { hasText: 'Zoho CRM OAuth2 API' }).first().click();
	await page.locator('[data-test-id="new-credential-type-button"], button:has-text("Continue")').first().click();
	await page.locator('[data-test-id="parameter-input-clientId"] input').first().fill(clientId);
	await page.locator('[data-test-id="parameter-input-clientSecret"] input').first().fill(clientSecret);
	await selectOption(page, 'dataCenter', 'Custom URLs');
	await page.locator('[data-test-id="parameter-input-customAccountsServer"] input').first().fill(accountsServer);
	await page.locator('[data-test-id="parameter-input-allowStartingMassDeletes"]').first().click();
	await page.locator('[data-test-id="parameter-input-allowRestoringFromRecycleBin"]').first().click();
	await shot('credential-form', true);
	const popup = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Connect', exact: true }).first().click();
	await (await popup).waitForEvent('close', { timeout: 30_000 }).catch(() => {});
	await page.getByText(/Account connected/i).first().waitFor({ timeout: 30_000 });
	const list = await rest(page, base, 'GET', '/rest/credentials');
	const created = (list.data as Json[]).find((credential) => credential.type === 'zohoCrmOAuth2Api');
	if (!created) throw new Error('no Zoho CRM credential was saved');
	return String(created.id);
}

main().then((code) => process.exit(code));
