import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { counted, type ApiVersion } from '../shared/input';
import { recycleBinPath } from '../shared/paths';
import { zohoCrmApiRequest } from '../shared/transport';
import { loopState, type CarriedCheck } from '../shared/waiting/loopState';
import { MAX_PER_PAGE } from './listDeletedRecords';
import { RECYCLE_BIN_ERROR_HINTS } from './recycleBinErrors';

/** The check's outputs, in order: a contract with saved workflows. */
export const RESTORE_CHECK_OUTPUT_NAMES = ['Restored', 'Pending'] as const;
export const OUTPUT_RESTORED = 0;
export const OUTPUT_PENDING = 1;

/** Gaps of a Wait-node loop round the check: Zoho restores at its own pace, about 100 records a second. */
export const RESTORE_CHECK_GAPS = { minGapMs: 5_000, maxGapMs: 180_000 };

/**
 * GET /settings/recycle_bin?ids= (Zoho documents the bin's list by IDs), 200 IDs a call: which of the IDs are still in
 * the bin. 204 means none of them is.
 */
export async function idsStillInBin(context: IExecuteFunctions, apiVersion: ApiVersion, ids: string[], itemIndex: number, connection: ZohoConnection): Promise<Set<string>> {
	const still = new Set<string>();
	for (let start = 0; start < ids.length; start += MAX_PER_PAGE) {
		const batch = ids.slice(start, start + MAX_PER_PAGE);
		const response = await zohoCrmApiRequest.call(context, {
			method: 'GET',
			path: recycleBinPath(apiVersion),
			qs: { ids: batch.join(','), per_page: MAX_PER_PAGE },
			itemIndex,
			connection,
			errorHints: RECYCLE_BIN_ERROR_HINTS,
		});
		const wanted = new Set(batch);
		for (const entry of (Array.isArray(response.body?.recycle_bin) ? response.body.recycle_bin : []) as IDataObject[]) {
			if (typeof entry?.id === 'string' && wanted.has(entry.id)) still.add(entry.id);
		}
	}
	return still;
}

/**
 * The check the input item carries, when it is this operation's own output come back round a loop: what was restored
 * then, of how many, and since when the loop has waited.
 */
export function readCarriedRestoreCheck(json: IDataObject, now: number): (CarriedCheck & { total: number }) | undefined {
	const at = typeof json.checked_at === 'string' ? Date.parse(json.checked_at) : NaN;
	const { total_count: total, restored_count: restored, check_count: count } = json;
	if (!Number.isFinite(at) || at > now || typeof total !== 'number' || typeof restored !== 'number' || !Array.isArray(json.pending_ids)) return undefined;
	const since = typeof json.waiting_since === 'string' ? Date.parse(json.waiting_since) : NaN;
	return {
		observation: { at, status: 'RUNNING', processed: restored, total },
		checkCount: typeof count === 'number' && count > 0 ? count : 1,
		waitingSince: Number.isFinite(since) && since <= at ? since : at,
		total,
	};
}

/**
 * Pure: a check's item, and its output: Restored once no ID is left in the bin, else Pending with the IDs still there
 * and when to look again (next_check_in_seconds, for a Wait node), aimed by the restore's own pace.
 */
export function restoreCheckResult(ids: string[], stillInBin: ReadonlySet<string>, carried: ReturnType<typeof readCarriedRestoreCheck>, now: number): { outputIndex: number; json: IDataObject } {
	const pending = ids.filter((id) => stillInBin.has(id));
	// the loop's first pass sets the total; later passes look only at what was still pending
	const total = carried ? Math.max(carried.total, ids.length) : ids.length;
	const restored = total - pending.length;
	const done = pending.length === 0;
	const loop = loopState(carried, [{ at: now, status: done ? 'COMPLETED' : 'RUNNING', processed: restored, total }], done, RESTORE_CHECK_GAPS);
	return {
		outputIndex: done ? OUTPUT_RESTORED : OUTPUT_PENDING,
		json: {
			restored: done,
			total_count: total,
			restored_count: restored,
			pending_count: pending.length,
			pending_ids: pending,
			...loop.fields,
			summary: done
				? `All ${counted(total)} records are out of the recycle bin: restored.`
				: `${counted(restored)} of ${counted(total)} records restored; ${counted(pending.length)} still in the recycle bin. Check again in ${String(loop.fields.next_check_in_seconds)} s.`,
		},
	};
}
