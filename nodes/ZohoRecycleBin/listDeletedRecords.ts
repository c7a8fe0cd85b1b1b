import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { recycleBinPath } from '../shared/paths';
import { zohoCrmApiRequest } from '../shared/transport';
import { deletedRecordJson, recycleBinFilter } from './binFilters';
import type { ZohoUser } from './currentUser';
import type { ListRequest } from './recycleBinInput';
import { RECYCLE_BIN_ERROR_HINTS } from './recycleBinErrors';

/** Zoho lists the bin 200 records a page at most. */
export const MAX_PER_PAGE = 200;

/**
 * GET /settings/recycle_bin, page after page, oldest deletion first: a record deleted while the pages are read lands
 * after them instead of shifting the pages. 204 means none.
 */
export async function listDeletedRecords(
	context: IExecuteFunctions,
	request: ListRequest,
	itemIndex: number,
	connection: ZohoConnection,
	currentUser: () => Promise<ZohoUser>,
): Promise<IDataObject[]> {
	const deletedBy = request.onlyDeletedByMe ? (await currentUser()).id : undefined;
	const filters = JSON.stringify(recycleBinFilter(request.module, request.window, deletedBy));
	// one page size throughout, so the pages line up
	const perPage = Math.min(MAX_PER_PAGE, request.limit ?? MAX_PER_PAGE);
	const records = new Map<string, IDataObject>();
	for (let page = 1; request.limit === undefined || records.size < request.limit; page++) {
		const response = await zohoCrmApiRequest.call(context, {
			method: 'GET',
			path: recycleBinPath(request.apiVersion),
			qs: { filters, sort_by: 'deleted_time', sort_order: 'asc', page, per_page: perPage },
			itemIndex,
			connection,
			errorHints: RECYCLE_BIN_ERROR_HINTS,
		});
		const entries = Array.isArray(response.body?.recycle_bin) ? (response.body.recycle_bin as IDataObject[]) : [];
		const known = records.size;
		for (const entry of entries) if (typeof entry?.id === 'string' && !records.has(entry.id)) records.set(entry.id, deletedRecordJson(entry));
		const info = response.body?.info as IDataObject | undefined;
		// a page with nothing new ends it too, whatever more_records says: the list cannot go on for ever
		if (records.size === known || info?.more_records !== true) break;
	}
	return [...records.values()].slice(0, request.limit);
}
