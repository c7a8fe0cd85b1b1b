import nock from 'nock';

import { searchList } from '../harness/engine';
import { zohoCredential } from '../harness/fixtures';
import { networkGuard, recordRequests, US_ACCOUNTS, US_API } from '../harness/zohoMock';

networkGuard();

const zohoModule = (api_name: string, plural_label: string, extra: Record<string, unknown> = {}) => ({
	api_name,
	plural_label,
	module_name: api_name,
	api_supported: true,
	deletable: true,
	generated_type: 'default',
	status: 'visible',
	...extra,
});

const MODULES = [
	zohoModule('Leads', 'Leads'),
	zohoModule('Events', 'Meetings', { module_name: 'Meetings' }),
	zohoModule('Price_Books', 'Price Books', { module_name: 'PriceBooks' }),
	zohoModule('Services__s', 'Services'),
	zohoModule('Vehicles', 'Vehicles', { generated_type: 'custom', module_name: 'CustomModule1' }),
	zohoModule('Quoted_Items', 'Quoted Items', { generated_type: 'subform' }),
	zohoModule('Contacts_X_Deals', 'Contact Roles', { generated_type: 'linking' }),
	zohoModule('Notes', 'Notes'),
	zohoModule('Home', 'Home', { api_supported: false }),
	zohoModule('Forecasts', 'Forecasts', { deletable: false }),
	zohoModule('Old_Custom', 'Old Custom', { generated_type: 'custom', status: 'scheduled_for_deletion' }),
	zohoModule('Reports', 'Reports', { api_supported: false, generated_type: 'default' }),
];

describe('module list search', () => {
	it('offers mass-delete targets from the live org, labelled by plural label, sorted', async () => {
		nock(US_API).get('/crm/v8/settings/modules').reply(200, { modules: MODULES });
		const { results } = await searchList('searchModules', {}, zohoCredential());
		expect(results).toEqual([
			{ name: 'Leads', value: 'Leads' },
			{ name: 'Meetings', value: 'Events' },
			{ name: 'Price Books', value: 'Price_Books' },
			{ name: 'Services', value: 'Services__s' },
			{ name: 'Vehicles', value: 'Vehicles' },
		]);
	});

	it.each([
		['meet', ['Events']],
		['EVENTS', ['Events']],
		['price_b', ['Price_Books']],
		['  vehic ', ['Vehicles']],
		['nothing-matches', []],
	])('filters by label or API name: %j', async (filter, values) => {
		nock(US_API).get('/crm/v8/settings/modules').reply(200, { modules: MODULES });
		const { results } = await searchList('searchModules', {}, zohoCredential(), filter);
		expect(results.map((result) => result.value)).toEqual(values);
	});

	it('uses the chosen API version', async () => {
		nock(US_API).get('/crm/v6/settings/modules').reply(200, { modules: MODULES });
		const { results } = await searchList('searchModules', { options: { apiVersion: 'v6' } }, zohoCredential());
		expect(results).toHaveLength(5);
	});

	it('refreshes an expired token once, like any other call', async () => {
		nock(US_API).get('/crm/v8/settings/modules').reply(401, { code: 'INVALID_TOKEN', message: 'invalid oauth token', status: 'error' });
		nock(US_ACCOUNTS).post('/oauth/v2/token').reply(200, { access_token: 'access-token-new', expires_in: 3600 });
		nock(US_API).get('/crm/v8/settings/modules').reply(200, { modules: MODULES });
		const credentials = zohoCredential();
		const { results } = await searchList('searchModules', {}, credentials);
		expect(results).toHaveLength(5);
		expect(credentials.tokenUpdates).toHaveLength(1);
	});

	it('explains a missing modules scope', async () => {
		nock(US_API).get('/crm/v8/settings/modules').reply(200, { code: 'OAUTH_SCOPE_MISMATCH', message: 'invalid oauth scope to access this URL', status: 'error' });
		await expect(searchList('searchModules', {}, zohoCredential())).rejects.toMatchObject({
			message: 'Zoho CRM: invalid oauth scope to access this URL [OAUTH_SCOPE_MISMATCH]',
			description: expect.stringContaining('ZohoCRM.settings.modules.READ'),
		});
	});

	it('copes with a reply that has no modules', async () => {
		nock(US_API).get('/crm/v8/settings/modules').reply(200, {});
		const { results } = await searchList('searchModules', {}, zohoCredential());
		expect(results).toEqual([]);
	});
});

describe('custom view list search (the start node)', () => {
	const MASS_DELETE = 'n8n-nodes-zoho-crm-mass-delete.zohoMassDelete';
	const views = {
		custom_views: [
			{ id: '3652397000000538003', name: 'Junk Leads', display_value: 'Junk Leads', system_defined: false },
			{ id: '3652397000000087501', name: 'All Open Leads', display_value: 'All Open Leads', system_defined: true },
			{ id: '3652397000000087503', name: 'MYLEADS', display_value: 'My Leads', system_defined: true },
			{ id: 'not-an-id', display_value: 'Broken' },
		],
		info: { more_records: false },
	};

	it('lists the chosen module\'s views by display name, with exact IDs, and searches them', async () => {
		nock(US_API).get('/crm/v8/settings/custom_views').query({ module: 'Events' }).times(2).reply(200, views);
		const parameters = { module: { __rl: true, mode: 'list', value: 'Events' } };
		const all = await searchList('searchCustomViews', parameters, zohoCredential(), undefined, MASS_DELETE);
		expect(all.results).toEqual([
			{ name: 'Junk Leads', value: '3652397000000538003' },
			{ name: 'All Open Leads', value: '3652397000000087501' },
			{ name: 'My Leads', value: '3652397000000087503' },
		]);
		const searched = await searchList('searchCustomViews', parameters, zohoCredential(), ' my ', MASS_DELETE);
		expect(searched.results).toEqual([{ name: 'My Leads', value: '3652397000000087503' }]);
	});

	it('asks for a module first, and sends nothing, when none is chosen', async () => {
		const requests = recordRequests();
		await expect(searchList('searchCustomViews', { module: { __rl: true, mode: 'list', value: '' } }, zohoCredential(), undefined, MASS_DELETE)).rejects.toThrow(
			/Pick a module first/,
		);
		expect(requests).toEqual([]);
	});

	it('follows the API version option', async () => {
		nock(US_API).get('/crm/v6/settings/custom_views').query({ module: 'Leads' }).reply(200, views);
		const parameters = { module: { __rl: true, mode: 'name', value: 'Leads' }, options: { apiVersion: 'v6' } };
		expect((await searchList('searchCustomViews', parameters, zohoCredential(), undefined, MASS_DELETE)).results).toHaveLength(3);
	});
});

describe('one Zoho call per opening of a list, whatever is typed', () => {
	it('the module list: an opening and seven searches cost one call; another credential gets its own', async () => {
		const zoho = nock(US_API).get('/crm/v8/settings/modules').times(2).reply(200, { modules: MODULES });
		const searches = ['', 'L', 'Le', 'Lea', 'Lead', 'M', 'Meet', 'Price'];
		const found = [];
		for (const filter of searches) found.push((await searchList('searchModules', {}, zohoCredential(), filter, undefined, 'editor-cred')).results.map((entry) => entry.value));
		expect(zoho.pendingMocks()).toHaveLength(1);
		expect(found[4]).toEqual(['Leads']);
		expect(found[6]).toEqual(['Events']);
		await searchList('searchModules', {}, zohoCredential(), 'Le', undefined, 'another-cred');
		expect(zoho.isDone()).toBe(true);
	});

	it('a failed call is not kept: the next opening asks Zoho again', async () => {
		nock(US_API).get('/crm/v8/settings/modules').reply(403, { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' });
		await expect(searchList('searchModules', {}, zohoCredential(), '', undefined, 'failing-cred')).rejects.toThrow();
		nock(US_API).get('/crm/v8/settings/modules').reply(200, { modules: MODULES });
		expect((await searchList('searchModules', {}, zohoCredential(), '', undefined, 'failing-cred')).results.length).toBeGreaterThan(0);
	});

	it('the custom view list is kept per module', async () => {
		const MASS_DELETE = 'n8n-nodes-zoho-crm-mass-delete.zohoMassDelete';
		const views = { custom_views: [{ id: '3652397000000538003', display_value: 'Junk Leads' }] };
		const leads = nock(US_API).get('/crm/v8/settings/custom_views').query({ module: 'Leads' }).reply(200, views);
		const contacts = nock(US_API).get('/crm/v8/settings/custom_views').query({ module: 'Contacts' }).reply(200, views);
		for (const filter of ['', 'J', 'Ju']) await searchList('searchCustomViews', { module: { __rl: true, mode: 'name', value: 'Leads' } }, zohoCredential(), filter, MASS_DELETE, 'views-cred');
		await searchList('searchCustomViews', { module: { __rl: true, mode: 'name', value: 'Contacts' } }, zohoCredential(), '', MASS_DELETE, 'views-cred');
		expect(leads.isDone() && contacts.isDone()).toBe(true);
	});
});

describe('field list search (the conditions of a delete by criteria)', () => {
	const MASS_DELETE = 'n8n-nodes-zoho-crm-mass-delete.zohoMassDelete';
	const fields = {
		fields: [
			{ api_name: 'Lead_Status', field_label: 'Lead Status', data_type: 'picklist' },
			{ api_name: 'Created_Time', field_label: 'Created Time', data_type: 'datetime' },
			{ api_name: 'Record_Image', field_label: 'Lead Image', data_type: 'profileimage' },
			{ api_name: 'Tags__c', field_label: 'Interests', data_type: 'multiselectlookup' },
			{ field_label: 'No API name' },
		],
	};

	it("lists the chosen module's fields a condition can compare, by label and API name, and searches them at the cost of one call", async () => {
		const zoho = nock(US_API).get('/crm/v8/settings/fields').query({ module: 'Leads' }).reply(200, fields);
		const parameters = { module: { __rl: true, mode: 'list', value: 'Leads' } };
		const all = await searchList('searchFields', parameters, zohoCredential(), undefined, MASS_DELETE, 'fields-cred');
		expect(all.results).toEqual([
			{ name: 'Created Time (Created_Time)', value: 'Created_Time' },
			{ name: 'Lead Status (Lead_Status)', value: 'Lead_Status' },
		]);
		const searched = await searchList('searchFields', parameters, zohoCredential(), 'status', MASS_DELETE, 'fields-cred');
		expect(searched.results).toEqual([{ name: 'Lead Status (Lead_Status)', value: 'Lead_Status' }]);
		expect(zoho.isDone()).toBe(true);
	});

	it('asks for a module first; a missing scope names the toggle', async () => {
		await expect(searchList('searchFields', { module: { __rl: true, mode: 'list', value: '' } }, zohoCredential(), undefined, MASS_DELETE)).rejects.toThrow(/Pick a module first/);
		nock(US_API).get('/crm/v8/settings/fields').query({ module: 'Leads' }).reply(200, { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'invalid oauth scope to access this URL', status: 'error' });
		await expect(searchList('searchFields', { module: { __rl: true, mode: 'name', value: 'Leads' } }, zohoCredential(), undefined, MASS_DELETE)).rejects.toMatchObject({
			description: expect.stringMatching(/ZohoCRM\.settings\.fields\.READ.*'Allow Starting Mass Deletes'/),
		});
	});
});

describe('territory list search', () => {
	const MASS_DELETE = 'n8n-nodes-zoho-crm-mass-delete.zohoMassDelete';
	const territories = {
		territories: [
			{ id: '3652397000000321001', name: 'North America', reporting_to: null },
			{ id: '3652397000000321003', name: 'West Coast', reporting_to: { id: '3652397000000321001', name: 'North America' } },
			{ id: 'nope', name: 'Broken' },
		],
	};

	it("lists the org's territories, each with the one it reports to, and searches them", async () => {
		nock(US_API).get('/crm/v8/settings/territories').query({ per_page: 2000 }).reply(200, territories);
		const all = await searchList('searchTerritories', {}, zohoCredential(), undefined, MASS_DELETE, 'territory-cred');
		expect(all.results).toEqual([
			{ name: 'North America', value: '3652397000000321001' },
			{ name: 'West Coast (in North America)', value: '3652397000000321003' },
		]);
		expect((await searchList('searchTerritories', {}, zohoCredential(), 'west', MASS_DELETE, 'territory-cred')).results).toHaveLength(1);
	});

	it('Territory Management off: says to leave Territory out', async () => {
		nock(US_API).get('/crm/v8/settings/territories').query(true).reply(400, { code: 'FEATURE_NOT_ENABLED', details: {}, message: 'Territory Management is not enabled', status: 'error' });
		await expect(searchList('searchTerritories', {}, zohoCredential(), undefined, MASS_DELETE)).rejects.toMatchObject({ description: expect.stringMatching(/leave 'Territory' out/) });
	});
});
