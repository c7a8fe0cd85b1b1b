import { summarizeJob } from '../../nodes/ZohoMassDeleteStatus/jobStatus';
import { pollUntilFinished } from '../../nodes/ZohoMassDeleteStatus/waitForCompletion';
import { WAIT_OPTION_LIMITS } from '../../nodes/ZohoMassDeleteStatus/statusCheckInput';
import { nextPollGap } from '../../nodes/shared/waiting/waitSchedule';
import { jobStatusAt, type MassDeleteJob } from '../sandbox/jobs';

const S = 1000;

describe('next poll gap', () => {
	it.each([
		['first gap, nothing known', [{ at: 0, processed: 0, total: 1000 }], 5 * S],
		['no counts at all', [{ at: 0 }, { at: 5 * S }], 7.5 * S],
		['no progress for three polls backs off', [{ at: 0, processed: 0, total: 1000 }, { at: 5 * S, processed: 0, total: 1000 }, { at: 12.5 * S, processed: 0, total: 1000 }], 11.25 * S],
		['no progress for long reaches the one-minute cap', Array.from({ length: 20 }, (_, i) => ({ at: i * 60 * S, processed: 0, total: 1000 })), 60 * S],
		['one reading, job running at the poll before: trusted', [{ at: 0, status: 'RUNNING', processed: 0, total: 1000 }, { at: 5 * S, status: 'RUNNING', processed: 100, total: 1000 }], 45 * S * 1.03],
		['one reading after a queued poll: re-measure within one interval', [{ at: 0, status: 'SCHEDULED', processed: 0, total: 1000 }, { at: 5 * S, status: 'RUNNING', processed: 10, total: 1000 }], 5 * S],
		['one reading after several idle polls: re-measure within one interval', [{ at: 0, status: 'RUNNING', processed: 0, total: 1000 }, { at: 5 * S, status: 'RUNNING', processed: 0, total: 1000 }, { at: 12.5 * S, status: 'RUNNING', processed: 10, total: 1000 }], 7.5 * S],
		['two readings: rate between them, not from before deleting began', [{ at: 0, status: 'SCHEDULED', processed: 0, total: 1000 }, { at: 20 * S, status: 'RUNNING', processed: 100, total: 1000 }, { at: 30 * S, status: 'RUNNING', processed: 300, total: 1000 }], 35 * S * 1.03],
		['a far finish is capped at one minute', [{ at: 0, status: 'RUNNING', processed: 0, total: 100000 }, { at: 5 * S, status: 'RUNNING', processed: 10, total: 100000 }], 60 * S],
		['a finish due now still waits the shortest gap', [{ at: 0, status: 'RUNNING', processed: 0, total: 1000 }, { at: 5 * S, status: 'RUNNING', processed: 1000, total: 1000 }], 5 * S],
		['counts that went backwards: shortest gap', [{ at: 0, processed: 10, total: 1000 }, { at: 5 * S, processed: 20, total: 1000 }, { at: 10 * S, processed: 5, total: 1000 }], 5 * S],
	])('%s', (_case, history, expected) => {
		expect(nextPollGap(history, 5 * S, 60 * S)).toBeCloseTo(expected, 6);
	});

	it('a poll interval above the longest gap is respected', () => {
		expect(nextPollGap([{ at: 0, processed: 0, total: 10 }], 120 * S, 60 * S)).toBe(120 * S);
	});

	it('the longest gap defaults to 3 minutes: a far finish is checked on within it', () => {
		const far = [{ at: 0, status: 'RUNNING', processed: 0, total: 100000 }, { at: 5 * S, status: 'RUNNING', processed: 10, total: 100000 }];
		expect(WAIT_OPTION_LIMITS.maxGap.default).toBe(180);
		expect(nextPollGap(far, 5 * S, WAIT_OPTION_LIMITS.maxGap.default * S)).toBe(180 * S);
	});
});

/** A job in virtual time, checked through the same pure model the sandbox serves. */
function virtualRun(job: Partial<MassDeleteJob>, plan: { pollIntervalMs?: number; timeoutMs?: number; startAt?: number; nodeStartedAt?: number } = {}) {
	const full: MassDeleteJob = { jobId: '1', module: 'Leads', total: 6000, createdAt: 0, queuedMs: 0, durationMs: 300 * S, failedRecordRatio: 0, queuedStatus: 'RUNNING', ...job, checks: [] };
	let now = plan.startAt ?? 0;
	const checks: number[] = [];
	return {
		checks,
		outcome: pollUntilFinished(
			async () => {
				checks.push(now);
				const record = { ...jobStatusAt(full, now) };
				return { record, summary: summarizeJob(record) };
			},
			{ pollIntervalMs: plan.pollIntervalMs ?? 5 * S, maxGapMs: 60 * S, timeoutMs: plan.timeoutMs ?? 3600 * S, startedAt: plan.nodeStartedAt ?? plan.startAt ?? 0 },
			{ now: () => now, sleep: async (ms) => void (now += ms) },
		),
	};
}

describe('waiting for completion (virtual time)', () => {
	it('a 5-minute job: few checks, finish seen within 10% of its length', async () => {
		const { outcome, checks } = virtualRun({ durationMs: 300 * S });
		const result = await outcome;
		expect(result.timedOut).toBe(false);
		expect(result.last.record.Status).toBe('COMPLETED');
		expect(result.pollCount).toBe(checks.length);
		// a fixed 5 s loop makes 61 calls here
		expect(result.pollCount).toBeLessThanOrEqual(61 / 4);
		expect(result.waitedMs - 300 * S).toBeLessThanOrEqual(30 * S);
		expect(result.waitedMs).toBeGreaterThanOrEqual(300 * S);
	});

	it('stops at FAILED', async () => {
		const result = await virtualRun({ durationMs: 300 * S, failAtFraction: 0.4 }).outcome;
		expect(result.last.summary).toMatchObject({ status: 'FAILED', isFinished: true, isSuccess: false });
		expect(result.waitedMs).toBeGreaterThanOrEqual(120 * S);
	});

	it('keeps waiting through statuses Zoho may add (SCHEDULED)', async () => {
		const result = await virtualRun({ queuedMs: 60 * S, queuedStatus: 'SCHEDULED', durationMs: 60 * S }).outcome;
		expect(result.last.summary.status).toBe('COMPLETED');
		expect(result.waitedMs).toBeGreaterThanOrEqual(120 * S);
	});

	it('times out: the last check lands on the deadline and the job is still running', async () => {
		const { outcome, checks } = virtualRun({ durationMs: 3600 * S }, { timeoutMs: 100 * S });
		const result = await outcome;
		expect(result).toMatchObject({ timedOut: true, waitedMs: 100 * S });
		expect(result.last.summary.status).toBe('RUNNING');
		expect(checks[checks.length - 1]).toBe(100 * S);
		expect(checks.every((at) => at <= 100 * S)).toBe(true);
	});

	it('a finished job costs one check', async () => {
		const { outcome, checks } = virtualRun({ durationMs: 10 * S }, { startAt: 20 * S });
		expect((await outcome).pollCount).toBe(1);
		expect(checks).toEqual([20 * S]);
	});

	it('the timeout counts from the node\'s start: an item reached late gets what is left', async () => {
		const { outcome, checks } = virtualRun({ durationMs: 3600 * S }, { timeoutMs: 100 * S, nodeStartedAt: 0, startAt: 80 * S });
		const result = await outcome;
		expect(result).toMatchObject({ timedOut: true, waitedMs: 100 * S });
		expect(checks[0]).toBe(80 * S);
		expect(checks[checks.length - 1]).toBe(100 * S);
	});

	it('never checks more often than the poll interval', async () => {
		const { outcome, checks } = virtualRun({ durationMs: 90 * S, queuedMs: 30 * S }, { pollIntervalMs: 10 * S });
		await outcome;
		const gaps = checks.slice(1).map((at, i) => at - checks[i]);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10 * S);
		expect(Math.max(...gaps)).toBeLessThanOrEqual(60 * S);
	});
});
