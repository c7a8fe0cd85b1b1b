import type { TestCredentialsHelper } from '../harness/credentials';
import { connectCredential, N8N_REDIRECT_URI, startMassDelete } from './connect';
import { FAULT_KINDS } from './faults';
import { TOKEN_LIMITS } from './oauth';
import { startSandbox, type Sandbox, type SandboxOptions } from './server';

// Contract tests: the sandbox must answer as zoho-crm-api.md documents, or tests against it prove nothing.

let sandbox: Sandbox;
async function open(options: SandboxOptions = {}) {
	sandbox = await startSandbox({ speed: 0, ...options });
	return sandbox;
}
afterEach(async () => sandbox && (await sandbox.close()));

const READ = 'ZohoCRM.mass_delete.READ,ZohoCRM.settings.modules.READ';

async function call(path: string, token: string | undefined, init: RequestInit = {}) {
	const response = await fetch(`${sandbox.origin}${path}`, {
		...init,
		headers: { ...(token ? { authorization: `Zoho-oauthtoken ${token}` } : {}), 'content-type': 'application/json' },
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

type Json = Record<string, unknown>;

/** One refresh-token grant, as n8n core sends it. */
async function refreshGrant(credential: TestCredentialsHelper): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${sandbox.origin}/oauth/v2/token`, {
		method: 'POST',
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: String(credential.stored.oauthTokenData.refresh_token),
			client_id: sandbox.clientId,
			client_secret: sandbox.clientSecret,
		}),
	});
	return { status: response.status, body: (await response.json()) as Json };
}

async function readToken(settings = {}) {
	const credential = await connectCredential(sandbox, settings);
	return String(credential.stored.oauthTokenData.access_token);
}

describe('OAuth', () => {
	it('consent redirects with code, location, accounts-server and state; the code exchange returns tokens naming the API domain', async () => {
		await open();
		const consent = await fetch(
			`${sandbox.origin}/oauth/v2/auth?client_id=${sandbox.clientId}&response_type=code&scope=${READ}&redirect_uri=${encodeURIComponent(N8N_REDIRECT_URI)}&state=s1&access_type=offline&prompt=consent`,
			{ redirect: 'manual' },
		);
		expect(consent.status).toBe(302);
		const callback = new URL(consent.headers.get('location')!);
		expect(`${callback.origin}${callback.pathname}`).toBe(N8N_REDIRECT_URI);
		expect(callback.searchParams.get('code')).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
		expect(callback.searchParams.get('location')).toBe('us');
		expect(callback.searchParams.get('accounts-server')).toBe(sandbox.origin);
		expect(callback.searchParams.get('state')).toBe('s1');

		const exchange = () =>
			fetch(`${sandbox.origin}/oauth/v2/token?grant_type=authorization_code&client_id=${sandbox.clientId}&client_secret=${sandbox.clientSecret}&code=${callback.searchParams.get('code')}`, { method: 'POST' }).then((r) => r.json());
		const token = await exchange();
		expect(token).toEqual({
			access_token: expect.stringMatching(/^1000\./),
			refresh_token: expect.stringMatching(/^1000\./),
			scope: READ,
			api_domain: sandbox.origin,
			token_type: 'Bearer',
			expires_in: 3600,
		});
		// a grant code works once
		expect(await exchange()).toEqual({ error: 'invalid_code' });
	});

	it('connects a credential from its own resolved URLs and least-privilege scope', async () => {
		await open();
		const credential = await connectCredential(sandbox);
		expect(credential.stored.oauthTokenData).toMatchObject({ scope: READ, api_domain: sandbox.origin });
	});

	it('refreshes (no new refresh token) and stops after 10 refreshes in 10 minutes with a 200 "Access Denied"', async () => {
		await open();
		const credential = await connectCredential(sandbox);
		const refresh = () => refreshGrant(credential);
		for (let i = 0; i < TOKEN_LIMITS.refreshesPerWindow; i++) {
			const { body } = await refresh();
			expect(body.access_token).toMatch(/^1000\./);
			expect(body.refresh_token).toBeUndefined();
		}
		expect(await refresh()).toEqual({ status: 200, body: expect.objectContaining({ error: 'Access Denied' }) });
		sandbox.clock.advance(TOKEN_LIMITS.refreshWindowMs);
		expect((await refresh()).body.access_token).toMatch(/^1000\./);
	});

	it('refuses a wrong client secret and an unknown refresh token', async () => {
		await open();
		const post = (params: Record<string, string>) => fetch(`${sandbox.origin}/oauth/v2/token`, { method: 'POST', body: new URLSearchParams(params) }).then(async (r) => [r.status, await r.json()]);
		expect(await post({ grant_type: 'refresh_token', refresh_token: 'x', client_id: sandbox.clientId, client_secret: 'wrong' })).toEqual([200, { error: 'invalid_client' }]);
		expect(await post({ grant_type: 'refresh_token', refresh_token: 'x', client_id: sandbox.clientId, client_secret: sandbox.clientSecret })).toEqual([400, { error: 'invalid_grant' }]);
	});

	it('access tokens expire after their lifetime', async () => {
		await open({ accessTokenTtlSeconds: 60 });
		const token = await readToken();
		expect((await call('/crm/v8/settings/modules', token)).status).toBe(200);
		sandbox.clock.advance(61_000);
		expect(await call('/crm/v8/settings/modules', token)).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' } });
	});

	it('the 16th active access token of a refresh token invalidates the oldest', async () => {
		await open();
		const credential = await connectCredential(sandbox);
		const first = String(credential.stored.oauthTokenData.access_token);
		for (let i = 0; i < TOKEN_LIMITS.activeAccessTokensPerRefreshToken - 1; i++) {
			if (i === TOKEN_LIMITS.refreshesPerWindow - 1) sandbox.clock.advance(TOKEN_LIMITS.refreshWindowMs);
			await refreshGrant(credential);
		}
		expect((await call('/crm/v8/settings/modules', first)).status).toBe(200);
		await refreshGrant(credential);
		expect((await call('/crm/v8/settings/modules', first)).body.code).toBe('INVALID_TOKEN');
	});
});

describe('modules', () => {
	it('lists modules with the documented keys, Meetings as Events, subforms and custom modules included', async () => {
		await open();
		const { status, body } = await call('/crm/v8/settings/modules', await readToken());
		expect(status).toBe(200);
		const byName = Object.fromEntries(body.modules.map((m: { api_name: string }) => [m.api_name, m]));
		expect(byName.Events).toMatchObject({ module_name: 'Meetings', plural_label: 'Meetings', api_supported: true, deletable: true });
		expect(byName.Price_Books).toMatchObject({ module_name: 'PriceBooks', plural_label: 'Price Books' });
		expect(byName.Quoted_Items).toMatchObject({ generated_type: 'subform' });
		expect(byName.Vehicles).toMatchObject({ generated_type: 'custom' });
		expect(byName.Home).toMatchObject({ api_supported: false });
		expect(byName.Leads.massDelete).toBeUndefined();
	});

	it('needs ZohoCRM.settings.modules.READ', async () => {
		await open();
		const limited = await connectLimited('ZohoCRM.mass_delete.READ');
		expect(await call('/crm/v8/settings/modules', limited)).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});
});

async function connectLimited(scope: string): Promise<string> {
	const consent = await fetch(`${sandbox.origin}/oauth/v2/auth?client_id=${sandbox.clientId}&response_type=code&scope=${scope}&redirect_uri=${encodeURIComponent(N8N_REDIRECT_URI)}`, { redirect: 'manual' });
	const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
	const token = await fetch(`${sandbox.origin}/oauth/v2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: sandbox.clientId, client_secret: sandbox.clientSecret }) }).then((r) => r.json() as Promise<Json>);
	return String(token.access_token);
}

describe('mass delete status', () => {
	it('a job runs with a growing Deleted_Count, then completes', async () => {
		await open();
		const token = await readToken();
		const job = sandbox.createJob({ module: 'Leads', total: 1000, durationMs: 100_000 });
		expect(job.jobId).toMatch(/^\d{19}$/);
		const status = () => call(`/crm/v8/Leads/actions/mass_delete?job_id=${job.jobId}`, token).then((r) => r.body.data[0]);
		expect(await status()).toEqual({ Status: 'RUNNING', Total_Count: 1000, Deleted_Count: 0, Failed_Count: 0 });
		sandbox.clock.advance(25_000);
		expect(await status()).toEqual({ Status: 'RUNNING', Total_Count: 1000, Deleted_Count: 250, Failed_Count: 0 });
		sandbox.clock.advance(75_000);
		expect(await status()).toEqual({ Status: 'COMPLETED', Total_Count: 1000, Deleted_Count: 1000, Failed_Count: 0 });
	});

	it('a job can fail part way, and records can fail to delete', async () => {
		await open();
		const token = await readToken();
		const job = sandbox.createJob({ module: 'Events', total: 1000, durationMs: 100_000, failAtFraction: 0.5, failedRecordRatio: 0.1, queuedMs: 10_000, queuedStatus: 'SCHEDULED' });
		const status = () => call(`/crm/v8/Events/actions/mass_delete?job_id=${job.jobId}`, token).then((r) => r.body.data[0]);
		expect((await status()).Status).toBe('SCHEDULED');
		sandbox.clock.advance(80_000);
		expect(await status()).toEqual({ Status: 'FAILED', Total_Count: 1000, Deleted_Count: 450, Failed_Count: 50 });
	});

	it.each([
		['INVALID_DATA', 400, { code: 'INVALID_DATA', status: 'error' }],
		['NOT_FOUND', 404, { code: 'NOT_FOUND', message: 'Empty response' }],
		['NO_CONTENT', 204, undefined],
	] as const)('an unknown job ID gets %s (configurable: Zoho does not document it)', async (reply, httpStatus, body) => {
		await open({ unknownJobReply: reply });
		const result = await call('/crm/v8/Leads/actions/mass_delete?job_id=1234567890123456789', await readToken());
		expect(result.status).toBe(httpStatus);
		if (body) expect(result.body).toMatchObject(body);
		else expect(result.body).toBeUndefined();
	});

	it('a job is found only in its own module', async () => {
		await open();
		const job = sandbox.createJob({ module: 'Leads' });
		expect((await call(`/crm/v8/Contacts/actions/mass_delete?job_id=${job.jobId}`, await readToken())).body.code).toBe('INVALID_DATA');
	});

	it.each([
		['/crm/v8/Leads/actions/mass_delete', 400, 'MANDATORY_NOT_FOUND'],
		['/crm/v8/Leads/actions/mass_delete?job_id=abc', 400, 'INVALID_DATA'],
		['/crm/v8/Nope/actions/mass_delete?job_id=1', 400, 'INVALID_MODULE'],
		['/crm/v8/Home/actions/mass_delete?job_id=1', 400, 'INVALID_MODULE'],
		['/crm/v8/Quoted_Items/actions/mass_delete?job_id=1', 400, 'NOT_SUPPORTED'],
		['/crm/v3/Leads/actions/mass_delete?job_id=1', 404, 'INVALID_URL_PATTERN'],
		['/crm/v8/Leads/actions/mass_delete/extra', 404, 'INVALID_URL_PATTERN'],
	])('%s → %i %s', async (path, httpStatus, code) => {
		await open();
		const result = await call(path, await readToken());
		expect(result.status).toBe(httpStatus);
		expect(result.body).toMatchObject({ code, status: 'error', message: expect.any(String) });
	});

	it('needs a token, and the mass delete READ scope', async () => {
		await open();
		const job = sandbox.createJob();
		const path = `/crm/v8/Leads/actions/mass_delete?job_id=${job.jobId}`;
		expect(await call(path, undefined)).toMatchObject({ status: 401, body: { code: 'AUTHENTICATION_FAILURE' } });
		expect(await call(path, 'not-a-token')).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
		expect(await call(path, await connectLimited('ZohoCRM.settings.modules.READ'))).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
		expect((await call(path, await connectLimited('ZohoCRM.mass_delete.leads.READ'))).status).toBe(200);
	});

	it('wraps errors in data[0] when told to (the OpenAPI shape)', async () => {
		await open({ errorShape: 'data' });
		const result = await call('/crm/v8/Nope/actions/mass_delete?job_id=1', await readToken());
		expect(result.body).toEqual({ data: [expect.objectContaining({ code: 'INVALID_MODULE', status: 'error' })] });
	});
});

describe('starting a mass delete', () => {
	it('by custom view schedules one job at a time, with a 19-digit job_id', async () => {
		await open();
		const credential = await connectCredential(sandbox, { allowStartingMassDeletes: true });
		const jobId = await startMassDelete(sandbox, credential, 'Leads', '3652397000000538003');
		expect(jobId).toMatch(/^\d{19}$/);
		const again = await call('/crm/v8/Leads/actions/mass_delete', String(credential.stored.oauthTokenData.access_token), { method: 'POST', body: JSON.stringify({ cvid: '3652397000000538005' }) });
		expect(again).toMatchObject({ status: 400, body: { code: 'ALREADY_SCHEDULED' } });
		sandbox.clock.advance(60_000);
		expect(await startMassDelete(sandbox, credential, 'Leads', '3652397000000538005')).not.toBe(jobId);
	});

	it('by IDs answers per record, at most 500', async () => {
		await open();
		const token = String((await connectCredential(sandbox, { allowStartingMassDeletes: true })).stored.oauthTokenData.access_token);
		const post = (body: unknown) => call('/crm/v8/Leads/actions/mass_delete', token, { method: 'POST', body: JSON.stringify(body) });
		const mixed = await post({ ids: ['3652397000006064023', 'bad'] });
		expect(mixed.status).toBe(207);
		expect(mixed.body.data.map((r: { code: string }) => r.code)).toEqual(['SUCCESS', 'INVALID_DATA']);
		expect((await post({ ids: Array.from({ length: 501 }, (_, i) => String(i + 1)) })).status).toBe(400);
		expect(await post({})).toMatchObject({ status: 400, body: { code: 'MANDATORY_NOT_FOUND' } });
		expect(await post({ cvid: '999' })).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { api_name: 'cvid' } } });
	});

	it('needs ZohoCRM.mass_delete.DELETE', async () => {
		await open();
		const result = await call('/crm/v8/Leads/actions/mass_delete', await readToken(), { method: 'POST', body: JSON.stringify({ cvid: '3652397000000538003' }) });
		expect(result).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});
});

describe('fault injection', () => {
	it.each([
		['rate_limited', 429, 'TOO_MANY_REQUESTS', null],
		['rate_limited_retry_after', 429, 'TOO_MANY_REQUESTS', '1'],
		['server_error', 500, 'INTERNAL_ERROR', null],
		['expired_token', 401, 'INVALID_TOKEN', null],
		['wrong_scope', 401, 'OAUTH_SCOPE_MISMATCH', null],
	] as const)('%s → HTTP %i %s', async (fault, httpStatus, code, retryAfter) => {
		await open();
		const token = await readToken();
		sandbox.faults.queue(fault);
		const result = await call('/crm/v8/settings/modules', token);
		expect(result.status).toBe(httpStatus);
		expect(result.body.code).toBe(code);
		expect(result.headers.get('retry-after')).toBe(retryAfter);
		expect((await call('/crm/v8/settings/modules', token)).status).toBe(fault === 'expired_token' ? 401 : 200);
	});

	it.each([['bad_gateway', 502], ['unavailable', 503]] as const)('%s → HTTP %i with an HTML body', async (fault, httpStatus) => {
		await open();
		const token = await readToken();
		sandbox.faults.queue(fault);
		const response = await fetch(`${sandbox.origin}/crm/v8/settings/modules`, { headers: { authorization: `Bearer ${token}` } });
		expect(response.status).toBe(httpStatus);
		expect(await response.text()).toMatch(/<html>/);
	});

	it('connection_reset tears the socket down; slow_reply answers only after the stall', async () => {
		await open({ faults: { slowReplyMs: 300 } });
		const token = await readToken();
		sandbox.faults.queue('connection_reset', 'slow_reply');
		await expect(call('/crm/v8/settings/modules', token)).rejects.toThrow();
		const started = Date.now();
		expect((await call('/crm/v8/settings/modules', token)).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	it('a failing refresh fails once with HTTP 500', async () => {
		await open({ faults: { failingRefreshes: 1 } });
		const credential = await connectCredential(sandbox);
		expect((await refreshGrant(credential)).status).toBe(500);
		expect((await refreshGrant(credential)).status).toBe(200);
	});

	it('draws faults at the configured rate, the same way for the same seed', async () => {
		const draws = async (seed: number) => {
			await open({ seed, faults: { rate: 0.2, kinds: [...FAULT_KINDS] } });
			const sequence = Array.from({ length: 500 }, () => sandbox.faults.next() ?? '-');
			await sandbox.close();
			return sequence;
		};
		const first = await draws(7);
		expect(await draws(7)).toEqual(first);
		expect(await draws(8)).not.toEqual(first);
		const share = first.filter((fault) => fault !== '-').length / first.length;
		expect(share).toBeGreaterThan(0.15);
		expect(share).toBeLessThan(0.25);
		await open();
	});
});
