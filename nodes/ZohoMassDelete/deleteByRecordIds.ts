import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { massDeletePath } from '../shared/paths';
import { zohoCrmApiRequest, zohoReplyError, type ZohoRequest } from '../shared/transport';
import { OUTCOME_UNKNOWN } from '../shared/zohoErrors';
import type { RecordBatch } from './recordIdBatches';
import { START_ERROR_HINTS } from './startErrors';

/** What would be sent, for a dry run and for the request itself: one source. */
export function recordBatchRequest(batch: RecordBatch): { method: 'POST'; path: string; body: IDataObject } {
	return { method: 'POST', path: massDeletePath(batch.apiVersion, batch.module), body: { ids: batch.records.map((record) => record.id) } };
}

/** Zoho's answer for one record, or an error when its fate is not known. */
export type RecordAnswer = { json: IDataObject } | { error: Error };

/**
 * POST {ids} (at most 500) to /{module}/actions/mass_delete: Zoho deletes at once and answers per record.
 * A record Zoho refuses is an answer, not a failure. The call is never repeated once Zoho may have received it:
 * a second call would report the records the first one deleted as unknown IDs, i.e. as "not deleted".
 */
export async function deleteRecordBatch(
	context: IExecuteFunctions,
	batch: RecordBatch,
	label: string,
	connection: ZohoConnection,
): Promise<Map<string, RecordAnswer>> {
	const itemIndex = batch.records[0].itemIndexes[0];
	const request: ZohoRequest = {
		...recordBatchRequest(batch),
		itemIndex,
		connection,
		deletesData: true,
		perRecordResults: true,
		errorHints: {
			...START_ERROR_HINTS,
			INVALID_MODULE: `Module "${batch.module}" is not a module API name in this Zoho org, or the module is not available through the API. Pick it from the list.`,
			[OUTCOME_UNKNOWN]: `The ${batch.records.length} record IDs of ${label} may or may not have been deleted, and were not sent again. Look them up in Zoho CRM (or its Recycle Bin) before deleting them again.`,
		},
	};
	const response = await zohoCrmApiRequest.call(context, request);
	const answered = new Map<string, IDataObject>();
	for (const entry of (Array.isArray(response.body?.data) ? response.body.data : []) as IDataObject[]) {
		const id = (entry?.details as IDataObject | undefined)?.id;
		if (typeof id === 'string') answered.set(id, entry);
	}
	const answers = new Map<string, RecordAnswer>();
	for (const record of batch.records) {
		const entry = answered.get(record.id);
		if (!entry) {
			answers.set(record.id, {
				error: zohoReplyError(context, { ...request, errorHints: {} }, {
					code: 'NO_RESULT',
					message: `Zoho's answer to ${label} had no result for record ${record.id}, so whether it was deleted is unknown`,
					httpStatus: response.statusCode,
				}),
			});
			continue;
		}
		answers.set(record.id, {
			json: {
				id: record.id,
				module: record.module,
				deleted: entry.status === 'success' && entry.code === 'SUCCESS',
				code: entry.code ?? null,
				message: entry.message ?? null,
				status: entry.status ?? null,
			},
		});
	}
	return answers;
}
