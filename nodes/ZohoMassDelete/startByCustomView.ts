import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { isZohoId } from '../shared/ids';
import { massDeletePath } from '../shared/paths';
import { zohoCrmApiRequest, zohoReplyError, type ZohoRequest } from '../shared/transport';
import { OUTCOME_UNKNOWN } from '../shared/zohoErrors';
import { START_ERROR_HINTS } from './startErrors';
import { viewLabel, type CustomViewStart } from './massDeleteInput';

/** What would be sent, for a dry run and for the request itself: one source. */
export function customViewRequest(start: CustomViewStart): { method: 'POST'; path: string; body: IDataObject } {
	const body: IDataObject = { cvid: start.cvid };
	if (start.territory) body.territory = { ...start.territory };
	return { method: 'POST', path: massDeletePath(start.apiVersion, start.module), body };
}

const EDITION_HINT =
	'Zoho takes mass deletes by custom view through the API only in the Enterprise, Ultimate, CRM Plus and Zoho One Enterprise editions (and not for every module). Deleting by record IDs (Delete By: Record IDs) works in every edition.';

/** Refusals of the cvid form that mean the org's edition (or the module) does not allow it. */
const EDITION_CODES = ['NOT_SUPPORTED', 'NOT_ALLOWED', 'FEATURE_NOT_SUPPORTED', 'FEATURE_NOT_ENABLED'];

/**
 * POST {cvid, territory?} to /{module}/actions/mass_delete: Zoho schedules a background job and answers with
 * its job_id. Never repeated once Zoho may have received it (see the transport's changesData).
 */
export async function startByCustomView(
	context: IExecuteFunctions,
	start: CustomViewStart,
	itemIndex: number,
	connection: ZohoConnection,
): Promise<IDataObject> {
	const where = `${viewLabel(start)}${start.territory ? ` (territory ${start.territory.id})` : ''} in module ${start.module} [item ${itemIndex}]`;
	const request: ZohoRequest = {
		...customViewRequest(start),
		itemIndex,
		connection,
		changesData: true,
		errorHints: {
			...START_ERROR_HINTS,
			...Object.fromEntries(EDITION_CODES.map((code) => [code, EDITION_HINT])),
			INVALID_DATA: `Zoho refused ${where}: check that the view belongs to this module (pick it from the list)${start.territory ? ' and that the territory ID is right' : ''}.`,
			INVALID_MODULE: `Module "${start.module}" [item ${itemIndex}] is not a module API name in this Zoho org, or the module is not available through the API. Pick it from the list.`,
			[OUTCOME_UNKNOWN]: `The mass delete of ${where} may have been scheduled. Before starting it again, look at the view in Zoho CRM: records disappearing mean the job is running. While it runs, a new start only gets ALREADY_SCHEDULED from Zoho.`,
		},
	};
	const response = await zohoCrmApiRequest.call(context, request);
	const answer = (Array.isArray(response.body?.data) ? response.body.data[0] : undefined) as IDataObject | undefined;
	const jobId = (answer?.details as IDataObject | undefined)?.job_id;
	// a job_id is a 19-digit string; a number would already have lost digits, so it is not taken
	if (!isZohoId(jobId)) {
		throw zohoReplyError(context, request, {
			code: 'NO_JOB_ID',
			message: `Zoho answered without a usable job_id for ${where}: ${JSON.stringify(answer ?? response.body ?? null).slice(0, 200)}`,
			httpStatus: response.statusCode,
		});
	}
	return {
		job_id: jobId,
		module: start.module,
		custom_view_id: start.cvid,
		...(start.territory ? { territory_id: start.territory.id, include_child_territories: start.territory.include_child } : {}),
		code: answer?.code ?? null,
		message: answer?.message ?? null,
		status: answer?.status ?? null,
		scheduled_at: new Date().toISOString(),
	};
}
