import nock from 'nock';

import { runRecycleBinNode } from '../harness/engine';
import { zohoCredential } from '../harness/fixtures';
import { networkGuard, US_API } from '../harness/zohoMock';

// Zoho played by nock: what the recycle bin node does when Zoho's answers do not add up.
networkGuard();

const LEADS = { __rl: true, mode: 'list', value: 'Leads' };
const entry = { id: '3652397000101000001', display_name: 'Lead junk-2', module: { api_name: 'Leads' }, deleted_time: '2026-12-01T20:15:05+00:00', deleted_by: { id: '1', name: 'A' } };

describe('List, when Zoho misbehaves', () => {
	it('a page with nothing new ends the listing, whatever more_records says', async () => {
		const pages = nock(US_API).get('/crm/v8/settings/recycle_bin').query(true).times(3).reply(200, { recycle_bin: [entry], info: { per_page: 200, count: 1, page: 1, more_records: true } });
		const result = await runRecycleBinNode({ operation: 'list', module: LEADS, returnAll: true }, { credentials: zohoCredential() });
		expect(result.outputsOf()[0].map((item) => item.json.id)).toEqual([entry.id]);
		// the first page, and one more that only repeated it
		expect(pages.pendingMocks()).toHaveLength(1);
	});

	it('the filter Zoho gets: module and the window to the second, one second outside it; never who deleted (the node checks that itself)', async () => {
		let filters: unknown;
		nock(US_API)
			.get('/crm/v8/users')
			.query({ type: 'CurrentUser' })
			.reply(200, { users: [{ id: '3652397000000186017', full_name: 'Sandbox Admin' }] })
			.get('/crm/v8/settings/recycle_bin')
			.query((query) => {
				filters = JSON.parse(String(query.filters));
				return query.sort_by === 'deleted_time' && query.sort_order === 'asc' && query.per_page === '200' && query.page === '1';
			})
			.reply(204);
		const result = await runRecycleBinNode(
			{ operation: 'list', module: LEADS, returnAll: true, onlyDeletedByMe: true, deletedAfter: '2026-12-01T20:15:04.120Z', deletedBefore: '2026-12-01T20:19:21.900Z' },
			{ credentials: zohoCredential() },
		);
		expect(result.error).toBeUndefined();
		expect(filters).toEqual({
			group_operator: 'AND',
			group: [
				{ field: { api_name: 'module' }, comparator: 'equal', value: 'Leads' },
				{ field: { api_name: 'deleted_time' }, comparator: 'greater_than', value: '2026-12-01T20:15:03+00:00' },
				{ field: { api_name: 'deleted_time' }, comparator: 'less_than', value: '2026-12-01T20:19:22+00:00' },
			],
		});
	});
});
