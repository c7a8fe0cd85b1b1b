import type { IDataObject } from 'n8n-workflow';

import { summarizeJob } from './jobStatus';
import type { Observation } from './waitSchedule';

/** Clocks differ a little between n8n workers: a time this far ahead is still taken as "now". */
const CLOCK_SKEW_MS = 60_000;

/** What an input item tells about earlier checks of the same job: the state a Wait-node loop carries round. */
export interface CarriedCheck {
	/** The earlier observation, used as the previous one for the job's rate. */
	observation: Observation;
	/** Checks made so far in this loop (0 when the item is the start node's). */
	checkCount: number;
	/** Epoch ms the waiting began: the first check, or when the job was scheduled. */
	waitingSince: number;
	/** Epoch ms the Zoho Mass Delete node scheduled the job, when an item on the way said: where its deletes begin. */
	scheduledAt?: number;
}

function timeOf(value: unknown, now: number): number | undefined {
	if (typeof value !== 'string') return undefined;
	const at = Date.parse(value);
	return Number.isFinite(at) && at <= now + CLOCK_SKEW_MS ? Math.min(at, now) : undefined;
}

/**
 * The input item's earlier check of this job, if it is one: this node's own output come back round a loop
 * (same job_id and module, with checked_at and the counts), or the Zoho Mass Delete node's item (scheduled_at).
 * Anything else (another job, a garbled or future time) carries nothing, and the check starts afresh.
 */
export function readCarriedCheck(json: IDataObject, jobId: string, module: string, now: number): CarriedCheck | undefined {
	if (json.job_id !== jobId || json.module !== module) return undefined;
	const scheduledAt = timeOf(json.scheduled_at, now);
	const checkedAt = timeOf(json.checked_at, now);
	if (checkedAt !== undefined) {
		const { status, processed, total } = summarizeJob(json);
		if (processed === undefined) return undefined;
		const since = timeOf(json.waiting_since, now);
		const count = json.check_count;
		return {
			observation: { at: checkedAt, status, processed, total },
			checkCount: typeof count === 'number' && Number.isSafeInteger(count) && count > 0 ? count : 1,
			waitingSince: since !== undefined && since <= checkedAt ? since : checkedAt,
			scheduledAt,
		};
	}
	if (scheduledAt === undefined) return undefined;
	// Zoho starts with nothing processed: the job's age gives a rate from the first check on
	return { observation: { at: scheduledAt, status: 'RUNNING', processed: 0 }, checkCount: 0, waitingSince: scheduledAt, scheduledAt };
}

/** Whether a new observation continues the carried one: later, and counts not gone backwards (else a different run). */
export function continues(carried: CarriedCheck, next: Observation): boolean {
	const before = carried.observation;
	return before.at <= next.at && (before.processed ?? 0) <= (next.processed ?? 0);
}
