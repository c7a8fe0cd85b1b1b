import type { IDataObject } from 'n8n-workflow';

/** Output names, in output order. A contract with saved workflows: append, never rename. */
export const STATUS_OUTPUT_NAMES = ['Completed', 'Running', 'Failed', 'Timed Out'] as const;

export const OUTPUT_COMPLETED = 0;
export const OUTPUT_RUNNING = 1;
export const OUTPUT_FAILED = 2;
/** Only with the Loop Timeout option: a job still running when the loop's time is up. */
export const OUTPUT_TIMED_OUT = 3;

export interface JobSummary {
	/** Zoho's Status, trimmed and upper-cased; '' when Zoho sent none. */
	status: string;
	isFinished: boolean;
	isSuccess: boolean;
	outputIndex: number;
	/** Deleted + failed records so far, when Zoho reported the counts. */
	processed?: number;
	total?: number;
}

function toCount(value: unknown): number | undefined {
	const count = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof count === 'number' && Number.isFinite(count) && count >= 0 ? count : undefined;
}

/** The job record from a status response: data[0], or undefined when Zoho sent no job (unknown job ID). */
export function jobRecordOf(body: IDataObject | undefined): IDataObject | undefined {
	const data = body?.data;
	if (!Array.isArray(data)) return undefined;
	const first = data[0] as unknown;
	return first !== null && typeof first === 'object' && !Array.isArray(first) ? (first as IDataObject) : undefined;
}

/**
 * Zoho documents COMPLETED, RUNNING and FAILED; other values (SCHEDULED, QUEUED, …) mean the job
 * has not finished, so they route to Running rather than failing the workflow.
 */
export function summarizeJob(record: IDataObject): JobSummary {
	const status = typeof record.Status === 'string' ? record.Status.trim().toUpperCase() : '';
	const deleted = toCount(record.Deleted_Count);
	const failed = toCount(record.Failed_Count);
	const total = toCount(record.Total_Count);
	const processed = deleted === undefined && failed === undefined ? undefined : (deleted ?? 0) + (failed ?? 0);
	const base = { status, processed, total };
	if (status === 'COMPLETED') {
		return { ...base, isFinished: true, isSuccess: !failed, outputIndex: OUTPUT_COMPLETED };
	}
	if (status === 'FAILED') {
		return { ...base, isFinished: true, isSuccess: false, outputIndex: OUTPUT_FAILED };
	}
	return { ...base, isFinished: false, isSuccess: false, outputIndex: OUTPUT_RUNNING };
}

/** Zoho's fields exactly as returned, then ours; ours win so job_id stays the string the user gave. */
export function statusItemJson(
	record: IDataObject,
	summary: JobSummary,
	jobId: string,
	module: string,
): IDataObject {
	return {
		...record,
		job_id: jobId,
		module,
		is_finished: summary.isFinished,
		is_success: summary.isSuccess,
	};
}
