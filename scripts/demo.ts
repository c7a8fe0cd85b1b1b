/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// npm run demo: a real n8n workflow (examples/wait-node-loop.json: start a mass delete, then a parked Wait-node
// loop) in n8n-core's engine, against the local Zoho CRM sandbox; then the Zoho Recycle Bin node restores exactly what
// the job deleted, and checks until it is back. No Zoho account, no network. Exits 0 when the mass delete completes and
// everything it deleted is back.
import path from 'node:path';

import type { IDataObject, INodeType, ITaskData } from 'n8n-workflow';

process.env.N8N_LOG_LEVEL ??= 'silent';

const VIEW = { module: 'Leads', name: 'Imported 2019' };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const clockTime = (ms: number) => `${Math.floor(ms / 60_000)}m ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;

async function main(): Promise<number> {
	// after N8N_LOG_LEVEL is set: n8n reads it when first loaded
	const { MASS_DELETE_NODE_NAME, MASS_DELETE_NODE_TYPE, NODE_TYPE, RECYCLE_BIN_NODE_TYPE, STATUS_NODE_NAME, registerNodeType, runMassDeleteNode, runRecycleBinNode } = await import('../test/harness/engine');
	const { loadExample, runExample } = await import('../test/harness/examples');
	const { installVirtualClock } = await import('../test/harness/virtualClock');
	const { connectCredential } = await import('../test/sandbox/connect');
	const { startSandbox } = await import('../test/sandbox/server');

	// the nodes exactly as they ship: dist/, built by npm run build
	const { projectRoot } = await import('../test/harness/projectRoot');
	const built = async (name: string) => {
		const exported = (await import(path.join(projectRoot(), `dist/nodes/${name}/${name}.node.js`))) as Record<string, new () => INodeType>;
		return new exported[name]();
	};
	registerNodeType(NODE_TYPE, await built('ZohoMassDeleteStatus'));
	registerNodeType(MASS_DELETE_NODE_TYPE, await built('ZohoMassDelete'));
	registerNodeType(RECYCLE_BIN_NODE_TYPE, await built('ZohoRecycleBin'));

	// Zoho at its own pace (20 records a second); the time an execution spends parked is skipped, not waited
	const clock = installVirtualClock();
	const sandbox = await startSandbox({ speed: 1, accessTokenTtlSeconds: 120 });
	const realStart = performance.now();
	const realElapsed = () => seconds(performance.now() - realStart);
	try {
		console.log(`Zoho CRM sandbox on ${sandbox.origin}`);
		const credential = await connectCredential(sandbox, { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true });
		console.log(`Credential connected (Data Center: Custom), scopes ${credential.stored.oauthTokenData.scope}\n`);
		console.log('Running examples/wait-node-loop.json: Zoho Mass Delete → Zoho Mass Delete Status → Running → Wait {{ $json.next_check_in_seconds }} → again');
		console.log('(a Wait of 65 s or more parks the execution and frees the worker; here the parked time is skipped)\n');

		const workflowStart = Date.now();
		let startedAt = 0;
		let total = 0;
		let last: IDataObject | undefined;
		let checks = 0;
		const onNodeRun = (nodeName: string, taskData: ITaskData) => {
			const item = taskData.data?.main?.flatMap((items) => items ?? [])[0]?.json;
			if (!item) return;
			if (nodeName === MASS_DELETE_NODE_NAME) {
				startedAt = Date.parse(String(item.scheduled_at ?? new Date().toISOString()));
				console.log(`Zoho Mass Delete: custom view "${VIEW.name}" in ${item.module} scheduled, job_id ${item.job_id}`);
				return;
			}
			if (nodeName !== STATUS_NODE_NAME) return;
			checks += 1;
			last = item;
			const deleted = Number(item.Deleted_Count ?? 0);
			total = Number(item.Total_Count ?? total);
			const percent = total ? Math.floor((deleted / total) * 100) : 0;
			const bar = '#'.repeat(Math.round(percent / 5)).padEnd(20, '.');
			const next = Number(item.next_check_in_seconds);
			const then = item.next_check_in_seconds === undefined ? '' : `next in ${String(next).padStart(3)} s ${next >= 65 ? '(parked, worker free)' : '(held, the finish is near)'}`;
			console.log(
				`check ${String(checks).padStart(2)}  ${String(item.Status ?? item.error).padEnd(9)} [${bar}] ${deleted.toLocaleString('en-US').padStart(6)} / ${total.toLocaleString('en-US')}  Zoho time ${clockTime(Date.parse(String(item.checked_at)) - startedAt)}  ${then}`,
			);
		};
		// the start node also captures the view's record IDs, so the undo below restores exactly those
		const workflow = loadExample('wait-node-loop.json');
		const start = workflow.nodes.find((node) => node.type === MASS_DELETE_NODE_TYPE)!;
		start.parameters.options = { ...(start.parameters.options as IDataObject), captureRecordIds: true };
		const run = await runExample(workflow, { credentials: credential, clock, onNodeRun });
		const job = [...sandbox.jobs.values()][0];
		const status = String(last?.Status ?? 'unknown');
		const seenAfter = last?.checked_at ? Date.parse(String(last.checked_at)) - (job.createdAt + job.durationMs) : NaN;
		console.log(`
Workflow finished: ${run.error ? `error: ${run.error.message}` : run.run.status}
  job ${job?.jobId}: ${status}, ${Number(last?.Deleted_Count ?? 0).toLocaleString('en-US')} deleted, ${Number(last?.Failed_Count ?? 0)} failed, of ${total.toLocaleString('en-US')}
  status checks: ${sandbox.stats.statusChecks} (one Zoho API credit each); the finish was seen ${seconds(seenAfter)} after it happened
  parked ${run.parks.length} times (${clockTime(run.parks.reduce((sum, park) => sum + park.until - park.at, 0))} in all, no worker held); token refreshes by n8n: ${sandbox.stats.refreshes}
  took ${clockTime(Date.now() - workflowStart)} of Zoho time, ${realElapsed()} of real time`);
		if (run.error || status !== 'COMPLETED' || !last) return 1;

		// Undo: the deleted records are in Zoho's recycle bin for 60 days; the status item carries the job and its captured IDs
		const leads = { __rl: true, mode: 'list', value: VIEW.module };
		const listsBefore = sandbox.stats.recycleBinLists;
		const restore = await runRecycleBinNode({ operation: 'restore', restoreBy: 'job' }, { credentials: credential, items: [last] });
		const answer = restore.outputsOf()[0][0]?.json;
		console.log(`\nZoho Recycle Bin, Restore everything the job deleted: ${String(answer?.summary ?? restore.error?.message)}`);
		console.log(`  the bin read in ${sandbox.stats.recycleBinLists - listsBefore} calls of 200, each entry checked against the ${Number(last.captured_ids ? (last.captured_ids as unknown[]).length : 0).toLocaleString('en-US')} captured IDs; restored by ID in ${sandbox.stats.restores} calls of 200`);
		// then wait for it, as a Wait-node loop round Get Restore Progress would
		let check = answer ?? {};
		for (let round = 1; round <= 10; round++) {
			const checked = await runRecycleBinNode({ operation: 'checkRestore' }, { credentials: credential, items: [check] });
			const [done, pending] = checked.outputsOf();
			check = (done[0] ?? pending[0])?.json ?? {};
			console.log(`Zoho Recycle Bin, Get Restore Progress ${round}: ${done.length ? 'Restored' : 'Pending'}, ${Number(check.restored_count).toLocaleString('en-US')} of ${Number(check.total_count).toLocaleString('en-US')} out of the bin`);
			if (done.length || !pending.length) break;
			clock.jump(Number(check.next_check_in_seconds) * 1000);
		}
		const recount = await runMassDeleteNode(
			{ deleteBy: 'customView', module: leads, customView: { __rl: true, mode: 'id', value: String(job.cvid) }, options: { dryRun: true } },
			{ credentials: credential },
		);
		const viewHolds = Number(recount.outputsOf()[0][0]?.json.record_count);
		console.log(`  custom view "${VIEW.name}" holds ${viewHolds.toLocaleString('en-US')} records again (a Zoho Mass Delete dry run counted it)`);
		return answer?.found === job.total && check.restored === true && viewHolds === job.total ? 0 : 1;
	} finally {
		await sandbox.close();
		clock.uninstall();
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
