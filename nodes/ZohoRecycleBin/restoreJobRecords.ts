import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { counted } from '../shared/input';
import { errorItemJson } from '../shared/itemFailure';
import { callBatchesInTurn } from '../shared/recordBatchCalls';
import { planRecordBatches } from '../shared/recordIdBatches';
import type { ZohoUser } from './currentUser';
import { readBin } from './listDeletedRecords';
import type { JobRestore } from './recycleBinInput';
import { MAX_IDS_PER_RESTORE, restoreRecordBatch } from './restoreRecords';

const iso = (ms: number) => new Date(ms).toISOString();

/** What became of each record the restore sent: restored at once, scheduled, refused, or never sent. */
interface RestoreOutcome {
	restoredNow: string[];
	scheduled: string[];
	failed: IDataObject[];
	notSent: string[];
	interrupted?: Error;
}

async function restoreIds(context: IExecuteFunctions, job: JobRestore, ids: string[], itemIndex: number, connection: ZohoConnection): Promise<RestoreOutcome> {
	const { batches } = planRecordBatches([{ itemIndex, target: { apiVersion: job.apiVersion }, ids }], MAX_IDS_PER_RESTORE, (target) => target.apiVersion);
	const { answers, interrupted } = await callBatchesInTurn(context, batches, async (batch, label) => await restoreRecordBatch(context, batch, label, connection), 'recycle bin', itemIndex);
	const outcome: RestoreOutcome = { restoredNow: [], scheduled: [], failed: [], notSent: [], interrupted: interrupted?.error };
	for (const id of ids) {
		const answer = answers.get(id);
		if (!answer) outcome.notSent.push(id);
		else if ('error' in answer) outcome.failed.push({ id, code: (errorItemJson(answer.error).details as IDataObject).code ?? null, message: answer.error.message });
		else if (answer.json.restored_now === true) outcome.restoredNow.push(id);
		else if (answer.json.scheduled === true) outcome.scheduled.push(id);
		else outcome.failed.push({ id, code: answer.json.code ?? null, message: answer.json.message ?? null });
	}
	return outcome;
}

function codeOf(found: number, outcome: RestoreOutcome): string {
	if (found === 0) return 'NOTHING_TO_RESTORE';
	if (outcome.failed.length > 0 || outcome.interrupted) return 'PARTIAL';
	return outcome.scheduled.length > 0 ? 'SCHEDULED' : 'SUCCESS';
}

/**
 * Everything one job deleted, from what Zoho documents only: the bin is read with the module and deletion-time filters,
 * each entry is checked by the node (its module, who deleted it, when, and when the job's record IDs were captured, that
 * it is one of them), and only the entries that pass are restored, by ID, 200 a call. Whatever Zoho makes of a
 * deleted_by filter, a record the job did not delete is never restored.
 */
export async function restoreJobRecords(context: IExecuteFunctions, job: JobRestore, user: ZohoUser, itemIndex: number, connection: ZohoConnection): Promise<IDataObject> {
	const ids = job.capturedIds ? new Set(job.capturedIds) : undefined;
	const { entries, listed } = await readBin(context, { ...job, deletedBy: user.id, ids }, undefined, itemIndex, connection);
	const found = entries.map((entry) => entry.id as string);
	const outcome: RestoreOutcome = found.length ? await restoreIds(context, job, found, itemIndex, connection) : { restoredNow: [], scheduled: [], failed: [], notSent: [] };
	const code = codeOf(found.length, outcome);
	const what = job.jobId ? `job ${job.jobId}` : 'the job';
	const summary =
		found.length === 0
			? `Nothing to restore: the recycle bin holds no ${job.module} record that ${user.name} deleted in the job's time${ids ? ' among the captured records' : ''} (${counted(listed)} listed in that time).`
			: [
					`Found ${counted(found.length)} ${job.module} records that ${what} deleted${ids ? ` (of ${counted(ids.size)} captured)` : ''}`,
					outcome.restoredNow.length ? `; ${counted(outcome.restoredNow.length)} restored now` : '',
					outcome.scheduled.length ? `; ${counted(outcome.scheduled.length)} scheduled: Zoho restores them in the background, and 'Get Restore Progress' follows them` : '',
					outcome.failed.length ? `; ${counted(outcome.failed.length)} refused (see failed)` : '',
					outcome.notSent.length ? `; a call failed, and ${counted(outcome.notSent.length)} were not sent (see interrupted)` : '',
					'.',
				].join('');
	const interrupted = outcome.interrupted ? errorItemJson(outcome.interrupted) : undefined;
	return {
		...(job.jobId ? { job_id: job.jobId } : {}),
		module: job.module,
		deleted_after: iso(job.window.after),
		deleted_before: iso(job.window.before),
		deleted_by: { id: user.id, name: user.name },
		by_captured_ids: ids !== undefined,
		listed,
		found: found.length,
		restored_now_count: outcome.restoredNow.length,
		scheduled_count: outcome.scheduled.length,
		failed_count: outcome.failed.length,
		failed: outcome.failed,
		restored_ids: [...outcome.restoredNow, ...outcome.scheduled],
		...(outcome.notSent.length ? { not_sent_ids: outcome.notSent } : {}),
		...(interrupted ? { interrupted: { message: interrupted.error, ...(interrupted.details as IDataObject) } } : {}),
		restored_now: found.length > 0 && outcome.restoredNow.length === found.length,
		scheduled: outcome.scheduled.length > 0,
		code,
		message: summary,
		status: code === 'PARTIAL' && outcome.restoredNow.length + outcome.scheduled.length === 0 ? 'error' : 'success',
		zoho_details: {},
		summary,
	};
}
