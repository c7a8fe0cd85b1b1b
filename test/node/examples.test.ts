/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import fs from 'node:fs';

import type { IDataObject } from 'n8n-workflow';

import { MASS_DELETE_NODE_TYPE, NODE_TYPE, OUR_NODE_TYPES, RECYCLE_BIN_NODE_TYPE, STATUS_NODE_NAME } from '../harness/engine';
import { installVirtualClock } from '../harness/virtualClock';
import { jobFinishesAt } from '../sandbox/jobs';
import { EXAMPLES_DIR, loadExample, runExample } from '../harness/examples';
import { connectCredential } from '../sandbox/connect';
import { startSandbox, type Sandbox } from '../sandbox/server';

// Every example in examples/ runs here against the sandbox, so none can rot.

let sandbox: Sandbox;
afterEach(async () => sandbox && (await sandbox.close()));

const outputOf = (run: Awaited<ReturnType<typeof runExample>>, nodeName: string) => run.outputsOf(nodeName)[0] ?? [];

describe('example workflows', () => {
	it('every example is covered by a test below', () => {
		expect(fs.readdirSync(EXAMPLES_DIR).sort()).toEqual(['backup-delete-restore.json', 'delete-by-criteria.json', 'delete-preview-restore.json', 'in-node-wait.json', 'start-and-wait.json', 'status-check-branching.json', 'wait-node-loop.json']);
	});

	it.each(fs.readdirSync(EXAMPLES_DIR))('%s is importable: n8n node JSON with nodes of this package and a credential slot', (file) => {
		const workflow = loadExample(file);
		expect(workflow.name).toBeTruthy();
		const ours = workflow.nodes.filter((node) => OUR_NODE_TYPES.has(node.type));
		expect(ours.length).toBeGreaterThan(0);
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

	it('wait-node-loop: starts the job, parks between checks of 65 s or more, and completes within the target delay', async () => {
		const clock = installVirtualClock();
		try {
			sandbox = await startSandbox({ speed: 1 });
			const statusItems: IDataObject[] = [];
			const run = await runExample('wait-node-loop.json', {
				credentials: await connectCredential(sandbox, { allowStartingMassDeletes: true }),
				clock,
				onNodeRun: (node, task) => node === STATUS_NODE_NAME && statusItems.push(...(task.data?.main ?? []).flatMap((items) => items ?? []).map((item) => item.json)),
			});
			expect(run.error).toBeUndefined();
			const [job] = [...sandbox.jobs.values()];
			const done = outputOf(run, 'Deleted: notify the team')[0]?.json;
			expect(done).toMatchObject({ Status: 'COMPLETED', Deleted_Count: 5_000, job_id: job.jobId, check_count: statusItems.length });
			// every gap of 65 s or more parked the execution; shorter ones only when the finish was near
			const gaps = statusItems.slice(0, -1).map((item) => Number(item.next_check_in_seconds));
			expect(run.parks.map((park) => Math.round((park.until - park.at) / 1000))).toEqual(gaps.filter((gap) => gap >= 65));
			expect(run.parks.length).toBeGreaterThanOrEqual(2);
			expect(statusItems.length).toBeLessThanOrEqual(6);
			// the 5,000 records take 250 s: the finish is seen within 5% of that plus 5 s
			const seenAfterFinish = Date.parse(String(done!.checked_at)) - jobFinishesAt(job);
			expect(seenAfterFinish).toBeGreaterThanOrEqual(0);
			expect(seenAfterFinish).toBeLessThanOrEqual(0.05 * 250_000 + 5_000);
			expect(run.runCountOf('Gave up: still running after 2 hours')).toBe(0);
		} finally {
			clock.uninstall();
		}
	});

	it('wait-node-loop: a job still running at the Loop Timeout leaves on Timed Out, with no IF node', async () => {
		const clock = installVirtualClock();
		try {
			sandbox = await startSandbox({ speed: 1 });
			const workflow = loadExample('wait-node-loop.json');
			const start = workflow.nodes.find((node) => node.type === MASS_DELETE_NODE_TYPE)!;
			// All Leads: 50,000 records, about 42 minutes; the loop gives up after 10
			(start.parameters.customView as { value: string }).value = '3652397000000538007';
			(workflow.nodes.find((node) => node.type === NODE_TYPE)!.parameters.options as IDataObject).loopTimeout = 10;
			const run = await runExample(workflow, { credentials: await connectCredential(sandbox, { allowStartingMassDeletes: true }), clock });
			expect(run.error).toBeUndefined();
			const [gaveUp] = outputOf(run, 'Gave up: still running after 2 hours');
			expect(gaveUp?.json).toMatchObject({ Status: 'RUNNING', loop_timed_out: true });
			const waited = Date.parse(String(gaveUp.json.checked_at)) - Date.parse(String(gaveUp.json.waiting_since));
			expect(waited).toBeGreaterThanOrEqual(10 * 60_000);
			expect(waited).toBeLessThan(10 * 60_000 + 5_000);
			expect(sandbox.stats.statusChecks).toBeLessThanOrEqual(6);
			expect(run.parks.every((park) => park.until - park.at >= 65_000)).toBe(true);
		} finally {
			clock.uninstall();
		}
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

	describe('delete-preview-restore', () => {
		const STALE_LEADS = '3652397000000538010';
		const IMPORTED_2019 = '3652397000000538005';
		const ALL_LEADS = '3652397000000538007';
		const mutations = () => sandbox.requestLog.filter((request) => request.method === 'POST').map((request) => request.path);

		/**
		 * The example as a user runs it on their own view, the in-node wait's shortest gap so the test does not sit it
		 * out. Sandbox time is real time, as Zoho's and n8n's clocks agree: the restore goes by the job's deletion times.
		 */
		let clock: ReturnType<typeof installVirtualClock> | undefined;
		afterEach(() => {
			clock?.uninstall();
			clock = undefined;
		});

		/** The example as a user runs it on their own view; the Wait node's parked time is skipped, as n8n's clock and Zoho's agree. */
		async function runOnView(cvid: string, onStarted: (jobId: string) => void = () => {}) {
			clock = installVirtualClock();
			sandbox = await startSandbox({ speed: 1, deleteRecordsPerSecond: 20 });
			const workflow = loadExample('delete-preview-restore.json');
			(workflow.nodes.find((node) => node.name === 'Preview: count the view')!.parameters.customView as { value: string }).value = cvid;
			const run = await runExample(workflow, {
				credentials: await connectCredential(sandbox, { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true }),
				clock,
				onNodeRun: (node, task) => node === 'Delete: start the mass delete' && onStarted(String(task.data?.main?.[0]?.[0]?.json.job_id)),
			});
			expect(run.error).toBeUndefined();
			return run;
		}

		it('every record deleted: the preview counts, the delete runs under its cap, nothing is restored', async () => {
			const run = await runOnView(IMPORTED_2019);
			expect(outputOf(run, 'Preview: count the view')[0].json).toMatchObject({ dry_run: true, record_count: 5_000 });
			expect(outputOf(run, 'Deleted: notify the team')[0]?.json).toMatchObject({ Status: 'COMPLETED', Deleted_Count: 5_000, is_success: true });
			// 5,000 records at 20 a second: the loop waited, parked, instead of holding a worker for four minutes
			expect(run.parks.length).toBeGreaterThanOrEqual(1);
			expect(run.runCountOf('Wait for the job')).toBeLessThanOrEqual(7);
			expect(run.runCountOf('Restore what the job deleted')).toBe(0);
			expect(sandbox.stats.recordCounts).toBe(2);
			expect(mutations()).toEqual(['/crm/v8/Leads/actions/mass_delete']);
			expect(sandbox.records.binEntries()).toHaveLength(5_000);
		});

		it('a partial result (some records locked): what the job deleted is restored, all or nothing', async () => {
			const run = await runOnView(STALE_LEADS);
			const restored = outputOf(run, 'Restored: tell an admin')[0]?.json;
			expect(restored).toMatchObject({ module: 'Leads', found: 9, restored_now_count: 9, code: 'SUCCESS' });
			const view = sandbox.records.views.find((entry) => entry.cvid === STALE_LEADS)!;
			expect(sandbox.records.countView(view).total).toBe(12);
			expect(sandbox.records.binEntries()).toEqual([]);
		});

		it('a job that fails part way: the records it deleted before failing come back', async () => {
			const run = await runOnView(IMPORTED_2019, (jobId) => {
				sandbox.jobs.get(jobId)!.failAtFraction = 0.5;
			});
			expect(outputOf(run, 'Restored: tell an admin')[0]?.json).toMatchObject({ found: 2_500, restored_now_count: 2_500 });
			const checks = run.runCountOf('Wait for the job');
			expect(run.outputsOf('Wait for the job', checks - 1)[2][0].json).toMatchObject({ Status: 'FAILED', Deleted_Count: 2_500 });
			expect(sandbox.records.countView(sandbox.records.views.find((entry) => entry.cvid === IMPORTED_2019)!).total).toBe(5_000);
		});

		it('above the cap: no delete request at all', async () => {
			const run = await runOnView(ALL_LEADS);
			expect(outputOf(run, 'Nothing to delete, or too many: check the view')[0]?.json).toMatchObject({ record_count: 50_000 });
			expect(mutations()).toEqual([]);
			expect(run.runCountOf('Delete: start the mass delete')).toBe(0);
		});

		it('uses the three nodes of the package, each with the credential slot', () => {
			const types = loadExample('delete-preview-restore.json').nodes.map((node) => node.type);
			for (const type of [MASS_DELETE_NODE_TYPE, NODE_TYPE, RECYCLE_BIN_NODE_TYPE]) expect(types).toContain(type);
		});
	});

	describe('delete-by-criteria', () => {
		const deletes = () => sandbox.requestLog.filter((request) => request.path.endsWith('/actions/mass_delete'));

		/** The example as a user runs it, with their own conditions. */
		async function runWith(conditions?: IDataObject[]) {
			sandbox = await startSandbox({ speed: 0 });
			const workflow = loadExample('delete-by-criteria.json');
			if (conditions) {
				const preview = workflow.nodes.find((node) => node.name === 'Preview: count the matching leads')!;
				preview.parameters.conditions = { condition: conditions.map((condition) => ({ ...condition, field: { __rl: true, mode: 'list', value: condition.field } })) } as never;
			}
			const run = await runExample(workflow, { credentials: await connectCredential(sandbox, { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true }) });
			expect(run.error).toBeUndefined();
			return run;
		}

		it('some records refused: the preview counts, the delete takes exactly the previewed criteria, and restores exactly what it deleted', async () => {
			const run = await runWith();
			const preview = outputOf(run, 'Preview: count the matching leads')[0].json;
			expect(preview).toMatchObject({ dry_run: true, record_count: 15, criteria: "(Lead_Status = 'Junk Lead' and Created_Time < '2024-01-01T00:00:00+00:00')" });
			const deleted = run.outputsOf('Delete: exactly what was previewed')[0][0].json;
			expect(deleted).toMatchObject({ criteria: preview.criteria, record_count: 15, deleted_count: 9, failed_count: 6 });
			const restored = outputOf(run, 'Restore exactly what this run deleted');
			expect(restored.map((item) => item.json.id)).toEqual(deleted.deleted_ids);
			expect(restored.every((item) => item.json.restored_now === true)).toBe(true);
			expect(sandbox.records.binEntries()).toEqual([]);
		});

		it('every record deleted: nothing is restored', async () => {
			const run = await runWith([
				{ field: 'Lead_Source', operator: 'equals', value: 'Trade Show' },
				{ field: 'No_of_Employees', operator: 'lessEqual', value: '300' },
			]);
			expect(outputOf(run, 'Deleted: notify the team')[0]?.json).toMatchObject({ deleted_count: 300, failed_count: 0 });
			expect(run.runCountOf('Restore exactly what this run deleted')).toBe(0);
			expect(sandbox.records.binEntries()).toHaveLength(300);
		});

		it('more than 500 match: no delete request at all', async () => {
			const run = await runWith([{ field: 'Lead_Source', operator: 'equals', value: 'Trade Show' }]);
			expect(outputOf(run, 'Nothing to delete, or too many: check the criteria')[0]?.json).toMatchObject({ record_count: 5_000 });
			expect(deletes()).toEqual([]);
		});
	});

	describe('backup-delete-restore', () => {
		const STALE_LEADS = '3652397000000538010';
		const BOUNCED_EMAILS = '3652397000000538011';

		/** The example on a view of the user's, in sandbox time that runs with n8n's, the in-node wait's gap short. */
		async function runOnView(module: string, cvid: string, onStarted: (jobId: string) => void = () => {}) {
			clock = installVirtualClock();
			sandbox = await startSandbox({ speed: 1, deleteRecordsPerSecond: 2_500 });
			const workflow = loadExample('backup-delete-restore.json');
			const start = workflow.nodes.find((node) => node.name === 'Back up, then delete the view')!;
			start.parameters.module = { __rl: true, mode: 'name', value: module };
			(start.parameters.customView as { value: string }).value = cvid;
			(workflow.nodes.find((node) => node.type === NODE_TYPE)!.parameters.options as { pollInterval: number }).pollInterval = 1;
			const run = await runExample(workflow, {
				credentials: await connectCredential(sandbox, { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true, allowBackupsBeforeDeletes: true }),
				clock,
				onNodeRun: (node, task) => node === 'Back up, then delete the view' && onStarted(String(task.data?.main?.[0]?.[0]?.json.job_id)),
			});
			expect(run.error).toBeUndefined();
			return run;
		}
		let clock: ReturnType<typeof installVirtualClock> | undefined;
		afterEach(() => {
			clock?.uninstall();
			clock = undefined;
		});

		it('some records locked: the backup comes first, then the job, and exactly the captured records it deleted come back', async () => {
			const run = await runOnView('Leads', STALE_LEADS);
			const [started] = run.outputsOf('Back up, then delete the view')[0];
			expect(started.json).toMatchObject({ backup_rows: 12, captured_count: 12 });
			expect(started.binary?.backup.mimeType).toBe('application/zip');
			const order = sandbox.requestLog.map((request) => request.path);
			expect(order.findIndex((path) => path.endsWith('/result'))).toBeLessThan(order.findIndex((path) => path.endsWith('/mass_delete')));
			expect(outputOf(run, 'Restored: tell an admin')[0]?.json).toMatchObject({ restored: true, total_count: 9, restored_count: 9 });
			expect(sandbox.records.binEntries()).toEqual([]);
			expect(run.runCountOf('Wait for the restore')).toBe(0);
		});

		it('a job that fails part way on records with notes and attachments: Zoho schedules the restore, and the Wait-node loop waits until it is done', async () => {
			const run = await runOnView('Contacts', BOUNCED_EMAILS, (jobId) => {
				sandbox.jobs.get(jobId)!.failAtFraction = 0.5;
			});
			const restore = run.outputsOf('Restore exactly what the job deleted')[0][0].json;
			expect(restore).toMatchObject({ by_captured_ids: true, found: 600, scheduled_count: 600, code: 'SCHEDULED' });
			expect(run.runCountOf('Wait for the restore')).toBeGreaterThanOrEqual(1);
			expect(run.runCountOf('Restore done?')).toBe(run.runCountOf('Wait for the restore') + 1);
			expect(outputOf(run, 'Restored: tell an admin')[0]?.json).toMatchObject({ restored: true, restored_count: 600, pending_count: 0 });
			expect(sandbox.records.countView(sandbox.records.views.find((view) => view.cvid === BOUNCED_EMAILS)!).total).toBe(1_200);
		});

		it('a backup that fails: nothing is deleted', async () => {
			clock = installVirtualClock();
			sandbox = await startSandbox({ speed: 1 });
			sandbox.bulkRead.fail = true;
			const run = await runExample('backup-delete-restore.json', {
				credentials: await connectCredential(sandbox, { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true, allowBackupsBeforeDeletes: true }),
				clock,
			});
			expect(run.error?.message).toMatch(/backup .* failed.*no mass delete was started/);
			expect(sandbox.stats.massDeleteStarts).toBe(0);
		});
	});
});
