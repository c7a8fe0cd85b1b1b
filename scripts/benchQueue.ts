/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// npm run bench:queue: 50 mass delete jobs, one per sandbox org, 2 to 15 minutes long in real time, each watched at
// once in four ways, side by side in one run, each on its own identical n8n 2.41.1 queue-mode cluster (one main,
// two workers of concurrency 5: 10 slots): the progress-aware loop that parks, fixed 30 s and 65 s Wait loops,
// and in-node waiting. The sandbox records every status check by credential, so credits and detection delay are
// exact; n8n's own execution data says which output each job left on. Exits non-zero when a target is missed.
// npm run bench:queue -- --jobs 200: how far the parked loop goes on one such cluster: that many jobs, 2 to 30
// minutes long, with memory and database size at their peak (run on demand; not part of CI).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { connectCredential } from '../test/sandbox/connect';
import { jobFinishesAt, type MassDeleteJob } from '../test/sandbox/jobs';
import { seededRandom } from '../test/sandbox/random';
import { startSandbox, type Sandbox } from '../test/sandbox/server';
import { E2E, freePort, N8N_BIN, packPackage, ROOT, sleep } from './n8nInstance';
import { QueueCluster, Redis } from './queue/cluster';
import { Postgres } from './queue/postgres';
import { fixedLoop, inNodeWait, parkedLoop } from './queue/workflows';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function argument(name: string): string | undefined {
	const argv = process.argv.slice(2);
	const at = argv.indexOf(name);
	return at === -1 ? undefined : argv[at + 1];
}

/** --jobs N: the scale run, the parked loop alone on one cluster (per database). */
function jobsArgument(): number | undefined {
	const raw = argument('--jobs');
	if (raw === undefined) return undefined;
	const jobs = Number(raw);
	if (!Number.isSafeInteger(jobs) || jobs < 1) throw new Error(`--jobs takes a whole number of jobs, got ${raw}`);
	return jobs;
}

type Database = 'sqlite' | 'postgres';
/** --db sqlite (default) | postgres | both: where the clusters keep their data; both runs every way on each, side by side. */
function databasesArgument(): Database[] {
	const raw = argument('--db') ?? 'sqlite';
	if (raw === 'both') return ['sqlite', 'postgres'];
	if (raw === 'sqlite' || raw === 'postgres') return [raw];
	throw new Error(`--db takes sqlite, postgres or both, got ${raw}`);
}

const SCALE_JOBS = jobsArgument();
const DATABASES = databasesArgument();
const JOBS = SCALE_JOBS ?? 50;
const SHORTEST_S = 120;
/** BENCH_QUEUE_LONGEST_S shortens a trial run; the benchmark's numbers use 15 minutes, the scale run's 30. */
const LONGEST_S = Number(process.env.BENCH_QUEUE_LONGEST_S ?? (SCALE_JOBS === undefined ? 15 : 30) * 60);
const WORKERS = 2;
const CONCURRENCY = 5;
/** After the longest job ends: time for a 65 s loop's last check, and a margin. */
const GRACE_MS = 80_000;
const TARGETS = { maxChecks: 8, delayShare: 0.05, delayPlusMs: 5_000 };

interface Strategy {
	/** The way of waiting. */
	kind: 'parked' | 'fixed30' | 'fixed65' | 'innode';
	/** The way on one database: names its cluster, credentials, workflows and webhooks. */
	key: string;
	label: string;
	database: Database;
	workflow: (id: string, hook: string, credential: Json) => Json;
}

type Way = Omit<Strategy, 'key' | 'database'>;

const WAYS: Way[] = [
	{ kind: 'parked', label: 'progress-aware loop (parks)', workflow: (id, hook, credential) => parkedLoop(id, hook, credential, { loopTimeout: 30 }) },
	{ kind: 'fixed30', label: 'fixed 30 s Wait loop', workflow: (id, hook, credential) => fixedLoop(id, hook, credential, 30, { loopTimeout: 30 }) },
	{ kind: 'fixed65', label: 'fixed 65 s Wait loop', workflow: (id, hook, credential) => fixedLoop(id, hook, credential, 65, { loopTimeout: 30 }) },
	{ kind: 'innode', label: 'in-node waiting', workflow: (id, hook, credential) => inNodeWait(id, hook, credential, { pollInterval: 5, timeout: 1800 }) },
];
/**
 * The scale run's loop, for jobs of up to 30 minutes: a Longest Gap of 6 minutes (the default 3 would take 10 checks for
 * a 30-minute job, a failure part way still noticed within a fifth of it), and a Loop Timeout past the longest job.
 */
const SCALE_WAY: Way = { kind: 'parked', label: 'progress-aware loop (parks), Longest Gap 360 s', workflow: (id, hook, credential) => parkedLoop(id, hook, credential, { loopTimeout: 45, maxGap: 360 }) };
const STRATEGIES: Strategy[] = (SCALE_JOBS === undefined ? WAYS : [SCALE_WAY]).flatMap((way) =>
	DATABASES.map((database) => ({ ...way, database, key: database === 'postgres' ? `${way.kind}pg` : way.kind })),
);

interface Watch {
	strategy: Strategy;
	cluster: QueueCluster;
	/** The sandbox grant (credential) of each org in this cluster. */
	grants: Set<number>;
	/** From the workers' logs, once the run is over. */
	peakSlots: number;
	/** Executions running or queued, from n8n's statuses, sampled every 5 s. */
	peakWanted: number;
	/** Bytes, the highest seen: main, the busiest worker, the database. */
	peakMainRss: number;
	peakWorkerRss: number;
	peakDatabase: number;
	credentials: Json[];
	workflows: Json[];
}

/** How one way of waiting did, from the sandbox's record of every check and n8n's execution data. */
interface Measured {
	seenRight: number;
	credits: number[];
	delays: number[];
	targetsMissed: number;
	lost: number;
	duplicated: number;
}

const median = (values: number[]) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};
const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '-');
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

async function measure(watch: Watch, jobs: MassDeleteJob[]): Promise<Measured> {
	const { byJob, executions } = await outcomesOf(watch.cluster);
	const measured: Measured = { seenRight: 0, credits: [], delays: [], targetsMissed: 0, lost: 0, duplicated: 0 };
	for (const job of jobs) {
		const checks = job.checks.filter((entry) => watch.grants.has(entry.grant));
		const finishedSeen = checks.find((entry) => entry.status === 'COMPLETED' || entry.status === 'FAILED');
		const outputs = byJob.get(job.jobId) ?? [];
		if (!finishedSeen || outputs.length !== 1 || outputs[0] !== 'Completed') continue;
		measured.seenRight += 1;
		measured.credits.push(checks.length);
		const delay = finishedSeen.at - jobFinishesAt(job);
		measured.delays.push(delay);
		if (watch.strategy.kind === 'parked' && (checks.length > TARGETS.maxChecks || delay > TARGETS.delayShare * job.durationMs + TARGETS.delayPlusMs)) {
			measured.targetsMissed += 1;
			console.log(`  parked loop, job of ${s(job.durationMs)}: ${checks.length} checks, seen ${s(delay)} after it finished`);
		}
	}
	measured.lost = executions.filter((execution) => execution.status === 'error' || execution.status === 'crashed').length + Math.max(0, jobs.length - executions.length);
	measured.duplicated = Math.max(0, executions.length - jobs.length) + [...byJob.values()].filter((outputs) => outputs.length > 1).length;
	return measured;
}

/** The parked loop's targets: every job seen finished on Completed, none lost or twice, few checks, a short delay, the slots it has. */
function parkedTargetsMet(watch: Watch, measured: Measured): boolean {
	const met = measured.seenRight === JOBS && measured.targetsMissed === 0 && measured.lost === 0 && measured.duplicated === 0 && watch.peakSlots <= WORKERS * CONCURRENCY;
	console.log(
		`parked loop targets (every job seen finished on Completed; none lost or duplicated; <= ${TARGETS.maxChecks} checks a job; delay <= 5% of the job + 5 s; peak slots <= ${WORKERS * CONCURRENCY}): ${met ? 'met' : 'MISSED'}`,
	);
	return met;
}

async function connectOrgs(sandbox: Sandbox, strategy: Strategy): Promise<{ credentials: Json[]; workflows: Json[]; grants: Set<number> }> {
	const credentials: Json[] = [];
	const workflows: Json[] = [];
	const grants = new Set<number>();
	for (const org of sandbox.orgs) {
		// n8n IDs: 16 characters, a two-letter kind then this suffix
		const idSuffix = `${strategy.key.padEnd(7, 'x').slice(0, 7)}${String(org.index).padStart(7, '0')}`;
		const credential = { id: `zc${idSuffix}`, name: `Zoho org ${org.index}` };
		const settings = { clientId: org.clientId, clientSecret: org.clientSecret, dataCenter: 'custom', customAccountsServer: sandbox.origin, environment: 'production' };
		const token = (await connectCredential(sandbox, settings)).stored.oauthTokenData;
		grants.add(sandbox.tokens.grantOf(String(token.access_token))!);
		credentials.push({ ...credential, type: 'zohoCrmOAuth2Api', data: { ...settings, oauthTokenData: token } });
		workflows.push(strategy.workflow(`wf${idSuffix}`, `bench-${strategy.key}-${org.index}`, credential));
	}
	return { credentials, workflows, grants };
}

/** Which output each job left on, from n8n's execution data: the first item of each end node's first run. */
async function outcomesOf(cluster: QueueCluster): Promise<{ byJob: Map<string, string[]>; executions: Json[] }> {
	const executions = await cluster.executions();
	const byJob = new Map<string, string[]>();
	for (const execution of executions) {
		if (!['success', 'error', 'crashed'].includes(execution.status)) continue;
		const runData = (await cluster.execution(String(execution.id))).data?.resultData?.runData ?? {};
		for (const [node, output] of [['Deleted: notify the team', 'Completed'], ['Failed: alert an admin', 'Failed'], ['Timed out: still running', 'Running'], ['Gave up: still running after 2 hours', 'Timed Out']]) {
			for (const run of (runData[node] ?? []) as Json[]) {
				const jobId = run.data?.main?.[0]?.[0]?.json?.job_id;
				if (jobId) byJob.set(String(jobId), [...(byJob.get(String(jobId)) ?? []), output]);
			}
		}
	}
	return { byJob, executions };
}

async function main(): Promise<number> {
	if (!fs.existsSync(N8N_BIN)) {
		console.error('No n8n 2.x in node_modules/.cache/e2e/: run scripts/e2e/install.sh first (the npm script does).');
		return 1;
	}
	const wallStart = Date.now();
	const runDir = fs.mkdtempSync(path.join(E2E, 'bench-queue-'));
	const redis = await Redis.start(runDir);
	const sandbox = await startSandbox({ speed: 1, orgs: JOBS, port: await freePort() });
	const watches: Watch[] = [];
	let stopPostgres = async () => {};
	let ok = true;
	try {
		const tarball = packPackage(runDir);
		// Debian's PostgreSQL only when asked for: the default run needs none
		if (DATABASES.includes('postgres')) execFileSync('bash', [path.join(ROOT, 'scripts/e2e/install-postgres.sh')], { stdio: 'inherit' });
		const postgres = DATABASES.includes('postgres') ? await Postgres.start() : undefined;
		stopPostgres = async () => await postgres?.stop();
		for (const strategy of STRATEGIES) {
			const { credentials, workflows, grants } = await connectOrgs(sandbox, strategy);
			const cluster = await QueueCluster.create(strategy.key, runDir, redis, tarball, strategy.database === 'postgres' ? postgres : undefined);
			watches.push({ strategy, cluster, grants, peakSlots: 0, peakWanted: 0, peakMainRss: 0, peakWorkerRss: 0, peakDatabase: 0, credentials, workflows });
		}
		await Promise.all(watches.map(async ({ cluster, credentials, workflows }) => await cluster.setup(credentials, workflows)));
		// workers need Redis and the database, not main: everything starts at once
		await Promise.all(watches.flatMap(({ cluster }) => [cluster.startMain(), ...Array.from({ length: WORKERS }, async () => await cluster.startWorker(CONCURRENCY))]));
		await Promise.all(watches.map(async ({ strategy, cluster }) => await cluster.waitForWebhooks(sandbox.orgs.map((org) => `bench-${strategy.key}-${org.index}`))));
		console.log(`${STRATEGIES.length} cluster(s) up (main + ${WORKERS} workers of concurrency ${CONCURRENCY} each), every webhook registered, in ${s(Date.now() - wallStart)}\n`);

		// one job per org, lengths spread evenly from the shortest to the longest
		const jobs: MassDeleteJob[] = sandbox.orgs.map((org, index) => {
			const seconds = SHORTEST_S + ((LONGEST_S - SHORTEST_S) * index) / Math.max(1, JOBS - 1);
			return sandbox.createJob({ module: 'Leads', total: Math.round(seconds * 20), durationMs: Math.round(seconds * 1000) }, org);
		});
		// the same shuffled order on every cluster, sent one by one so each queue keeps it: in job order (shortest
		// first) the slot-bound ways would be dealt the short jobs first and look better than they are
		const random = seededRandom(7);
		const order = jobs.map((_, index) => index).sort(() => random() - 0.5);
		const triggeredAt = Date.now();
		for (const index of order) {
			for (const { strategy, cluster } of watches) await cluster.webhook(`bench-${strategy.key}-${index}`, { job_id: jobs[index].jobId, module: 'Leads' });
		}
		const deadline = Math.max(...jobs.map(jobFinishesAt)) + GRACE_MS;
		console.log(`${JOBS} jobs triggered on each cluster; watching until ${s(deadline - triggeredAt)} after the trigger`);

		// every way runs to the same deadline: the slot-bound ones are measured as far as they got
		let polls = 0;
		let failedSamples = 0;
		while (Date.now() < deadline) {
			for (const watch of watches) {
				let executions: Json[];
				try {
					executions = await watch.cluster.executions();
				} catch (error) {
					// a sample that failed says nothing about the peaks: counted, and past a few the run is void
					if (failedSamples++ === 0) console.log(`a sample of the executions failed: ${(error as Error).message}`);
					continue;
				}
				const wanting = executions.filter((execution) => execution.status === 'running' || execution.status === 'new').length;
				watch.peakWanted = Math.max(watch.peakWanted, wanting);
				const memory = watch.cluster.memory();
				watch.peakMainRss = Math.max(watch.peakMainRss, memory.get('main') ?? 0);
				watch.peakWorkerRss = Math.max(watch.peakWorkerRss, ...[...memory].filter(([name]) => name !== 'main').map(([, bytes]) => bytes));
				watch.peakDatabase = Math.max(watch.peakDatabase, watch.cluster.databaseBytes());
			}
			await sleep(5_000);
			const progress = `${s(Date.now() - triggeredAt)} after the trigger: ${watches.map((watch) => `${watch.strategy.key} peak ${watch.peakWanted} running or queued`).join(', ')}`;
			polls += 1;
			// a terminal redraws one line; a log (CI) gets a line a minute
			if (process.stdout.isTTY) process.stdout.write(`\r${progress}   `);
			else if (polls % 12 === 0) console.log(progress);
		}
		console.log('\n');
		const samples = polls * watches.length;
		if (failedSamples > samples / 20) {
			console.log(`${failedSamples} of ${samples} samples of the executions failed: the peaks are not measured`);
			ok = false;
		}

		const rows: string[] = [];
		if (SCALE_JOBS === undefined) {
			rows.push('| way of waiting | jobs seen finished, on the right output | credits per job (median, max) | detection delay (median, max) | peak slots held (of 10) | peak wanting a slot (running or queued) | lost | duplicated |');
			rows.push('|---|---|---|---|---|---|---|---|');
		} else {
			rows.push(`| jobs (${SHORTEST_S / 60} to ${LONGEST_S / 60} min) | database | seen finished, on Completed | checks per job (median, max) | detection delay (median, max) | peak slots held (of 10) | peak wanting a slot (running or queued) | lost | duplicated | main RSS at its peak | worker RSS at its peak | database at its peak | wall time |`);
			rows.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
		}
		for (const watch of watches) {
			watch.peakSlots = watch.cluster.peakSlotsHeld();
			const measured = await measure(watch, jobs);
			const { seenRight, credits, delays, lost, duplicated } = measured;
			const counts = `${median(credits)}, ${credits.length ? Math.max(...credits) : '-'} | ${s(median(delays))}, ${s(delays.length ? Math.max(...delays) : NaN)} | ${watch.peakSlots} | ${watch.peakWanted} | ${lost} | ${duplicated}`;
			rows.push(
				SCALE_JOBS === undefined
					? `| ${watch.strategy.label} | ${seenRight} / ${JOBS} | ${counts} |`
					: `| ${JOBS} | ${watch.strategy.database === 'postgres' ? 'Postgres' : 'SQLite (shared file)'} | ${seenRight} / ${JOBS} | ${counts} | ${mb(watch.peakMainRss)} | ${mb(watch.peakWorkerRss)} | ${mb(watch.peakDatabase)} | ${minutes(Date.now() - wallStart)} |`,
			);
			if (lost > 0 || duplicated > 0) ok = false;
			if (watch.strategy.kind === 'parked') ok &&= parkedTargetsMet(watch, measured);
			if (watch.strategy.kind === 'innode') {
				const needsOnePerJob = watch.peakWanted >= JOBS;
				console.log(`in-node waiting wants a slot per job: peak ${watch.peakWanted} of ${JOBS} running or queued: ${needsOnePerJob ? 'shown' : 'NOT shown'}`);
				ok &&= needsOnePerJob;
			}
		}
		console.log(`\n${rows.join('\n')}\n`);
		console.log(`Triggered in this shuffled order of job lengths (minutes): ${order.map((index) => (jobs[index].durationMs / 60_000).toFixed(1)).join(', ')}`);
		console.log(`Jobs: ${JOBS}, ${(SHORTEST_S / 60).toFixed(1)} to ${(LONGEST_S / 60).toFixed(1)} minutes (real time), one per sandbox org; each cluster: ${WORKERS} workers of concurrency ${CONCURRENCY}. Wall time ${s(Date.now() - wallStart)}.`);
		fs.writeFileSync(path.join(E2E, SCALE_JOBS === undefined ? 'bench-queue.md' : `bench-queue-${JOBS}.md`), `${rows.join('\n')}\n`);
	} catch (error) {
		console.error(error);
		ok = false;
	} finally {
		await Promise.all(watches.map(async ({ cluster }) => await cluster.stop()));
		await redis.stop();
		await stopPostgres();
		await sandbox.close();
	}
	if (ok) fs.rmSync(runDir, { recursive: true, force: true });
	else console.log(`logs kept in ${runDir}`);
	console.log(ok ? 'All targets met.' : 'A target was missed.');
	return ok ? 0 : 1;
}

main().then((code) => process.exit(code));
