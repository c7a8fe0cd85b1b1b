/**
 * When to retry a Zoho call and how long to wait. Pure: the transport does the waiting.
 * 4 attempts in all; a stalled reply is cut at 30 s (n8n's own default of 300 s would hold a worker).
 */
export const RETRY_POLICY = {
	maxAttempts: 4,
	baseDelayMs: 1_000,
	maxDelayMs: 30_000,
	retryAfterUnitMs: 1_000,
	requestTimeoutMs: 30_000,
	/** Zoho deletes 500 (restores 200) records in one synchronous call: give it longer before the outcome becomes unknown. */
	changeRequestTimeoutMs: 120_000,
	/** Bulk Read results: 10 downloads a minute, then 429 until the minute has passed. */
	downloadWindowMs: 60_000,
};

export type RetryPolicy = typeof RETRY_POLICY;

export type FailureKind = 'rateLimited' | 'serverError' | 'network' | 'timeout' | 'cancelled' | 'final';

/** The connection was never made, so Zoho never saw the request. */
const NOT_CONNECTED_ERROR_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
/** The connection broke after it was made: the request may have reached Zoho. */
const BROKEN_CONNECTION_ERROR_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const TIMEOUT_ERROR_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const CANCEL_ERROR_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);

export function classifyFailure(httpStatus: number | undefined, errorCode: string | undefined): FailureKind {
	if (errorCode && CANCEL_ERROR_CODES.has(errorCode)) return 'cancelled';
	if (httpStatus === 429) return 'rateLimited';
	if (httpStatus !== undefined && httpStatus >= 500 && httpStatus <= 599) return 'serverError';
	if (httpStatus === undefined && errorCode) {
		if (TIMEOUT_ERROR_CODES.has(errorCode)) return 'timeout';
		if (NOT_CONNECTED_ERROR_CODES.has(errorCode) || BROKEN_CONNECTION_ERROR_CODES.has(errorCode)) return 'network';
	}
	// 4xx (auth, scope, permission, bad input) would fail the same way again
	return 'final';
}

export function isRetryable(kind: FailureKind): boolean {
	return kind === 'rateLimited' || kind === 'serverError' || kind === 'network' || kind === 'timeout';
}

/**
 * Whether Zoho may have acted on a request that failed: it did when it answered 5xx or the reply never came
 * (a reset or a timeout after sending). A 429, a 4xx or a connection never made means it did not.
 */
export function zohoMayHaveActed(kind: FailureKind, errorCode: string | undefined): boolean {
	if (kind === 'serverError' || kind === 'timeout') return true;
	return kind === 'network' && !(errorCode !== undefined && NOT_CONNECTED_ERROR_CODES.has(errorCode));
}

/** A request that changes data (a delete, a restore) is repeated only when Zoho surely did not act on it. */
export function isRetryableChange(kind: FailureKind, errorCode: string | undefined): boolean {
	return isRetryable(kind) && !zohoMayHaveActed(kind, errorCode);
}

/** Retry-After is either whole seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfterMs(
	header: string | undefined,
	now: number,
	policy: RetryPolicy,
): number | undefined {
	if (header === undefined) return undefined;
	const value = String(header).trim();
	if (/^\d+$/.test(value)) return Number(value) * policy.retryAfterUnitMs;
	const date = Date.parse(value);
	if (Number.isNaN(date) || !/[a-z]/i.test(value)) return undefined;
	return Math.max(0, date - now);
}

/** Delay before attempt `failedAttempts + 1`: Retry-After when given, else exponential backoff with jitter. */
export function retryDelayMs(
	failedAttempts: number,
	retryAfterMs: number | undefined,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
	const exponential = policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1);
	const jittered = exponential * (0.5 + random() / 2);
	return Math.min(Math.round(jittered), policy.maxDelayMs);
}
