import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import type { ModuleTarget } from '../shared/input';
import { massDeletePath } from '../shared/paths';
import { answersByRecord, type RecordAnswer } from '../shared/recordBatchCalls';
import type { RecordBatch } from '../shared/recordIdBatches';
import { zohoCrmApiRequest, type ZohoRequest } from '../shared/transport';
import { OUTCOME_UNKNOWN } from '../shared/zohoErrors';
import { START_ERROR_HINTS } from './startErrors';

/** Zoho deletes at most 500 records by ID per call (zoho-crm-api.md §1.1). */
export const MAX_IDS_PER_DELETE = 500;

/** What would be sent, for a dry run and for the request itself: one source. */
export function recordBatchRequest(batch: RecordBatch<ModuleTarget>): { method: 'POST'; path: string; body: IDataObject } {
	return { method: 'POST', path: massDeletePath(batch.target.apiVersion, batch.target.module), body: { ids: batch.records.map((record) => record.id) } };
}

/**
 * POST {ids} (at most 500) to /{module}/actions/mass_delete: Zoho deletes at once and answers per record.
 * A record Zoho refuses is an answer, not a failure. The call is never repeated once Zoho may have received it:
 * a second call would report the records the first one deleted as unknown IDs, i.e. as "not deleted".
 */
export async function deleteRecordBatch(
	context: IExecuteFunctions,
	batch: RecordBatch<ModuleTarget>,
	label: string,
	connection: ZohoConnection,
): Promise<Map<string, RecordAnswer>> {
	const itemIndex = batch.records[0].itemIndexes[0];
	const request: ZohoRequest = {
		...recordBatchRequest(batch),
		itemIndex,
		connection,
		changesData: true,
		perRecordResults: 'data',
		errorHints: {
			...START_ERROR_HINTS,
			INVALID_MODULE: `Module "${batch.target.module}" is not a module API name in this Zoho org, or the module is not available through the API. Pick it from the list.`,
			[OUTCOME_UNKNOWN]: `The ${batch.records.length} record IDs of ${label} may or may not have been deleted, and were not sent again. Look them up in Zoho CRM (or its Recycle Bin) before deleting them again.`,
		},
	};
	const response = await zohoCrmApiRequest.call(context, request);
	return answersByRecord(context, request, response, batch, { label, unknownFate: 'deleted' }, (id, entry) => ({
		id,
		module: batch.target.module,
		deleted: entry.status === 'success' && entry.code === 'SUCCESS',
		code: entry.code ?? null,
		message: entry.message ?? null,
		status: entry.status ?? null,
	}));
}
