/**
 * When to check a running job next. Pure: the job's own progress (Deleted + Failed over Total,
 * against elapsed time) predicts its finish, and the next call is aimed just after it.
 */
export const WAIT_LIMITS = {
	/** Longest gap between two calls, so a slowing job is noticed. */
	maxGapMs: 60_000,
	/** Aim this share of the predicted remaining time after the predicted finish, so the call lands after it. */
	finishMargin: 0.03,
	/** Growth of the gap while a job shows no progress (queued, or Zoho not counting yet). */
	noProgressGrowth: 1.5,
};

export interface Observation {
	/** Epoch ms of the reply. */
	at: number;
	status?: string;
	processed?: number;
	total?: number;
}

/** Gap in ms before the next call, given every observation so far (oldest first) and the shortest allowed gap. */
export function nextPollGap(history: readonly Observation[], minGapMs: number): number {
	const maxGapMs = Math.max(WAIT_LIMITS.maxGapMs, minGapMs);
	const clamp = (gap: number) => Math.min(Math.max(gap, minGapMs), maxGapMs);
	const latest = history[history.length - 1];
	if (!latest) return minGapMs;

	const firstChange = history.findIndex((observation) => observation.processed !== history[0].processed);
	if (firstChange === -1) {
		// no progress yet: back off from the shortest gap
		return clamp(minGapMs * WAIT_LIMITS.noProgressGrowth ** (history.length - 1));
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
		return minGapMs;
	}
	const ratePerMs = (latest.processed - from.processed) / (latest.at - from.at);
	const remainingMs = (Math.max(0, latest.total - latest.processed) / ratePerMs) * (1 + WAIT_LIMITS.finishMargin);
	const startUncertain = singleReading && (firstChange > 1 || from.status !== 'RUNNING');
	return clamp(startUncertain ? Math.min(remainingMs, latest.at - from.at) : remainingMs);
}
