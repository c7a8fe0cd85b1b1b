// npm run demo: a real n8n workflow (examples/wait-node-loop.json) in n8n-core's engine, against the local
// Zoho CRM sandbox. No Zoho account, no network. Exits 0 when the mass delete completes.
import path from 'node:path';

import type { IDataObject, INodeType, ITaskData } from 'n8n-workflow';

process.env.N8N_LOG_LEVEL ??= 'silent';

/** Sandbox seconds per real second: the 5,000-record job takes about 4 minutes of Zoho time, 10 s here. */
const SPEED = 25;
const JOB = { module: 'Leads', cvid: '3652397000000538005', view: 'Imported 2019' };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const zohoTime = (ms: number) => `${Math.floor(ms / 60_000)}m ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;

async function main(): Promise<number> {
	// after N8N_LOG_LEVEL is set: n8n reads it when first loaded
	const { MASS_DELETE_NODE_TYPE, NODE_TYPE, STATUS_NODE_NAME, registerNodeType, runMassDeleteNode } = await import('../test/harness/engine');
	const { runExample } = await import('../test/harness/examples');
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

	const sandbox = await startSandbox({ speed: SPEED, accessTokenTtlSeconds: 90 });
	try {
		console.log(`Zoho CRM sandbox on ${sandbox.origin} (time runs ${SPEED}x)`);
		const credential = await connectCredential(sandbox, { allowStartingMassDeletes: true });
		console.log(`Credential connected (Data Center: Custom), scopes ${credential.stored.oauthTokenData.scope}`);
		const start = await runMassDeleteNode(
			{ deleteBy: 'customView', module: { __rl: true, mode: 'list', value: JOB.module }, customView: { __rl: true, mode: 'list', value: JOB.cvid } },
			{ credentials: credential },
		);
		const jobId = String(start.outputsOf()[0]?.[0]?.json.job_id ?? '');
		if (start.error || !jobId) throw new Error(`The Zoho Mass Delete node did not start the job: ${start.error?.message}`);
		const job = sandbox.jobs.get(jobId)!;
		console.log(`Zoho Mass Delete node: custom view "${JOB.view}" (${job.total.toLocaleString('en-US')} ${JOB.module}) scheduled, job_id ${jobId}\n`);
		console.log('Running examples/wait-node-loop.json: Zoho Mass Delete Status → Running → Wait 30 s → again\n');

		const started = Date.now();
		const live = process.stdout.isTTY;
		let polls = 0;
		let last: IDataObject | undefined;
		const onNodeRun = (nodeName: string, taskData: ITaskData) => {
			if (nodeName !== STATUS_NODE_NAME) return;
			const item = taskData.data?.main?.flatMap((items) => items ?? [])[0]?.json;
			if (!item) return;
			polls += 1;
			last = item;
			const deleted = Number(item.Deleted_Count ?? 0);
			const total = Number(item.Total_Count ?? 0);
			const percent = total ? Math.floor((deleted / total) * 100) : 0;
			const bar = '#'.repeat(Math.round(percent / 5)).padEnd(20, '.');
			const line = `check ${String(polls).padStart(2)}  ${String(item.Status ?? item.error).padEnd(9)} [${bar}] ${deleted.toLocaleString('en-US').padStart(6)} / ${total.toLocaleString('en-US')} deleted  ${String(percent).padStart(3)}%  elapsed ${seconds(Date.now() - started)} (Zoho time ${zohoTime(sandbox.clock.now() - job.createdAt)})`;
			process.stdout.write(live ? `\r${line}` : `${line}\n`);
		};
		const run = await runExample('wait-node-loop.json', {
			jobId,
			credentials: credential,
			// the workflow's 30 s wait, in sandbox time
			waitScale: 1 / SPEED,
			onNodeRun,
		});
		if (live) process.stdout.write('\n');

		const status = String(last?.Status ?? 'unknown');
		console.log(`
Workflow finished: ${run.error ? `error: ${run.error.message}` : run.run.status}
  job ${jobId}: ${status}, ${Number(last?.Deleted_Count ?? 0).toLocaleString('en-US')} deleted, ${Number(last?.Failed_Count ?? 0)} failed, of ${Number(last?.Total_Count ?? 0).toLocaleString('en-US')}
  status checks: ${sandbox.stats.statusChecks} (one Zoho API credit each), token refreshes by n8n: ${sandbox.stats.refreshes}
  API calls used in all: ${sandbox.stats.statusChecks + sandbox.stats.massDeleteStarts} CRM + ${sandbox.stats.codeExchanges + sandbox.stats.refreshes} OAuth
  took ${seconds(Date.now() - started)} (Zoho time ${zohoTime(sandbox.clock.now() - job.createdAt)})`);
		return !run.error && status === 'COMPLETED' ? 0 : 1;
	} finally {
		await sandbox.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
