import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import type { ApiVersion } from '../shared/input';
import { recycleBinRestorePath } from '../shared/paths';
import { answersByRecord, type RecordAnswer } from '../shared/recordBatchCalls';
import type { RecordBatch } from '../shared/recordIdBatches';
import { zohoCrmApiRequest, type ZohoRequest } from '../shared/transport';
import { OUTCOME_UNKNOWN } from '../shared/zohoErrors';
import { RECYCLE_BIN_ERROR_HINTS } from './recycleBinErrors';

/** Zoho restores at most 200 IDs per call (zoho/crm-oas v8.0 recycle_bin: ids maxItems 200). */
export const MAX_IDS_PER_RESTORE = 200;

/** What a restore answer says happened: at once, or scheduled as a background job. */
export function outcomeOf(entry: IDataObject): IDataObject {
	const succeeded = entry.status === 'success';
	const restoredNow = succeeded && entry.code === 'SUCCESS';
	const scheduled = succeeded && entry.code === 'SCHEDULED';
	return {
		restored_now: restoredNow,
		scheduled,
		code: entry.code ?? null,
		message: entry.message ?? null,
		status: entry.status ?? null,
		summary: restoredNow
			? 'Restored.'
			: scheduled
				? "Scheduled: Zoho restores it in the background, in a few minutes. 'Get Restore Progress' tells when it is back."
				: `Not restored: ${String(entry.message ?? entry.code ?? 'Zoho gave no reason')}.`,
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
	// Zoho documents a top-level {code, details, message, status} for bulk actions: then it speaks for every ID sent
	const topLevel = response.body && !Array.isArray(response.body.recycle_bin) && typeof response.body.code === 'string' ? response.body : undefined;
	if (topLevel) return new Map(batch.records.map(({ id }) => [id, { json: { id, ...outcomeOf(topLevel) } }]));
	return answersByRecord(context, request, response, batch, { label, unknownFate: 'restored' }, (id, entry) => ({ id, ...outcomeOf(entry) }));
}
