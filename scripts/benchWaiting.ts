/* eslint-disable no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// Progress-aware waiting versus a fixed 5 s loop, against the sandbox in virtual time: real HTTP calls,
// the node's own schedule and loop, and a clock that jumps instead of sleeping, so 30-minute jobs take milliseconds.
import { summarizeJob } from '../nodes/ZohoMassDeleteStatus/jobStatus';
import { WAIT_OPTION_LIMITS } from '../nodes/ZohoMassDeleteStatus/statusCheckInput';
import { pollUntilFinished } from '../nodes/ZohoMassDeleteStatus/waitForCompletion';
import { connectCredential } from '../test/sandbox/connect';
import { jobFinishesAt, type MassDeleteJob } from '../test/sandbox/jobs';
import { startSandbox, type NewJob, type Sandbox } from '../test/sandbox/server';

const MINUTE = 60_000;
const FIXED_GAP_MS = 5_000;
const MIN_GAP_MS = 5_000;

interface Scenario {
	name: string;
	job: NewJob;
	/** Part of the target range (1 to 30 minutes of steady deleting). */
	inTarget: boolean;
}

const SCENARIOS: Scenario[] = [
	// +2.5 s: lengths off the fixed loop's 5 s grid, so its delay is the typical half gap, not a lucky 0
	...[1, 2, 5, 10, 20, 30].map((minutes) => ({
		name: `${minutes} min`,
		job: { total: minutes * 60 * 20, durationMs: minutes * MINUTE + 2_500 },
		inTarget: true,
	})),
	{ name: '5 min, queued 45 s first (SCHEDULED)', job: { total: 6000, durationMs: 5 * MINUTE, queuedMs: 45_000, queuedStatus: 'SCHEDULED' }, inTarget: false },
	{ name: '10 min, FAILED at 60%', job: { total: 12000, durationMs: 10 * MINUTE, failAtFraction: 0.6 }, inTarget: false },
	{ name: '45 s', job: { total: 900, durationMs: 45_000 }, inTarget: false },
];

interface Measured {
	calls: number;
	delayMs: number;
}

async function measure(sandbox: Sandbox, token: string, job: MassDeleteJob, fixedGap: boolean): Promise<Measured> {
	const before = sandbox.stats.statusChecks;
	const check = async () => {
		const response = await fetch(`${sandbox.origin}/crm/v8/${job.module}/actions/mass_delete?job_id=${job.jobId}`, {
			headers: { authorization: `Zoho-oauthtoken ${token}` },
		});
		const record = ((await response.json()) as { data: Array<Record<string, number | string>> }).data[0];
		return { record, summary: summarizeJob(record) };
	};
	const clock = { now: () => sandbox.clock.now(), sleep: async (ms: number) => sandbox.clock.advance(ms) };
	const plan = { pollIntervalMs: MIN_GAP_MS, maxGapMs: WAIT_OPTION_LIMITS.maxGap.default * 1000, timeoutMs: 3 * 60 * MINUTE, startedAt: clock.now() };
	if (fixedGap) {
		for (let result = await check(); !result.summary.isFinished; result = await check()) await clock.sleep(FIXED_GAP_MS);
	} else {
		await pollUntilFinished(check, plan, clock);
	}
	return { calls: sandbox.stats.statusChecks - before, delayMs: clock.now() - jobFinishesAt(job) };
}

export async function benchWaiting(): Promise<boolean> {
	const sandbox = await startSandbox({ speed: 0, accessTokenTtlSeconds: 30 * 24 * 3600 });
	try {
		const token = String((await connectCredential(sandbox)).stored.oauthTokenData.access_token);
		console.log(`\nWaiting for a job: progress-aware (poll interval 5 s, gaps up to the default ${WAIT_OPTION_LIMITS.maxGap.default} s) vs a fixed 5 s loop`);
		console.log('Sandbox in virtual time, real HTTP calls; delay = from the job finishing to a check seeing it.\n');
		const header = ['job', 'fixed calls', 'fixed delay', 'aware calls', 'aware delay', 'calls ratio', 'delay allowed', 'target'];
		const rows: string[][] = [];
		let met = true;
		for (const scenario of SCENARIOS) {
			const fixed = await measure(sandbox, token, sandbox.createJob(scenario.job), true);
			const aware = await measure(sandbox, token, sandbox.createJob(scenario.job), false);
			const lengthMs = (scenario.job.queuedMs ?? 0) + scenario.job.durationMs! * (scenario.job.failAtFraction ?? 1);
			const allowedDelayMs = Math.max(0.1 * lengthMs, MIN_GAP_MS);
			const ratio = aware.calls / fixed.calls;
			const ok = ratio <= 0.25 && aware.delayMs <= allowedDelayMs;
			if (scenario.inTarget) met = met && ok;
			rows.push([
				scenario.name,
				String(fixed.calls),
				`${(fixed.delayMs / 1000).toFixed(1)} s`,
				String(aware.calls),
				`${(aware.delayMs / 1000).toFixed(1)} s`,
				ratio.toFixed(2),
				`${(allowedDelayMs / 1000).toFixed(1)} s`,
				scenario.inTarget ? (ok ? 'met' : 'MISSED') : ok ? '(met)' : '(outside target)',
			]);
		}
		const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
		const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
		console.log(line(header));
		console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
		for (const row of rows) console.log(line(row));
		console.log(`\nTarget (jobs of 1 to 30 min): at most 1/4 of the fixed loop's calls, finish seen within 10% of the job's length or one 5 s gap: ${met ? 'met' : 'MISSED'}`);
		return met;
	} finally {
		await sandbox.close();
	}
}
