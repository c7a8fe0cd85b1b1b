import { NodeApiError, type IDataObject, type JsonObject } from 'n8n-workflow';

import type { FailureFacts } from './failure';
import { withItem } from './input';
import { isRetryable, RETRY_POLICY } from './retryPolicy';
import { SCOPE_MASS_DELETE_READ, SCOPE_MODULES_READ } from './scopes';
import type { ZohoContext, ZohoRequest } from './transport';

const MAX_MESSAGE_LENGTH = 500;

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
	// a top-level {code, status: "success"} is an answer (Zoho's reply to a bulk action), not an error
	if (!candidate || typeof candidate.code !== 'string' || !candidate.code || candidate.status === 'success') return undefined;
	return {
		code: candidate.code,
		message: typeof candidate.message === 'string' ? candidate.message : '',
		details: asObject(candidate.details),
	};
}

/**
 * Zoho documents a top-level {code, details, message, status}, its OpenAPI spec wraps it in data[0],
 * the tags endpoint in mass_delete[0] and the recycle bin in recycle_bin[0]: accept each.
 */
export function findZohoError(body: unknown): ZohoError | undefined {
	const object = asObject(body);
	if (!object) return undefined;
	const topLevel = toZohoError(object);
	if (topLevel) return topLevel;
	for (const key of ['data', 'mass_delete', 'recycle_bin']) {
		const list = object[key];
		if (!Array.isArray(list)) continue;
		const first = asObject(list[0]);
		if (first && first.status === 'error') return toZohoError(first);
	}
	return undefined;
}

/** n8n's own words for signing in again on a connected OAuth2 credential (2.x; 1.x says 'Reconnect'). */
export const CONNECT_AGAIN = "sign in to Zoho again with the credential's 'Switch account' button (in n8n 1.x, 'Reconnect')";
const RECONNECT = `Open the Zoho CRM credential and ${CONNECT_AGAIN}.`;

/** The credential's toggles that add scopes: a hint for a missing scope names the one to turn on. */
export const START_TOGGLE = 'Allow Starting Mass Deletes';
export const RESTORE_TOGGLE = 'Allow Restoring From the Recycle Bin';
export const BACKUP_TOGGLE = 'Allow Backups Before Deletes';

/** A missing scope: the toggle that adds it, and how to have Zoho grant it. */
export function reconnectWith(toggle: string): string {
	return `Open the Zoho CRM credential, turn on '${toggle}', save, then ${CONNECT_AGAIN}: Zoho grants a scope only when you sign in.`;
}

export const ZOHO_ERROR_HINTS: Record<string, string> = {
	INVALID_TOKEN: `Zoho rejected the access token even after n8n refreshed it. ${RECONNECT}`,
	INVALID_OAUTHTOKEN: `Zoho rejected the access token even after n8n refreshed it. ${RECONNECT}`,
	AUTHENTICATION_FAILURE: `Zoho could not authenticate this request. ${RECONNECT}`,
	OAUTH_SCOPE_MISMATCH: `The credential was connected without the scope this call needs (${SCOPE_MASS_DELETE_READ} for job status, ${SCOPE_MODULES_READ} for the module list; the credential always asks for both, so it was connected before they were asked for). ${RECONNECT}`,
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

/** Strips control characters, caps the length and blanks out anything secret the credential holds. */
export function sanitizeMessage(text: string, secrets: string[]): string {
	let clean = text.replace(/\p{Cc}+/gu, ' ');
	for (const secret of secrets) {
		if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean;
}

export function secretsOf(credentials: { oauthTokenData?: unknown; clientSecret?: unknown }): string[] {
	const token = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [token.access_token, token.refresh_token, credentials.clientSecret].filter(
		(value): value is string => typeof value === 'string',
	);
}

/** Why a request's outcome is unknown, in words. */
function unansweredReason(facts: FailureFacts): string {
	if (facts.kind === 'timeout') return `no answer came within ${RETRY_POLICY.changeRequestTimeoutMs / 1000} s`;
	// no error code in the text: n8n swaps a message naming ECONNRESET for its generic one
	if (facts.kind === 'network') return 'the connection broke before the answer came';
	return `Zoho answered HTTP ${facts.httpStatus ?? '?'} after receiving it`;
}

export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';

function failureMessage(facts: FailureFacts, zohoError: ZohoError | undefined, attempts: number): string {
	if (zohoError) return `Zoho CRM: ${zohoError.message || zohoError.code} [${zohoError.code}]`;
	if (facts.kind === 'timeout') return `Zoho CRM did not answer within ${RETRY_POLICY.requestTimeoutMs / 1000} s (${attempts} attempts)`;
	if (facts.kind === 'network') return `Could not reach Zoho CRM: ${facts.errorCode} (${attempts} attempts)`;
	if (facts.httpStatus !== undefined) return `Zoho CRM answered HTTP ${facts.httpStatus} without saying why`;
	return `Could not reach Zoho CRM: ${facts.rawMessage}`;
}

export interface NodeErrorOptions {
	/** A hint that wins over the code's own. */
	hint?: string;
	/** The request changes data and may have been carried out: it was not repeated. */
	outcomeUnknown?: boolean;
}

/** Zoho's code and message, a hint, the HTTP status and the item: never a secret. */
export function toNodeError(
	context: ZohoContext,
	facts: FailureFacts,
	request: ZohoRequest,
	attempts: number,
	secrets: string[],
	options: NodeErrorOptions = {},
): NodeApiError {
	const zohoError = findZohoError(facts.body);
	const zohoCode = zohoError?.code ?? (facts.httpStatus === 429 ? 'TOO_MANY_REQUESTS' : undefined);
	const code = options.outcomeUnknown ? OUTCOME_UNKNOWN : zohoCode;
	const described = zohoError && !options.outcomeUnknown ? request.describeError?.(zohoError) : undefined;
	const codeHint = options.hint ?? described ?? (code ? (request.errorHints?.[code] ?? ZOHO_ERROR_HINTS[code]) : undefined);
	const gaveUp = isRetryable(facts.kind) && !options.outcomeUnknown ? `Gave up after ${attempts} attempts.` : undefined;
	const hint = [gaveUp, codeHint].filter(Boolean).join(' ') || undefined;
	const errorBody: JsonObject = {
		code: code ?? facts.errorCode ?? null,
		message: sanitizeMessage(zohoError?.message ?? facts.rawMessage, secrets),
		httpCode: facts.httpStatus ?? null,
	};
	if (zohoError?.details) errorBody.details = zohoError.details as JsonObject;
	const message = options.outcomeUnknown
		? `Zoho CRM may have carried out this request: ${unansweredReason(facts)}. It was not sent again, so it is never carried out twice.`
		: failureMessage(facts, zohoError, attempts);
	return new NodeApiError(context.getNode(), errorBody, {
		message: withItem(sanitizeMessage(message, secrets), request.itemIndex),
		description: hint ? sanitizeMessage(hint, secrets) : undefined,
		httpCode: facts.httpStatus !== undefined ? String(facts.httpStatus) : undefined,
		itemIndex: request.itemIndex,
	});
}

