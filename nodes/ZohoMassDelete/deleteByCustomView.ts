import { NodeOperationError, type IBinaryKeyData, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { gatherRecords } from '../shared/coql/pageCoql';
import { MATCH_ALL } from '../shared/coql/writeCoql';
import type { ItemResult } from '../shared/eachItem';
import { counted, InvalidInput, invalidInputError } from '../shared/input';
import { backupFileName } from './backup/csvBackup';
import { backUpView } from './backup/bulkRead';
import { countCustomView } from './countCustomView';
import { readCaptureRecordIds, readCustomViewStart, readDryRun, readMaxRecords, readViewBackup, viewLabel, type CustomViewStart } from './massDeleteInput';
import { customViewRequest, startByCustomView } from './startByCustomView';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The view as items show it: its ID, and its name when the user picked it from the list. */
const viewFields = (start: CustomViewStart): IDataObject => ({ module: start.module, custom_view_id: start.cvid, ...(start.name ? { custom_view_name: start.name } : {}) });

/** How the count reads: Zoho counts the whole view, while a territory narrows what the delete takes. */
function countFields(start: CustomViewStart, recordCount: number): IDataObject {
	return start.territory ? { record_count: recordCount, record_count_is_upper_bound: true } : { record_count: recordCount };
}

function refuseAboveCap(context: IExecuteFunctions, start: CustomViewStart, recordCount: number, maxRecords: number | undefined, itemIndex: number): void {
	if (maxRecords === undefined || recordCount <= maxRecords) return;
	throw new NodeOperationError(
		context.getNode(),
		`${capitalized(viewLabel(start))} in ${start.module} holds ${counted(recordCount)} records, above 'Max Records' (${counted(maxRecords)}): no mass delete was started [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Zoho counted the view just now.${start.territory ? ' Zoho counts the whole view, not the territory, so the cap applies to the whole view.' : ''} Raise 'Max Records' if that many is right, or narrow the view in Zoho CRM.`,
		},
	);
}

/**
 * The view's record IDs just before its job starts (COQL FROM Module#cvid, API v7 and later), carried with the start
 * item: a restore of what the job deleted then restores exactly these.
 */
async function captureViewIds(context: IExecuteFunctions, start: CustomViewStart, itemIndex: number, connection: ZohoConnection): Promise<string[]> {
	if (start.apiVersion === 'v6') {
		throw invalidInputError(context, new InvalidInput('Capture Record IDs', 'needs API Version v7 or v8: COQL reads a custom view from v7 on'), itemIndex);
	}
	const gathered = await gatherRecords(context, { apiVersion: start.apiVersion, module: start.module, cvid: start.cvid, criteria: MATCH_ALL }, { columns: ['id'], itemIndex, connection, purpose: `the custom view's record IDs, item ${itemIndex}` });
	return gathered.records.map((record) => record.id as string);
}

/**
 * Each item starts one background job. The view's records are counted first: an empty view starts nothing, a count
 * above Max Records refuses, and a dry run shows how many would go. Before the start, a backup (Bulk Read) when asked
 * for, then the view's record IDs when asked for: if either cannot be completed, nothing is started.
 */
export async function deleteByCustomView(context: IExecuteFunctions, itemIndex: number, connection: ZohoConnection): Promise<ItemResult> {
	const start = readCustomViewStart(context, itemIndex);
	const dryRun = readDryRun(context, itemIndex);
	const maxRecords = readMaxRecords(context, itemIndex);
	const backup = readViewBackup(context, itemIndex);
	const capture = readCaptureRecordIds(context, itemIndex);
	const recordCount = await countCustomView(context, start, itemIndex, connection);
	refuseAboveCap(context, start, recordCount, maxRecords, itemIndex);
	const where = `${viewLabel(start)} in ${start.module}`;
	if (recordCount === 0) {
		const json = { ...(dryRun ? { dry_run: true } : {}), skipped: true, reason: `The ${where} holds no records: no mass delete was started.`, ...viewFields(start), ...countFields(start, 0) };
		return { json };
	}
	if (dryRun) {
		const json = {
			dry_run: true,
			skipped: false,
			...customViewRequest(start),
			...viewFields(start),
			...countFields(start, recordCount),
			summary: `Would delete up to ${counted(recordCount)} records of ${where}${start.territory ? ` (those of territory ${start.territory.id}; Zoho counts the whole view)` : ''}. They would go to the recycle bin.`,
		};
		return { json };
	}
	let binary: IBinaryKeyData | undefined;
	let backupFields: IDataObject = {};
	if (backup) {
		const done = await backUpView(context, start, backup.fields, backup.timeoutMs, itemIndex, connection);
		const fileName = backupFileName(start.module, `view-${start.cvid}`, Date.now(), 'zip');
		binary = { backup: await context.helpers.prepareBinaryData(done.zip, fileName, 'application/zip') };
		backupFields = { backup_rows: done.rows, backup_job_id: done.jobId, backup_file_name: fileName };
	}
	const captured = capture ? await captureViewIds(context, start, itemIndex, connection) : undefined;
	const started = await startByCustomView(context, start, itemIndex, connection);
	const json = { ...started, ...viewFields(start), ...countFields(start, recordCount), skipped: false, ...backupFields, ...(captured ? { captured_count: captured.length, captured_ids: captured } : {}) };
	return binary ? { json, binary } : { json };
}
