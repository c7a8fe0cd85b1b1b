import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { BIN_RECORD_ID, isZohoId } from '../shared/ids';
import { InvalidInput, invalidInputError, parseApiVersion, parseChoice, parseModuleName, readModuleTarget, readParameter, shown, type ApiVersion, type ModuleTarget } from '../shared/input';
import { parseRecordIds, type RecordIdRequest } from '../shared/recordIdBatches';
import { CLOCK_MARGIN_MS, type DeletionWindow } from './binFilters';

export const RECYCLE_BIN_OPERATIONS = ['list', 'restore', 'checkRestore'] as const;
export type RecycleBinOperation = (typeof RECYCLE_BIN_OPERATIONS)[number];
export type RestoreBy = 'job' | 'ids';

/** Fixed choices (no expressions), so item 0 speaks for all. */
export function readOperation(context: IExecuteFunctions): RecycleBinOperation {
	return readParameter(context, 'operation', 'Operation', 0, 'list', parseChoice('Operation', RECYCLE_BIN_OPERATIONS));
}

export function readRestoreBy(context: IExecuteFunctions): RestoreBy {
	return readParameter(context, 'restoreBy', 'Restore', 0, 'job', parseChoice('Restore', ['job', 'ids'] as const));
}

/** A date and time as n8n hands it over: ISO text, a Date, or a Luxon DateTime from an expression. Empty is open. */
function parseDateTime(field: string) {
	return (raw: unknown): number | undefined => {
		if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
		const toMillis = (raw as { toMillis?: () => number }).toMillis;
		const at = typeof raw === 'string' ? Date.parse(raw) : raw instanceof Date ? raw.getTime() : typeof toMillis === 'function' ? toMillis.call(raw) : NaN;
		if (!Number.isFinite(at)) throw new InvalidInput(field, `must be a date and time, got ${shown(raw)}`, 'Use an ISO date and time such as 2026-12-01T20:15:04Z, e.g. {{ $json.scheduled_at }}.');
		return at;
	};
}

export interface ListRequest extends ModuleTarget {
	window: DeletionWindow;
	onlyDeletedByMe: boolean;
	/** Undefined: every page. */
	limit?: number;
}

function parseLimit(raw: unknown): number {
	if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 1) return raw;
	throw new InvalidInput('Limit', `must be a whole number of at least 1, got ${shown(raw)}`);
}

export function readListRequest(context: IExecuteFunctions, itemIndex: number): ListRequest {
	const target = readModuleTarget(context, itemIndex);
	const after = readParameter(context, 'deletedAfter', 'Deleted After', itemIndex, '', parseDateTime('Deleted After'));
	const before = readParameter(context, 'deletedBefore', 'Deleted Before', itemIndex, '', parseDateTime('Deleted Before'));
	if (after !== undefined && before !== undefined && after > before) {
		throw invalidInputError(context, new InvalidInput('Deleted After', `(${new Date(after).toISOString()}) is later than 'Deleted Before' (${new Date(before).toISOString()})`), itemIndex);
	}
	const onlyDeletedByMe = readParameter(context, 'onlyDeletedByMe', 'Deleted by Me Only', itemIndex, false, (raw) => raw === true);
	const returnAll = readParameter(context, 'returnAll', 'Return All', itemIndex, false, (raw) => raw === true);
	const limit = returnAll ? undefined : readParameter(context, 'limit', 'Limit', itemIndex, 50, parseLimit);
	return { ...target, window: { after, before }, onlyDeletedByMe, limit };
}

export function readApiVersion(context: IExecuteFunctions, itemIndex: number): ApiVersion {
	return readParameter(context, 'options.apiVersion', 'API Version', itemIndex, 'v8', parseApiVersion);
}

export function readRestoreIdRequest(context: IExecuteFunctions, itemIndex: number): RecordIdRequest<{ apiVersion: ApiVersion }> {
	const apiVersion = readApiVersion(context, itemIndex);
	const ids = readParameter(context, 'recordIds', BIN_RECORD_ID.field, itemIndex, '', (raw) => parseRecordIds(raw, BIN_RECORD_ID));
	return { itemIndex, target: { apiVersion }, ids };
}

/** What one mass delete job deleted: its module, and the deletion times between its scheduling and its end. */
export interface JobRestore {
	apiVersion: ApiVersion;
	module: string;
	jobId?: string;
	window: Required<DeletionWindow>;
	/** The view's records just before the job (Capture Record IDs): only these may be restored. */
	capturedIds?: string[];
}

const JOB_ITEM_HINT =
	'Restore > Everything One Job Deleted reads the job from the input item: connect it after the Zoho Mass Delete node, or after the Zoho Mass Delete Status node that follows it, whose items carry module and scheduled_at.';

/**
 * The job as the input item tells it: module and scheduled_at (from the Zoho Mass Delete node, passed on by the status
 * node); a finished status check's checked_at ends the window, else now. Both ends are widened by CLOCK_MARGIN_MS.
 */
export function readJobRestore(context: IExecuteFunctions, itemIndex: number, now: number): JobRestore {
	const json = context.getInputData()[itemIndex].json as IDataObject;
	const fail = (field: string, message: string) => invalidInputError(context, new InvalidInput(field, message, JOB_ITEM_HINT), itemIndex);
	let module: string;
	try {
		module = parseModuleName(json.module);
	} catch (error) {
		throw fail('The input item\'s module', (error as InvalidInput).message);
	}
	const scheduledAt = typeof json.scheduled_at === 'string' ? Date.parse(json.scheduled_at) : NaN;
	if (!Number.isFinite(scheduledAt)) throw fail('The input item\'s scheduled_at', json.scheduled_at === undefined ? 'is missing' : `must be a date and time, got ${shown(json.scheduled_at)}`);
	const checkedAt = json.is_finished === true && typeof json.checked_at === 'string' ? Date.parse(json.checked_at) : NaN;
	const end = Number.isFinite(checkedAt) && checkedAt >= scheduledAt ? checkedAt : now;
	let capturedIds: string[] | undefined;
	if (json.captured_ids !== undefined) {
		if (!Array.isArray(json.captured_ids) || !json.captured_ids.every(isZohoId)) throw fail("The input item's captured_ids", 'must be a list of record IDs of 1 to 19 digits, kept as text');
		capturedIds = json.captured_ids as string[];
	}
	return {
		apiVersion: readApiVersion(context, itemIndex),
		module,
		jobId: isZohoId(json.job_id) ? json.job_id : undefined,
		window: { after: scheduledAt - CLOCK_MARGIN_MS, before: end + CLOCK_MARGIN_MS },
		capturedIds,
	};
}

/** The IDs a restore check looks for in the bin: one or a list per item, or none (a restore that found nothing). */
export function readRestoreCheckIds(context: IExecuteFunctions, itemIndex: number): RecordIdRequest<{ apiVersion: ApiVersion }> {
	const apiVersion = readApiVersion(context, itemIndex);
	const ids = readParameter(context, 'restoredIds', BIN_RECORD_ID.field, itemIndex, '', (raw) =>
		(Array.isArray(raw) && raw.length === 0) || raw === null || raw === undefined || raw === '' ? [] : parseRecordIds(raw, BIN_RECORD_ID),
	);
	return { itemIndex, target: { apiVersion }, ids };
}
