import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import type { ApiVersion } from '../shared/input';
import { recycleBinPath } from '../shared/paths';
import { zohoCrmApiRequest } from '../shared/transport';
import { deletedRecordJson, entryPasses, recycleBinFilter, type DeletionWindow, type EntryCheck } from './binFilters';
import type { ZohoUser } from './currentUser';
import type { ListRequest } from './recycleBinInput';
import { RECYCLE_BIN_ERROR_HINTS } from './recycleBinErrors';

/** Zoho lists the bin 200 records a page at most. */
export const MAX_PER_PAGE = 200;

export interface BinRead {
	/** The entries that passed the node's own check, oldest deletion first. */
	entries: IDataObject[];
	/** What Zoho listed in all. */
	listed: number;
}

/**
 * GET /settings/recycle_bin with the module and deletion-time filters, page after page, oldest deletion first (a record
 * deleted while the pages are read lands after them instead of shifting them). Each entry is checked by the node
 * itself; reading stops at `limit` entries that pass, or when Zoho has no more. 204 means none.
 */
export async function readBin(
	context: IExecuteFunctions,
	target: { apiVersion: ApiVersion; window: DeletionWindow } & EntryCheck,
	limit: number | undefined,
	itemIndex: number,
	connection: ZohoConnection,
): Promise<BinRead> {
	const filters = JSON.stringify(recycleBinFilter(target.module, target.window));
	// one page size throughout, so the pages line up; a full page when entries may not pass
	const perPage = target.deletedBy === undefined && target.ids === undefined ? Math.min(MAX_PER_PAGE, limit ?? MAX_PER_PAGE) : MAX_PER_PAGE;
	const seen = new Set<string>();
	const entries: IDataObject[] = [];
	for (let page = 1; limit === undefined || entries.length < limit; page++) {
		const response = await zohoCrmApiRequest.call(context, {
			method: 'GET',
			path: recycleBinPath(target.apiVersion),
			qs: { filters, sort_by: 'deleted_time', sort_order: 'asc', page, per_page: perPage },
			itemIndex,
			connection,
			errorHints: RECYCLE_BIN_ERROR_HINTS,
		});
		const listed = Array.isArray(response.body?.recycle_bin) ? (response.body.recycle_bin as IDataObject[]) : [];
		const known = seen.size;
		for (const entry of listed) {
			if (typeof entry?.id !== 'string' || seen.has(entry.id)) continue;
			seen.add(entry.id);
			if (entryPasses(entry, target)) entries.push(entry);
		}
		// a page with nothing new ends it too, whatever more_records says: the list cannot go on for ever
		if (seen.size === known || (response.body?.info as IDataObject | undefined)?.more_records !== true) break;
	}
	return { entries: entries.slice(0, limit), listed: seen.size };
}

/** List: the module's deleted records in the window, only the connected user's when asked, one item per record. */
export async function listDeletedRecords(
	context: IExecuteFunctions,
	request: ListRequest,
	itemIndex: number,
	connection: ZohoConnection,
	currentUser: () => Promise<ZohoUser>,
): Promise<IDataObject[]> {
	const deletedBy = request.onlyDeletedByMe ? (await currentUser()).id : undefined;
	const { entries } = await readBin(context, { ...request, deletedBy }, request.limit, itemIndex, connection);
	return entries.map(deletedRecordJson);
}
