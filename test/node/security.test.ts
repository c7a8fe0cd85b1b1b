import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { runStatusNode } from '../harness/engine';
import { JOB_ID, statusBody, zohoCredential } from '../harness/fixtures';
import { networkGuard, US_ACCOUNTS, US_API } from '../harness/zohoMock';

networkGuard();

/** Every request to any host, as protocol://host/path?query. */
function recordAllRequests(): string[] {
	const urls: string[] = [];
	nock(/.*/)
		.persist()
		.get(() => true)
		.reply(function (uri) {
			urls.push(`${(this.req as unknown as { options?: { protocol?: string } }).options?.protocol ?? 'https:'}//${this.req.headers.host}${uri}`);
			return [200, statusBody('COMPLETED')];
		});
	return urls;
}

const viaExpression = (value: string) => `={{ ${JSON.stringify(value)} }}`;
const ONLY_ALLOWED_URL = /^https:\/\/www\.zohoapis\.com\/crm\/v[678]\/[A-Za-z][A-Za-z0-9_]*\/actions\/mass_delete\?job_id=\d{1,19}$/;

const HOSTILE: Array<[string, string]> = [
	['module', '../settings'],
	['module', 'Leads/../../oauth'],
	['module', 'Leads?job_id=1'],
	['module', 'Leads#x'],
	['module', '%2e%2e'],
	['module', '//evil.example'],
	['module', '@evil.example'],
	['module', 'Leads\\..\\x'],
	['module', 'Leads\u0000'],
	['module', 'Lеads'],
	['jobId', `${JOB_ID}?x=1`],
	['jobId', `${JOB_ID}#`],
	['jobId', `${JOB_ID}/../../x`],
	['jobId', `${JOB_ID}&module=x`],
	['jobId', '%31'],
	['jobId', '１２３'],
	['apiVersion', 'v8/../../oauth'],
	['apiVersion', 'v8?'],
	['apiVersion', '//evil.example/v8'],
];

describe('requests go only to {api_domain}/crm/{version}/{module}/actions/mass_delete?job_id=', () => {
	it.each(HOSTILE)('%s = %j: refused before any request, or confined to that URL', async (field, value) => {
		const urls = recordAllRequests();
		const parameters: IDataObject = { module: { __rl: true, mode: 'name', value: 'Leads' }, jobId: JOB_ID };
		if (field === 'module') parameters.module = { __rl: true, mode: 'name', value: viaExpression(value) };
		if (field === 'jobId') parameters.jobId = viaExpression(value);
		if (field === 'apiVersion') parameters.options = { apiVersion: viaExpression(value) };
		const result = await runStatusNode(parameters, { credentials: zohoCredential() });
		expect(urls.every((url) => ONLY_ALLOWED_URL.test(url))).toBe(true);
		// all of these are invalid: the node must refuse them outright
		expect(urls).toEqual([]);
		expect(result.error?.message).toMatch(/^'(Module|Job ID|API Version)' .*\[item 0\]$/);
	});

	it('a valid check makes exactly the one allowed request', async () => {
		const urls = recordAllRequests();
		await runStatusNode({ module: { __rl: true, mode: 'name', value: 'Price_Books' }, jobId: JOB_ID, options: { apiVersion: 'v7' } }, { credentials: zohoCredential() });
		expect(urls).toEqual([`https://www.zohoapis.com/crm/v7/Price_Books/actions/mass_delete?job_id=${JOB_ID}`]);
	});
});

describe('api_domain must be an http(s) origin', () => {
	it.each([
		'javascript:alert(1)',
		'ftp://www.zohoapis.com',
		'https://evil.example/steal',
		'https://www.zohoapis.com?x=1',
		'https://www.zohoapis.com#x',
		'https://user:pw@www.zohoapis.com',
		'https://www.zohoapis.com@evil.example',
		' https://www.zohoapis.com',
		'https://www.zohoapis.com\\@evil.example',
		'www.zohoapis.com',
	])('token api_domain %j: a clear error naming it, no request', async (apiDomain) => {
		const urls = recordAllRequests();
		const result = await runStatusNode({ module: { __rl: true, mode: 'name', value: 'Leads' }, jobId: JOB_ID }, { credentials: zohoCredential({}, { api_domain: apiDomain }) });
		const message = result.error?.message ?? '';
		expect(message.startsWith(`The api_domain in the Zoho token ${JSON.stringify(apiDomain)} is not a usable API domain: `)).toBe(true);
		expect(message.length).toBeGreaterThan(`The api_domain in the Zoho token ${JSON.stringify(apiDomain)} is not a usable API domain: `.length);
		expect(urls).toEqual([]);
	});

	it('a trailing slash is fine', async () => {
		const urls = recordAllRequests();
		const result = await runStatusNode({ module: { __rl: true, mode: 'name', value: 'Leads' }, jobId: JOB_ID }, { credentials: zohoCredential({}, { api_domain: 'https://www.zohoapis.com/' }) });
		expect(result.error).toBeUndefined();
		expect(urls).toEqual([`https://www.zohoapis.com/crm/v8/Leads/actions/mass_delete?job_id=${JOB_ID}`]);
	});

	it('a typed Custom API domain is checked the same way', async () => {
		const urls = recordAllRequests();
		const credentials = zohoCredential({ dataCenter: 'custom', customAccountsServer: 'http://127.0.0.1:1', customApiDomain: 'http://127.0.0.1:1/crm?' } as never);
		const result = await runStatusNode({ module: { __rl: true, mode: 'name', value: 'Leads' }, jobId: JOB_ID }, { credentials });
		expect(result.error?.message).toContain('"http://127.0.0.1:1/crm?" is not a usable API domain');
		expect(urls).toEqual([]);
	});

	it('a refreshed token that brings a bad api_domain never gets it a request; the next read reports it', async () => {
		const evil: string[] = [];
		const statusUrl = `/crm/v8/Leads/actions/mass_delete?job_id=${JOB_ID}`;
		nock(US_API).get(statusUrl).reply(401, { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' });
		nock(US_API).get(statusUrl).times(2).reply(200, statusBody('COMPLETED'));
		nock(US_ACCOUNTS).post('/oauth/v2/token').reply(200, { access_token: 'access-token-new', api_domain: 'https://evil.example/steal', expires_in: 3600 });
		nock('https://evil.example')
			.persist()
			.get(() => true)
			.reply(function (uri) {
				evil.push(uri);
				return [200, statusBody('COMPLETED')];
			});
		const credentials = zohoCredential();
		const parameters = { module: { __rl: true, mode: 'name', value: 'Leads' }, jobId: JOB_ID };
		const first = await runStatusNode(parameters, { credentials, items: [{}, {}], onError: 'continueRegularOutput' });
		// this execution keeps the origin it checked; the refresh stored the bad domain for later
		expect(first.outputsOf()[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(credentials.stored.oauthTokenData.api_domain).toBe('https://evil.example/steal');

		const second = await runStatusNode(parameters, { credentials, onError: 'continueRegularOutput' });
		expect(second.outputsOf()[2].map((item) => [item.json.error, item.pairedItem])).toEqual([
			['The api_domain in the Zoho token "https://evil.example/steal" is not a usable API domain: it must be an origin only, with no path, query or fragment [item 0]', { item: 0 }],
		]);
		expect(evil).toEqual([]);
	});
});
