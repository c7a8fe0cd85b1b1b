/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// npm run test:e2e: the package in a real n8n (installed by scripts/e2e/install.sh into node_modules/.cache/e2e/),
// headless, against the sandbox. It checks what only a real n8n shows: the package loads as a community package, the
// credential's "Connect my account" OAuth flow works from its derived URLs and scope, and example workflows run
// with n8n refreshing an expired token through the derived token URL.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { loadExample } from '../test/harness/examples';
import { connectCredential } from '../test/sandbox/connect';
import { startSandbox, type Sandbox } from '../test/sandbox/server';
import { E2E, firstItem, freePort, importAndExecute, installPackage, itemsOf, MAJOR, N8N_BIN, n8nCli, n8nEnvironment, OUR_TYPES, OWNER, packPackage, STATUS_TYPE } from './n8nInstance';
import { check, finish } from './suiteChecks';

const CREDENTIAL = { id: 'zohoE2eCred00001', name: 'Zoho CRM (sandbox)' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any


async function environment(runDir: string): Promise<NodeJS.ProcessEnv> {
	return await n8nEnvironment(path.join(runDir, 'user'), await freePort());
}

/** "Connect my account", as the editor does it: n8n builds the consent URL, Zoho (the sandbox) redirects back. */
async function connectThroughN8n(env: NodeJS.ProcessEnv, sandbox: Sandbox): Promise<void> {
	const base = String(env.N8N_EDITOR_BASE_URL);
	let server: ChildProcess | undefined = spawn(N8N_BIN, ['start'], { env, stdio: 'ignore' });
	try {
		const started = Date.now();
		for (;;) {
			if (Date.now() - started > 180_000) throw new Error('n8n did not become ready in 180 s');
			try {
				if ((await fetch(`${base}/healthz/readiness`)).ok) break;
			} catch {
				// not up yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const login = await fetch(`${base}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		check('n8n accepts the owner login', login.ok);

		const types = (await (await fetch(`${base}/types/nodes.json`, { headers: { cookie } })).json()) as Json[];
		check('n8n lists the three community node types', OUR_TYPES.every((name) => types.some((type) => type.name === name)));

		const auth = (await (await fetch(`${base}/rest/oauth2-credential/auth?id=${CREDENTIAL.id}`, { headers: { cookie } })).json()) as Json;
		const consent = new URL(String(auth.data));
		check('the consent URL is the accounts server\'s /oauth/v2/auth', `${consent.origin}${consent.pathname}` === `${sandbox.origin}/oauth/v2/auth`, consent.origin + consent.pathname);
		check(
			'it asks for the least-privilege scopes plus what starting mass deletes, restoring and backups need',
			consent.searchParams.get('scope') ===
				'ZohoCRM.mass_delete.READ,ZohoCRM.settings.modules.READ,ZohoCRM.mass_delete.DELETE,ZohoCRM.settings.custom_views.READ,ZohoCRM.modules.READ,ZohoCRM.coql.READ,ZohoCRM.settings.fields.READ,ZohoCRM.settings.territories.READ,ZohoCRM.settings.recycle_bin.READ,ZohoCRM.settings.recycle_bin.UPDATE,ZohoCRM.users.READ,ZohoCRM.bulk.READ',
			String(consent.searchParams.get('scope')),
		);
		check('it asks for offline access with consent', consent.searchParams.get('access_type') === 'offline' && consent.searchParams.get('prompt') === 'consent');

		const redirect = await fetch(consent, { redirect: 'manual' });
		const callback = redirect.headers.get('location') ?? '';
		const done = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
		check('n8n exchanges the code at the derived token URL', sandbox.stats.codeExchanges === 1 && done.status < 400, `HTTP ${done.status}`);
	} finally {
		if (server && server.exitCode === null) {
			server.kill('SIGTERM');
			await new Promise((resolve) => server!.once('exit', resolve));
		}
		server = undefined;
	}
}

/** Imports an example as a user would (their credential; their job ID where the example has a typed one) and runs it. */
async function importAndRun(env: NodeJS.ProcessEnv, runDir: string, file: string, jobId: string | undefined, tweak: (workflow: Json) => void = () => {}) {
	const workflow = loadExample(file) as unknown as Json;
	workflow.id = `wf${file.replace(/[^a-z]/g, '').slice(0, 14)}`;
	for (const node of workflow.nodes as Json[]) {
		if (node.type === STATUS_TYPE && jobId !== undefined) node.parameters.jobId = jobId;
		if (OUR_TYPES.includes(node.type)) node.credentials = { zohoCrmOAuth2Api: CREDENTIAL };
	}
	tweak(workflow);
	return await importAndExecute(env, runDir, workflow);
}

async function main(): Promise<number> {
	if (!fs.existsSync(N8N_BIN)) {
		console.error(`No n8n ${MAJOR}.x in node_modules/.cache/e2e/: run scripts/e2e/install.sh${MAJOR === 1 ? ' 1' : ''} first (the npm script does).`);
		return 1;
	}
	const runDir = fs.mkdtempSync(path.join(E2E, 'run-'));
	// real time, as Zoho and n8n share it: a job's deletion times and the window n8n restores by must agree.
	// Jobs are short instead (a custom view's records go at 200 a second).
	const sandbox = await startSandbox({ speed: 1, deleteRecordsPerSecond: 200 });
	try {
		const env = await environment(runDir);
		console.log(`n8n ${(await n8nCli(['--version'], env)).out.trim().split('\n').pop()}, sandbox on ${sandbox.origin}, run folder ${runDir}\n`);

		// the package exactly as a community install places it
		installPackage(packPackage(runDir), String(env.N8N_USER_FOLDER));

		const settings = {
			clientId: sandbox.clientId,
			clientSecret: sandbox.clientSecret,
			dataCenter: 'custom',
			customAccountsServer: sandbox.origin,
			environment: 'production',
			allowStartingMassDeletes: true,
			allowRestoringFromRecycleBin: true,
			allowBackupsBeforeDeletes: true,
		};
		// 2.x: connected through n8n's own OAuth flow below; 1.x: imported already connected (same code flow, run here)
		const data = MAJOR === 2 ? settings : { ...settings, oauthTokenData: (await connectCredential(sandbox, settings)).stored.oauthTokenData };
		const credentialsFile = path.join(runDir, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify([{ ...CREDENTIAL, type: 'zohoCrmOAuth2Api', data }]));
		const imported = await n8nCli(['import:credentials', `--input=${credentialsFile}`], env);
		if (imported.code !== 0) throw new Error(`import:credentials failed:\n${imported.out.slice(-2000)}`);

		if (MAJOR === 2) await connectThroughN8n(env, sandbox);

		// every token n8n got is now dead: the next call must go through n8n's refresh at the derived URL
		sandbox.tokens.expireAll();
		const completed = sandbox.createJob({ module: 'Leads', total: 9, durationMs: 0 });
		const branching = await importAndRun(env, runDir, 'status-check-branching.json', completed.jobId);
		const done = firstItem(branching.run, 'Deleted: notify the team');
		check('status-check-branching runs and takes the Completed branch', branching.code === 0 && done?.Status === 'COMPLETED' && done?.job_id === completed.jobId, branching.code === 0 ? JSON.stringify(done) : branching.out.slice(-1500));
		check('n8n refreshed the expired token once, at the derived token URL', sandbox.stats.refreshes === 1, `${sandbox.stats.refreshes} refreshes`);

		const running = sandbox.createJob({ module: 'Leads', total: 6000, durationMs: 10_000 });
		const waiting = await importAndRun(env, runDir, 'in-node-wait.json', running.jobId, (workflow) => {
			const status = (workflow.nodes as Json[]).find((node) => node.type === STATUS_TYPE)!;
			status.parameters.options = { pollInterval: 1, timeout: 120 };
		});
		const waited = firstItem(waiting.run, 'Deleted: notify the team');
		check('in-node-wait waits for a running job in real n8n', waiting.code === 0 && waited?.Status === 'COMPLETED' && Number(waited?.poll_count) >= 2 && waited?.wait_timed_out === false, waiting.code === 0 ? `poll_count ${waited?.poll_count}, waited ${waited?.waited_seconds} s` : waiting.out.slice(-1500));

		// the preview counts Stale Leads (12, of which 3 locked); the job completes with 3 not deleted, so the 9 it deleted
		// are restored (before start-and-wait deletes Junk Leads, 9 of them)
		const staleLeads = sandbox.records.views.find((view) => view.name === 'Stale Leads')!;
		const restoring = await importAndRun(env, runDir, 'delete-preview-restore.json', undefined, (workflow) => {
			const nodes = workflow.nodes as Json[];
			nodes.find((node) => node.name === 'Preview: count the view')!.parameters.customView.value = staleLeads.cvid;
			// waits in the node here: \`n8n execute\` does not resume an execution the Wait node parked
			const status = nodes.find((node) => node.type === STATUS_TYPE)!;
			status.parameters.waitForCompletion = true;
			status.parameters.options = { ...status.parameters.options, pollInterval: 1, timeout: 120 };
		});
		const preview = firstItem(restoring.run, 'Preview: count the view');
		const job = firstItem(restoring.run, 'Wait for the job');
		const restore = firstItem(restoring.run, 'Restored: tell an admin');
		check(
			'delete-preview-restore counts the view, deletes under its cap, and restores what a partial job deleted, checked record by record',
			restoring.code === 0 && preview?.record_count === 12 && job?.Deleted_Count === 9 && job?.Failed_Count === 3 && restore?.found === 9 && restore?.restored_now_count === 9 && sandbox.records.countView(staleLeads).total === 12,
			restoring.code === 0 ? `previewed ${preview?.record_count}, job ${job?.Status} ${job?.Deleted_Count} deleted ${job?.Failed_Count} failed, restore ${JSON.stringify(restore)}` : restoring.out.slice(-1500),
		);

		// Junk Leads created before 2024: 9 junk, 3 locked, 3 awaiting approval; the 9 deleted come back by their exact IDs
		const junkLeads = sandbox.records.views.find((view) => view.name === 'Junk Leads')!;
		const byCriteria = await importAndRun(env, runDir, 'delete-by-criteria.json', undefined);
		const counted = firstItem(byCriteria.run, 'Preview: count the matching leads');
		const deleted = firstItem(byCriteria.run, 'Delete: exactly what was previewed');
		const restoredByIds = itemsOf(byCriteria.run, 'Restore exactly what this run deleted');
		check(
			'delete-by-criteria previews with COQL, deletes the previewed criteria, and restores exactly the IDs it deleted',
			byCriteria.code === 0 &&
				counted?.record_count === 15 &&
				deleted?.deleted_count === 9 &&
				deleted?.failed_count === 6 &&
				JSON.stringify(restoredByIds.map((item) => item.id)) === JSON.stringify(deleted?.deleted_ids) &&
				restoredByIds.every((item) => item.restored_now === true) &&
				sandbox.records.countView(junkLeads).total === 9,
			byCriteria.code === 0 ? `previewed ${counted?.record_count}, deleted ${deleted?.deleted_count}, refused ${deleted?.failed_count}, restored ${restoredByIds.length}` : byCriteria.out.slice(-1500),
		);

		// Stale Leads again: backed up by Bulk Read, its IDs captured, deleted (3 locked), exactly the 9 deleted restored
		const backedUp = await importAndRun(env, runDir, 'backup-delete-restore.json', undefined);
		const backupStart = backedUp.run?.data?.resultData?.runData?.['Back up, then delete the view']?.[0]?.data?.main?.[0]?.[0];
		const exactRestore = firstItem(backedUp.run, 'Restore exactly what the job deleted');
		const restoreDone = firstItem(backedUp.run, 'Restored: tell an admin');
		check(
			'backup-delete-restore attaches the Bulk Read zip, deletes, restores exactly the captured records it deleted, and sees them back',
			backedUp.code === 0 &&
				backupStart?.json?.backup_rows === 12 &&
				backupStart?.binary?.backup?.mimeType === 'application/zip' &&
				exactRestore?.by_captured_ids === true &&
				exactRestore?.found === 9 &&
				restoreDone?.restored === true &&
				sandbox.records.countView(staleLeads).total === 12,
			backedUp.code === 0 ? `backup ${backupStart?.json?.backup_rows} rows (${backupStart?.binary?.backup?.fileName}), restore ${exactRestore?.summary}, check ${restoreDone?.summary}` : backedUp.out.slice(-1500),
		);

		const started = await importAndRun(env, runDir, 'start-and-wait.json', undefined, (workflow) => {
			const status = (workflow.nodes as Json[]).find((node) => node.type === STATUS_TYPE)!;
			status.parameters.options = { pollInterval: 1, timeout: 120 };
		});
		const startedJob = [...sandbox.jobs.values()].find((job) => job.cvid === junkLeads.cvid);
		const finished = firstItem(started.run, 'Deleted: notify the team');
		check(
			'start-and-wait starts the mass delete with the start node, follows it and takes the Completed branch',
			started.code === 0 && startedJob !== undefined && finished?.Status === 'COMPLETED' && finished?.job_id === startedJob.jobId && sandbox.records.countView(junkLeads).total === 0,
			started.code === 0 ? JSON.stringify(finished) : started.out.slice(-1500),
		);

		check(
			'nothing asked Zoho for a permanent delete',
			sandbox.stats.permanentDeletes === 0 && !sandbox.requestLog.some((request) => request.method === 'DELETE' || request.path.endsWith('/actions/empty')),
		);

		const exportFile = path.join(runDir, 'credential-after.json');
		await n8nCli(['export:credentials', `--id=${CREDENTIAL.id}`, '--decrypted', `--output=${exportFile}`], env);
		const stored = (JSON.parse(fs.readFileSync(exportFile, 'utf8')) as Json[])[0]?.data?.oauthTokenData ?? {};
		check('n8n stored the refreshed token and kept api_domain and the refresh token', Boolean(stored.access_token) && stored.api_domain === sandbox.origin && Boolean(stored.refresh_token) && sandbox.tokens.scopesOf(String(stored.access_token)) !== undefined);
		const everything = [branching.out, waiting.out, started.out, restoring.out, byCriteria.out, backedUp.out].join('\n');
		check('no secret in n8n\'s output', !sandbox.tokens.allSecrets().some((secret) => everything.includes(secret)));
	} catch (error) {
		check('the e2e run itself', false, (error as Error).stack);
	} finally {
		await sandbox.close();
	}
	return finish(runDir);
}

main().then((code) => process.exit(code));
