import { classifyFailure, type FailureKind } from './retryPolicy';

/** What a failed request tells: read from the NodeApiError n8n's helper throws and the axios error inside it. */
export interface FailureFacts {
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

/** A reply read as bytes (a file was asked for) holds Zoho's JSON error as text: read it as JSON again. */
function readableBody(data: unknown): unknown {
	const bytes = data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.isBuffer(data) ? data : undefined;
	if (!bytes) return data;
	try {
		return JSON.parse(bytes.toString('utf8'));
	} catch {
		return undefined;
	}
}

export function readFailure(error: unknown): FailureFacts {
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
		body: readableBody(response?.data),
		retryAfter: retryAfter === undefined || retryAfter === null ? undefined : String(retryAfter),
		errorCode,
		rawMessage: String(cause?.message ?? wrapped?.message ?? 'Unknown error'),
		sentToken: typeof authorization === 'string' ? authorization.replace(/^Bearer\s+/i, '') : undefined,
	};
}

