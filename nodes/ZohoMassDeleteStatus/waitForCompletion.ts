import type { JobSummary } from './jobStatus';
import { nextPollGap, type Observation } from './waitSchedule';

export interface WaitPlan {
	/** Shortest gap between two calls. */
	pollIntervalMs: number;
	timeoutMs: number;
	/** Epoch ms the wait counts from (the node's start, so several items share one budget). */
	startedAt: number;
}

/** Time as the loop sees it: real time in the node, the sandbox's virtual time in the benchmark. */
export interface WaitClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface WaitOutcome<T> {
	last: T;
	pollCount: number;
	waitedMs: number;
	timedOut: boolean;
}

/**
 * Checks until the job is finished or the timeout is reached; between checks it sleeps as long as the
 * job's progress suggests. `check` gets the deadline so its own retries stop there too.
 */
export async function pollUntilFinished<T extends { summary: JobSummary }>(
	check: (deadline: number) => Promise<T>,
	plan: WaitPlan,
	clock: WaitClock,
): Promise<WaitOutcome<T>> {
	const deadline = plan.startedAt + plan.timeoutMs;
	const history: Observation[] = [];
	for (let pollCount = 1; ; pollCount++) {
		const last = await check(deadline);
		const at = clock.now();
		const outcome = { last, pollCount, waitedMs: Math.max(0, at - plan.startedAt) };
		if (last.summary.isFinished) return { ...outcome, timedOut: false };
		if (at >= deadline) return { ...outcome, timedOut: true };
		history.push({ at, status: last.summary.status, processed: last.summary.processed, total: last.summary.total });
		await clock.sleep(Math.min(nextPollGap(history, plan.pollIntervalMs), deadline - at));
	}
}
