import type { IDataObject } from 'n8n-workflow';

import { SCOPE_MASS_DELETE_READ, SCOPE_MODULES_READ } from './scopes';

export interface ZohoError {
	code: string;
	message: string;
	details?: IDataObject;
}

function asObject(value: unknown): IDataObject | undefined {
	if (typeof value === 'string') {
		try {
			return asObject(JSON.parse(value));
		} catch {
			return undefined;
		}
	}
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

function toZohoError(candidate: IDataObject | undefined): ZohoError | undefined {
	if (!candidate || typeof candidate.code !== 'string' || !candidate.code) return undefined;
	return {
		code: candidate.code,
		message: typeof candidate.message === 'string' ? candidate.message : '',
		details: asObject(candidate.details),
	};
}

/**
 * Zoho documents a top-level {code, details, message, status}, its OpenAPI spec wraps it in data[0],
 * and the tags endpoint in mass_delete[0]: accept each.
 */
export function findZohoError(body: unknown): ZohoError | undefined {
	const object = asObject(body);
	if (!object) return undefined;
	const topLevel = toZohoError(object);
	if (topLevel) return topLevel;
	for (const key of ['data', 'mass_delete']) {
		const list = object[key];
		if (!Array.isArray(list)) continue;
		const first = asObject(list[0]);
		if (first && first.status === 'error') return toZohoError(first);
	}
	return undefined;
}

const RECONNECT = 'Open the Zoho CRM credential and click "Reconnect".';

export const ZOHO_ERROR_HINTS: Record<string, string> = {
	INVALID_TOKEN: `Zoho rejected the access token even after n8n refreshed it. ${RECONNECT}`,
	INVALID_OAUTHTOKEN: `Zoho rejected the access token even after n8n refreshed it. ${RECONNECT}`,
	AUTHENTICATION_FAILURE: `Zoho could not authenticate this request. ${RECONNECT}`,
	OAUTH_SCOPE_MISMATCH: `The credential was connected without the scope this call needs (${SCOPE_MASS_DELETE_READ} for job status, ${SCOPE_MODULES_READ} for the module list). ${RECONNECT}`,
	NO_PERMISSION:
		'The connected Zoho user lacks permission for this module: its profile needs the "Mass Delete" permission and access to the module.',
	INVALID_MODULE:
		'Zoho does not know this module API name in your org, or the module is not available through the API. Pick the module from the list, or check its API name under Setup > Developer Hub > APIs.',
	INVALID_URL_PATTERN:
		'Zoho did not recognise the URL: usually the credential points at the wrong data center, or the API version is not available to your org.',
	TOO_MANY_REQUESTS:
		'Zoho limited the rate of API calls for your org (concurrency or daily credits). Space out the checks or try again later.',
	NOT_SUPPORTED: 'Zoho does not support mass delete through the API for this module.',
};

/** The credential itself was refused: later calls in the same execution would be refused too. */
export const CREDENTIAL_REJECTED_CODES = new Set(['INVALID_TOKEN', 'INVALID_OAUTHTOKEN', 'AUTHENTICATION_FAILURE', 'OAUTH_SCOPE_MISMATCH']);

/** Zoho answers a refresh past its limit with HTTP 200 and an error, which n8n stores beside the old token. */
export function refreshRefusedHint(zohoReason: string): string {
	return `Zoho refused to issue a new access token ("${zohoReason}"). Zoho allows 10 token refreshes per 10 minutes for a credential: wait 10 minutes before running this again, and avoid running many workflows with one credential at once.`;
}
