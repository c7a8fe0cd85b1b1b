import { parseApiOrigin, resolveApiOrigin } from '../../nodes/shared/apiOrigin';
import { apiDomainForEnvironment } from '../../nodes/shared/dataCenters';
import { findZohoError, sanitizeMessage } from '../../nodes/shared/zohoErrors';
import { jobRecordOf, summarizeJob } from '../../nodes/ZohoMassDeleteStatus/jobStatus';
import { parseJobId } from '../../nodes/ZohoMassDeleteStatus/statusCheckInput';

// The real policy, not the shortened one the engine tests use
const { RETRY_POLICY, classifyFailure, isRetryable, parseRetryAfterMs, retryDelayMs } = jest.requireActual(
	'../../nodes/shared/retryPolicy',
) as typeof import('../../nodes/shared/retryPolicy');

describe('retry policy', () => {
	it('meets the stated limits: 4 attempts, 30 s request timeout', () => {
		expect(RETRY_POLICY.maxAttempts).toBeGreaterThanOrEqual(3);
		expect(RETRY_POLICY.requestTimeoutMs).toBeLessThanOrEqual(30_000);
	});

	it.each([
		[429, undefined, 'rateLimited', true],
		[500, undefined, 'serverError', true],
		[503, undefined, 'serverError', true],
		[undefined, 'ECONNRESET', 'network', true],
		[undefined, 'ECONNABORTED', 'timeout', true],
		[undefined, 'ETIMEDOUT', 'timeout', true],
		[undefined, 'ERR_CANCELED', 'cancelled', false],
		[401, undefined, 'final', false],
		[403, undefined, 'final', false],
		[404, undefined, 'final', false],
		[400, 'ECONNRESET', 'final', false],
		[undefined, 'ENOTFOUND', 'final', false],
	])('HTTP %s / %s is %s', (status, code, kind, retryable) => {
		expect(classifyFailure(status, code)).toBe(kind);
		expect(isRetryable(classifyFailure(status, code))).toBe(retryable);
	});

	it.each([
		['5', 5_000],
		[' 0 ', 0],
		['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
		['Thu, 01 Jan 2026 00:00:00 GMT', 0],
		['soon', undefined],
		['-3', undefined],
		['1.5', undefined],
		[undefined, undefined],
	])('Retry-After %j → %s ms', (header, expected) => {
		expect(parseRetryAfterMs(header, Date.parse('2026-01-01T00:00:00Z'), RETRY_POLICY)).toBe(expected);
	});

	it('waits as Zoho asks, but never longer than the cap', () => {
		expect(retryDelayMs(1, 7_000, RETRY_POLICY)).toBe(7_000);
		expect(retryDelayMs(1, 3_600_000, RETRY_POLICY)).toBe(RETRY_POLICY.maxDelayMs);
	});

	it('backs off exponentially with jitter between half and all of the step', () => {
		expect([1, 2, 3].map((n) => retryDelayMs(n, undefined, RETRY_POLICY, () => 0))).toEqual([500, 1_000, 2_000]);
		expect([1, 2, 3].map((n) => retryDelayMs(n, undefined, RETRY_POLICY, () => 1))).toEqual([1_000, 2_000, 4_000]);
		expect(retryDelayMs(20, undefined, RETRY_POLICY, () => 1)).toBe(RETRY_POLICY.maxDelayMs);
	});
});

describe('job status', () => {
	it.each([
		[{ Status: 'COMPLETED', Total_Count: 9, Deleted_Count: 9, Failed_Count: 0 }, 'COMPLETED', 0, true, true, 9],
		[{ Status: 'COMPLETED', Total_Count: 9, Deleted_Count: 8, Failed_Count: 1 }, 'COMPLETED', 0, true, false, 9],
		[{ Status: 'FAILED', Total_Count: 9, Deleted_Count: 2, Failed_Count: 7 }, 'FAILED', 2, true, false, 9],
		[{ Status: 'RUNNING', Total_Count: 9, Deleted_Count: 3, Failed_Count: 0 }, 'RUNNING', 1, false, false, 3],
		[{ Status: ' scheduled ' }, 'SCHEDULED', 1, false, false, undefined],
		[{ Status: 'SOMETHING_NEW', Deleted_Count: '4', Failed_Count: '1' }, 'SOMETHING_NEW', 1, false, false, 5],
		[{ Status: 7 }, '', 1, false, false, undefined],
		[{}, '', 1, false, false, undefined],
	])('%j → %s on output %i', (record, status, outputIndex, isFinished, isSuccess, processed) => {
		expect(summarizeJob(record as never)).toMatchObject({ status, outputIndex, isFinished, isSuccess, processed });
	});

	it.each([
		[{ data: [{ Status: 'RUNNING' }] }, { Status: 'RUNNING' }],
		[{ data: [] }, undefined],
		[{ data: [null] }, undefined],
		[{ data: 'x' }, undefined],
		[undefined, undefined],
	])('job record of %j', (body, record) => {
		expect(jobRecordOf(body as never)).toEqual(record);
	});
});

describe('job ID', () => {
	it.each([
		['3652397000009565021', '3652397000009565021'],
		[' 42 ', '42'],
		[42, '42'],
		[Number.MAX_SAFE_INTEGER, '9007199254740991'],
	])('%j → %j', (raw, jobId) => expect(parseJobId(raw)).toBe(jobId));

	it.each([Number.MAX_SAFE_INTEGER + 1, -1, 1.5, NaN, Infinity, '', 'x', '１２３', [], {}, null, undefined, true])(
		'rejects %j',
		(raw) => expect(() => parseJobId(raw)).toThrow(),
	);
});

describe('Zoho error bodies', () => {
	const error = { code: 'INVALID_DATA', details: { api_name: 'job_id' }, message: 'invalid', status: 'error' };
	it.each([
		['top level', error],
		['data[0]', { data: [error] }],
		['mass_delete[0]', { mass_delete: [error] }],
		['JSON text', JSON.stringify(error)],
	])('finds the error %s', (_shape, body) => {
		expect(findZohoError(body)).toEqual({ code: 'INVALID_DATA', message: 'invalid', details: { api_name: 'job_id' } });
	});

	it.each([
		['a status record', { data: [{ Status: 'RUNNING' }] }],
		['a success record', { data: [{ code: 'SUCCESS', status: 'success' }] }],
		['HTML', '<html>Bad gateway</html>'],
		['nothing', undefined],
	])('finds no error in %s', (_case, body) => expect(findZohoError(body)).toBeUndefined());
});

describe('messages shown to users', () => {
	it('turns each run of control characters (C0, DEL, C1) into one space', () => {
		expect(sanitizeMessage('line one\r\n\tline two\u0000\u001b[31mred\u007f\u0085end', [])).toBe('line one line two [31mred end');
	});

	it('redacts the credential\'s secrets and caps the length', () => {
		const clean = sanitizeMessage(`token abcd1234 ${'x'.repeat(2000)}`, ['abcd1234', 'ab']);
		expect(clean).toContain('token [redacted] ');
		expect(clean).not.toContain('abcd1234');
		expect(clean.length).toBeLessThan(2000);
		expect(clean.endsWith('…')).toBe(true);
	});
});

describe('API origin', () => {
	it.each([
		['https://www.zohoapis.eu', 'https://www.zohoapis.eu'],
		['https://www.zohoapis.eu/', 'https://www.zohoapis.eu'],
		['HTTPS://WWW.ZOHOAPIS.EU', 'https://www.zohoapis.eu'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
	])('accepts %s', (value, origin) => expect(parseApiOrigin(value, 'api_domain')).toBe(origin));

	it.each([
		['', 'empty'],
		['ftp://www.zohoapis.com', 'only http and https'],
		['javascript:alert(1)', 'only http and https'],
		['https://user:pw@www.zohoapis.com', 'user info'],
		['https://evil.example@www.zohoapis.com', 'user info'],
		['https://www.zohoapis.com/crm', 'origin only'],
		['https://www.zohoapis.com?x=1', 'origin only'],
		['https://www.zohoapis.com#x', 'origin only'],
		['https://www.zohoapis.com/?', 'origin only'],
		// a path the URL parser resolves away is still a path
		['https://www.zohoapis.com/x/..', 'origin only'],
		['https://www.zohoapis.com/./', 'origin only'],
		['https://www.zohoapis.com/%2e%2e/', 'origin only'],
		['https://www.zohoapis.com//', 'origin only'],
		[' https://www.zohoapis.com', 'whitespace'],
		['https://www.zohoapis.com\\@evil.example', 'backslash'],
		['www.zohoapis.com', 'not a URL'],
	])('refuses %j (%s), naming the value', (value, reason) => {
		expect(() => parseApiOrigin(value, 'api_domain')).toThrow(reason);
		if (value) expect(() => parseApiOrigin(value, 'api_domain')).toThrow(JSON.stringify(value));
	});

	it('sandbox and developer orgs move only Zoho hosts', () => {
		expect(apiDomainForEnvironment('https://www.zohoapis.com', 'sandbox')).toBe('https://sandbox.zohoapis.com');
		expect(apiDomainForEnvironment('https://www.zohoapis.com', 'developer')).toBe('https://developer.zohoapis.com');
		expect(apiDomainForEnvironment('https://gateway.example', 'sandbox')).toBe('https://gateway.example');
		expect(apiDomainForEnvironment('https://www.zohoapis.com.evil.example', 'sandbox')).toBe('https://www.zohoapis.com.evil.example');
		expect(apiDomainForEnvironment('https://sandbox.zohoapis.com.au', 'production')).toBe('https://www.zohoapis.com.au');
	});

	it('falls back to the data center when the token has no api_domain', () => {
		expect(resolveApiOrigin({ dataCenter: 'ca', oauthTokenData: {} })).toBe('https://www.zohoapis.ca');
		expect(resolveApiOrigin({ dataCenter: 'unknown' })).toBe('https://www.zohoapis.com');
	});
});
