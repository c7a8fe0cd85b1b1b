import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { InvalidApiDomainError, resolveApiOrigin } from './apiOrigin';
import { cancelledError, pause } from './pause';
import {
	classifyFailure,
	isRetryable,
	parseRetryAfterMs,
	RETRY_POLICY,
	retryDelayMs,
	type FailureKind,
} from './retryPolicy';
import { ZOHO_CRM_CREDENTIAL_TYPE } from './scopes';
import { findZohoError, refreshRefusedHint, ZOHO_ERROR_HINTS, type ZohoError } from './zohoErrors';

export type ZohoContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * The credential as one execution sees it: read and checked once, then again only after Zoho refuses a
 * token (n8n refreshes only then). Each read costs n8n a decryption and the credential's expressions.
 */
export class ZohoConnection {
	private cached?: { credentials: ICredentialDataDecryptedObject; origin: string };

	async current(context: ZohoContext, itemIndex: number | undefined) {
		if (!this.cached) {
			const credentials = await context.getCredentials(ZOHO_CRM_CREDENTIAL_TYPE, itemIndex);
			this.cached = { credentials, origin: originOf(context, credentials, itemIndex) };
		}
		return this.cached;
	}

	forget(): void {
		this.cached = undefined;
	}
}

export interface ZohoRequest {
	method: IHttpRequestMethods;
	/** Path below the API origin, built by the caller from validated parts. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** Hints for Zoho codes that mean something specific to this call (e.g. an unknown job ID). */
	errorHints?: Record<string, string>;
	/** Epoch ms: a retry that would start later than this is not attempted. */
	retryDeadline?: number;
	/** Shared by the calls of one execution; a call without one reads the credential itself. */
	connection?: ZohoConnection;
}

export interface ZohoResponse {
	statusCode: number;
	body: IDataObject | undefined;
	/** Requests sent, retries included: what this call cost in Zoho API credits. */
	attempts: number;
}

const SAFE_PATH = /^\/crm\/v\d+(?:\/[A-Za-z0-9_]+)+$/;
const MAX_MESSAGE_LENGTH = 500;

interface FailureFacts {
	kind: FailureKind;
	httpStatus?: number;
	body?: unknown;
	retryAfter?: string;
	errorCode?: string;
	rawMessage: string;
	/** The access token the failed request carried (after any refresh n8n did), never shown anywhere. */
	sentToken?: string;
}

type HeaderBag = Record<string, unknown> & { get?: (name: string) => unknown };

function headerOf(headers: HeaderBag | undefined, name: string): unknown {
	if (!headers) return undefined;
	if (typeof headers.get === 'function') return headers.get(name);
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

function readFailure(error: unknown): FailureFacts {
	const wrapped = error as { cause?: unknown; httpCode?: string | null; message?: string };
	const cause = (wrapped?.cause ?? error) as {
		code?: string;
		message?: string;
		config?: { headers?: HeaderBag };
		response?: { status?: number; data?: unknown; headers?: HeaderBag };
	};
	const response = cause?.response;
	const status = response?.status ?? (wrapped?.httpCode ? Number(wrapped.httpCode) : undefined);
	const httpStatus = Number.isFinite(status) ? status : undefined;
	const retryAfter = headerOf(response?.headers, 'retry-after');
	const authorization = headerOf(cause?.config?.headers, 'authorization');
	const errorCode = typeof cause?.code === 'string' ? cause.code : undefined;
	return {
		kind: classifyFailure(httpStatus, errorCode),
		httpStatus,
		body: response?.data,
		retryAfter: retryAfter === undefined || retryAfter === null ? undefined : String(retryAfter),
		errorCode,
		rawMessage: String(cause?.message ?? wrapped?.message ?? 'Unknown error'),
		sentToken: typeof authorization === 'string' ? authorization.replace(/^Bearer\s+/i, '') : undefined,
	};
}

/** Strips control characters, caps the length and blanks out anything secret the credential holds. */
export function sanitizeMessage(text: string, secrets: string[]): string {
	// eslint-disable-next-line no-control-regex
	let clean = text.replace(/[\x00-\x1f\x7f]+/g, ' ');
	for (const secret of secrets) {
		if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean;
}

function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	const token = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [token.access_token, token.refresh_token, credentials.clientSecret].filter(
		(value): value is string => typeof value === 'string',
	);
}

function failureMessage(facts: FailureFacts, zohoError: ZohoError | undefined, attempts: number): string {
	if (zohoError) return `Zoho CRM: ${zohoError.message || zohoError.code} [${zohoError.code}]`;
	if (facts.kind === 'timeout') return `Zoho CRM did not answer within ${RETRY_POLICY.requestTimeoutMs / 1000} s (${attempts} attempts)`;
	if (facts.kind === 'network') return `Could not reach Zoho CRM: ${facts.errorCode} (${attempts} attempts)`;
	if (facts.httpStatus !== undefined) return `Zoho CRM answered HTTP ${facts.httpStatus}`;
	return `Zoho CRM request failed: ${facts.rawMessage}`;
}

function toNodeError(
	context: ZohoContext,
	facts: FailureFacts,
	request: ZohoRequest,
	attempts: number,
	secrets: string[],
	hintOverride?: string,
): NodeApiError {
	const zohoError = findZohoError(facts.body);
	const code = zohoError?.code ?? (facts.httpStatus === 429 ? 'TOO_MANY_REQUESTS' : undefined);
	const codeHint = hintOverride ?? (code ? (request.errorHints?.[code] ?? ZOHO_ERROR_HINTS[code]) : undefined);
	const gaveUp = isRetryable(facts.kind) ? `Gave up after ${attempts} attempts.` : undefined;
	const hint = [gaveUp, codeHint].filter(Boolean).join(' ') || undefined;
	const errorBody: JsonObject = {
		code: code ?? facts.errorCode ?? null,
		message: sanitizeMessage(zohoError?.message ?? facts.rawMessage, secrets),
		httpCode: facts.httpStatus ?? null,
	};
	if (zohoError?.details) errorBody.details = zohoError.details as JsonObject;
	return new NodeApiError(context.getNode(), errorBody, {
		message: sanitizeMessage(failureMessage(facts, zohoError, attempts), secrets),
		description: hint ? sanitizeMessage(hint, secrets) : undefined,
		httpCode: facts.httpStatus !== undefined ? String(facts.httpStatus) : undefined,
		itemIndex: request.itemIndex,
	});
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

function originOf(context: ZohoContext, credentials: ICredentialDataDecryptedObject, itemIndex: number | undefined): string {
	try {
		return resolveApiOrigin(credentials);
	} catch (error) {
		if (!(error instanceof InvalidApiDomainError)) throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		throw new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: `Requests go only to an http(s) origin such as https://www.zohoapis.com. ${ZOHO_ERROR_HINTS.INVALID_URL_PATTERN}`,
		});
	}
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
	if (!SAFE_PATH.test(request.path)) {
		throw new NodeOperationError(this.getNode(), `Refusing to call Zoho CRM at path ${JSON.stringify(request.path)}`, {
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
				json: true,
				returnFullResponse: true,
				timeout: RETRY_POLICY.requestTimeoutMs,
				headers: { Accept: 'application/json' },
			})) as { statusCode: number; body: unknown };
		} catch (error) {
			const facts = readFailure(error);
			if (facts.kind === 'cancelled' || signal?.aborted) {
				throw cancelledError(this.getNode(), request.itemIndex);
			}
			const { verdict, stored } = await judgeTokenRefusal(this, facts, request.itemIndex);
			// a refused token means n8n refreshed: read the credential, and check its api_domain, afresh
			if (verdict !== 'notTokenRefusal') connection.forget();
			const allSecrets = stored ? [...secrets, ...secretsOf({ oauthTokenData: stored })] : secrets;
			const retryable = isRetryable(facts.kind) || (verdict === 'replacedMeanwhile' && !tokenRaceRetried);
			if (!retryable || attempt >= RETRY_POLICY.maxAttempts) {
				const hint = verdict === 'refreshRefused' ? refreshRefusedHint(String(stored?.error_description ?? stored?.error)) : undefined;
				throw toNodeError(this, facts, request, attempt, allSecrets, hint);
			}
			if (verdict === 'replacedMeanwhile') {
				tokenRaceRetried = true;
				continue;
			}
			const retryAfterMs = parseRetryAfterMs(facts.retryAfter, Date.now(), RETRY_POLICY);
			const delay = retryDelayMs(attempt, retryAfterMs, RETRY_POLICY);
			if (request.retryDeadline !== undefined && Date.now() + delay > request.retryDeadline) {
				throw toNodeError(this, facts, request, attempt, allSecrets);
			}
			await pause(delay, signal, this.getNode(), request.itemIndex);
			continue;
		}
		const body =
			response.body !== null && typeof response.body === 'object' && !Array.isArray(response.body)
				? (response.body as IDataObject)
				: undefined;
		// Zoho sometimes reports an error inside a 2xx reply
		if (findZohoError(body)) {
			const facts: FailureFacts = { kind: 'final', httpStatus: response.statusCode, body, rawMessage: '' };
			throw toNodeError(this, facts, request, attempt, secrets);
		}
		return { statusCode: response.statusCode, body, attempts: attempt };
	}
}
