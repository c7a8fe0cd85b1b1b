import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';

import { ZohoConnection } from './connection';
import { readFailure, type FailureFacts } from './failure';
import { cancelledError, pause } from './pause';
import { isRetryable, isRetryableChange, parseRetryAfterMs, RETRY_POLICY, retryDelayMs, zohoMayHaveActed } from './retryPolicy';
import { ZOHO_CRM_CREDENTIAL_TYPE } from './scopes';
import { findZohoError, refreshRefusedHint, secretsOf, toNodeError, type ZohoError } from './zohoErrors';

export type ZohoContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface ZohoRequest {
	method: IHttpRequestMethods;
	/** Path below the API origin, built by the caller from validated parts. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Hints for Zoho codes that mean something specific to this call (e.g. an unknown job ID). */
	errorHints?: Record<string, string>;
	/** A hint read from Zoho's error itself (its details say where a query went wrong); wins over errorHints. */
	describeError?: (error: ZohoError) => string | undefined;
	/** Epoch ms: a retry that would start later than this is not attempted. */
	retryDeadline?: number;
	/** Shared by the calls of one execution; a call without one reads the credential itself. */
	connection?: ZohoConnection;
	/**
	 * The request changes data (a delete, a restore): it is repeated only when Zoho surely did not act on it (429, a
	 * connection never made); otherwise it fails with OUTCOME_UNKNOWN, never sent twice.
	 */
	changesData?: boolean;
	/** The answer is one result per record (under this key, with details.id), even in a 207 or 4xx reply. */
	perRecordResults?: 'data' | 'recycle_bin';
	/** The answer is a file (a Bulk Read result), handed back as bytes. */
	file?: boolean;
	/**
	 * How long to wait after a 429 without Retry-After, when Zoho's limit for this call is counted per minute (Bulk
	 * Read results: 10 downloads a minute).
	 */
	rateLimitWindowMs?: number;
}

export interface ZohoResponse {
	statusCode: number;
	body: IDataObject | undefined;
	/** A file's bytes, for a request with `file`. */
	data?: Buffer;
}

/** The CRM API (/crm/v8/...) and Bulk Read (/crm/bulk/v8/...). */
const SAFE_PATH = /^\/crm\/(?:bulk\/)?v\d+(?:\/[A-Za-z0-9_]+)+$/;

/**
 * What can't be undone: deleting from the recycle bin (HTTP DELETE, which this package never needs: a mass delete is
 * a POST and leaves the records restorable) and emptying it. Refused here, whichever node asks.
 */
function isIrreversible(request: ZohoRequest): boolean {
	return request.method.toUpperCase() === 'DELETE' || /\/recycle_bin\/actions\/empty$/.test(request.path);
}

/** Zoho's per-record answer to a delete or restore by IDs: a list of {code, details: {id}, message, status}. */
function hasRecordResults(body: unknown, key: ZohoRequest['perRecordResults']): body is IDataObject {
	const data = key === undefined ? undefined : (body as IDataObject | undefined)?.[key];
	return (
		Array.isArray(data) &&
		data.length > 0 &&
		data.every((entry) => typeof (entry as IDataObject)?.status === 'string' && typeof ((entry as IDataObject).details as IDataObject)?.id === 'string')
	);
}

/** An error for a reply that was received but cannot be used (e.g. no job in it), shaped like Zoho's own. */
export function zohoReplyError(
	context: ZohoContext,
	request: ZohoRequest,
	reply: { code: string; message: string; httpStatus: number },
): NodeApiError {
	const facts: FailureFacts = {
		kind: 'final',
		httpStatus: reply.httpStatus,
		body: { code: reply.code, message: reply.message, status: 'error' },
		rawMessage: reply.message,
	};
	return toNodeError(context, facts, request, 1, []);
}

type TokenVerdict = 'notTokenRefusal' | 'refreshRefused' | 'replacedMeanwhile' | 'refused';

/**
 * Zoho still refused the token after n8n's refresh. Re-reading the credential tells why: a token stored
 * after the refused one was sent (another execution refreshed meanwhile) is worth one more try; the refused
 * token still stored beside the accounts server's error means the refresh itself was refused (Zoho's
 * 10-per-10-minutes limit).
 */
async function judgeTokenRefusal(
	context: ZohoContext,
	facts: FailureFacts,
	itemIndex: number | undefined,
): Promise<{ verdict: TokenVerdict; stored?: IDataObject }> {
	if (facts.httpStatus !== 401 || findZohoError(facts.body)?.code !== 'INVALID_TOKEN') return { verdict: 'notTokenRefusal' };
	const stored = ((await context.getCredentials(ZOHO_CRM_CREDENTIAL_TYPE, itemIndex)).oauthTokenData ?? {}) as IDataObject;
	if (facts.sentToken !== undefined && stored.access_token !== facts.sentToken) return { verdict: 'replacedMeanwhile', stored };
	return { verdict: stored.error ? 'refreshRefused' : 'refused', stored };
}

function cancelSignal(context: ZohoContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/**
 * The only way out to Zoho: resolves the API origin from the credential, signs through n8n's OAuth2
 * helper (which refreshes on 401, never by hand), retries 429, 5xx, resets and timeouts with backoff,
 * and turns failures into NodeApiErrors that carry Zoho's code and a hint but no secret.
 */
export async function zohoCrmApiRequest(
	this: ZohoContext,
	request: ZohoRequest,
): Promise<ZohoResponse> {
	if (!SAFE_PATH.test(request.path) || isIrreversible(request)) {
		throw new NodeOperationError(this.getNode(), `Refusing to call Zoho CRM with ${request.method} ${JSON.stringify(request.path)}`, {
			itemIndex: request.itemIndex,
		});
	}
	const signal = cancelSignal(this);
	const connection = request.connection ?? new ZohoConnection();
	let tokenRaceRetried = false;

	for (let attempt = 1; ; attempt++) {
		const { credentials, origin } = await connection.current(this, request.itemIndex);
		const secrets = secretsOf(credentials);
		let response: { statusCode: number; body: unknown };
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, ZOHO_CRM_CREDENTIAL_TYPE, {
				method: request.method,
				url: `${origin}${request.path}`,
				qs: request.qs,
				body: request.body,
				json: !request.file,
				...(request.file ? { encoding: 'arraybuffer' as const } : {}),
				returnFullResponse: true,
				timeout: request.changesData ? RETRY_POLICY.changeRequestTimeoutMs : RETRY_POLICY.requestTimeoutMs,
				headers: { Accept: request.file ? 'application/zip, application/octet-stream, application/json' : 'application/json' },
			})) as { statusCode: number; body: unknown };
		} catch (error) {
			const facts = readFailure(error);
			if (facts.httpStatus !== undefined && facts.httpStatus < 500 && hasRecordResults(facts.body, request.perRecordResults)) {
				// every record refused: Zoho answers 4xx, but with an answer for each
				return { statusCode: facts.httpStatus, body: facts.body };
			}
			if (facts.kind === 'cancelled' || signal?.aborted) {
				throw cancelledError(this.getNode(), request.itemIndex);
			}
			const { verdict, stored } = await judgeTokenRefusal(this, facts, request.itemIndex);
			// a refused token means n8n refreshed: read the credential, and check its api_domain, afresh
			if (verdict !== 'notTokenRefusal') connection.forget();
			const allSecrets = stored ? [...secrets, ...secretsOf({ oauthTokenData: stored })] : secrets;
			const repeatable = request.changesData ? isRetryableChange(facts.kind, facts.errorCode) : isRetryable(facts.kind);
			const retryable = repeatable || (verdict === 'replacedMeanwhile' && !tokenRaceRetried);
			if (!retryable || attempt >= RETRY_POLICY.maxAttempts) {
				const hint = verdict === 'refreshRefused' ? refreshRefusedHint(String(stored?.error_description ?? stored?.error)) : undefined;
				const outcomeUnknown = request.changesData === true && zohoMayHaveActed(facts.kind, facts.errorCode);
				throw toNodeError(this, facts, request, attempt, allSecrets, { hint, outcomeUnknown });
			}
			if (verdict === 'replacedMeanwhile') {
				tokenRaceRetried = true;
				continue;
			}
			const retryAfterMs = parseRetryAfterMs(facts.retryAfter, Date.now(), RETRY_POLICY);
			const delay =
				facts.kind === 'rateLimited' && retryAfterMs === undefined && request.rateLimitWindowMs !== undefined
					? request.rateLimitWindowMs
					: retryDelayMs(attempt, retryAfterMs, RETRY_POLICY);
			if (request.retryDeadline !== undefined && Date.now() + delay > request.retryDeadline) {
				throw toNodeError(this, facts, request, attempt, allSecrets);
			}
			await pause(delay, signal, this.getNode(), request.itemIndex);
			continue;
		}
		if (request.file && response.body instanceof ArrayBuffer) return { statusCode: response.statusCode, body: undefined, data: Buffer.from(response.body) };
		if (request.file && Buffer.isBuffer(response.body)) return { statusCode: response.statusCode, body: undefined, data: response.body };
		const body =
			response.body !== null && typeof response.body === 'object' && !Array.isArray(response.body)
				? (response.body as IDataObject)
				: undefined;
		// Zoho sometimes reports an error inside a 2xx reply (per-record errors are answers, not failures)
		if (!hasRecordResults(body, request.perRecordResults) && findZohoError(body)) {
			const facts: FailureFacts = { kind: 'final', httpStatus: response.statusCode, body, rawMessage: '' };
			throw toNodeError(this, facts, request, attempt, secrets);
		}
		return { statusCode: response.statusCode, body };
	}
}
