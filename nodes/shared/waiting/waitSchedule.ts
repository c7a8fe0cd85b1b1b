/**
 * When to check a running job next. Pure: the job's own progress (Deleted + Failed over Total,
 * against elapsed time) predicts its finish, and the next call is aimed just after it.
 */
export const WAIT_LIMITS = {
	/** Aim this share of the predicted remaining time after the predicted finish, so the call lands after it. */
	finishMargin: 0.03,
	/** Growth of the gap while a job shows no progress (queued, or Zoho not counting yet). */
	noProgressGrowth: 1.5,
	/** n8n's Wait node parks the execution (freeing the worker) only for waits of 65 s or more. */
	parkThresholdMs: 65_000,
};

export interface Observation {
	/** Epoch ms of the reply. */
	at: number;
	status?: string;
	processed?: number;
	total?: number;
}

export interface NextCheck {
	gapMs: number;
	/** The gap ends just after the predicted finish (rather than re-measuring or backing off). */
	aimedAtFinish: boolean;
}

/** The next check, given every observation so far (oldest first), the shortest and the longest gap allowed. */
export function planNextCheck(history: readonly Observation[], minGapMs: number, maxGapMs: number): NextCheck {
	const longest = Math.max(maxGapMs, minGapMs);
	const clamp = (gap: number) => Math.min(Math.max(gap, minGapMs), longest);
	const latest = history[history.length - 1];
	if (!latest) return { gapMs: minGapMs, aimedAtFinish: false };

	const firstChange = history.findIndex((observation) => observation.processed !== history[0].processed);
	if (firstChange === -1) {
		// no progress yet: back off from the shortest gap
		return { gapMs: clamp(minGapMs * WAIT_LIMITS.noProgressGrowth ** (history.length - 1)), aimedAtFinish: false };
	}
	// Two observations while deleting give the rate. With only one, measure from the poll before it: exact if
	// the job was already running then; if it was still queued, deleting began some time in between.
	const singleReading = firstChange === history.length - 1;
	const from = singleReading ? history[firstChange - 1] : history[firstChange];
	if (
		latest.total === undefined ||
		latest.processed === undefined ||
		from.processed === undefined ||
		latest.processed <= from.processed ||
		latest.at <= from.at
	) {
		return { gapMs: minGapMs, aimedAtFinish: false };
	}
	const ratePerMs = (latest.processed - from.processed) / (latest.at - from.at);
	const remainingMs = (Math.max(0, latest.total - latest.processed) / ratePerMs) * (1 + WAIT_LIMITS.finishMargin);
	const startUncertain = singleReading && (firstChange > 1 || from.status !== 'RUNNING');
	const aimMs = startUncertain ? Math.min(remainingMs, latest.at - from.at) : remainingMs;
	return { gapMs: clamp(aimMs), aimedAtFinish: aimMs === remainingMs && remainingMs <= longest };
}

/** Gap in ms before the next call inside the node (in-node waiting). */
export function nextPollGap(history: readonly Observation[], minGapMs: number, maxGapMs: number): number {
	return planNextCheck(history, minGapMs, maxGapMs).gapMs;
}

/**
 * The gap a Wait-node loop should wait: short only when the finish is near, otherwise at least 65 s so the Wait
 * parks the execution and frees the worker; never past the loop's deadline (ms from now), where one last check
 * tells a job still running from a finished one.
 */
export function parkFriendlyGap(next: NextCheck, maxGapMs: number, msToDeadline?: number): number {
	let gap = next.gapMs;
	if (!next.aimedAtFinish && gap < WAIT_LIMITS.parkThresholdMs) gap = Math.max(gap, Math.min(WAIT_LIMITS.parkThresholdMs, maxGapMs));
	if (msToDeadline !== undefined) gap = Math.min(gap, Math.max(msToDeadline, 1_000));
	return gap;
}
