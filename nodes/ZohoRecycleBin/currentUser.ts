import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { isZohoId } from '../shared/ids';
import type { ApiVersion } from '../shared/input';
import { usersPath } from '../shared/paths';
import { zohoCrmApiRequest, zohoReplyError, type ZohoRequest } from '../shared/transport';
import { RECYCLE_BIN_ERROR_HINTS } from './recycleBinErrors';

export interface ZohoUser {
	id: string;
	name: string;
}

/** GET /users?type=CurrentUser: who the credential acts as, i.e. who deleted what a job of this credential deleted. */
export async function fetchCurrentUser(context: IExecuteFunctions, apiVersion: ApiVersion, itemIndex: number, connection: ZohoConnection): Promise<ZohoUser> {
	const request: ZohoRequest = { method: 'GET', path: usersPath(apiVersion), qs: { type: 'CurrentUser' }, itemIndex, connection, errorHints: RECYCLE_BIN_ERROR_HINTS };
	const response = await zohoCrmApiRequest.call(context, request);
	const user = (Array.isArray(response.body?.users) ? response.body.users[0] : undefined) as IDataObject | undefined;
	if (!isZohoId(user?.id)) {
		throw zohoReplyError(context, request, {
			code: 'NO_USER',
			message: `Zoho did not say who the connected user is: ${JSON.stringify(response.body ?? null).slice(0, 200)}`,
			httpStatus: response.statusCode,
		});
	}
	return { id: user.id, name: String(user.full_name ?? user.email ?? user.id) };
}
