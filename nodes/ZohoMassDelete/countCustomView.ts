import type { IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { recordCountPath } from '../shared/paths';
import { SCOPE_RECORDS_READ } from '../shared/scopes';
import { reconnectWith, START_TOGGLE } from '../shared/zohoErrors';
import { zohoCrmApiRequest, zohoReplyError, type ZohoRequest } from '../shared/transport';
import type { CustomViewStart } from './massDeleteInput';

/** A count as Zoho sends it: a whole number, or text of digits (its OpenAPI spec says text). */
function countOf(value: unknown): number | undefined {
	const count = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : undefined;
}

/**
 * GET /{module}/actions/count?cvid=: how many records the custom view holds now. 204 means none. Zoho's count knows
 * no territory, so with one it is an upper bound of what the delete takes.
 */
export async function countCustomView(context: IExecuteFunctions, start: CustomViewStart, itemIndex: number, connection: ZohoConnection): Promise<number> {
	const request: ZohoRequest = {
		method: 'GET',
		path: recordCountPath(start.apiVersion, start.module),
		qs: { cvid: start.cvid },
		itemIndex,
		connection,
		errorHints: {
			OAUTH_SCOPE_MISMATCH: `The credential was connected without ${SCOPE_RECORDS_READ}, which counting the custom view's records before deleting needs. ${reconnectWith(START_TOGGLE)}`,
			INVALID_DATA: `Zoho could not count custom view ${start.cvid} in module ${start.module} [item ${itemIndex}]: check that the view belongs to this module (pick it from the list).`,
		},
	};
	const response = await zohoCrmApiRequest.call(context, request);
	if (response.statusCode === 204 || response.body === undefined) return 0;
	const count = countOf(response.body.count);
	if (count === undefined) {
		throw zohoReplyError(context, request, {
			code: 'NO_COUNT',
			message: `Zoho answered the record count of custom view ${start.cvid} without a usable count: ${JSON.stringify(response.body).slice(0, 200)}`,
			httpStatus: response.statusCode,
		});
	}
	return count;
}
