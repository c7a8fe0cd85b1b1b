import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import type { ApiVersion } from '../shared/input';
import { recycleBinRestorePath } from '../shared/paths';
import { answersByRecord, type RecordAnswer } from '../shared/recordBatchCalls';
import type { RecordBatch } from '../shared/recordIdBatches';
import { zohoCrmApiRequest, zohoReplyError, type ZohoRequest } from '../shared/transport';
import { OUTCOME_UNKNOWN } from '../shared/zohoErrors';
import { recycleBinFilter } from './binFilters';
import type { ZohoUser } from './currentUser';
import type { JobRestore } from './recycleBinInput';
import { RECYCLE_BIN_ERROR_HINTS } from './recycleBinErrors';

/** Zoho restores at most 200 IDs per call (zoho/crm-oas v8.0 recycle_bin: ids maxItems 200). */
export const MAX_IDS_PER_RESTORE = 200;

/** What a restore answer says happened: at once, or scheduled as a background job. */
function outcomeOf(entry: IDataObject): IDataObject {
	const succeeded = entry.status === 'success';
	return {
		restored_now: succeeded && entry.code === 'SUCCESS',
		scheduled: succeeded && entry.code === 'SCHEDULED',
		code: entry.code ?? null,
		message: entry.message ?? null,
		status: entry.status ?? null,
	};
}

/**
 * POST {ids} (at most 200) to /settings/recycle_bin/actions/restore. Zoho restores at once up to 1,000 records, their
 * notes and attachments counted, and schedules a background job above that; it answers per record either way. Never
 * repeated once Zoho may have received it.
 */
export async function restoreRecordBatch(
	context: IExecuteFunctions,
	batch: RecordBatch<{ apiVersion: ApiVersion }>,
	label: string,
	connection: ZohoConnection,
): Promise<Map<string, RecordAnswer>> {
	const request: ZohoRequest = {
		method: 'POST',
		path: recycleBinRestorePath(batch.target.apiVersion),
		body: { ids: batch.records.map((record) => record.id) },
		itemIndex: batch.records[0].itemIndexes[0],
		connection,
		changesData: true,
		perRecordResults: 'recycle_bin',
		errorHints: {
			...RECYCLE_BIN_ERROR_HINTS,
			[OUTCOME_UNKNOWN]: `The ${batch.records.length} records of ${label} may or may not have been restored, and were not sent again. List the recycle bin before restoring them again: what is still there was not restored.`,
		},
	};
	const response = await zohoCrmApiRequest.call(context, request);
	return answersByRecord(context, request, response, batch, { label, unknownFate: 'restored' }, (id, entry) => ({ id, ...outcomeOf(entry) }));
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Everything one job deleted: POST {filters} with the job's module, its deletion times and the connected user (who
 * ran the job). Zoho always schedules a restore by filters; its answer has no counts.
 */
export async function restoreJobRecords(context: IExecuteFunctions, job: JobRestore, user: ZohoUser, itemIndex: number, connection: ZohoConnection): Promise<IDataObject> {
	const what = `what ${job.jobId ? `job ${job.jobId}` : 'the job'} deleted in ${job.module} [item ${itemIndex}]`;
	const request: ZohoRequest = {
		method: 'POST',
		path: recycleBinRestorePath(job.apiVersion),
		body: { filters: recycleBinFilter(job.module, job.window, user.id) },
		itemIndex,
		connection,
		changesData: true,
		errorHints: {
			...RECYCLE_BIN_ERROR_HINTS,
			[OUTCOME_UNKNOWN]: `The restore of ${what} may have been scheduled, and was not sent again. List the recycle bin for the same module and times before restoring again: what is still there was not restored.`,
		},
	};
	const response = await zohoCrmApiRequest.call(context, request);
	const answer = (Array.isArray(response.body?.recycle_bin) ? response.body.recycle_bin[0] : undefined) as IDataObject | undefined;
	if (typeof answer?.code !== 'string') {
		throw zohoReplyError(context, request, {
			code: 'NO_RESULT',
			message: `Zoho's answer to the restore of ${what} had no result, so whether it was scheduled is unknown: ${JSON.stringify(response.body ?? null).slice(0, 200)}`,
			httpStatus: response.statusCode,
		});
	}
	return {
		...(job.jobId ? { job_id: job.jobId } : {}),
		module: job.module,
		deleted_after: iso(job.window.after),
		deleted_before: iso(job.window.before),
		deleted_by: { id: user.id, name: user.name },
		...outcomeOf(answer),
		zoho_details: (answer.details as IDataObject | undefined) ?? {},
	};
}
