import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../../shared/connection';
import { isZohoId } from '../../shared/ids';
import { bulkReadPath } from '../../shared/paths';
import { pause } from '../../shared/pause';
import { RETRY_POLICY } from '../../shared/retryPolicy';
import { SCOPE_BULK_READ } from '../../shared/scopes';
import { zohoCrmApiRequest, zohoReplyError, type ZohoRequest } from '../../shared/transport';
import { BACKUP_TOGGLE, reconnectWith } from '../../shared/zohoErrors';
import { viewLabel, type CustomViewStart } from '../massDeleteInput';

/** Bulk Read reports no progress while it reads: checks back off while its state stays the same, and start again short when it moves. */
export const BULK_READ_CHECKS = { firstGapMs: 2_000, growth: 1.5, longestGapMs: 30_000 };

/** Pure: the wait before the next status check, after this many checks found the same state. */
export function bulkReadGapMs(checksInSameState: number): number {
	return Math.min(BULK_READ_CHECKS.firstGapMs * BULK_READ_CHECKS.growth ** Math.max(0, checksInSameState - 1), BULK_READ_CHECKS.longestGapMs);
}

const DOWNLOAD_PATH = /^\/crm\/bulk\/v\d+\/read\/\d+\/result$/;

export interface ViewBackup {
	jobId: string;
	rows: number;
	zip: Buffer;
}

/**
 * A custom view's backup before its mass delete, with Zoho's Bulk Read: a job of the view (every field, or those
 * named), followed until it is COMPLETED, then its zip downloaded as Zoho sends it. FAILURE, a timeout or a Stop ends
 * it with an error, and nothing is deleted.
 */
export async function backUpView(
	context: IExecuteFunctions,
	start: CustomViewStart,
	fields: string[],
	timeoutMs: number,
	itemIndex: number,
	connection: ZohoConnection,
): Promise<ViewBackup> {
	const deadline = Date.now() + timeoutMs;
	const where = `${viewLabel(start)} in ${start.module} [item ${itemIndex}]`;
	const request = (extra: Partial<ZohoRequest> & Pick<ZohoRequest, 'method' | 'path'>): ZohoRequest => ({
		itemIndex,
		connection,
		errorHints: { OAUTH_SCOPE_MISMATCH: `The credential was connected without ${SCOPE_BULK_READ}, which a backup by Bulk Read needs. ${reconnectWith(BACKUP_TOGGLE)}` },
		...extra,
	});
	const failed = (code: string, message: string, create: ZohoRequest, httpStatus: number) =>
		zohoReplyError(context, { ...create, errorHints: {} }, { code, message: `${message}: no mass delete was started`, httpStatus });

	const create = request({
		method: 'POST',
		path: bulkReadPath(start.apiVersion),
		body: { query: { module: { api_name: start.module }, cvid: start.cvid, ...(fields.length ? { fields } : {}) }, file_type: 'csv' },
	});
	const created = await zohoCrmApiRequest.call(context, create);
	const jobId = ((Array.isArray(created.body?.data) ? (created.body.data[0] as IDataObject) : undefined)?.details as IDataObject | undefined)?.id;
	if (!isZohoId(jobId)) throw failed('NO_JOB_ID', `Zoho answered the backup (Bulk Read) of ${where} without a usable job ID`, create, created.statusCode);

	const signal = context.getExecutionCancelSignal();
	let state = '';
	let sameState = 0;
	for (;;) {
		const status = await zohoCrmApiRequest.call(context, request({ method: 'GET', path: `${bulkReadPath(start.apiVersion)}/${jobId}`, retryDeadline: deadline }));
		const job = (Array.isArray(status.body?.data) ? status.body.data[0] : undefined) as IDataObject | undefined;
		const now = String(job?.state ?? '').toUpperCase();
		sameState = now === state ? sameState + 1 : 1;
		state = now;
		const result = (job?.result ?? {}) as IDataObject;
		if (state === 'COMPLETED') {
			const url = String(result.download_url ?? '');
			if (!DOWNLOAD_PATH.test(url)) throw failed('NO_DOWNLOAD_URL', `Zoho finished the backup of ${where} (Bulk Read job ${jobId}) without a usable download_url: ${url.slice(0, 100)}`, create, status.statusCode);
			const downloaded = await zohoCrmApiRequest.call(context, request({ method: 'GET', path: url, file: true, rateLimitWindowMs: RETRY_POLICY.downloadWindowMs }));
			if (!downloaded.data?.length) throw failed('EMPTY_BACKUP', `Zoho's result of the backup of ${where} (Bulk Read job ${jobId}) is empty`, create, downloaded.statusCode);
			return { jobId, rows: Number(result.count ?? 0), zip: downloaded.data };
		}
		if (state === 'FAILURE') {
			const reason = (result.error_message ?? {}) as IDataObject;
			throw failed('BACKUP_FAILED', `Zoho's backup of ${where} (Bulk Read job ${jobId}) failed${reason.message ? `: ${String(reason.message)}` : ''}`, create, status.statusCode);
		}
		const wait = bulkReadGapMs(sameState);
		if (Date.now() + wait > deadline) {
			throw failed('BACKUP_TIMED_OUT', `The backup of ${where} (Bulk Read job ${jobId}) was still ${state || 'unreported'} after ${Math.round(timeoutMs / 1000)} s`, create, status.statusCode);
		}
		await pause(wait, signal, context.getNode(), itemIndex);
	}
}
