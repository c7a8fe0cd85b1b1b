/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// A delete by criteria of 100,000 records, the built node in n8n-core's engine, the sandbox in a process of its own so
// that this process's memory is the node's and the engine's: Zoho calls against the floor, wall time, peak memory.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { MASS_DELETE_NODE_TYPE, registerNodeType, runMassDeleteNode } from '../test/harness/engine';
import { projectRoot } from '../test/harness/projectRoot';
import { connectCredential } from '../test/sandbox/connect';
import type { Sandbox } from '../test/sandbox/server';

const RECORDS = 100_000;
/** Zoho's documented sizes: COQL reads 2,000 records a call, the record-ID delete takes 500. */
const FLOOR = Math.ceil(RECORDS / 2_000) + Math.ceil(RECORDS / 500);
const CALLS_OVER_FLOOR = 0.01;
/** Heap the run may add: 100,000 IDs held three ways (gathered, deleted_ids, n8n's copy of the output) fit easily. */
const HEAP_LIMIT_MB = 128;

/** The sandbox's command line on a free port, frozen in time; its origin and client read from what it prints. */
async function sandboxProcess(): Promise<{ child: ChildProcess; sandbox: Pick<Sandbox, 'origin' | 'clientId' | 'clientSecret'> }> {
	const child = spawn(process.execPath, [path.join(projectRoot(), 'build/tools/scripts/sandbox.js'), '--port', '0', '--speed', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
	let printed = '';
	for await (const chunk of child.stdout!) {
		printed += String(chunk);
		if (printed.includes('Ctrl+C')) break;
	}
	const read = (pattern: RegExp) => pattern.exec(printed)?.[1] ?? '';
	return { child, sandbox: { origin: read(/listening on (\S+)/), clientId: read(/Client ID\s+(\S+)/), clientSecret: read(/Client Secret\s+(\S+)/) } };
}

export async function benchCriteria(): Promise<boolean> {
	const { ZohoMassDelete } = (await import(path.join(projectRoot(), 'dist/nodes/ZohoMassDelete/ZohoMassDelete.node.js'))) as { ZohoMassDelete: new () => INodeType };
	registerNodeType(MASS_DELETE_NODE_TYPE, new ZohoMassDelete());
	const { child, sandbox } = await sandboxProcess();
	try {
		const credentials = await connectCredential(sandbox as Sandbox, { allowStartingMassDeletes: true });
		const stats = async () => ((await (await fetch(`${sandbox.origin}/__sandbox/state`)).json()) as { stats: IDataObject }).stats;
		const before = await stats();
		const parameters = {
			deleteBy: 'criteria',
			module: { __rl: true, mode: 'list', value: 'Accounts' },
			criteriaMode: 'conditions',
			conditions: {
				condition: [
					{ field: { __rl: true, mode: 'list', value: 'Account_Type' }, operator: 'equals', value: 'Dormant' },
					{ field: { __rl: true, mode: 'list', value: 'Created_Time' }, operator: 'lessThan', value: '2016-01-01T00:00:00+00:00' },
				],
			},
			options: { maxRecords: RECORDS },
		};
		global.gc?.();
		const baseline = process.memoryUsage();
		let peakHeap = baseline.heapUsed;
		let peakRss = baseline.rss;
		const sampler = setInterval(() => {
			const now = process.memoryUsage();
			peakHeap = Math.max(peakHeap, now.heapUsed);
			peakRss = Math.max(peakRss, now.rss);
		}, 10);
		const started = process.hrtime.bigint();
		const run = await runMassDeleteNode(parameters, { credentials });
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		clearInterval(sampler);
		if (run.error) throw run.error;
		const [[item]] = run.outputsOf();
		const after = await stats();
		const calls = (key: string) => Number(after[key]) - Number(before[key]);
		const pages = calls('coqlQueries');
		const deletes = calls('massDeleteStarts');
		const total = calls('apiRequests');
		const heapMb = (peakHeap - baseline.heapUsed) / 2 ** 20;
		const rssMb = (peakRss - baseline.rss) / 2 ** 20;
		const deletedIds = item.json.deleted_ids as string[];

		console.log(`\nDelete by criteria, ${RECORDS.toLocaleString('en-US')} matching records (the built node in n8n-core's engine; the sandbox in its own process)\n`);
		console.log('| records deleted | COQL pages | delete calls | other calls | Zoho calls in all | floor ⌈n/2,000⌉ + ⌈n/500⌉ | over the floor | wall time | peak heap added | peak RSS added |');
		console.log('|---|---|---|---|---|---|---|---|---|---|');
		console.log(
			`| ${deletedIds.length.toLocaleString('en-US')} | ${pages} | ${deletes} | ${total - pages - deletes} | ${total} | ${FLOOR} | ${(((total - FLOOR) / FLOOR) * 100).toFixed(1)} % | ${seconds.toFixed(1)} s | ${heapMb.toFixed(0)} MB | ${rssMb.toFixed(0)} MB |`,
		);
		console.log(`\nTargets: calls at most ${(CALLS_OVER_FLOOR * 100).toFixed(0)} % over the floor; heap added at most ${HEAP_LIMIT_MB} MB; every record deleted once.`);
		const exact = deletedIds.length === RECORDS && new Set(deletedIds).size === RECORDS && item.json.more_remaining === false;
		if (!exact) console.log(`not every record was deleted exactly once: ${JSON.stringify({ deleted: deletedIds.length, more_remaining: item.json.more_remaining })}`);
		return exact && total <= FLOOR * (1 + CALLS_OVER_FLOOR) && heapMb <= HEAP_LIMIT_MB;
	} finally {
		child.kill();
	}
}
