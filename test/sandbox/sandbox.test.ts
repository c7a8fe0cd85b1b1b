import { strFromU8, unzipSync } from 'fflate';

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

	it('takes the token request as multipart/form-data, as Zoho\'s own SDK sends it', async () => {
		await open();
		const credential = await connectCredential(sandbox);
		const form = new FormData();
		form.set('grant_type', 'refresh_token');
		form.set('refresh_token', String(credential.stored.oauthTokenData.refresh_token));
		form.set('client_id', sandbox.clientId);
		form.set('client_secret', sandbox.clientSecret);
		const response = await fetch(`${sandbox.origin}/oauth/v2/token`, { method: 'POST', body: form });
		expect(await response.json()).toMatchObject({ access_token: expect.stringMatching(/^1000\./), token_type: 'Bearer' });
		expect(sandbox.stats.refreshes).toBe(1);
	});

	it('reports expires_in in real seconds when sandbox time runs faster', async () => {
		await open({ speed: 25, accessTokenTtlSeconds: 90 });
		const credential = await connectCredential(sandbox);
		// 90 sandbox seconds at 25x are 3.6 real seconds
		expect(credential.stored.oauthTokenData.expires_in).toBe(4);
		sandbox.clock.setSpeed(0);
		expect((await refreshGrant(credential)).body.expires_in).toBe(90);
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

describe('custom views', () => {
	it('lists a module\'s views with Zoho\'s keys, and needs ZohoCRM.settings.custom_views.READ', async () => {
		await open();
		const token = await readToken({ allowStartingMassDeletes: true });
		const listed = await call('/crm/v8/settings/custom_views?module=Leads', token);
		expect(listed.status).toBe(200);
		expect(listed.body.custom_views.map((view: Json) => view.display_value)).toEqual(['Junk Leads', 'Imported 2019', 'All Leads', 'Locked and Unapproved Leads', 'Stale Leads']);
		expect(listed.body.custom_views[0]).toMatchObject({ id: '3652397000000538003', name: 'Junk Leads', system_defined: false });
		expect(listed.body.info).toMatchObject({ count: 5, more_records: false, default: '3652397000000538007' });
		expect((await call('/crm/v8/settings/custom_views?module=Events', token)).body.custom_views).toHaveLength(1);
		expect(await call('/crm/v8/settings/custom_views', token)).toMatchObject({ status: 400, body: { code: 'REQUIRED_PARAM_MISSING' } });
		expect(await call('/crm/v8/settings/custom_views?module=Nope', token)).toMatchObject({ status: 400, body: { code: 'INVALID_MODULE' } });
		expect(await call('/crm/v8/settings/custom_views?module=Leads', await readToken())).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});
});

describe('many orgs', () => {
	it('each org has its own client, jobs and records', async () => {
		await open({ orgs: 3 });
		expect(new Set(sandbox.orgs.map((org) => org.clientId)).size).toBe(3);
		const asOrg = async (index: number) => {
			const { clientId, clientSecret } = sandbox.orgs[index];
			const credential = await connectCredential(sandbox, { clientId, clientSecret, allowStartingMassDeletes: true });
			return { credential, token: String(credential.stored.oauthTokenData.access_token) };
		};
		const one = await asOrg(1);
		const two = await asOrg(2);
		// one mass delete at a time per org, not per sandbox
		const jobOne = await startMassDelete(sandbox, one.credential, 'Leads', '3652397000000538005');
		const jobTwo = await startMassDelete(sandbox, two.credential, 'Leads', '3652397000000538005');
		expect(jobOne).not.toBe(jobTwo);
		expect(sandbox.orgs[1].jobs.has(jobOne) && sandbox.orgs[2].jobs.has(jobTwo)).toBe(true);
		// a job is found only in its own org
		expect((await call(`/crm/v8/Leads/actions/mass_delete?job_id=${jobOne}`, two.token)).status).toBe(400);
		expect((await call(`/crm/v8/Leads/actions/mass_delete?job_id=${jobOne}`, one.token)).status).toBe(200);
		const [id] = sandbox.orgs[1].records.sampleIds('Leads', 1);
		await call('/crm/v8/Leads/actions/mass_delete', one.token, { method: 'POST', body: JSON.stringify({ ids: [id] }) });
		expect(sandbox.orgs[1].records.exists('Leads', id)).toBe(false);
		expect(sandbox.orgs[2].records.exists('Leads', id)).toBe(true);
	});
});

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

	it('by IDs deletes records that exist, once: unknown, deleted, locked and unapproved IDs get Zoho\'s per-record errors', async () => {
		await open();
		const token = String((await connectCredential(sandbox, { allowStartingMassDeletes: true })).stored.oauthTokenData.access_token);
		const post = (body: unknown) => call('/crm/v8/Leads/actions/mass_delete', token, { method: 'POST', body: JSON.stringify(body) });
		const [first, second] = sandbox.records.sampleIds('Leads', 2);
		const [locked, unapproved] = sandbox.records.refusedIds('Leads');
		const before = sandbox.records.liveCount('Leads');

		const mixed = await post({ ids: [first, '3652397000006064023', locked, unapproved] });
		expect(mixed.status).toBe(207);
		expect(mixed.body.data).toEqual([
			{ code: 'SUCCESS', details: { id: first }, message: 'record is deleted', status: 'success' },
			{ code: 'INVALID_DATA', details: { id: '3652397000006064023' }, message: 'the id given seems to be invalid', status: 'error' },
			{ code: 'INVALID_DATA', details: { id: locked }, message: 'Record locked or invalid permissions', status: 'error' },
			{ code: 'NOT_APPROVED', details: { id: unapproved }, message: 'record not approved', status: 'error' },
		]);
		expect(sandbox.records.exists('Leads', first)).toBe(false);
		expect(sandbox.records.liveCount('Leads')).toBe(before - 1);
		// a deleted record is gone: deleting it again is an unknown ID; all failing is HTTP 400
		expect(await post({ ids: [first] })).toMatchObject({ status: 400, body: { data: [{ code: 'INVALID_DATA', details: { id: first } }] } });
		expect(await post({ ids: [second] })).toMatchObject({ status: 200, body: { data: [{ code: 'SUCCESS' }] } });
		// a Leads ID is not a Contacts record
		const contacts = await call('/crm/v8/Contacts/actions/mass_delete', token, { method: 'POST', body: JSON.stringify({ ids: sandbox.records.sampleIds('Leads', 1, 'other') }) });
		expect(contacts.body.data[0].code).toBe('INVALID_DATA');

		expect((await post({ ids: Array.from({ length: 501 }, (_, i) => String(i + 1)) })).status).toBe(400);
		expect(await post({})).toMatchObject({ status: 400, body: { code: 'MANDATORY_NOT_FOUND' } });
		expect(await post({ cvid: '999' })).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { api_name: 'cvid' } } });
	});

	it('a finished mass delete removes its view\'s records; the next job of that view finds only what is left', async () => {
		await open({ deleteRecordsPerSecond: 100 });
		const credential = await connectCredential(sandbox, { allowStartingMassDeletes: true });
		const token = String(credential.stored.oauthTokenData.access_token);
		const [lockedAndUnapproved, junk] = ['3652397000000538009', '3652397000000538003'];
		const junkIds = sandbox.records.sampleIds('Leads', 9, 'junk');
		const before = sandbox.records.liveCount('Leads');

		const jobId = await startMassDelete(sandbox, credential, 'Leads', junk);
		expect(sandbox.jobs.get(jobId)).toMatchObject({ total: 9, cvid: junk });
		// while it runs the records are still there, and Zoho takes no second job
		expect(sandbox.records.exists('Leads', junkIds[8])).toBe(true);
		sandbox.clock.advance(1_000);
		const status = await call(`/crm/v8/Leads/actions/mass_delete?job_id=${jobId}`, token);
		expect(status.body.data[0]).toEqual({ Status: 'COMPLETED', Total_Count: 9, Deleted_Count: 9, Failed_Count: 0 });
		expect(junkIds.some((id) => sandbox.records.exists('Leads', id))).toBe(false);
		expect(sandbox.records.liveCount('Leads')).toBe(before - 9);

		const again = await startMassDelete(sandbox, credential, 'Leads', junk);
		expect(sandbox.jobs.get(again)).toMatchObject({ total: 0 });
		// records Zoho refuses stay, and count as failed
		const refusing = await startMassDelete(sandbox, credential, 'Leads', lockedAndUnapproved);
		sandbox.clock.advance(1_000);
		const refused = await call(`/crm/v8/Leads/actions/mass_delete?job_id=${refusing}`, token);
		expect(refused.body.data[0]).toEqual({ Status: 'COMPLETED', Total_Count: 6, Deleted_Count: 0, Failed_Count: 6 });
		expect(sandbox.records.liveCount('Leads')).toBe(before - 9);
	});

	it('takes a territory, and refuses a malformed one', async () => {
		await open();
		const token = String((await connectCredential(sandbox, { allowStartingMassDeletes: true })).stored.oauthTokenData.access_token);
		const post = (body: unknown) => call('/crm/v8/Leads/actions/mass_delete', token, { method: 'POST', body: JSON.stringify(body) });
		expect(await post({ cvid: '3652397000000538003', territory: { id: 'x' } })).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { api_name: 'territory' } } });
		expect(await post({ cvid: '3652397000000538003', territory: { id: '3652397000000321001', include_child: true } })).toMatchObject({ status: 200, body: { data: [{ code: 'SUCCESS' }] } });
	});

	it('refuses the cvid form below the Enterprise edition, while IDs still work', async () => {
		await open({ edition: 'professional' });
		const token = String((await connectCredential(sandbox, { allowStartingMassDeletes: true })).stored.oauthTokenData.access_token);
		const post = (body: unknown) => call('/crm/v8/Leads/actions/mass_delete', token, { method: 'POST', body: JSON.stringify(body) });
		expect(await post({ cvid: '3652397000000538003' })).toMatchObject({ status: 400, body: { code: 'NOT_SUPPORTED', details: { api_name: 'cvid' } } });
		expect(await post({ ids: sandbox.records.sampleIds('Leads', 1) })).toMatchObject({ status: 200 });
	});

	it('needs ZohoCRM.mass_delete.DELETE', async () => {
		await open();
		const result = await call('/crm/v8/Leads/actions/mass_delete', await readToken(), { method: 'POST', body: JSON.stringify({ cvid: '3652397000000538003' }) });
		expect(result).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});
});

describe('record count', () => {
	it('counts a custom view\'s live records (a number, or text as the OpenAPI spec types it); none is 204', async () => {
		await open();
		const token = await readToken({ allowStartingMassDeletes: true });
		expect(await call('/crm/v8/Leads/actions/count?cvid=3652397000000538005', token)).toMatchObject({ status: 200, body: { count: 5_000 } });
		// by IDs, two of the nine junk leads are deleted: the count follows
		sandbox.records.deleteIds('Leads', sandbox.records.sampleIds('Leads', 2, 'junk'));
		expect((await call('/crm/v8/Leads/actions/count?cvid=3652397000000538003', token)).body).toEqual({ count: 7 });
		sandbox.records.deleteIds('Leads', sandbox.records.sampleIds('Leads', 7, 'junk'));
		expect(await call('/crm/v8/Leads/actions/count?cvid=3652397000000538003', token)).toMatchObject({ status: 204, body: undefined });
		expect(await call('/crm/v8/Contacts/actions/count?cvid=3652397000000538005', token)).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { param_name: 'cvid' } } });
		await sandbox.close();
		await open({ countAs: 'string' });
		expect((await call('/crm/v8/Leads/actions/count?cvid=3652397000000538005', await readToken({ allowStartingMassDeletes: true }))).body).toEqual({ count: '5000' });
	});

	it('needs a module READ scope', async () => {
		await open();
		expect(await call('/crm/v8/Leads/actions/count?cvid=3652397000000538005', await readToken())).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});
});

describe('fields', () => {
	it('lists a module\'s fields with their types, picklist values and lookups; needs ZohoCRM.settings.fields.READ', async () => {
		await open();
		const { status, body } = await call('/crm/v8/settings/fields?module=Leads', await readToken({ allowStartingMassDeletes: true }));
		expect(status).toBe(200);
		const byName: Record<string, Json> = Object.fromEntries((body.fields as Json[]).map((field) => [field.api_name, field]));
		expect(Object.fromEntries(Object.entries(byName).map(([name, field]) => [name, field.data_type]))).toMatchObject({
			Last_Name: 'text',
			Lead_Status: 'picklist',
			Preferred_Channels: 'multiselectpicklist',
			Annual_Revenue: 'currency',
			No_of_Employees: 'integer',
			Email_Opt_Out: 'boolean',
			Created_Time: 'datetime',
			Follow_Up_Date: 'date',
			Owner: 'ownerlookup',
		});
		expect((byName.Lead_Status.pick_list_values as Json[]).map((value) => value.actual_value)).toContain('Junk Lead');
		expect(byName.Tax_ID.crypt).not.toBeNull();
		expect(byName.Last_Name.crypt).toBeNull();
		const contacts = await call('/crm/v8/settings/fields?module=Contacts', await readToken({ allowStartingMassDeletes: true }));
		expect((contacts.body.fields as Json[]).find((field) => field.api_name === 'Account_Name')).toMatchObject({ data_type: 'lookup', lookup: { module: { api_name: 'Accounts' } } });
		expect(await call('/crm/v8/settings/fields?module=Nope', await readToken({ allowStartingMassDeletes: true }))).toMatchObject({ status: 400, body: { code: 'INVALID_MODULE' } });
		expect(await call('/crm/v8/settings/fields?module=Leads', await readToken())).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});
});

describe('COQL', () => {
	const query = async (select_query: string, settings: Json = { allowStartingMassDeletes: true }) =>
		await call('/crm/v8/coql', await readToken(settings), { method: 'POST', body: JSON.stringify({ select_query }) });

	it('selects fields of the records that match, ordered by ID, in pages with more_records; a lookup as {name, id}', async () => {
		await open();
		const first = await query("select Full_Name, Owner, Lead_Status from Leads where Lead_Status = 'Junk Lead' order by id asc limit 10");
		expect(first.status).toBe(200);
		expect(first.body.info).toEqual({ count: 10, more_records: true });
		const ids = (first.body.data as Json[]).map((record) => String(record.id));
		expect(ids).toEqual([...ids].sort());
		expect(first.body.data[0]).toEqual({ Full_Name: 'Lead junk-1', Owner: { name: 'Sandbox Colleague', id: sandbox.orgs[0].users.colleague.id }, Lead_Status: 'Junk Lead', id: ids[0] });
		const second = await query("select id from Leads where Lead_Status = 'Junk Lead' order by id asc limit 10 offset 10");
		// 9 junk, 3 locked and 3 unapproved leads are Junk Leads
		expect(second.body.info).toEqual({ count: 5, more_records: false });
		expect(await query("select id from Leads where Lead_Status = 'No Such Status'")).toMatchObject({ status: 204, body: undefined });
	});

	it('compares each field type as Zoho documents: text, like, numbers, dates, date-times with offsets, booleans, lookups, in, between, null', async () => {
		await open();
		const count = async (where: string) => {
			let total = 0;
			for (let offset = 0; ; offset += 2_000) {
				const { status, body } = await query(`select id from Leads where ${where} order by id asc limit 2000 offset ${offset}`);
				if (status === 204) return total;
				expect(status).toBe(200);
				total += body.data.length;
				if (!body.info.more_records) return total;
			}
		};
		expect(await count("(Lead_Source = 'Trade Show' and No_of_Employees <= 4321)")).toBe(4_321);
		expect(await count("Lead_Source = 'Trade Show' and No_of_Employees between 10 and 19")).toBe(10);
		expect(await count("(Lead_Source = 'Trade Show' and Created_Time < '2019-01-01T01:00:00+00:00')")).toBe(59);
		// the same moment written with another offset
		expect(await count("(Lead_Source = 'Trade Show' and Created_Time < '2019-01-01T06:30:00+05:30')")).toBe(59);
		expect(await count("(Lead_Source = 'Trade Show' and Follow_Up_Date = '2025-01-02')")).toBe(14);
		expect(await count("(Lead_Status = 'Junk Lead' and Email_Opt_Out = 'true')")).toBe(2);
		expect(await count("(Lead_Status = 'Junk Lead' and Company = 'O''Brien & Sons')")).toBe(4);
		expect(await count("(Lead_Status = 'Junk Lead' and Email like 'junk.%')")).toBe(9);
		expect(await count(`(Lead_Status = 'Junk Lead' and Owner = '${sandbox.orgs[0].users.admin.id}')`)).toBe(6);
		expect(await count("Lead_Status in ('Junk Lead', 'Not Contacted')")).toBe(5_015);
		expect(await count("(Lead_Status = 'Junk Lead' and Description is not null)")).toBe(15);
		expect(await count("(Lead_Status = 'Junk Lead' and Tax_ID is null)")).toBe(0);
		expect(await count('id is not null')).toBe(50_000);
	});

	it('refuses what Zoho refuses, with its codes and details', async () => {
		await open();
		const refused = async (text: string) => (await query(text)).body;
		expect(await refused('select id from Leads')).toMatchObject({ code: 'SYNTAX_ERROR', details: { clause: 'where' }, message: 'missing clause' });
		// more than two criteria only in bracketed pairs
		expect(await refused("select id from Leads where Last_Name = 'a' and First_Name = 'b' and Email is null")).toMatchObject({ code: 'SYNTAX_ERROR' });
		expect((await query("select id from Leads where ((Last_Name = 'a' and First_Name = 'b') and Email is null)")).status).toBe(204);
		expect(await refused("select id from Leads where Last_Name = 'a")).toMatchObject({ code: 'SYNTAX_ERROR', details: { line: 1, column: expect.any(Number), near: expect.any(String) } });
		expect(await refused('select id from Leads where not (Last_Name is null)')).toMatchObject({ code: 'SYNTAX_ERROR', details: { operator: 'not' } });
		expect(await refused("select id from Leads where Nope = 'x'")).toMatchObject({ code: 'INVALID_QUERY', details: { column_name: 'Nope' } });
		expect(await refused("select id from Leads where Email_Opt_Out != 'true'")).toMatchObject({ code: 'INVALID_QUERY', details: { reason: 'invalid operator found', column_name: 'Email_Opt_Out', operator: '!=' } });
		expect(await refused("select id from Leads where Last_Name > 'a'")).toMatchObject({ code: 'INVALID_QUERY', details: { reason: 'invalid operator found' } });
		expect(await refused("select id from Leads where Annual_Revenue = 'lots'")).toMatchObject({ code: 'INVALID_QUERY', details: { column_name: 'Annual_Revenue' } });
		expect(await refused("select id from Leads where Tax_ID = 'TX1'")).toMatchObject({ code: 'INVALID_QUERY', details: { column_name: 'Tax_ID' } });
		expect(await refused('select id from Leads where id is not null limit 2001')).toMatchObject({ code: 'LIMIT_EXCEEDED' });
		expect(await refused('select id from Leads where id is not null limit 0')).toMatchObject({ code: 'INVALID_DATA' });
		expect(await refused('select id from Leads where id is not null limit 2000 offset 98001')).toMatchObject({ code: 'LIMIT_EXCEEDED', message: 'Max records limit exceeded' });
		expect(await refused('select id from Nope where id is not null')).toMatchObject({ code: 'INVALID_QUERY', details: { module: 'Nope' } });
		expect(await refused('delete from Leads where id is not null')).toMatchObject({ code: 'SYNTAX_ERROR' });
		expect(await refused("select id from Leads where Last_Name = 'a'; select id from Leads where id is not null")).toMatchObject({ code: 'SYNTAX_ERROR' });
		expect(await refused('select COUNT(Last_Name) from Leads where id is not null')).toMatchObject({ code: 'INVALID_DATA' });
		expect(await refused(`select id from Leads where Lead_Status in (${Array.from({ length: 101 }, (_, index) => `'s${index}'`).join(', ')})`)).toMatchObject({ code: 'LIMIT_EXCEEDED' });
		expect(await query('select id from Leads where id is not null', {})).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});

	it('aggregates as documented, reads a custom view with FROM Module#cvid, and a deleted record matches no more', async () => {
		await open();
		const counted = await query("select COUNT(Lead_Status), Lead_Source from Leads where Lead_Status = 'Not Contacted' group by Lead_Source");
		expect(counted.body.data).toEqual([{ 'COUNT(Lead_Status)': 5_000, Lead_Source: 'Trade Show' }]);
		const view = await query('select id from Leads#3652397000000538003 where id is not null');
		expect(view.body.info).toEqual({ count: 9, more_records: false });
		expect(await query('select id from Leads#3652397000000999999 where id is not null')).toMatchObject({ status: 400, body: { code: 'INVALID_QUERY', details: { cvid: '3652397000000999999' } } });
		sandbox.records.deleteIds('Leads', sandbox.records.sampleIds('Leads', 2, 'junk'));
		expect((await query('select id from Leads#3652397000000538003 where id is not null')).body.info.count).toBe(7);
	});

	it("answers \"id > '…'\" as a comparison, or, playing what no Zoho page rules out, ignores or refuses it", async () => {
		await open();
		const [first, third] = [sandbox.records.sampleIds('Leads', 3, 'junk')[0], sandbox.records.sampleIds('Leads', 3, 'junk')[2]];
		const after = `select id from Leads where (Lead_Status = 'Junk Lead' and id > '${third}') limit 200`;
		expect((await query(after)).body.data.map((record: Json) => record.id)).not.toContain(first);
		await sandbox.close();
		await open({ coqlIdRange: 'ignored' });
		expect((await query(after)).body.data.map((record: Json) => record.id)).toContain(first);
		await sandbox.close();
		await open({ coqlIdRange: 'refused' });
		expect((await query(after)).body).toMatchObject({ code: 'INVALID_QUERY', details: { column_name: 'id', operator: '>' } });
	});
});

describe('users', () => {
	it('names the connected user (CurrentUser), and needs ZohoCRM.users.READ', async () => {
		await open();
		const current = await call('/crm/v8/users?type=CurrentUser', await readToken({ allowRestoringFromRecycleBin: true }));
		expect(current.body.users).toEqual([expect.objectContaining({ id: sandbox.orgs[0].users.admin.id, full_name: 'Sandbox Admin' })]);
		expect(current.body.users[0].id).toMatch(/^\d{19}$/);
		expect(await call('/crm/v8/users?type=CurrentUser', await readToken())).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});
});

describe('recycle bin', () => {
	const filters = (...group: unknown[]) => encodeURIComponent(JSON.stringify({ group_operator: 'AND', group }));
	const moduleIs = (module: string) => ({ field: { api_name: 'module' }, comparator: 'equal', value: module });

	it('a deleted record goes to the bin with its deleted_time, deleted_by and owner, as Zoho lists it', async () => {
		await open();
		const token = await readToken({ allowRestoringFromRecycleBin: true });
		const [id] = sandbox.records.sampleIds('Leads', 1, 'junk');
		sandbox.records.deleteIds('Leads', [id]);
		const listed = await call('/crm/v8/settings/recycle_bin', token);
		const admin = sandbox.orgs[0].users.admin;
		expect(listed).toMatchObject({ status: 200, body: { info: { per_page: 200, count: 1, page: 1, more_records: false } } });
		expect(listed.body.recycle_bin).toEqual([
			{
				display_name: 'Lead junk-1',
				deleted_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
				owner: { name: admin.full_name, id: admin.id },
				module: { api_name: 'Leads', id: expect.stringMatching(/^\d{19}$/) },
				deleted_by: { name: admin.full_name, id: admin.id },
				id,
			},
		]);
		expect(await call(`/crm/v8/settings/recycle_bin/${id}`, token)).toMatchObject({ status: 200, body: { recycle_bin: [{ id }] } });
		expect(await call('/crm/v8/settings/recycle_bin', await readToken())).toMatchObject({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH' } });
	});

	it('lists in pages of at most 200, filtered by module, deleted_by and deleted_time, sorted; an empty bin is 204', async () => {
		await open();
		const token = await readToken({ allowRestoringFromRecycleBin: true });
		expect((await call('/crm/v8/settings/recycle_bin', token)).status).toBe(204);
		const { admin, colleague } = sandbox.orgs[0].users;
		const leads = sandbox.records.sampleIds('Leads', 450, 'other');
		sandbox.records.deleteIds('Leads', leads.slice(0, 250));
		sandbox.clock.advance(60_000);
		const between = sandbox.clock.now();
		sandbox.clock.advance(60_000);
		sandbox.records.deleteIds('Leads', leads.slice(250, 400));
		sandbox.records.deleteIds('Leads', leads.slice(400), colleague);
		sandbox.records.deleteIds('Contacts', sandbox.records.sampleIds('Contacts', 5, 'other'));

		const page = async (query: string) => (await call(`/crm/v8/settings/recycle_bin?${query}`, token)).body;
		const first = await page(`filters=${filters(moduleIs('Leads'))}`);
		expect(first.recycle_bin).toHaveLength(200);
		expect(first.info).toEqual({ per_page: 200, count: 200, page: 1, more_records: true });
		const third = await page(`filters=${filters(moduleIs('Leads'))}&page=3`);
		expect(third.info).toEqual({ per_page: 200, count: 50, page: 3, more_records: false });
		// newest first by default: the colleague's and the later ones lead
		expect(Date.parse(first.recycle_bin[0].deleted_time)).toBeGreaterThan(between);

		const byAdmin = await page(`filters=${filters(moduleIs('Leads'), { field: { api_name: 'deleted_by' }, comparator: 'equal', value: admin.id })}&per_page=200&page=2`);
		expect(byAdmin.info).toMatchObject({ count: 200, more_records: false });
		expect(byAdmin.recycle_bin.every((entry: Json) => (entry.deleted_by as Json).id === admin.id)).toBe(true);
		const later = await page(`filters=${filters(moduleIs('Leads'), { field: { api_name: 'deleted_time' }, comparator: 'greater_than', value: new Date(between).toISOString() })}`);
		expect(later.info.count).toBe(200);
		const earlier = await page(`filters=${filters({ field: { api_name: 'deleted_time' }, comparator: 'less_than', value: new Date(between).toISOString() })}&sort_order=asc`);
		expect(earlier.info).toMatchObject({ count: 200, more_records: true });
		expect(earlier.recycle_bin[0].id).toBe(leads[0]);
		const named = await page('sort_by=display_name&sort_order=asc&per_page=3');
		expect(named.recycle_bin.map((entry: Json) => entry.display_name)).toEqual([...named.recycle_bin.map((entry: Json) => entry.display_name)].sort());

		expect(await call('/crm/v8/settings/recycle_bin?per_page=201', token)).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { param_name: 'per_page' } } });
		expect(await call(`/crm/v8/settings/recycle_bin?filters=${filters({ field: { api_name: 'owner' }, comparator: 'equal', value: 'x' })}`, token)).toMatchObject({ status: 400, body: { code: 'INVALID_DATA' } });
	});

	it('restores up to 200 IDs at once: per-record answers, 207 when some are not in the bin; the records are back', async () => {
		await open();
		const token = await readToken({ allowRestoringFromRecycleBin: true });
		const post = (body: unknown) => call('/crm/v8/settings/recycle_bin/actions/restore', token, { method: 'POST', body: JSON.stringify(body) });
		const ids = sandbox.records.sampleIds('Leads', 3, 'junk');
		sandbox.records.deleteIds('Leads', ids);
		const restored = await post({ ids: ids.slice(0, 2) });
		expect(restored).toEqual(expect.objectContaining({ status: 200, body: { recycle_bin: ids.slice(0, 2).map((id) => ({ code: 'SUCCESS', details: { id }, message: 'record restored', status: 'success' })) } }));
		expect(sandbox.records.exists('Leads', ids[0])).toBe(true);
		const mixed = await post({ ids: [ids[2], ids[0]] });
		expect(mixed.status).toBe(207);
		expect(mixed.body.recycle_bin[1]).toEqual({ code: 'INVALID_DATA', details: { id: ids[0] }, message: 'the id given seems to be invalid', status: 'error' });
		expect((await post({ ids: Array.from({ length: 201 }, (_, i) => String(i + 1)) })).body).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'ids' } });
		expect(await post({})).toMatchObject({ status: 400, body: { code: 'EXPECTED_PARAM_MISSING' } });
		expect(await post({ ids: [ids[0]], restore_all_records: true })).toMatchObject({ status: 400, body: { code: 'AMBIGUITY_DURING_PROCESSING' } });
		expect(await call('/crm/v8/settings/recycle_bin/actions/restore', await readToken(), { method: 'POST', body: JSON.stringify({ ids }) })).toMatchObject({ status: 401 });
	});

	it('schedules a restore above 1,000 records with notes and attachments, and always by filters; the records come back over time', async () => {
		await open();
		const token = await readToken({ allowRestoringFromRecycleBin: true });
		const post = (body: unknown) => call('/crm/v8/settings/recycle_bin/actions/restore', token, { method: 'POST', body: JSON.stringify(body) });
		// 200 bounced contacts with 5 notes and attachments each: 1,200 records
		const contacts = sandbox.records.sampleIds('Contacts', 200, 'bounced');
		sandbox.records.deleteIds('Contacts', contacts);
		const scheduled = await post({ ids: contacts });
		expect(scheduled.status).toBe(202);
		expect(scheduled.body.recycle_bin[0]).toEqual({ code: 'SCHEDULED', details: { id: contacts[0] }, message: 'record has been scheduled for restoration', status: 'success' });
		expect(sandbox.records.exists('Contacts', contacts[0])).toBe(false);
		sandbox.clock.advance(60_000);
		expect(contacts.every((id) => sandbox.records.exists('Contacts', id))).toBe(true);

		const leads = sandbox.records.sampleIds('Leads', 3, 'junk');
		sandbox.records.deleteIds('Leads', leads);
		sandbox.records.deleteIds('Contacts', contacts.slice(0, 1));
		const byFilter = await post({ filters: { group_operator: 'AND', group: [moduleIs('Leads')] } });
		expect(byFilter).toMatchObject({ status: 202, body: { recycle_bin: [{ code: 'SCHEDULED', details: {}, status: 'success' }] } });
		sandbox.clock.advance(10_000);
		expect(leads.every((id) => sandbox.records.exists('Leads', id))).toBe(true);
		expect(sandbox.records.exists('Contacts', contacts[0])).toBe(false);
	});

	it('a mass delete\'s records enter the bin as the job reaches them, by the user who started it', async () => {
		await open({ deleteRecordsPerSecond: 100 });
		const credential = await connectCredential(sandbox, { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true });
		const token = String(credential.stored.oauthTokenData.access_token);
		const startedAt = sandbox.clock.now();
		const jobId = await startMassDelete(sandbox, credential, 'Leads', '3652397000000538005');
		sandbox.clock.advance(60_000);
		await call(`/crm/v8/Leads/actions/mass_delete?job_id=${jobId}`, token);
		const entries = sandbox.records.binEntries();
		expect(entries).toHaveLength(5_000);
		expect(entries[0].deletedAt).toBeGreaterThan(startedAt);
		expect(entries[4_999].deletedAt).toBe(startedAt + 50_000);
		expect(new Set(entries.map((entry) => entry.deletedBy.id))).toEqual(new Set([sandbox.orgs[0].users.admin.id]));
	});

	it('keeps deleted records 60 days, then they are gone for good', async () => {
		await open();
		const [id] = sandbox.records.sampleIds('Leads', 1, 'junk');
		sandbox.records.deleteIds('Leads', [id]);
		sandbox.clock.advance(59 * 24 * 3600_000);
		expect(sandbox.records.binEntry(id)).toBeDefined();
		sandbox.clock.advance(2 * 24 * 3600_000);
		const token = await readToken({ allowRestoringFromRecycleBin: true });
		expect((await call('/crm/v8/settings/recycle_bin', token)).status).toBe(204);
		expect((await call('/crm/v8/settings/recycle_bin/actions/restore', token, { method: 'POST', body: JSON.stringify({ ids: [id] }) })).status).toBe(400);
		expect(sandbox.records.exists('Leads', id)).toBe(false);
	});

	it('serves the permanent deletes faithfully, with their own scope, and counts them', async () => {
		await open();
		const [id] = sandbox.records.sampleIds('Leads', 1, 'junk');
		sandbox.records.deleteIds('Leads', [id]);
		expect(await call(`/crm/v8/settings/recycle_bin/${id}`, await readToken({ allowRestoringFromRecycleBin: true }), { method: 'DELETE' })).toMatchObject({ status: 401 });
		expect(sandbox.stats.permanentDeletes).toBe(0);
		sandbox.records.purge([id]);
		expect(sandbox.records.binEntry(id)).toBeUndefined();
	});
});

describe('recycle bin: what Zoho leaves open', () => {
	const listFilter = (value: unknown) =>
		encodeURIComponent(JSON.stringify({ group_operator: 'AND', group: [{ field: { api_name: 'deleted_by' }, comparator: 'equal', value }] }));

	it.each([
		['id', (admin: Json) => admin.id, 3],
		['name', (admin: Json) => admin.full_name, 3],
		['objects', (admin: Json) => [{ id: admin.id, name: admin.full_name }], 3],
		['ignored', (admin: Json) => admin.id, 5],
	] as const)('a deleted_by filter read as %s', async (deletedByReading, valueOf, expected) => {
		await open({ deletedByReading });
		const token = await readToken({ allowRestoringFromRecycleBin: true });
		const { admin, colleague } = sandbox.orgs[0].users;
		const ids = sandbox.records.sampleIds('Leads', 5, 'junk');
		sandbox.records.deleteIds('Leads', ids.slice(0, 3));
		sandbox.records.deleteIds('Leads', ids.slice(3), colleague);
		const listed = await call(`/crm/v8/settings/recycle_bin?filters=${listFilter(valueOf(admin as unknown as Json))}`, token);
		expect(listed.body.recycle_bin).toHaveLength(expected);
	});

	it('a deleted_by filter refused, while the same list without it answers', async () => {
		await open({ deletedByReading: 'refused' });
		const token = await readToken({ allowRestoringFromRecycleBin: true });
		sandbox.records.deleteIds('Leads', sandbox.records.sampleIds('Leads', 1, 'junk'));
		expect(await call(`/crm/v8/settings/recycle_bin?filters=${listFilter(sandbox.orgs[0].users.admin.id)}`, token)).toMatchObject({ status: 400, body: { code: 'INVALID_DATA', details: { api_name: 'deleted_by' } } });
		expect((await call('/crm/v8/settings/recycle_bin', token)).status).toBe(200);
	});

	it('lists by ids (the documented way to see which are still in the bin), and can answer a restore at the top level', async () => {
		await open({ restoreReply: 'topLevel' });
		const token = await readToken({ allowRestoringFromRecycleBin: true });
		const ids = sandbox.records.sampleIds('Leads', 3, 'junk');
		sandbox.records.deleteIds('Leads', ids);
		const listed = await call(`/crm/v8/settings/recycle_bin?ids=${ids[0]},${ids[2]},3652397000000000001`, token);
		expect(listed.body.recycle_bin.map((entry: Json) => entry.id).sort()).toEqual([ids[0], ids[2]]);
		const restored = await call('/crm/v8/settings/recycle_bin/actions/restore', token, { method: 'POST', body: JSON.stringify({ ids }) });
		expect(restored).toMatchObject({ status: 200, body: { code: 'SUCCESS', details: {}, message: 'record restored', status: 'success' } });
		expect(await call(`/crm/v8/settings/recycle_bin?ids=${ids.join(',')}`, token)).toMatchObject({ status: 204 });
	});
});

describe('Bulk Read', () => {
	const create = async (token: string, query: Json, contentType = 'application/json') =>
		await fetch(`${sandbox.origin}/crm/bulk/v8/read`, { method: 'POST', headers: { authorization: `Zoho-oauthtoken ${token}`, 'content-type': contentType }, body: JSON.stringify({ query, file_type: 'csv' }) });

	it('reads a custom view into a zip of one CSV, through ADDED, QUEUED and IN PROGRESS to COMPLETED', async () => {
		await open();
		const token = await readToken({ allowStartingMassDeletes: true, allowBackupsBeforeDeletes: true });
		const created = await create(token, { module: { api_name: 'Leads' }, cvid: '3652397000000538003', fields: ['Full_Name', 'Owner'] });
		expect(created.status).toBe(201);
		const { details } = ((await created.json()) as { data: Json[] }).data[0] as { details: Json };
		expect(details).toMatchObject({ operation: 'read', state: 'ADDED', id: expect.stringMatching(/^\d{19}$/) });
		const status = async () => ((await call(`/crm/bulk/v8/read/${details.id}`, token)).body.data[0] as Json);
		expect((await call(`/crm/bulk/v8/read/${details.id}/result`, token)).body).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
		const states = [(await status()).state];
		for (const step of [1_000, 1_000, 1_000]) {
			sandbox.clock.advance(step);
			states.push((await status()).state);
		}
		expect(states).toEqual(['ADDED', 'QUEUED', 'IN PROGRESS', 'COMPLETED']);
		expect((await status()).result).toEqual({ page: 1, per_page: 200_000, count: 9, download_url: `/crm/bulk/v8/read/${details.id}/result`, more_records: false });
		const zip = await fetch(`${sandbox.origin}/crm/bulk/v8/read/${details.id}/result`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
		expect(zip.headers.get('content-type')).toBe('application/zip');
		const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
		expect(Object.keys(files)).toEqual([`${details.id}.csv`]);
		const lines = strFromU8(files[`${details.id}.csv`]).trim().split('\r\n');
		expect(lines[0]).toBe('id,Full_Name,Owner');
		expect(lines).toHaveLength(10);
		expect(lines[1]).toBe(`${sandbox.records.sampleIds('Leads', 1, 'junk')[0]},Lead junk-1,${sandbox.orgs[0].users.colleague.id}`);
	});

	it('every field when none is asked for; FAILURE when the job fails; its limits and errors', async () => {
		await open();
		const token = await readToken({ allowStartingMassDeletes: true, allowBackupsBeforeDeletes: true });
		const all = (await (await create(token, { module: { api_name: 'Vehicles' }, cvid: '3652397000000538017' })).json()) as { data: Array<{ details: Json }> };
		sandbox.clock.advance(10_000);
		const done = (await call(`/crm/bulk/v8/read/${all.data[0].details.id}`, token)).body.data[0];
		expect(done).toMatchObject({ state: 'COMPLETED', result: { count: 300 } });
		sandbox.bulkRead.fail = true;
		const failing = (await (await create(token, { module: { api_name: 'Leads' }, cvid: '3652397000000538003' })).json()) as { data: Array<{ details: Json }> };
		sandbox.clock.advance(10_000);
		expect((await call(`/crm/bulk/v8/read/${failing.data[0].details.id}`, token)).body.data[0]).toMatchObject({ state: 'FAILURE', result: { error_message: { status: 'error' } } });
		expect((await create(token, { module: { api_name: 'Leads' } }, 'text/plain')).status).toBe(415);
		expect(await (await create(token, { module: { api_name: 'Leads' }, fields: ['Nope'] })).json()).toMatchObject({ code: 'FIELD_NOT_SUPPORTED' });
		expect(await call('/crm/bulk/v8/read/3652397000000000001', token)).toMatchObject({ status: 404, body: { code: 'RESOURCE_NOT_FOUND', details: { resource: '3652397000000000001' } } });
		expect((await create(await readToken({ allowStartingMassDeletes: true }), { module: { api_name: 'Leads' } })).status).toBe(401);
	});

	it('downloads: 10 a minute, then 429 until the minute has passed', async () => {
		await open();
		const token = await readToken({ allowStartingMassDeletes: true, allowBackupsBeforeDeletes: true });
		const job = (await (await create(token, { module: { api_name: 'Leads' }, cvid: '3652397000000538003' })).json()) as { data: Array<{ details: Json }> };
		sandbox.clock.advance(10_000);
		const download = async () => (await fetch(`${sandbox.origin}/crm/bulk/v8/read/${job.data[0].details.id}/result`, { headers: { authorization: `Zoho-oauthtoken ${token}` } })).status;
		const statuses = [];
		for (let attempt = 0; attempt < 11; attempt++) statuses.push(await download());
		expect(statuses).toEqual([...Array(10).fill(200), 429]);
		sandbox.clock.advance(61_000);
		expect(await download()).toBe(200);
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
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await response.text()).toMatch(/^<html>/);
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

	it('acted_then_reset does what was asked, then drops the connection', async () => {
		await open();
		const token = String((await connectCredential(sandbox, { allowStartingMassDeletes: true })).stored.oauthTokenData.access_token);
		const [id] = sandbox.records.sampleIds('Leads', 1);
		sandbox.faults.queue('acted_then_reset');
		await expect(call('/crm/v8/Leads/actions/mass_delete', token, { method: 'POST', body: JSON.stringify({ ids: [id] }) })).rejects.toThrow();
		expect(sandbox.records.exists('Leads', id)).toBe(false);
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
