/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import type { IDataObject } from 'n8n-workflow';

import { runStatusNode } from '../harness/engine';
import { connectCredential } from '../sandbox/connect';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

let sandbox: Sandbox;
async function open(options: SandboxOptions = {}) {
	// 10 sandbox seconds per real second: a 20 s job takes 2 s here
	sandbox = await startSandbox({ speed: 10, ...options });
	return sandbox;
}
afterEach(async () => sandbox && (await sandbox.close()));

function waitParameters(jobId: string, options: IDataObject = {}, module = 'Leads'): IDataObject {
	return {
		module: { __rl: true, mode: 'name', value: module },
		jobId,
		waitForCompletion: true,
		options: { pollInterval: 1, timeout: 30, ...options },
	};
}

async function run(parameters: IDataObject, extra: Partial<Parameters<typeof runStatusNode>[1]> = {}) {
	const credentials = extra.credentials ?? (await connectCredential(sandbox));
	return { credentials, result: await runStatusNode(parameters, { credentials, ...extra }) };
}

describe('wait for completion, through the engine, against the sandbox', () => {
	it('waits for a running job and leaves on Completed with poll count and waited time', async () => {
		await open();
		const job = sandbox.createJob({ total: 2000, durationMs: 20_000 });
		const { result } = await run(waitParameters(job.jobId));

		expect(result.error).toBeUndefined();
		const [completed, running, failed] = result.outputsOf();
		expect(running).toHaveLength(0);
		expect(failed).toHaveLength(0);
		expect(completed).toHaveLength(1);
		const json = completed[0].json;
		expect(json).toMatchObject({ Status: 'COMPLETED', Total_Count: 2000, Deleted_Count: 2000, job_id: job.jobId, is_finished: true, is_success: true, wait_timed_out: false });
		expect(json.poll_count).toBeGreaterThanOrEqual(2);
		// progress-aware: far fewer calls than one per second
		expect(json.poll_count).toBeLessThanOrEqual(4);
		expect(json.waited_seconds).toBeGreaterThanOrEqual(1.9);
		expect(sandbox.stats.statusChecks).toBe(json.poll_count);
		expect(completed[0].pairedItem).toEqual({ item: 0 });
	});

	it('leaves on Failed when the job fails', async () => {
		await open();
		const job = sandbox.createJob({ total: 1000, durationMs: 20_000, failAtFraction: 0.3 });
		const { result } = await run(waitParameters(job.jobId));
		const failed = result.outputsOf()[2];
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({ Status: 'FAILED', is_finished: true, is_success: false, wait_timed_out: false });
	});

	it('keeps waiting through a status Zoho may add (SCHEDULED)', async () => {
		await open();
		const job = sandbox.createJob({ total: 500, queuedMs: 10_000, queuedStatus: 'SCHEDULED', durationMs: 5_000 });
		const { result } = await run(waitParameters(job.jobId));
		expect(result.outputsOf()[0][0]?.json.Status).toBe('COMPLETED');
	});

	it('on timeout leaves on Running with wait_timed_out, so a loop can carry on', async () => {
		await open();
		const job = sandbox.createJob({ total: 50_000, durationMs: 3_600_000 });
		const started = Date.now();
		const { result } = await run(waitParameters(job.jobId, { timeout: 2 }));
		const elapsed = Date.now() - started;

		const running = result.outputsOf()[1];
		expect(running).toHaveLength(1);
		expect(running[0].json).toMatchObject({ Status: 'RUNNING', wait_timed_out: true, is_finished: false });
		expect(running[0].json.waited_seconds).toBeGreaterThanOrEqual(2);
		// never holds the worker much past the timeout
		expect(elapsed).toBeLessThan(4_000);
	});

	it('stops at once when the execution is cancelled', async () => {
		await open();
		const job = sandbox.createJob({ total: 50_000, durationMs: 3_600_000 });
		const abortController = new AbortController();
		const credentials = await connectCredential(sandbox);
		const started = Date.now();
		setTimeout(() => abortController.abort(), 1_500);
		const result = await runStatusNode(waitParameters(job.jobId, { pollInterval: 30 }), { credentials, abortController });
		const elapsed = Date.now() - started;
		const checksAtCancel = sandbox.stats.statusChecks;

		expect(result.run.status).toBe('canceled');
		expect(elapsed).toBeLessThan(3_000);
		await new Promise((resolve) => setTimeout(resolve, 1_200));
		expect(sandbox.stats.statusChecks).toBe(checksAtCancel);
	});

	it('rides out faults during the wait: 429, reset, 5xx and an expiring token (one refresh)', async () => {
		await open();
		const job = sandbox.createJob({ total: 2000, durationMs: 20_000 });
		const credentials = await connectCredential(sandbox);
		// each check gets its own faults, never more in a row than the 4 attempts allow
		sandbox.faults.queue('rate_limited_retry_after', 'connection_reset', 'none', 'expired_token', 'none', 'server_error', 'none', 'bad_gateway');
		const { result } = await run(waitParameters(job.jobId), { credentials });

		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0][0]?.json).toMatchObject({ Status: 'COMPLETED', wait_timed_out: false });
		expect(sandbox.tokens.refreshCount).toBe(1);
		expect(credentials.tokenUpdates).toHaveLength(1);
	});

	it('checks several items in turn: finished jobs cost one call each', async () => {
		await open();
		const done = sandbox.createJob({ module: 'Contacts', total: 10, durationMs: 0 });
		const running = sandbox.createJob({ module: 'Leads', total: 1000, durationMs: 10_000 });
		const parameters = {
			module: { __rl: true, mode: 'name', value: '={{ $json.module }}' },
			jobId: '={{ $json.job }}',
			waitForCompletion: true,
			options: { pollInterval: 1, timeout: 30 },
		};
		const items = [{ module: 'Leads', job: running.jobId }, { module: 'Contacts', job: done.jobId }];
		const { result } = await run(parameters, { items });
		const completed = result.outputsOf()[0];
		expect(completed.map((item) => [item.json.job_id, item.pairedItem])).toEqual([
			[running.jobId, { item: 0 }],
			[done.jobId, { item: 1 }],
		]);
		expect(completed[1].json.poll_count).toBe(1);
	});

	it('without waiting, an item has no wait fields', async () => {
		await open();
		const job = sandbox.createJob({ total: 10, durationMs: 0 });
		const { result } = await run({ ...waitParameters(job.jobId), waitForCompletion: false });
		const json = result.outputsOf()[0][0].json;
		expect(json).not.toHaveProperty('poll_count');
		expect(json).not.toHaveProperty('wait_timed_out');
	});

	it.each([
		['zero poll interval', { pollInterval: 0 }, '\'Poll Interval\' must be a number of seconds from 1 to 600, got 0 [item 0]'],
		['negative poll interval', { pollInterval: -5 }, '\'Poll Interval\' must be a number of seconds from 1 to 600, got -5 [item 0]'],
		['huge poll interval', { pollInterval: 1e9 }, '\'Poll Interval\' must be a number of seconds from 1 to 600, got 1000000000 [item 0]'],
		['zero timeout', { timeout: 0 }, '\'Timeout\' must be a number of seconds from 1 to 3600, got 0 [item 0]'],
		['negative timeout', { timeout: -1 }, '\'Timeout\' must be a number of seconds from 1 to 3600, got -1 [item 0]'],
		['huge timeout', { timeout: 86_400 * 365 }, '\'Timeout\' must be a number of seconds from 1 to 3600, got 31536000 [item 0]'],
		['text timeout', { timeout: '={{ "soon" }}' }, '\'Timeout\' must be a number of seconds from 1 to 3600, got "soon" [item 0]'],
	])('%s fails before any request', async (_case, options, message) => {
		await open();
		const { result } = await run(waitParameters('3652397000009565021', options));
		expect(result.error?.message ?? '').toContain(message);
		expect(sandbox.stats.statusChecks).toBe(0);
	});
});
