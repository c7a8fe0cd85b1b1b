import fs from 'node:fs';

import { MASS_DELETE_NODE_TYPE, NODE_TYPE, STATUS_NODE_NAME } from '../harness/engine';
import { EXAMPLES_DIR, loadExample, runExample } from '../harness/examples';
import { connectCredential } from '../sandbox/connect';
import { startSandbox, type Sandbox } from '../sandbox/server';

// Every example in examples/ runs here against the sandbox, so none can rot.

let sandbox: Sandbox;
afterEach(async () => sandbox && (await sandbox.close()));

const outputOf = (run: Awaited<ReturnType<typeof runExample>>, nodeName: string) => run.outputsOf(nodeName)[0] ?? [];

describe('example workflows', () => {
	it('every example is covered by a test below', () => {
		expect(fs.readdirSync(EXAMPLES_DIR).sort()).toEqual(['in-node-wait.json', 'start-and-wait.json', 'status-check-branching.json', 'wait-node-loop.json']);
	});

	it.each(fs.readdirSync(EXAMPLES_DIR))('%s is importable: n8n node JSON with the status node and a credential slot', (file) => {
		const workflow = loadExample(file);
		expect(workflow.name).toBeTruthy();
		const ours = workflow.nodes.filter((node) => node.type === NODE_TYPE || node.type === MASS_DELETE_NODE_TYPE);
		expect(ours.some((node) => node.type === NODE_TYPE)).toBe(true);
		for (const node of ours) expect(node.credentials).toHaveProperty('zohoCrmOAuth2Api');
		for (const node of workflow.nodes) expect(node).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), typeVersion: expect.any(Number), position: expect.any(Array) }));
	});

	it.each([
		['COMPLETED', { durationMs: 0 }, 'Deleted: notify the team'],
		['RUNNING', { durationMs: 3_600_000 }, 'Still running: check later'],
		['FAILED', { durationMs: 0, failAtFraction: 0 }, 'Failed: alert an admin'],
	])('status-check-branching: %s goes down its branch', async (status, job, branch) => {
		sandbox = await startSandbox({ speed: 0 });
		const { jobId } = sandbox.createJob({ total: 100, ...job });
		const run = await runExample('status-check-branching.json', { jobId, credentials: await connectCredential(sandbox) });
		expect(run.error).toBeUndefined();
		const reached = outputOf(run, branch);
		expect(reached).toHaveLength(1);
		expect(reached[0].json).toMatchObject({ Status: status, job_id: jobId });
	});

	it('wait-node-loop: loops through Wait until the job completes', async () => {
		sandbox = await startSandbox({ speed: 60 });
		// 120 sandbox seconds at 60x: 2 real seconds; the 30 s wait scaled to 0.3 s
		const { jobId } = sandbox.createJob({ total: 2400, durationMs: 120_000 });
		const run = await runExample('wait-node-loop.json', { jobId, credentials: await connectCredential(sandbox), waitScale: 0.01 });
		expect(run.error).toBeUndefined();
		expect(run.runCountOf(STATUS_NODE_NAME)).toBeGreaterThanOrEqual(3);
		expect(run.runCountOf('Wait 30 s')).toBe(run.runCountOf(STATUS_NODE_NAME) - 1);
		expect(outputOf(run, 'Deleted: notify the team')[0]?.json).toMatchObject({ Status: 'COMPLETED', Deleted_Count: 2400 });
		expect(run.runCountOf('Gave up: still running after 60 checks')).toBe(0);
	});

	it('wait-node-loop: gives up after 60 checks', async () => {
		sandbox = await startSandbox({ speed: 0 });
		const { jobId } = sandbox.createJob({ total: 2400, durationMs: 3_600_000 });
		const run = await runExample('wait-node-loop.json', { jobId, credentials: await connectCredential(sandbox), waitScale: 0 });
		expect(run.error).toBeUndefined();
		expect(run.runCountOf(STATUS_NODE_NAME)).toBe(60);
		expect(outputOf(run, 'Gave up: still running after 60 checks')).toHaveLength(1);
		expect(sandbox.stats.statusChecks).toBe(60);
	});

	it.each([
		['COMPLETED', '3652397000000538003', 'Deleted: notify the team', { Total_Count: 9, Deleted_Count: 9, Failed_Count: 0 }],
		['COMPLETED with refused records', '3652397000000538009', 'Deleted: notify the team', { Total_Count: 6, Deleted_Count: 0, Failed_Count: 6, is_success: false }],
	])('start-and-wait: starts the mass delete, follows its job_id and module, and branches (%s)', async (_name, cvid, branch, counts) => {
		sandbox = await startSandbox({ speed: 30 });
		const workflow = loadExample('start-and-wait.json');
		const start = workflow.nodes.find((node) => node.type === MASS_DELETE_NODE_TYPE)!;
		(start.parameters.customView as { value: string }).value = cvid;
		// the shortest gap, so the test does not sit out the example's 5 s
		(workflow.nodes.find((node) => node.type === NODE_TYPE)!.parameters.options as { pollInterval: number }).pollInterval = 1;
		const run = await runExample(workflow, { credentials: await connectCredential(sandbox, { allowStartingMassDeletes: true }) });
		expect(run.error).toBeUndefined();
		const [job] = [...sandbox.jobs.values()];
		expect(job.cvid).toBe(cvid);
		expect(outputOf(run, branch)[0]?.json).toMatchObject({ Status: 'COMPLETED', job_id: job.jobId, module: 'Leads', ...counts });
		expect(sandbox.stats.massDeleteStarts).toBe(1);
	});

	it('in-node-wait: one node run waits for the job', async () => {
		sandbox = await startSandbox({ speed: 30 });
		const { jobId } = sandbox.createJob({ total: 1000, durationMs: 60_000 });
		const run = await runExample('in-node-wait.json', { jobId, credentials: await connectCredential(sandbox) });
		expect(run.error).toBeUndefined();
		expect(run.runCountOf(STATUS_NODE_NAME)).toBe(1);
		const done = outputOf(run, 'Deleted: notify the team');
		expect(done[0]?.json).toMatchObject({ Status: 'COMPLETED', wait_timed_out: false });
		expect(done[0].json.poll_count).toBe(sandbox.stats.statusChecks);
	});
});
