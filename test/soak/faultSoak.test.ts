/* eslint-disable no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import { LoggerProxy, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentials';
import { runStatusNode, type WorkflowRun } from '../harness/engine';
import { connectCredential } from '../sandbox/connect';
import type { FaultKind } from '../sandbox/faults';
import type { MassDeleteJob } from '../sandbox/jobs';
import { startSandbox, type Sandbox } from '../sandbox/server';

// The status node, run unattended against a Zoho that misbehaves ~20% of the time. Every item must end with
// the right status or a clear error item: none lost, none duplicated, pairedItem intact, no refresh storm,
// calls close to the ideal, and no secret anywhere in what the node produced or n8n logged.

const FAULT_RATE = 0.2;
// Weighted toward what a production Zoho throws most. Tokens expire of old age (a short lifetime in
// sandbox time), as they do in production, rather than at random.
const SOAK_FAULTS: FaultKind[] = [
	'rate_limited', 'rate_limited', 'rate_limited_retry_after', 'rate_limited_retry_after',
	'server_error', 'bad_gateway', 'unavailable', 'connection_reset', 'connection_reset', 'slow_reply',
];
/** Sandbox seconds: at 1200x a token lives 0.25 real seconds, so dozens expire during the soak. */
const TOKEN_TTL_SECONDS = 300;
/** Calls may exceed one per item by the retries faults cause: ~1/(1-rate) expected, this much allowed. */
const CALLS_BOUND = 1.5;

type Expected = { kind: 'status'; jobId: string; module: string; status: string; output: number } | { kind: 'error'; message: RegExp; reachesZoho: boolean };

const logLines: string[] = [];
beforeAll(() => {
	const capture = (level: string) => (message: string, meta?: object) => logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
	LoggerProxy.init({ error: capture('error'), warn: capture('warn'), info: capture('info'), debug: capture('debug') } as never);
});

let sandbox: Sandbox;
afterEach(async () => sandbox && (await sandbox.close()));

async function inBatches<T>(count: number, concurrency: number, run: (index: number) => Promise<T>): Promise<T[]> {
	const results: T[] = [];
	for (let start = 0; start < count; start += concurrency) {
		const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, offset) => run(start + offset));
		results.push(...(await Promise.all(batch)));
	}
	return results;
}

interface Verdict {
	items: number;
	lost: number;
	duplicated: number;
	wrong: string[];
	gaveUp: number;
}

/** Where each input item ended up, against where it should have. */
function judge(run: WorkflowRun, expected: Expected[]): Verdict {
	const seen = new Map<number, Array<{ output: number; item: INodeExecutionData }>>();
	run.outputsOf().forEach((items, output) =>
		items.forEach((item) => {
			const index = (item.pairedItem as { item: number }).item;
			seen.set(index, [...(seen.get(index) ?? []), { output, item }]);
		}),
	);
	const verdict: Verdict = { items: expected.length, lost: 0, duplicated: 0, wrong: [], gaveUp: 0 };
	expected.forEach((want, index) => {
		const got = seen.get(index) ?? [];
		if (got.length === 0) return void (verdict.lost += 1);
		if (got.length > 1) verdict.duplicated += 1;
		const { output, item } = got[0];
		const json = item.json as IDataObject & { details?: IDataObject };
		if (json.error !== undefined) {
			// a retryable fault four times in a row: a clear error item is the right outcome
			if (String(json.details?.description ?? '').startsWith('Gave up after 4 attempts')) return void (verdict.gaveUp += 1);
			if (want.kind === 'error' && want.message.test(String(json.error)) && output === 2) return;
			return void verdict.wrong.push(`item ${index}: error ${json.error} (${json.details?.description})`);
		}
		if (want.kind !== 'status' || json.Status !== want.status || json.job_id !== want.jobId || json.module !== want.module || output !== want.output) {
			verdict.wrong.push(`item ${index}: got ${json.Status} ${json.job_id} on output ${output}, wanted ${JSON.stringify(want)}`);
		}
	});
	return verdict;
}

function scanForSecrets(runs: WorkflowRun[], secrets: string[]): string[] {
	const everything = [...runs.map((run) => JSON.stringify(run.run)), ...logLines].join('\n');
	return secrets.filter((secret) => everything.includes(secret));
}

function jobPool(): { completed: MassDeleteJob[]; failed: MassDeleteJob[]; running: MassDeleteJob[] } {
	const modules = ['Leads', 'Contacts', 'Events', 'Vehicles'];
	const make = (count: number, job: object) => Array.from({ length: count }, (_, i) => sandbox.createJob({ module: modules[i % modules.length], total: 500, ...job }));
	return {
		completed: make(20, { durationMs: 0 }),
		failed: make(10, { durationMs: 0, failAtFraction: 0 }),
		running: make(10, { durationMs: 30 * 24 * 3_600_000 }),
	};
}

/** A misbehaving Zoho: ~20% faults, short-lived tokens, one refresh that fails; `speed` sandbox seconds per real one. */
async function faultySandbox(speed: number, seed: number): Promise<Sandbox> {
	sandbox = await startSandbox({
		speed,
		seed,
		accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
		faults: { rate: FAULT_RATE, kinds: SOAK_FAULTS, slowReplyMs: 700, retryAfterSeconds: 1, failingRefreshes: 1 },
	});
	return sandbox;
}

/** Token lifetimes that ran out since `since`: each allows one refresh. */
const lifetimesSince = (since: number) => Math.ceil((sandbox.clock.now() - since) / (TOKEN_TTL_SECONDS * 1000));

describe('fault soak', () => {
	it('1,200 status checks over 50 executions with ~20% faults', async () => {
		// 1200x: a 10 s soak spans over three Zoho hours; one refresh per 5-minute token lifetime stays
		// within Zoho's 10 refreshes per 10 minutes
		await faultySandbox(1200, 42);
		const credentials = await connectCredential(sandbox);
		const pool = jobPool();
		const EXECUTIONS = 50;
		const ITEMS = 24;

		const plan = (execution: number): { items: IDataObject[]; expected: Expected[] } => {
			const items: IDataObject[] = [];
			const expected: Expected[] = [];
			for (let index = 0; index < ITEMS; index++) {
				const slot = execution * ITEMS + index;
				const pick = slot % 12;
				if (pick === 10) {
					items.push({ module: 'Leads', job: `90000000000000${String(slot).padStart(5, '0')}` });
					expected.push({ kind: 'error', message: /\[INVALID_DATA\]/, reachesZoho: true });
				} else if (pick === 11) {
					items.push({ module: 'Leads', job: `job-${slot}` });
					expected.push({ kind: 'error', message: new RegExp(`^'Job ID' must be 1 to 19 digits, got "job-${slot}" \\[item ${index}\\]$`), reachesZoho: false });
				} else {
					const [list, status, output] = pick < 6 ? [pool.completed, 'COMPLETED', 0] : pick < 8 ? [pool.failed, 'FAILED', 2] : [pool.running, 'RUNNING', 1];
					const job = list[slot % list.length];
					items.push({ module: job.module, job: job.jobId });
					expected.push({ kind: 'status', jobId: job.jobId, module: job.module, status: status as string, output: output as number });
				}
			}
			return { items, expected };
		};
		const parameters = { module: { __rl: true, mode: 'name', value: '={{ $json.module }}' }, jobId: '={{ $json.job }}' };

		const started = Date.now();
		const sandboxStarted = sandbox.clock.now();
		const outcomes = await inBatches(EXECUTIONS, 5, async (execution) => {
			const { items, expected } = plan(execution);
			const run = await runStatusNode(parameters, { credentials, items, onError: 'continueRegularOutput' });
			return { run, expected };
		});
		const elapsed = Date.now() - started;

		const totals = outcomes.map(({ run, expected }) => judge(run, expected)).reduce(
			(sum, verdict) => ({ items: sum.items + verdict.items, lost: sum.lost + verdict.lost, duplicated: sum.duplicated + verdict.duplicated, wrong: [...sum.wrong, ...verdict.wrong], gaveUp: sum.gaveUp + verdict.gaveUp }),
			{ items: 0, lost: 0, duplicated: 0, wrong: [] as string[], gaveUp: 0 },
		);
		const ideal = outcomes.flatMap(({ expected }) => expected).filter((want) => want.kind === 'status' || want.reachesZoho).length;
		const injected = sandbox.faults.injected;
		const expiries = lifetimesSince(sandboxStarted);
		const leaked = scanForSecrets(outcomes.map(({ run }) => run), [...sandbox.tokens.allSecrets(), String(credentials.stored.oauthTokenData.refresh_token)]);

		console.log(
			[
				`fault soak: ${totals.items} items in ${EXECUTIONS} executions, ${(elapsed / 1000).toFixed(1)} s`,
				`  faults injected: ${JSON.stringify(injected)}`,
				`  lost ${totals.lost}, duplicated ${totals.duplicated}, wrong ${totals.wrong.length}, gave up after 4 attempts ${totals.gaveUp}`,
				`  API calls ${sandbox.stats.apiRequests} for ${ideal} ideal (${(sandbox.stats.apiRequests / ideal).toFixed(2)}x, bound ${CALLS_BOUND}x)`,
				`  token lifetimes run out ${expiries}, refreshes ${sandbox.stats.refreshes} (one failed on purpose), stored token updates ${credentials.tokenUpdates.length}`,
				`  secrets found in output or logs: ${leaked.length} (scanned ${logLines.length} log lines)`,
			].join('\n'),
		);

		expect(outcomes.every(({ run }) => run.error === undefined)).toBe(true);
		expect(totals.items).toBe(EXECUTIONS * ITEMS);
		expect(totals.lost).toBe(0);
		expect(totals.duplicated).toBe(0);
		expect(totals.wrong).toEqual([]);
		// four faults in a row on one check: rare at 20%, and each such item is a clear error item
		expect(totals.gaveUp).toBeLessThanOrEqual(Math.ceil(ideal * FAULT_RATE ** 4 * 5));
		expect(sandbox.stats.apiRequests).toBeLessThanOrEqual(ideal * CALLS_BOUND);
		// no refresh storm: at most one refresh per token lifetime, plus the retry of the refresh that failed
		expect(sandbox.stats.refreshes).toBeGreaterThan(10);
		expect(sandbox.stats.refreshes).toBeLessThanOrEqual(expiries + (injected.failing_refresh ?? 0));
		expect(credentials.tokenUpdates.length).toBeLessThanOrEqual(expiries);
		expect(leaked).toEqual([]);
	});

	it('in-node waiting: 40 waits over 10 executions with ~20% faults during the waits', async () => {
		await faultySandbox(300, 7);
		const sandboxStarted = sandbox.clock.now();
		const credentials: TestCredentialsHelper = await connectCredential(sandbox);
		const parameters = {
			module: { __rl: true, mode: 'name', value: '={{ $json.module }}' },
			jobId: '={{ $json.job }}',
			waitForCompletion: true,
			options: { pollInterval: 1, timeout: 60 },
		};
		const outcomes = await inBatches(10, 5, async () => {
			// jobs that finish 1 to 3 real seconds from now, one in four failing part way
			const jobs = Array.from({ length: 4 }, (_, i) =>
				sandbox.createJob({ module: 'Leads', total: 3000, durationMs: (300 + i * 300) * 1000, failAtFraction: i === 3 ? 0.5 : undefined }),
			);
			const expected: Expected[] = jobs.map((job, i) => ({ kind: 'status', jobId: job.jobId, module: 'Leads', status: i === 3 ? 'FAILED' : 'COMPLETED', output: i === 3 ? 2 : 0 }));
			const run = await runStatusNode(parameters, { credentials, items: jobs.map((job) => ({ module: job.module, job: job.jobId })), onError: 'continueRegularOutput' });
			return { run, expected };
		});

		const verdicts = outcomes.map(({ run, expected }) => judge(run, expected));
		const waited = outcomes.flatMap(({ run }) => run.outputsOf().flat()).map((item) => item.json);
		const leaked = scanForSecrets(outcomes.map(({ run }) => run), sandbox.tokens.allSecrets());
		console.log(
			[
				`wait soak: ${waited.length} items, faults injected ${JSON.stringify(sandbox.faults.injected)}`,
				`  checks ${sandbox.stats.apiRequests} (${(sandbox.stats.apiRequests / waited.length).toFixed(1)} per job), refreshes ${sandbox.stats.refreshes}, timed out ${waited.filter((json) => json.wait_timed_out).length}`,
			].join('\n'),
		);

		expect(outcomes.every(({ run }) => run.error === undefined)).toBe(true);
		expect(verdicts.reduce((sum, verdict) => sum + verdict.lost + verdict.duplicated, 0)).toBe(0);
		const gaveUp = verdicts.reduce((sum, verdict) => sum + verdict.gaveUp, 0);
		expect(verdicts.flatMap((verdict) => verdict.wrong)).toEqual([]);
		expect(gaveUp).toBeLessThanOrEqual(2);
		expect(waited.filter((json) => json.error === undefined).every((json) => json.wait_timed_out === false)).toBe(true);
		expect(sandbox.stats.refreshes).toBeGreaterThan(0);
		expect(sandbox.stats.refreshes).toBeLessThanOrEqual(lifetimesSince(sandboxStarted) + 1);
		expect(leaked).toEqual([]);
	});
});
