import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { massDeletePath } from '../shared/paths';
import { zohoCrmApiRequest, zohoReplyError, type ZohoRequest } from '../shared/transport';
import { jobRecordOf } from './jobStatus';
import type { StatusCheck } from './statusCheckInput';

/** One Mass Delete Status call: GET /crm/{version}/{module}/actions/mass_delete?job_id= */
export async function fetchJobStatus(
	context: IExecuteFunctions,
	check: StatusCheck,
	itemIndex: number,
	connection: ZohoConnection,
	retryDeadline?: number,
): Promise<IDataObject> {
	const notFound = `Zoho CRM has no mass delete job ${check.jobId} in module ${check.module}. Check the job ID, and that the module is the one the mass delete was started in.`;
	const request: ZohoRequest = {
		method: 'GET',
		path: massDeletePath(check.apiVersion, check.module),
		qs: { job_id: check.jobId },
		itemIndex,
		retryDeadline,
		connection,
		errorHints: {
			INVALID_DATA: notFound,
			NOT_FOUND: notFound,
			NO_CONTENT: notFound,
			// only Zoho knows the org's modules: its answer to the check itself names the field and the item
			INVALID_MODULE: `Module "${check.module}" [item ${itemIndex}] is not a module API name in this Zoho org, or the module is not available through the API. Pick it from the list, or check its API name under Setup > Developer Hub > APIs.`,
		},
	};
	const response = await zohoCrmApiRequest.call(context, request);
	const record = jobRecordOf(response.body);
	if (!record) {
		throw zohoReplyError(context, request, {
			code: 'NO_CONTENT',
			message: `no mass delete job ${check.jobId} in ${check.module}`,
			httpStatus: response.statusCode,
		});
	}
	return record;
}
