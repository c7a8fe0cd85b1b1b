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
 * The recycle bin filter (zoho-crm-api.md § Recycle bin): the module and the deletion times, ANDed, the two filters Zoho
 * documents one way only. Who deleted is never asked of Zoho (it documents deleted_by three different ways): the node
 * checks each entry itself. Zoho keeps deletion times to the second, so the bounds are whole seconds, exclusive, one
 * second outside the window.
 */
export function recycleBinFilter(module: string, window: DeletionWindow): IDataObject {
	const group: IDataObject[] = [{ field: { api_name: 'module' }, comparator: 'equal', value: module }];
	if (window.after !== undefined) {
		group.push({ field: { api_name: 'deleted_time' }, comparator: 'greater_than', value: zohoTime(window.after - 1000) });
	}
	if (window.before !== undefined) {
		group.push({ field: { api_name: 'deleted_time' }, comparator: 'less_than', value: zohoTime(window.before + 1000) });
	}
	return { group_operator: 'AND', group };
}

/** What the node itself checks of a bin entry, whatever Zoho made of the filter: its module, who deleted it, and when. */
export interface EntryCheck {
	module: string;
	window: DeletionWindow;
	/** The user's ID who must have deleted it. */
	deletedBy?: string;
	/** When known, the record must be one of these. */
	ids?: ReadonlySet<string>;
}

/** Pure: whether a bin entry is one the node may act on. Deletion times count to the second, as Zoho keeps them. */
export function entryPasses(entry: IDataObject, check: EntryCheck): boolean {
	const { id, module, deleted_by: deletedBy, deleted_time: deletedTime } = deletedRecordJson(entry);
	if (typeof id !== 'string' || module !== check.module) return false;
	if (check.ids && !check.ids.has(id)) return false;
	if (check.deletedBy !== undefined && (deletedBy as IDataObject | null)?.id !== check.deletedBy) return false;
	const at = typeof deletedTime === 'string' ? Date.parse(deletedTime) : NaN;
	if (!Number.isFinite(at)) return false;
	const second = (ms: number) => Math.floor(ms / 1000) * 1000;
	return (check.window.after === undefined || at >= second(check.window.after)) && (check.window.before === undefined || at <= check.window.before);
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
