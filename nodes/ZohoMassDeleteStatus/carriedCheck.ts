import type { IDataObject } from 'n8n-workflow';

import { isZohoId } from '../shared/ids';
import { summarizeJob } from './jobStatus';
import type { CarriedCheck } from '../shared/waiting/loopState';

/** Clocks differ a little between n8n workers: a time this far ahead is still taken as "now". */
const CLOCK_SKEW_MS = 60_000;

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
	// passed on whole or not at all: a restore of exactly these records must not get some of them
	const capturedIds = Array.isArray(json.captured_ids) && json.captured_ids.every(isZohoId) ? (json.captured_ids as string[]) : undefined;
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
			capturedIds,
		};
	}
	if (scheduledAt === undefined) return undefined;
	// Zoho starts with nothing processed: the job's age gives a rate from the first check on
	return { observation: { at: scheduledAt, status: 'RUNNING', processed: 0 }, checkCount: 0, waitingSince: scheduledAt, scheduledAt, capturedIds };
}
