/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// npm run test:e2e:queue: the package in a real n8n 2.41.1 in queue mode (one main, two workers of concurrency 5,
// Redis from Debian's packages, main's SQLite shared), against the sandbox. It shows what only queue mode shows:
// the Wait-node loop parks between checks and resumes on a worker, a worker killed while executions are parked
// loses none of them, and what becomes of an in-node wait whose worker dies.
import fs from 'node:fs';
import path from 'node:path';

import { connectCredential } from '../test/sandbox/connect';
import { startSandbox } from '../test/sandbox/server';
import { E2E, freePort, N8N_BIN, packPackage, sleep } from './n8nInstance';
import { check, finish } from './suiteChecks';
import { QueueCluster, Redis } from './queue/cluster';
import { inNodeWait, parkedLoop } from './queue/workflows';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CREDENTIAL = { id: 'zohoQueueCred001', name: 'Zoho CRM (sandbox)' };
const LOOP_JOB_SECONDS = 150;
const since = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(0)} s`;

/** Samples every execution's status every 2 s, so a park (status waiting) is seen however short. */
function sampleStatuses(cluster: QueueCluster) {
	const seen = new Map<string, Array<{ at: number; status: string; waitTill?: number }>>();
	let stopped = false;
	const done = (async () => {
		while (!stopped) {
			try {
				for (const execution of await cluster.executions()) {
					const history = seen.get(String(execution.id)) ?? [];
					const waitTill = execution.waitTill ? Date.parse(execution.waitTill) : undefined;
					const last = history[history.length - 1];
					if (!last || last.status !== execution.status || last.waitTill !== waitTill) history.push({ at: Date.now(), status: execution.status, waitTill });
					seen.set(String(execution.id), history);
				}
			} catch {
				// main busy: next sample
			}
			await sleep(2_000);
		}
	})();
	return { seen, stop: async () => ((stopped = true), await done) };
}

async function main(): Promise<number> {
	if (!fs.existsSync(N8N_BIN)) {
		console.error('No n8n 2.x in node_modules/.cache/e2e/: run scripts/e2e/install.sh first (the npm script does).');
		return 1;
	}
	const runDir = fs.mkdtempSync(path.join(E2E, 'queue-'));
	const redis = await Redis.start(runDir);
	const sandbox = await startSandbox({ speed: 1, port: await freePort() });
	let cluster: QueueCluster | undefined;
	try {
		const token = (await connectCredential(sandbox)).stored.oauthTokenData;
		const data = { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, dataCenter: 'custom', customAccountsServer: sandbox.origin, environment: 'production', oauthTokenData: token };
		const credentials = [{ ...CREDENTIAL, type: 'zohoCrmOAuth2Api', data }];
		const workflows = [parkedLoop('qLoopParked00001', 'q-loop', CREDENTIAL), inNodeWait('qInNodeWait00001', 'q-innode', CREDENTIAL, { pollInterval: 5, timeout: 600 })];

		cluster = await QueueCluster.create('e2e', runDir, redis, packPackage(runDir));
		await cluster.setup(credentials, workflows);
		const t0 = Date.now();
		await cluster.startMain();
		const [first, second] = [await cluster.startWorker(5), await cluster.startWorker(5)];
		await cluster.waitForWebhooks(['q-loop', 'q-innode']);
		console.log(`n8n 2.x queue mode: main on ${cluster.base}, ${first} and ${second} (concurrency 5), Redis on ${redis.port}, sandbox on ${sandbox.origin}; up in ${since(t0)}\n`);
		const sampler = sampleStatuses(cluster);

		// two loops on jobs of 150 s, and an in-node wait on a job of 20 minutes
		const loopJobs = [sandbox.createJob({ total: 6000, durationMs: LOOP_JOB_SECONDS * 1000 }), sandbox.createJob({ total: 3000, durationMs: LOOP_JOB_SECONDS * 1000 })];
		const innodeJob = sandbox.createJob({ total: 24000, durationMs: 20 * 60_000 });
		const triggeredAt = Date.now();
		for (const job of loopJobs) await cluster.webhook('q-loop', { job_id: job.jobId, module: 'Leads' });
		await cluster.webhook('q-innode', { job_id: innodeJob.jobId, module: 'Leads' });

		// the in-node wait is running on some worker, and both loops are parked
		let loops: Json[] = [];
		let innode: Json | undefined;
		for (let waited = 0; waited < 60; waited++) {
			const executions = await cluster.executions();
			loops = executions.filter((execution) => execution.workflowId === 'qLoopParked00001');
			innode = executions.find((execution) => execution.workflowId === 'qInNodeWait00001');
			if (loops.length === 2 && loops.every((execution) => execution.status === 'waiting') && innode?.status === 'running') break;
			await sleep(1_000);
		}
		const parkedFor = loops.map((execution) => Math.round((Date.parse(execution.waitTill) - Date.now()) / 1000));
		check('both loop executions are parked (status waiting) after their first check', loops.length === 2 && loops.every((execution) => execution.status === 'waiting'), `waitTill in ${parkedFor.join(' s, ')} s`);
		const innodeId = String(innode?.id);
		const innodeWorker = cluster.runnersOf(innodeId)[0]?.process;
		check('the in-node wait is running on a worker, holding it', innode?.status === 'running' && innodeWorker !== undefined, `execution ${innodeId} on ${innodeWorker}`);

		// SIGKILL the worker that holds the in-node wait while both loops are parked
		const survivor = innodeWorker === first ? second : first;
		const killedAt = Date.now();
		cluster.kill(innodeWorker ?? first, 'SIGKILL');
		console.log(`\n${since(triggeredAt)}: killed ${innodeWorker} (SIGKILL); ${survivor} stays\n`);

		// what becomes of the in-node wait: watched for 90 s with the other worker up, then with a new worker too
		let replacement: string | undefined;
		for (let waited = 0; waited < 240 && Date.now() - triggeredAt < LOOP_JOB_SECONDS * 1000 + 150_000; waited++) {
			if (!replacement && Date.now() - killedAt > 90_000) {
				replacement = await cluster.startWorker(5);
				console.log(`${since(triggeredAt)}: started ${replacement} (fresh folder)`);
			}
			const executions = await cluster.executions();
			const loopsDone = executions.filter((execution) => execution.workflowId === 'qLoopParked00001').every((execution) => ['success', 'error', 'crashed'].includes(execution.status));
			const innodeNow = executions.find((execution) => String(execution.id) === innodeId);
			if (loopsDone && replacement && ['error', 'crashed', 'success'].includes(innodeNow?.status) && Date.now() - killedAt > 150_000) break;
			await sleep(2_000);
		}
		await sampler.stop();

		const jobsSeenDone = new Set<string>();
		for (const [index, execution] of loops.entries()) {
			const id = String(execution.id);
			const full = await cluster.execution(id);
			const runData = full.data.resultData.runData as Json;
			const statusRuns = (runData['Zoho Mass Delete Status'] ?? []) as Json[];
			const done = runData['Deleted: notify the team']?.[0]?.data?.main?.[0]?.[0]?.json;
			const job = loopJobs.find((candidate) => candidate.jobId === done?.job_id);
			if (job) jobsSeenDone.add(job.jobId);
			const history = sampler.seen.get(id) ?? [];
			const parks = history.filter((entry) => entry.status === 'waiting');
			const runners = cluster.runnersOf(id);
			check(
				`loop ${index + 1} finished on Completed, its job seen done`,
				full.status === 'success' && done?.Status === 'COMPLETED' && job !== undefined && done?.Deleted_Count === job.total,
				`${full.status}, ${statusRuns.length} checks, Completed item ${JSON.stringify(done && { Status: done.Status, check_count: done.check_count })}`,
			);
			const gaps = statusRuns.slice(0, -1).map((run) => Number(run.data?.main?.[1]?.[0]?.json?.next_check_in_seconds));
			check(
				`loop ${index + 1} parked between checks of 65 s or more, and only then`,
				parks.length === gaps.filter((gap) => gap >= 65).length && parks.length >= 1,
				`gaps ${gaps.join(', ')} s; parked ${parks.length} times`,
			);
			check(
				`loop ${index + 1} resumed on a worker after the kill: ${survivor}${replacement ? ` or ${replacement}` : ''}`,
				runners.length >= 2 && runners.filter((runner) => runner.at > killedAt).every((runner) => runner.process !== innodeWorker) && runners.some((runner) => runner.at > killedAt),
				runners.map((runner) => `${runner.process} at ${Math.round((runner.at - triggeredAt) / 1000)} s`).join(', '),
			);
		}
		const lost = (await cluster.executions()).filter((execution) => execution.workflowId === 'qLoopParked00001' && execution.status !== 'success');
		check('no parked execution was lost to the killed worker, each job seen done once', lost.length === 0 && loops.length === 2 && jobsSeenDone.size === 2, `${lost.length} not successful`);

		// measured, for the README: the in-node wait whose worker died
		const innodeHistory = (sampler.seen.get(innodeId) ?? []).map((entry) => `${entry.status} at ${Math.round((entry.at - triggeredAt) / 1000)} s`);
		const innodeFinal = await cluster.execution(innodeId);
		const checksBefore = innodeJob.checks.filter((entry) => entry.at <= killedAt).length;
		const checksAfter = innodeJob.checks.length - checksBefore;
		console.log(`\nin-node wait whose worker was killed at ${Math.round((killedAt - triggeredAt) / 1000)} s: ${innodeHistory.join(' → ')}; final status ${innodeFinal.status}`);
		console.log(`  its 20-minute job had ${checksBefore} status checks before the kill and ${checksAfter} after: nobody watches it any more`);
		check(
			'an in-node wait whose worker dies is not resumed by another worker (measured; see docs/waiting.md)',
			innodeFinal.status !== 'success' && !innodeFinal.data?.resultData?.runData?.['Deleted: notify the team'] && checksAfter === 0,
			`ended ${innodeFinal.status}${innodeFinal.data?.resultData?.error?.message ? `: ${innodeFinal.data.resultData.error.message}` : ''}`,
		);
		const logText = [...cluster.processes.values()].map(({ log }) => fs.readFileSync(log, 'utf8')).join('\n');
		check('no secret in any n8n log', !sandbox.tokens.allSecrets().some((secret) => logText.includes(secret)));
	} catch (error) {
		check('the queue e2e run itself', false, (error as Error).stack);
	} finally {
		await cluster?.stop();
		await redis.stop();
		await sandbox.close();
	}
	return finish(runDir);
}

main().then((code) => process.exit(code));
