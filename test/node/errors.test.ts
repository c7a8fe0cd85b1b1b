/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

import { runStatusNode } from '../harness/engine';
import { ACCESS_TOKEN, CLIENT_SECRET, JOB_ID, REFRESH_TOKEN, statusBody, statusParameters, zohoCredential } from '../harness/fixtures';
import { networkGuard, statusPath, US_ACCOUNTS, US_API } from '../harness/zohoMock';

networkGuard();

const statusUrl = `${statusPath()}?job_id=${JOB_ID}`;
const zohoError = (code: string, message: string) => ({ code, details: {}, message, status: 'error' });

async function failingRun(onError?: 'continueRegularOutput' | 'continueErrorOutput') {
	return await runStatusNode(statusParameters(), { credentials: zohoCredential(), onError });
}

describe('Zoho error codes become NodeApiErrors with a hint', () => {
	it.each([
		[401, 'INVALID_TOKEN', 'invalid oauth token', /Reconnect/],
		[401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL', /ZohoCRM\.mass_delete\.READ.*Reconnect/],
		[403, 'NO_PERMISSION', 'permission denied', /Mass Delete/],
		[400, 'INVALID_MODULE', 'the module name given seems to be invalid', /module API name/],
		[400, 'INVALID_DATA', 'the given job id is invalid', /no mass delete job 3652397000009565021 in module Leads/],
		[404, 'NOT_FOUND', 'Empty response', /no mass delete job/],
		[404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one', /data center/],
	])('HTTP %i %s', async (httpStatus, code, message, hint) => {
		// 401s go through one refresh first, as n8n core does
		if (httpStatus === 401) {
			nock(US_ACCOUNTS).post('/oauth/v2/token').reply(200, { access_token: 'access-token-2', api_domain: US_API, expires_in: 3600 });
			nock(US_API).get(statusUrl).times(2).reply(httpStatus, zohoError(code, message));
		} else {
			nock(US_API).get(statusUrl).reply(httpStatus, zohoError(code, message));
		}
		const result = await failingRun();

		expect(result.error).toBeDefined();
		expect(result.error!.message).toBe(`Zoho CRM: ${message} [${code}] [item 0]`);
		expect(result.error!.description).toMatch(hint);
		expect(result.error!.httpCode).toBe(String(httpStatus));
		expect(nock.isDone()).toBe(true);
	});

	it.each([
		['top level', zohoError('INVALID_MODULE', 'the module name given seems to be invalid')],
		['wrapped in data[0]', { data: [zohoError('INVALID_MODULE', 'the module name given seems to be invalid')] }],
		['wrapped in mass_delete[0]', { mass_delete: [zohoError('INVALID_MODULE', 'the module name given seems to be invalid')] }],
		['as a JSON string', JSON.stringify(zohoError('INVALID_MODULE', 'the module name given seems to be invalid'))],
	])('reads the error %s', async (_shape, body) => {
		nock(US_API).get(statusUrl).reply(400, body);
		const result = await failingRun();
		expect(result.error!.message).toBe('Zoho CRM: the module name given seems to be invalid [INVALID_MODULE] [item 0]');
	});

	it('treats an error inside a 200 reply as an error', async () => {
		nock(US_API).get(statusUrl).reply(200, { data: [zohoError('INVALID_DATA', 'the given job id is invalid')] });
		const result = await failingRun();
		expect(result.error!.message).toBe('Zoho CRM: the given job id is invalid [INVALID_DATA] [item 0]');
		expect(result.error!.description).toMatch(/no mass delete job/);
	});

	it.each([
		['204 with no body', 204, ''],
		['200 with an empty body', 200, ''],
		['200 with an empty data list', 200, { data: [] }],
		['200 with no data key', 200, { info: {} }],
	])('reports an unknown job on %s', async (_case, httpStatus, body) => {
		nock(US_API).get(statusUrl).reply(httpStatus, body);
		const result = await failingRun();
		expect(result.error!.message).toMatch(/\[NO_CONTENT\] \[item \d+\]$/);
		expect(result.error!.description).toBe(
			'Zoho CRM has no mass delete job 3652397000009565021 in module Leads. Check the job ID, and that the module is the one the mass delete was started in.',
		);
	});
});

describe('retries', () => {
	it('retries 429 without Retry-After, then succeeds', async () => {
		nock(US_API)
			.get(statusUrl)
			.reply(429, zohoError('TOO_MANY_REQUESTS', 'too many requests'))
			.get(statusUrl)
			.reply(200, statusBody('COMPLETED'));
		const result = await failingRun();
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0]).toHaveLength(1);
		expect(nock.isDone()).toBe(true);
	});

	it('honours Retry-After on 429 (seconds, scaled in tests) before retrying', async () => {
		const times: number[] = [];
		nock(US_API)
			.get(statusUrl)
			.reply(() => {
				times.push(Date.now());
				return [429, zohoError('TOO_MANY_REQUESTS', 'too many requests'), { 'Retry-After': '5' }];
			})
			.get(statusUrl)
			.reply(() => {
				times.push(Date.now());
				return [200, statusBody('RUNNING')];
			});
		const result = await failingRun();
		expect(result.outputsOf()[1]).toHaveLength(1);
		// tests scale one Retry-After second to 20 ms: 5 s must become a wait of at least 100 ms, not the 5 ms backoff
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(95);
	});

	it.each([500, 502, 503, 504])('retries HTTP %i, then succeeds', async (httpStatus) => {
		nock(US_API).get(statusUrl).reply(httpStatus, 'upstream trouble').get(statusUrl).reply(200, statusBody('COMPLETED'));
		const result = await failingRun();
		expect(result.outputsOf()[0]).toHaveLength(1);
		expect(nock.isDone()).toBe(true);
	});

	it('retries a real connection reset, then succeeds', async () => {
		// a real socket torn down mid-request: nock's simulated resets are not faithful enough
		let calls = 0;
		const server = http.createServer((request, response) => {
			calls += 1;
			if (calls === 1) {
				request.socket.destroy();
				return;
			}
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statusBody('COMPLETED')));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		try {
			const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const credentials = zohoCredential({ dataCenter: 'custom', customAccountsServer: origin, customApiDomain: origin } as never);
			const result = await runStatusNode(statusParameters(), { credentials });
			expect(result.error).toBeUndefined();
			expect(result.outputsOf()[0]).toHaveLength(1);
			expect(calls).toBe(2);
		} finally {
			nock.disableNetConnect();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('retries a reply slower than the request timeout, then succeeds', async () => {
		nock(US_API)
			.get(statusUrl)
			.delay(1_500)
			.reply(200, statusBody('RUNNING'))
			.get(statusUrl)
			.reply(200, statusBody('COMPLETED'));
		const result = await failingRun();
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0]).toHaveLength(1);
	});

	it('gives up after 4 attempts in all', async () => {
		nock(US_API).get(statusUrl).times(4).reply(503, 'unavailable');
		const result = await failingRun();
		expect(result.error!.message).toBe('Zoho CRM answered HTTP 503 without saying why [item 0]');
		expect(result.error!.description).toBe('Gave up after 4 attempts.');
		expect(nock.isDone()).toBe(true);
	});

	it('gives up on 429 after 4 attempts with the rate-limit hint', async () => {
		nock(US_API).get(statusUrl).times(4).reply(429, zohoError('TOO_MANY_REQUESTS', 'too many requests'));
		const result = await failingRun();
		expect(result.error!.message).toBe('Zoho CRM: too many requests [TOO_MANY_REQUESTS] [item 0]');
		expect(result.error!.description).toMatch(/limited the rate/);
		expect(nock.isDone()).toBe(true);
	});

	it.each([
		[400, 'INVALID_MODULE'],
		[403, 'NO_PERMISSION'],
		[404, 'INVALID_URL_PATTERN'],
	])('never retries HTTP %i %s', async (httpStatus, code) => {
		const calls = nock(US_API).get(statusUrl).times(4).reply(httpStatus, zohoError(code, 'no'));
		await failingRun();
		expect(calls.pendingMocks()).toHaveLength(1);
		expect(calls.activeMocks()).toHaveLength(1);
	});
});

describe('token refresh is n8n core\'s job', () => {
	it('expired token → one refresh → retry with the new token, which is stored', async () => {
		const authorizations: Array<string | undefined> = [];
		let refreshBody = '';
		nock(US_API)
			.get(statusUrl)
			.times(3)
			.reply(function () {
				authorizations.push(this.req.headers.authorization);
				return authorizations.length === 1
					? [401, zohoError('INVALID_TOKEN', 'invalid oauth token')]
					: [200, statusBody('COMPLETED')];
			});
		nock(US_ACCOUNTS)
			.post('/oauth/v2/token', (body) => {
				refreshBody = new URLSearchParams(body as Record<string, string>).toString();
				return true;
			})
			.reply(200, { access_token: 'access-token-2000.new', api_domain: US_API, token_type: 'Bearer', expires_in: 3600 });
		const credentials = zohoCredential();
		const result = await runStatusNode(statusParameters(), { credentials, items: [{}, {}] });

		expect(result.error).toBeUndefined();
		expect(authorizations).toEqual([`Bearer ${ACCESS_TOKEN}`, 'Bearer access-token-2000.new', 'Bearer access-token-2000.new']);
		expect(refreshBody).toContain('grant_type=refresh_token');
		expect(refreshBody).toContain(`refresh_token=${REFRESH_TOKEN}`);
		expect(credentials.tokenUpdates).toHaveLength(1);
		expect(credentials.stored.oauthTokenData).toMatchObject({ access_token: 'access-token-2000.new', refresh_token: REFRESH_TOKEN, api_domain: US_API });
		// the second item used the refreshed token without refreshing again
		expect(result.outputsOf()[0]).toHaveLength(2);
	});

	it('a token still refused after the refresh fails without another refresh', async () => {
		nock(US_API).get(statusUrl).times(2).reply(401, zohoError('INVALID_TOKEN', 'invalid oauth token'));
		const refresh = nock(US_ACCOUNTS).post('/oauth/v2/token').times(2).reply(200, { access_token: 'access-token-3', expires_in: 3600 });
		const credentials = zohoCredential();
		const result = await runStatusNode(statusParameters(), { credentials });

		expect(result.error!.message).toBe('Zoho CRM: invalid oauth token [INVALID_TOKEN] [item 0]');
		expect(credentials.tokenUpdates).toHaveLength(1);
		expect(refresh.pendingMocks()).toHaveLength(1);
	});

	it('a revoked refresh token asks the user to reconnect', async () => {
		nock(US_API).get(statusUrl).reply(401, zohoError('INVALID_TOKEN', 'invalid oauth token'));
		nock(US_ACCOUNTS).post('/oauth/v2/token').reply(400, { error: 'invalid_grant' });
		const result = await runStatusNode(statusParameters(), { credentials: zohoCredential() });
		expect(result.error!.message).toMatch(/reconnect|invalid_grant|Zoho CRM/i);
		expect(JSON.stringify(result.run)).not.toContain(REFRESH_TOKEN);
	});
});

describe('continueOnFail and the error output', () => {
	function mixedItems() {
		nock(US_API).get(`${statusPath()}?job_id=111`).reply(200, statusBody('COMPLETED'));
		nock(US_API).get(`${statusPath()}?job_id=222`).reply(403, zohoError('NO_PERMISSION', 'permission denied'));
		nock(US_API).get(`${statusPath()}?job_id=333`).reply(200, statusBody('RUNNING'));
		return [{ job: '111' }, { job: '222' }, { job: '333' }, { job: 'not-a-job' }];
	}

	it('continueRegularOutput: failed items leave on Failed with their error, others go on', async () => {
		const result = await runStatusNode(statusParameters({ jobId: '={{ $json.job }}' }), {
			credentials: zohoCredential(),
			items: mixedItems(),
			onError: 'continueRegularOutput',
		});

		expect(result.error).toBeUndefined();
		const [completed, running, failed] = result.outputsOf();
		expect(completed.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(running.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		expect(failed[0].json).toEqual({
			error: 'Zoho CRM: permission denied [NO_PERMISSION] [item 1]',
			details: { description: expect.stringMatching(/Mass Delete/), code: 'NO_PERMISSION', http_code: 403 },
		});
		expect(failed[1].json.error).toBe('\'Job ID\' must be 1 to 19 digits, got "not-a-job" [item 3]');
	});

	it('continueErrorOutput: failed items go to the extra error output', async () => {
		const result = await runStatusNode(statusParameters({ jobId: '={{ $json.job }}' }), {
			credentials: zohoCredential(),
			items: mixedItems(),
			onError: 'continueErrorOutput',
		});

		expect(result.error).toBeUndefined();
		const outputs = result.outputsOf();
		expect(outputs).toHaveLength(4);
		const [completed, running, failed, errors] = outputs;
		expect(completed.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(running.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(failed).toHaveLength(0);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
	});

	it('without continueOnFail the first failing item stops the node', async () => {
		const result = await runStatusNode(statusParameters({ jobId: '={{ $json.job }}' }), {
			credentials: zohoCredential(),
			items: mixedItems(),
		});
		expect(result.error!.message).toBe('Zoho CRM: permission denied [NO_PERMISSION] [item 1]');
		expect(result.run.status).toBe('error');
	});
});

describe('no secret leaves the node', () => {
	it('keeps tokens and the client secret out of errors, even when Zoho echoes them', async () => {
		nock(US_API)
			.get(statusUrl)
			.reply(400, zohoError('INVALID_DATA', `bad request with Authorization Bearer ${ACCESS_TOKEN} and ${CLIENT_SECRET}`));
		const result = await runStatusNode(statusParameters(), { credentials: zohoCredential(), onError: 'continueRegularOutput' });
		const everything = JSON.stringify(result.run);
		expect(everything).toContain('[redacted]');
		for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET]) expect(everything).not.toContain(secret);
	});
});
