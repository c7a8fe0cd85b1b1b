import type { IDataObject } from 'n8n-workflow';

/** Deletion times that bound what is listed or restored (epoch ms); either may be open. */
export interface DeletionWindow {
	after?: number;
	before?: number;
}

/** n8n's clock (when a job was scheduled) and Zoho's (when it deleted) may differ a little: a job's window is widened by this much. */
export const CLOCK_MARGIN_MS = 5_000;

/** Zoho's time format in filters: to the second, with an offset (2024-07-23T15:37:52+00:00). */
export function zohoTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, '+00:00');
}

/**
 * The recycle bin filter (zoho-crm-api.md § Recycle bin): module, deletion times and who deleted, ANDed. Zoho keeps
 * deletion times to the second, so the bounds are whole seconds, exclusive, one second outside the window.
 */
export function recycleBinFilter(module: string, window: DeletionWindow, deletedBy?: string): IDataObject {
	const group: IDataObject[] = [{ field: { api_name: 'module' }, comparator: 'equal', value: module }];
	if (window.after !== undefined) {
		group.push({ field: { api_name: 'deleted_time' }, comparator: 'greater_than', value: zohoTime(window.after - 1000) });
	}
	if (window.before !== undefined) {
		group.push({ field: { api_name: 'deleted_time' }, comparator: 'less_than', value: zohoTime(window.before + 1000) });
	}
	if (deletedBy !== undefined) group.push({ field: { api_name: 'deleted_by' }, comparator: 'equal', value: deletedBy });
	return { group_operator: 'AND', group };
}

/** A bin entry as this node outputs it: the record's ID, its name and module, when and by whom it was deleted. */
export function deletedRecordJson(entry: IDataObject): IDataObject {
	const module = entry.module as IDataObject | string | undefined;
	const deletedBy = entry.deleted_by as IDataObject | undefined;
	return {
		id: entry.id,
		display_name: entry.display_name ?? null,
		module: typeof module === 'object' && module !== null ? (module.api_name ?? null) : (module ?? null),
		deleted_time: entry.deleted_time ?? null,
		deleted_by: deletedBy && typeof deletedBy === 'object' ? { id: deletedBy.id ?? null, name: deletedBy.name ?? null } : null,
	};
}
