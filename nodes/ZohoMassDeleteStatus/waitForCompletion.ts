import type { JobSummary } from './jobStatus';
import { nextPollGap, type Observation } from '../shared/waiting/waitSchedule';

export interface WaitPlan {
	/** Shortest gap between two calls. */
	pollIntervalMs: number;
	/** Longest gap between two calls, so a job failing part way is noticed. */
	maxGapMs: number;
	timeoutMs: number;
	/** Epoch ms the wait counts from (the node's start, so several items share one budget). */
	startedAt: number;
	/** Earlier observations of the job, carried in by the input item: the first gap can already aim. */
	seed?: Observation[];
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
	/** This wait's own observations, oldest first. */
	observations: Observation[];
}

/** What the schedule learns from one check: when Zoho answered, and the job's state then. */
export function observationOf({ status, processed, total }: JobSummary, at: number): Observation {
	return { at, status, processed, total };
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
	const observations: Observation[] = [];
	for (let pollCount = 1; ; pollCount++) {
		const last = await check(deadline);
		const at = clock.now();
		observations.push(observationOf(last.summary, at));
		const outcome = { last, pollCount, waitedMs: Math.max(0, at - plan.startedAt), observations };
		if (last.summary.isFinished) return { ...outcome, timedOut: false };
		if (at >= deadline) return { ...outcome, timedOut: true };
		const gap = nextPollGap([...(plan.seed ?? []), ...observations], plan.pollIntervalMs, plan.maxGapMs);
		await clock.sleep(Math.min(gap, deadline - at));
	}
}
