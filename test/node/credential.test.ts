import nock from 'nock';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { ZohoCrmOAuth2Api } from '../../credentials/ZohoCrmOAuth2Api.credentials';
import { WAIT_OPTION_LIMITS } from '../../nodes/ZohoMassDeleteStatus/statusCheckInput';
import { ZohoMassDeleteStatus } from '../../nodes/ZohoMassDeleteStatus/ZohoMassDeleteStatus.node';
import { runStatusNode, statusNode } from '../harness/engine';
import { JOB_ID, statusBody, statusParameters, zohoCredential } from '../harness/fixtures';
import { networkGuard, statusPath } from '../harness/zohoMock';

networkGuard();

// Written out by hand (not imported from the table) so a typo in the table fails here
const DATA_CENTERS = [
	['us', 'https://accounts.zoho.com', 'https://www.zohoapis.com'],
	['eu', 'https://accounts.zoho.eu', 'https://www.zohoapis.eu'],
	['in', 'https://accounts.zoho.in', 'https://www.zohoapis.in'],
	['au', 'https://accounts.zoho.com.au', 'https://www.zohoapis.com.au'],
	['cn', 'https://accounts.zoho.com.cn', 'https://www.zohoapis.com.cn'],
	['jp', 'https://accounts.zoho.jp', 'https://www.zohoapis.jp'],
	['ca', 'https://accounts.zohocloud.ca', 'https://www.zohoapis.ca'],
	['sa', 'https://accounts.zoho.sa', 'https://www.zohoapis.sa'],
	['uk', 'https://accounts.zoho.uk', 'https://www.zohoapis.uk'],
] as const;

function resolvedCredential(stored: Parameters<typeof zohoCredential>[0]) {
	return zohoCredential(stored).resolve();
}

describe('credential', () => {
	const credential = new ZohoCrmOAuth2Api();

	it('is an OAuth2 credential named as the nodes expect', () => {
		expect(credential.name).toBe('zohoCrmOAuth2Api');
		expect(credential.extends).toEqual(['oAuth2Api']);
		const hidden = Object.fromEntries(credential.properties.filter((p) => p.type === 'hidden').map((p) => [p.name, p.default]));
		expect(hidden).toMatchObject({ grantType: 'authorizationCode', authQueryParameters: 'access_type=offline&prompt=consent', authentication: 'body' });
	});

	it('offers every data center and Custom', () => {
		const dataCenter = credential.properties.find((p) => p.name === 'dataCenter')!;
		// the most used first, the rest in alphabetical order of their names
		expect((dataCenter.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['us', 'au', 'ca', 'cn', 'custom', 'eu', 'in', 'jp', 'sa', 'uk']);
		expect(new Set((dataCenter.options as Array<{ value: string }>).map((o) => o.value))).toEqual(new Set([...DATA_CENTERS.map(([key]) => key), 'custom']));
	});

	it.each(DATA_CENTERS)('%s: OAuth URLs come from the data center, even over stored values', (dataCenter, accounts) => {
		const resolved = resolvedCredential({ dataCenter, authUrl: 'https://evil.example/auth', accessTokenUrl: 'https://evil.example/token' } as never);
		expect(resolved.authUrl).toBe(`${accounts}/oauth/v2/auth`);
		expect(resolved.accessTokenUrl).toBe(`${accounts}/oauth/v2/token`);
	});

	it('Custom: OAuth URLs follow the typed accounts server (trailing slash trimmed)', () => {
		const resolved = resolvedCredential({ dataCenter: 'custom', customAccountsServer: ' http://127.0.0.1:4567/ ' } as never);
		expect(resolved.authUrl).toBe('http://127.0.0.1:4567/oauth/v2/auth');
		expect(resolved.accessTokenUrl).toBe('http://127.0.0.1:4567/oauth/v2/token');
	});

	it.each([
		[false, false, 'ZohoCRM.mass_delete.READ,ZohoCRM.settings.modules.READ'],
		[true, false, 'ZohoCRM.mass_delete.READ,ZohoCRM.settings.modules.READ,ZohoCRM.mass_delete.DELETE,ZohoCRM.settings.custom_views.READ,ZohoCRM.modules.READ,ZohoCRM.coql.READ,ZohoCRM.settings.fields.READ,ZohoCRM.settings.territories.READ'],
		[false, true, 'ZohoCRM.mass_delete.READ,ZohoCRM.settings.modules.READ,ZohoCRM.settings.recycle_bin.READ,ZohoCRM.settings.recycle_bin.UPDATE,ZohoCRM.users.READ'],
		[
			true,
			true,
			'ZohoCRM.mass_delete.READ,ZohoCRM.settings.modules.READ,ZohoCRM.mass_delete.DELETE,ZohoCRM.settings.custom_views.READ,ZohoCRM.modules.READ,ZohoCRM.coql.READ,ZohoCRM.settings.fields.READ,ZohoCRM.settings.territories.READ,ZohoCRM.settings.recycle_bin.READ,ZohoCRM.settings.recycle_bin.UPDATE,ZohoCRM.users.READ',
		],
	])('scopes are least privilege (allow starting mass deletes: %s, restoring from the recycle bin: %s)', (allowStart, allowRestore, scope) => {
		expect(resolvedCredential({ allowStartingMassDeletes: allowStart, allowRestoringFromRecycleBin: allowRestore } as never).scope).toBe(scope);
	});

	it('backups add only ZohoCRM.bulk.READ, after what the other toggles ask for', () => {
		expect(resolvedCredential({ allowBackupsBeforeDeletes: true } as never).scope).toBe('ZohoCRM.mass_delete.READ,ZohoCRM.settings.modules.READ,ZohoCRM.bulk.READ');
		expect(String(resolvedCredential({ allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true, allowBackupsBeforeDeletes: true } as never).scope)).toMatch(/ZohoCRM\.users\.READ,ZohoCRM\.bulk\.READ$/);
	});

	it('never asks for the recycle bin\'s permanent delete', () => {
		const all = resolvedCredential({ allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true, allowBackupsBeforeDeletes: true } as never).scope;
		expect(String(all)).not.toMatch(/recycle_bin\.(DELETE|ALL)|settings\.ALL|modules\.ALL/i);
	});

	it('links the package\'s own docs on connecting Zoho, and shows a key, not the nodes\' trash can', () => {
		expect(credential.documentationUrl).toBe('https://github.com/n8n-nodes-zoho-crm-mass-delete/n8n-nodes-zoho-crm-mass-delete#connect-zoho-crm');
		expect(credential.icon).toEqual({ light: 'file:../icons/zohoCrmKey.svg', dark: 'file:../icons/zohoCrmKey.dark.svg' });
		expect(JSON.stringify(credential.icon)).not.toMatch(/zohoCrm\.svg|zohoCrm\.dark\.svg/);
	});

	it('the notice names every data center\'s API console, not only the US one', () => {
		const notice = credential.properties.find((p) => p.type === 'notice')!.displayName;
		for (const host of ['api-console.zoho.com', 'api-console.zoho.eu', 'api-console.zoho.in', 'api-console.zoho.com.au', 'api-console.zoho.com.cn', 'api-console.zoho.jp', 'api-console.zohocloud.ca', 'api-console.zoho.sa', 'api-console.zoho.uk']) {
			expect(notice).toContain(host);
		}
	});

	it('"Custom" (a gateway or the test server) and a Zoho sandbox org cannot be read as one thing', () => {
		const names = (name: string) => (credential.properties.find((p) => p.name === name)!.options as Array<{ name: string; value: string }>).map((option) => [option.value, option.name]);
		const custom = names('dataCenter').find(([value]) => value === 'custom')![1];
		const sandbox = names('environment').find(([value]) => value === 'sandbox')![1];
		expect(custom).not.toMatch(/sandbox/i);
		expect(sandbox).toMatch(/Zoho Sandbox Org/);
		expect(names('environment').map(([value]) => value)).toEqual(['production', 'developer', 'sandbox']);
	});

	it('the help text names exactly the scopes asked for, with and without each toggle', () => {
		const notice = credential.properties.find((p) => p.type === 'notice')!;
		const named = notice.displayName.match(/ZohoCRM\.[\w.]+[A-Z]\b/g);
		const everyScope = String(resolvedCredential({ allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true, allowBackupsBeforeDeletes: true } as never).scope).split(',');
		expect([...new Set(named)].sort()).toEqual([...everyScope].sort());
		const toggle = (name: string) => credential.properties.find((p) => p.name === name)!.description;
		expect(toggle('allowStartingMassDeletes')).toContain('ZohoCRM.mass_delete.DELETE, ZohoCRM.settings.custom_views.READ, ZohoCRM.modules.READ');
		expect(toggle('allowRestoringFromRecycleBin')).toContain('ZohoCRM.settings.recycle_bin.READ, ZohoCRM.settings.recycle_bin.UPDATE, ZohoCRM.users.READ');
		expect(toggle('allowBackupsBeforeDeletes')).toContain('ZohoCRM.bulk.READ');
	});
});

describe('where requests go', () => {
	it.each(DATA_CENTERS)('%s: refreshes at its own accounts server and calls the token\'s api_domain', async (dataCenter, accounts, api) => {
		nock(api).get(`${statusPath()}?job_id=${JOB_ID}`).reply(401, { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' });
		nock(accounts).post('/oauth/v2/token').reply(200, { access_token: 'access-token-new', api_domain: api, expires_in: 3600 });
		nock(api).get(`${statusPath()}?job_id=${JOB_ID}`).reply(200, statusBody('COMPLETED'));
		const result = await runStatusNode(statusParameters(), { credentials: zohoCredential({ dataCenter }, { api_domain: api }) });
		expect(result.error).toBeUndefined();
		expect(nock.isDone()).toBe(true);
	});

	it.each(DATA_CENTERS)('%s: falls back to the data center\'s API domain when the token has none', async (dataCenter, _accounts, api) => {
		nock(api).get(`${statusPath()}?job_id=${JOB_ID}`).reply(200, statusBody('COMPLETED'));
		const result = await runStatusNode(statusParameters(), { credentials: zohoCredential({ dataCenter }, { api_domain: undefined }) });
		expect(result.error).toBeUndefined();
		expect(nock.isDone()).toBe(true);
	});

	it('the token\'s api_domain wins over the chosen data center (Zoho knows where the org lives)', async () => {
		nock('https://www.zohoapis.eu').get(`${statusPath()}?job_id=${JOB_ID}`).reply(200, statusBody('COMPLETED'));
		const result = await runStatusNode(statusParameters(), { credentials: zohoCredential({ dataCenter: 'us' }, { api_domain: 'https://www.zohoapis.eu' }) });
		expect(result.error).toBeUndefined();
	});

	it.each([
		['production', 'https://www.zohoapis.ca', 'https://www.zohoapis.ca'],
		['sandbox', 'https://www.zohoapis.ca', 'https://sandbox.zohoapis.ca'],
		['developer', 'https://www.zohoapis.ca', 'https://developer.zohoapis.ca'],
		['sandbox', 'https://www.zohoapis.com.au', 'https://sandbox.zohoapis.com.au'],
		['production', 'https://sandbox.zohoapis.eu', 'https://www.zohoapis.eu'],
	])('%s org with token domain %s calls %s', async (environment, tokenDomain, expected) => {
		nock(expected).get(`${statusPath()}?job_id=${JOB_ID}`).reply(200, statusBody('COMPLETED'));
		const result = await runStatusNode(statusParameters(), { credentials: zohoCredential({ dataCenter: 'ca', environment }, { api_domain: tokenDomain }) });
		expect(result.error).toBeUndefined();
		expect(nock.isDone()).toBe(true);
	});

	it('Custom: the typed API domain wins, and the environment leaves non-Zoho hosts alone', async () => {
		nock('http://127.0.0.1:4567').get(`${statusPath()}?job_id=${JOB_ID}`).reply(200, statusBody('COMPLETED'));
		const credentials = zohoCredential(
			{ dataCenter: 'custom', customAccountsServer: 'http://127.0.0.1:4567', customApiDomain: 'http://127.0.0.1:4567/', environment: 'sandbox' } as never,
			{ api_domain: 'https://www.zohoapis.com' },
		);
		const result = await runStatusNode(statusParameters(), { credentials });
		expect(result.error).toBeUndefined();
		expect(nock.isDone()).toBe(true);
	});

	it('Custom without a typed API domain uses the token\'s', async () => {
		nock('http://127.0.0.1:4568').get(`${statusPath()}?job_id=${JOB_ID}`).reply(200, statusBody('COMPLETED'));
		const credentials = zohoCredential({ dataCenter: 'custom', customAccountsServer: 'http://127.0.0.1:4568' } as never, { api_domain: 'http://127.0.0.1:4568' });
		const result = await runStatusNode(statusParameters(), { credentials });
		expect(result.error).toBeUndefined();
	});
});

describe('node description', () => {
	const description = new ZohoMassDeleteStatus().description;

	function outputsFor(outputMode: string | undefined, extra: Record<string, unknown> = {}) {
		const node = statusNode({ ...(outputMode ? { outputMode } : {}), ...extra });
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: { getByName: () => new ZohoMassDeleteStatus(), getByNameAndVersion: () => new ZohoMassDeleteStatus(), getKnownTypes: () => ({}) } });
		return NodeHelpers.getNodeOutputs(workflow, workflow.getNode(node.name)!, description);
	}

	it('has three named outputs by default and one in single mode, computed from the parameter', () => {
		expect(outputsFor(undefined)).toEqual([
			{ type: 'main', displayName: 'Completed' },
			{ type: 'main', displayName: 'Running' },
			{ type: 'main', displayName: 'Failed' },
		]);
		// named, so the editor never shows an "Undefined Branch" tab
		expect(outputsFor('single')).toEqual([{ type: 'main', displayName: 'Status' }]);
	});

	it('adds a fourth output, Timed Out, only with a Loop Timeout: saved workflows keep their three', () => {
		// evaluated as n8n evaluates the outputs expression
		expect(outputsFor(undefined, { options: { loopTimeout: 120 } })).toEqual([
			{ type: 'main', displayName: 'Completed' },
			{ type: 'main', displayName: 'Running' },
			{ type: 'main', displayName: 'Failed' },
			{ type: 'main', displayName: 'Timed Out' },
		]);
		expect(outputsFor(undefined, { options: {} })).toHaveLength(3);
		expect(outputsFor('single', { options: { loopTimeout: 120 } })).toHaveLength(1);
	});

	it('offers the wait options with the defaults and bounds the node enforces', () => {
		const options = description.properties.find((p) => p.name === 'options')!.options as Array<{ name: string; default: unknown; typeOptions?: { minValue?: number; maxValue?: number } }>;
		for (const name of ['pollInterval', 'timeout', 'maxGap', 'loopTimeout'] as const) {
			const option = options.find((candidate) => candidate.name === name)!;
			expect(option.default).toBe(WAIT_OPTION_LIMITS[name].default);
			expect(option.typeOptions).toEqual({ minValue: WAIT_OPTION_LIMITS[name].min, maxValue: WAIT_OPTION_LIMITS[name].max });
		}
		expect(description.properties.find((p) => p.name === 'waitForCompletion')?.default).toBe(false);
	});

	it('keeps the parameter names saved workflows rely on', () => {
		const names = description.properties.map((p) => p.name);
		expect(names).toEqual(expect.arrayContaining(['module', 'jobId', 'outputMode', 'waitForCompletion', 'options']));
		const options = description.properties.find((p) => p.name === 'options')!;
		expect((options.options as Array<{ name: string }>).map((o) => o.name)).toEqual(expect.arrayContaining(['apiVersion', 'pollInterval', 'timeout']));
		expect(description.name).toBe('zohoMassDeleteStatus');
		// a tool, with a description for the model: it has no outputs to route to there
		expect(description.usableAsTool).toEqual({ replacements: { description: expect.stringMatching(/^Checks a Zoho CRM mass delete job .*COMPLETED, RUNNING or FAILED/) } });
	});
});
