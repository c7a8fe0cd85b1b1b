import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { runMassDeleteNode } from '../harness/engine';
import { ACCESS_TOKEN, CLIENT_SECRET, REFRESH_TOKEN, zohoCredential } from '../harness/fixtures';
import { networkGuard, recordRequests, statusPath, US_ACCOUNTS, US_API } from '../harness/zohoMock';

// Zoho played by nock: the exact requests the start node sends, each documented error, and the retry rules.
networkGuard();

const PATH = statusPath('Leads');
const CVID = '3652397000000538003';
const JOB_ID = '3652397000009565021';
const scheduled = { data: [{ code: 'SUCCESS', details: { job_id: JOB_ID }, message: 'mass delete scheduled successfully', status: 'success' }] };
const zohoError = (code: string, message: string, details: IDataObject = {}) => ({ code, details, message, status: 'error' });

const byView = (extra: IDataObject = {}): IDataObject => ({
	deleteBy: 'customView',
	module: { __rl: true, mode: 'list', value: 'Leads' },
	customView: { __rl: true, mode: 'id', value: CVID },
	...extra,
});
const byIds = (extra: IDataObject = {}): IDataObject => ({
	deleteBy: 'recordIds',
	module: { __rl: true, mode: 'name', value: 'Leads' },
	recordIds: '={{ $json.id }}',
	...extra,
});
const COUNT_PATH = '/crm/v8/Leads/actions/count';
/** Zoho's answer to the record count that comes before every start by custom view. */
const viewHolds = (count: unknown = 9) => nock(US_API).get(COUNT_PATH).query({ cvid: CVID }).reply(200, { count });
const recordIds = (count: number) => Array.from({ length: count }, (_, index) => (BigInt('3652397000006000000') + BigInt(index)).toString());
const deletedAll = (ids: string[]) => ({ data: ids.map((id) => ({ code: 'SUCCESS', details: { id }, message: 'record is deleted', status: 'success' })) });

describe('requests, exactly', () => {
	it('by custom view: one POST per item with {cvid, territory}, Bearer token, JSON', async () => {
		const bodies: unknown[] = [];
		viewHolds();
		nock(US_API, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': /application\/json/ } })
			.post(PATH, (body) => bodies.push(body) > 0)
			.reply(200, scheduled);
		const result = await runMassDeleteNode(byView({ options: { territoryId: '3652397000000321001', includeChildTerritories: true } }), { credentials: zohoCredential() });
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ cvid: CVID, territory: { id: '3652397000000321001', include_child: true } }]);
		expect(result.outputsOf()[0][0].json.job_id).toBe(JOB_ID);
	});

	it('by record IDs: 1,201 IDs go out as 500 + 500 + 201, exactly, one call after another', async () => {
		const ids = recordIds(1_201);
		const batches: string[][] = [];
		nock(US_API)
			.post(PATH, (body) => batches.push(body.ids) > 0)
			.times(3)
			.reply(200, (_uri, body) => deletedAll((body as { ids: string[] }).ids));
		const result = await runMassDeleteNode(byIds(), { credentials: zohoCredential(), items: ids.map((id) => ({ id })) });
		expect(result.error).toBeUndefined();
		expect(batches).toEqual([ids.slice(0, 500), ids.slice(500, 1_000), ids.slice(1_000)]);
		expect(result.outputsOf()[0].map((item) => item.json.id)).toEqual(ids);
	});

	it('a job_id Zoho sent as a number has lost digits already: refused, never passed on rounded', async () => {
		viewHolds();
		nock(US_API)
			.post(PATH)
			.reply(200, `{"data":[{"code":"SUCCESS","details":{"job_id":${JOB_ID}},"message":"mass delete scheduled successfully","status":"success"}]}`, { 'content-type': 'application/json' });
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.error?.message).toMatch(/Zoho answered without a usable job_id for custom view 3652397000000538003 in module Leads \[item 0\]/);
	});

	it('a record Zoho left out of its answer is an error on that record, not "deleted: false"', async () => {
		const ids = recordIds(2);
		nock(US_API).post(PATH).reply(200, deletedAll(ids.slice(0, 1)));
		const result = await runMassDeleteNode(byIds(), { credentials: zohoCredential(), items: ids.map((id) => ({ id })), onError: 'continueRegularOutput' });
		const [[first, second]] = result.outputsOf();
		expect(first.json.deleted).toBe(true);
		expect(second.json).toEqual({
			error: expect.stringMatching(/had no result for record 3652397000006000001, so whether it was deleted is unknown/),
			details: expect.objectContaining({ id: ids[1], module: 'Leads', code: 'NO_RESULT' }),
		});
	});
});

describe('the record count before a start by custom view', () => {
	it.each([
		['a number', 9],
		['text, as Zoho\'s OpenAPI spec types it', '9'],
	])('is one GET ?cvid= before the POST; Zoho may send the count as %s', async (_name, count) => {
		const requests = recordRequests();
		const order: string[] = [];
		nock(US_API, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
			.get(COUNT_PATH)
			.query((query) => order.push(`GET count ${JSON.stringify(query)}`) > 0)
			.reply(200, { count })
			.post(PATH, () => order.push('POST mass_delete') > 0)
			.reply(200, scheduled);
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.error).toBeUndefined();
		expect(order).toEqual([`GET count {"cvid":"${CVID}"}`, 'POST mass_delete']);
		expect(result.outputsOf()[0][0].json).toMatchObject({ job_id: JOB_ID, record_count: 9, skipped: false });
		expect(requests).toEqual([]);
	});

	it('204 means the view is empty: no job is started, and the item says so', async () => {
		const requests = recordRequests();
		nock(US_API).get(COUNT_PATH).query({ cvid: CVID }).reply(204);
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.outputsOf()[0][0]).toEqual({
			json: { skipped: true, reason: `The custom view ${CVID} in Leads holds no records: no mass delete was started.`, module: 'Leads', custom_view_id: CVID, record_count: 0 },
			pairedItem: { item: 0 },
		});
		// no POST was sent: it would have had no interceptor
		expect(requests).toEqual([]);
	});

	it('with a territory the count is an upper bound (Zoho cannot count by territory)', async () => {
		viewHolds(40);
		nock(US_API).post(PATH).reply(200, scheduled);
		const result = await runMassDeleteNode(byView({ options: { territoryId: '3652397000000321001' } }), { credentials: zohoCredential() });
		expect(result.outputsOf()[0][0].json).toMatchObject({ job_id: JOB_ID, record_count: 40, record_count_is_upper_bound: true, territory_id: '3652397000000321001' });
	});

	it.each([
		['no count', {}],
		['a negative count', { count: -1 }],
		['a fraction', { count: '2.5' }],
	])('a reply with %s is an error, and nothing is started', async (_name, body) => {
		const requests = recordRequests();
		nock(US_API).get(COUNT_PATH).query({ cvid: CVID }).reply(200, body);
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.error?.message).toMatch(/^Zoho CRM: Zoho answered the record count of custom view 3652397000000538003 without a usable count/);
		expect((result.error as IDataObject).errorResponse).toMatchObject({ code: 'NO_COUNT' });
		expect(requests).toEqual([]);
	});

	it('is a read: a 500 is retried, and the start is still sent once', async () => {
		nock(US_API).get(COUNT_PATH).query({ cvid: CVID }).reply(500, zohoError('INTERNAL_ERROR', 'Internal Server Error'));
		viewHolds();
		nock(US_API).post(PATH).reply(200, scheduled);
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.outputsOf()[0][0].json.job_id).toBe(JOB_ID);
		expect(nock.isDone()).toBe(true);
	});

	it('without the count\'s scope: the hint names ZohoCRM.modules.READ and the toggle; nothing is started', async () => {
		nock(US_ACCOUNTS).post('/oauth/v2/token').reply(200, { access_token: 'access-token-2', api_domain: US_API, expires_in: 3600 });
		nock(US_API).get(COUNT_PATH).query({ cvid: CVID }).times(2).reply(401, zohoError('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'));
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.error?.description).toMatch(/without ZohoCRM\.modules\.READ.*'Allow Starting Mass Deletes'.*'Switch account'/);
		expect(nock.isDone()).toBe(true);
	});
});

describe('Max Records', () => {
	it('a view counted above it starts nothing: the error names the view, the count and the cap', async () => {
		const requests = recordRequests();
		viewHolds(5_000);
		const result = await runMassDeleteNode(byView({ options: { maxRecords: 1_000 } }), { credentials: zohoCredential() });
		expect(result.error?.message).toBe(`Custom view ${CVID} in Leads holds 5,000 records, above 'Max Records' (1,000): no mass delete was started [item 0]`);
		expect(requests).toEqual([]);
	});

	it('a view at the cap is started', async () => {
		viewHolds(1_000);
		nock(US_API).post(PATH).reply(200, scheduled);
		const result = await runMassDeleteNode(byView({ options: { maxRecords: '={{ 1000 }}' } }), { credentials: zohoCredential() });
		expect(result.outputsOf()[0][0].json).toMatchObject({ job_id: JOB_ID, record_count: 1_000 });
	});

	it('by record IDs it caps the distinct IDs of all items, before the first call; with continueOnFail each item fails', async () => {
		const requests = recordRequests();
		const ids = recordIds(5);
		const items = [{ id: [ids[0], ids[1]] }, { id: [ids[1], ids[2], ids[3]] }, { id: ids[4] }];
		const strict = await runMassDeleteNode(byIds({ options: { maxRecords: 4 } }), { credentials: zohoCredential(), items });
		expect(strict.error?.message).toBe("The items name 5 distinct records to delete, above 'Max Records' (4): nothing was deleted [item 0]");
		const lenient = await runMassDeleteNode(byIds({ options: { maxRecords: 4 } }), { credentials: zohoCredential(), items, onError: 'continueRegularOutput' });
		expect(lenient.outputsOf()[0].map((item) => [item.json.error, item.pairedItem])).toEqual([0, 1, 2].map((item) => [`The items name 5 distinct records to delete, above 'Max Records' (4): nothing was deleted [item ${item}]`, { item }]));
		expect(requests).toEqual([]);

		nock(US_API).post(PATH, { ids }).reply(200, deletedAll(ids));
		const allowed = await runMassDeleteNode(byIds({ options: { maxRecords: 5 } }), { credentials: zohoCredential(), items });
		expect(allowed.outputsOf()[0].map((item) => item.json.deleted)).toEqual([true, true, true, true, true]);
	});

	it.each([
		['zero', 0, '\'Max Records\' must be a whole number of at least 1, got 0 [item 0]'],
		['a fraction', 2.5, '\'Max Records\' must be a whole number of at least 1, got 2.5 [item 0]'],
		['text', '={{ "many" }}', '\'Max Records\' must be a whole number of at least 1, got "many" [item 0]'],
	])('refuses %s before any request', async (_name, maxRecords, message) => {
		const requests = recordRequests();
		const result = await runMassDeleteNode(byView({ options: { maxRecords } }), { credentials: zohoCredential() });
		expect(result.error?.message).toBe(message);
		expect(requests).toEqual([]);
	});
});

describe('Zoho\'s refusals become errors with a hint', () => {
	it.each([
		[400, 'ALREADY_SCHEDULED', 'You can schedule only one mass delete job at a time', {}, /one mass delete per org at a time.*Zoho Mass Delete Status node.*then start this one again/],
		[400, 'NOT_SUPPORTED', 'the module is not supported for mass delete', {}, /Enterprise, Ultimate, CRM Plus and Zoho One Enterprise.*every edition/],
		[400, 'NOT_ALLOWED', 'cvid is not allowed', { api_name: 'cvid' }, /Enterprise, Ultimate, CRM Plus and Zoho One Enterprise.*every edition/],
		[400, 'FEATURE_NOT_SUPPORTED', 'feature not supported for this edition', {}, /Enterprise, Ultimate, CRM Plus and Zoho One Enterprise.*every edition/],
		[400, 'NOT_APPROVED', 'the record is unapproved', {}, /awaiting approval/],
		[400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'cvid' }, /neither a custom view nor record IDs/],
		[403, 'NO_PERMISSION', 'permission denied', { permissions: ['Crm_Implied_Mass_Delete_Leads'] }, /"Mass Delete" permission/],
		[400, 'INVALID_DATA', 'the cvid given seems to be invalid', { api_name: 'cvid' }, /custom view 3652397000000538003 in module Leads \[item 0\]/],
		[400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 }, /Module "Leads" \[item 0\] is not a module API name/],
	])('HTTP %i %s (top level, and wrapped in data[0])', async (httpStatus, code, message, details, hint) => {
		for (const body of [zohoError(code, message, details), { data: [zohoError(code, message, details)] }]) {
			viewHolds();
			nock(US_API).post(PATH).reply(httpStatus, body);
			const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
			expect(result.error?.message).toBe(`Zoho CRM: ${message} [${code}] [item 0]`);
			expect(result.error?.description).toMatch(hint);
			expect((result.error as IDataObject).errorResponse).toMatchObject({ code, httpCode: httpStatus });
			expect(nock.isDone()).toBe(true);
		}
	});

	it('OAUTH_SCOPE_MISMATCH (after n8n\'s one refresh): turn on Allow Starting Mass Deletes and reconnect; no secret shown', async () => {
		nock(US_ACCOUNTS).post('/oauth/v2/token').reply(200, { access_token: 'access-token-2', api_domain: US_API, expires_in: 3600 });
		viewHolds();
		nock(US_API).post(PATH).times(2).reply(401, zohoError('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL'));
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.error?.description).toMatch(/without ZohoCRM\.mass_delete\.DELETE.*'Allow Starting Mass Deletes'.*'Switch account'/);
		const shown = JSON.stringify({ message: result.error?.message, description: result.error?.description, response: (result.error as IDataObject).errorResponse });
		for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, 'access-token-2']) expect(shown).not.toContain(secret);
	});

	it('a record ID call refused as a whole (NO_PERMISSION) fails the call, with continueOnFail an error per record', async () => {
		nock(US_API).post(PATH).reply(403, zohoError('NO_PERMISSION', 'permission denied'));
		const ids = recordIds(2);
		const result = await runMassDeleteNode(byIds(), { credentials: zohoCredential(), items: ids.map((id) => ({ id })), onError: 'continueErrorOutput' });
		// n8n's error output takes them: only error and details at the top level
		const [success, errors] = result.outputsOf();
		expect(success).toHaveLength(0);
		expect(errors.map((item) => [(item.json.details as IDataObject).id, (item.json.details as IDataObject).code, item.pairedItem])).toEqual([
			[ids[0], 'NO_PERMISSION', [{ item: 0 }]],
			[ids[1], 'NO_PERMISSION', [{ item: 1 }]],
		]);
	});
});

describe('retry rules for requests that delete', () => {
	it('429: Zoho did not take it, so it is retried', async () => {
		viewHolds();
		nock(US_API).post(PATH).reply(429, zohoError('TOO_MANY_REQUESTS', 'too many requests')).post(PATH).reply(200, scheduled);
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.outputsOf()[0][0].json.job_id).toBe(JOB_ID);
		expect(nock.isDone()).toBe(true);
	});

	it('a refused connection never reached Zoho, so it is retried', async () => {
		viewHolds();
		nock(US_API).post(PATH).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).post(PATH).reply(200, scheduled);
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.outputsOf()[0][0].json.job_id).toBe(JOB_ID);
	});

	it.each([
		['HTTP 500', (scope: nock.Interceptor) => scope.reply(500, zohoError('INTERNAL_ERROR', 'Internal Server Error')), /Zoho answered HTTP 500 after receiving it/],
		['HTTP 502 from a gateway', (scope: nock.Interceptor) => scope.reply(502, '<html>502</html>', { 'content-type': 'text/html' }), /Zoho answered HTTP 502/],
		['a reset', (scope: nock.Interceptor) => scope.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), /the connection broke before the answer came/],
		['a timeout', (scope: nock.Interceptor) => scope.delay(1_000).reply(200, scheduled), /no answer came within/],
	])('%s: Zoho may have acted, so it is sent once and reported as OUTCOME_UNKNOWN', async (_name, reply, reason) => {
		const requests = recordRequests();
		viewHolds();
		reply(nock(US_API).post(PATH));
		const result = await runMassDeleteNode(byView(), { credentials: zohoCredential() });
		expect(result.error?.message).toMatch(reason);
		expect((result.error as IDataObject).errorResponse).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
		// nothing unmatched: a second POST would have had no interceptor left
		expect(requests).toEqual([]);
	});
});

describe('bad input is refused before any request, naming the field and the item', () => {
	it.each([
		['custom view ID with letters', byView({ customView: { __rl: true, mode: 'id', value: '={{ "cv-1" }}' } }), '\'Custom View\' must be 1 to 19 digits, got "cv-1" [item 0]'],
		['custom view ID above 2^53 as a number', byView({ customView: { __rl: true, mode: 'id', value: '={{ 3652397000000538003 }}' } }), '\'Custom View\' is a number too large to keep exactly (3652397000000538000) [item 0]'],
		['territory ID with letters', byView({ options: { territoryId: 'north' } }), '\'Territory\' must be 1 to 19 digits, got "north" [item 0]'],
		['empty record IDs', byIds({ recordIds: '={{ "" }}' }), '\'Record IDs\' is empty [item 0]'],
		['a bad entry in a list', byIds({ recordIds: '={{ ["3652397000006064023", "x1", "2"] }}' }), '\'Record IDs\' entry 2 of 3 must be 1 to 19 digits, got "x1" [item 0]'],
		['a bad entry in text', byIds({ recordIds: '3652397000006064023, 12.5' }), '\'Record IDs\' entry 2 of 2 must be 1 to 19 digits, got "12.5" [item 0]'],
		['a record ID above 2^53 as a number', byIds({ recordIds: '={{ 3652397000006064023 }}' }), '\'Record IDs\' is a number too large to keep exactly (3652397000006064000) [item 0]'],
		['an object', byIds({ recordIds: '={{ { id: 1 } }}' }), '\'Record IDs\' must be text made of digits, got object [item 0]'],
		['a module name with a path in it', byIds({ module: { __rl: true, mode: 'name', value: '={{ "Leads/../settings" }}' }, recordIds: '1' }), '\'Module\' must be a module API name (letters, digits and underscores, starting with a letter), got "Leads/../settings" [item 0]'],
	])('%s', async (_name, parameters, message) => {
		const requests = recordRequests();
		const result = await runMassDeleteNode(parameters, { credentials: zohoCredential() });
		expect(result.error?.message).toBe(message);
		expect(requests).toEqual([]);
	});

	it('by record IDs, every item is checked before anything is deleted; with continueOnFail the good ones go ahead', async () => {
		const requests = recordRequests();
		const items = [{ id: '3652397000006064023' }, { id: 'oops' }];
		const strict = await runMassDeleteNode(byIds(), { credentials: zohoCredential(), items });
		expect(strict.error?.message).toBe('\'Record IDs\' must be 1 to 19 digits, got "oops" [item 1]');
		expect(requests).toEqual([]);

		nock(US_API).post(PATH, { ids: ['3652397000006064023'] }).reply(200, deletedAll(['3652397000006064023']));
		const lenient = await runMassDeleteNode(byIds(), { credentials: zohoCredential(), items, onError: 'continueRegularOutput' });
		expect(lenient.outputsOf()[0].map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
			['3652397000006064023', [{ item: 0 }]],
			['\'Record IDs\' must be 1 to 19 digits, got "oops" [item 1]', { item: 1 }],
		]);
	});
});
