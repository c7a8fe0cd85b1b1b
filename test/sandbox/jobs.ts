/** A mass delete job's life, as a pure function of sandbox time. */
export interface MassDeleteJob {
	jobId: string;
	module: string;
	total: number;
	createdAt: number;
	/** Time spent queued (RUNNING, or queuedStatus, with nothing deleted) before deleting starts. */
	queuedMs: number;
	/** Time to delete every record once started. */
	durationMs: number;
	/** Share of records Zoho cannot delete (locked, approval pending): they end up in Failed_Count. */
	failedRecordRatio: number;
	/** The job stops with FAILED when this share of records has been processed. */
	failAtFraction?: number;
	/** Status while queued: Zoho documents RUNNING; SCHEDULED exercises clients' unknown-status handling. */
	queuedStatus: string;
	/** Records Zoho refuses (locked, unapproved): exact, where failedRecordRatio is a share. */
	refusedRecords?: number;
	/** The custom view a started job deletes from; jobs made by the admin API have none and remove nothing. */
	cvid?: string;
	/** Set once the finished job's deletes are applied to the org's records. */
	applied?: boolean;
	/** Every status check of the job: when (sandbox time), by which grant (credential), and what it answered. */
	checks: JobCheck[];
}

export interface JobCheck {
	at: number;
	grant: number;
	status: string;
}

export interface JobStatusRecord {
	Status: string;
	Total_Count: number;
	Deleted_Count: number;
	Failed_Count: number;
}

export function jobFinishesAt(job: MassDeleteJob): number {
	const fraction = job.failAtFraction ?? 1;
	return job.createdAt + job.queuedMs + job.durationMs * fraction;
}

export function jobStatusAt(job: MassDeleteJob, now: number): JobStatusRecord {
	const elapsed = now - job.createdAt;
	if (elapsed < job.queuedMs) {
		return { Status: job.queuedStatus, Total_Count: job.total, Deleted_Count: 0, Failed_Count: 0 };
	}
	const running = job.durationMs <= 0 ? 1 : (elapsed - job.queuedMs) / job.durationMs;
	const stopAt = job.failAtFraction ?? 1;
	const fraction = Math.min(Math.max(running, 0), stopAt, 1);
	const processed = Math.floor(job.total * fraction);
	const failed =
		job.refusedRecords !== undefined && job.total > 0
			? Math.floor((processed * job.refusedRecords) / job.total)
			: Math.floor(processed * job.failedRecordRatio);
	const status = job.failAtFraction !== undefined && running >= stopAt ? 'FAILED' : running >= 1 ? 'COMPLETED' : 'RUNNING';
	return { Status: status, Total_Count: job.total, Deleted_Count: processed - failed, Failed_Count: failed };
}

/** Records the job has processed (deleted or refused) by `now`. */
export function processedAt(job: MassDeleteJob, now: number): number {
	const record = jobStatusAt(job, now);
	return record.Deleted_Count + record.Failed_Count;
}

export function isJobFinished(job: MassDeleteJob, now: number): boolean {
	return now >= jobFinishesAt(job);
}
