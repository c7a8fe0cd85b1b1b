import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentials';
import { registerNodeType, runMassDeleteNode, runRecycleBinNode, runStatusNode } from '../harness/engine';
import { installVirtualClock, type VirtualClock } from '../harness/virtualClock';
import { connectCredential } from '../sandbox/connect';
import { SCHEDULED_RESTORE } from '../sandbox/records';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { zohoCrmApiRequest } from '../../nodes/shared/transport';

// The Zoho Recycle Bin node in n8n-core's engine, against the sandbox's recycle bin: what it restores is really back.

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;
let clock: VirtualClock | undefined;
afterEach(async () => {
	clock?.uninstall();
	clock = undefined;
	if (sandbox) {
		// whatever a test did, nothing was ever deleted from the bin for good
		expect(sandbox.stats.permanentDeletes).toBe(0);
		expect(sandbox.requestLog.filter((request) => request.method === 'DELETE' || request.path.endsWith('/actions/empty'))).toEqual([]);
		await sandbox.close();
	}
});

const BOTH_TOGGLES = { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true };
async function open(options: SandboxOptions = {}, settings: IDataObject = BOTH_TOGGLES) {
	sandbox = await startSandbox({ speed: 0, ...options });
	credentials = await connectCredential(sandbox, settings);
}

const IMPORTED_2019 = '3652397000000538005';
const LEADS = { __rl: true, mode: 'list', value: 'Leads' };
const list = (extra: IDataObject = {}): IDataObject => ({ operation: 'list', module: LEADS, returnAll: true, ...extra });
const restoreIds = (extra: IDataObject = {}): IDataObject => ({ operation: 'restore', restoreBy: 'ids', recordIds: '={{ $json.id }}', ...extra });
const restoreJob: IDataObject = { operation: 'restore', restoreBy: 'job' };
const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);
const binCalls = (method: string, path: string) => sandbox.requestLog.filter((request) => request.method === method && request.path === path).length;

describe('List', () => {
	it('reads every page (200 a call): one item per record, with id, display_name, module, deleted_time, deleted_by', async () => {
		await open();
		const ids = sandbox.records.sampleIds('Leads', 450, 'other');
		sandbox.records.deleteIds('Leads', ids);
		sandbox.records.deleteIds('Contacts', sandbox.records.sampleIds('Contacts', 3, 'other'));
		const result = await runRecycleBinNode(list(), { credentials });
		expect(result.error).toBeUndefined();
		const [items] = result.outputsOf();
		expect(items).toHaveLength(450);
		expect(binCalls('GET', '/crm/v8/settings/recycle_bin')).toBe(3);
		// oldest first, each record once, only the module asked for
		expect(items.map((item) => item.json.id)).toEqual(ids);
		const admin = sandbox.orgs[0].users.admin;
		expect(items[0]).toEqual({
			json: { id: ids[0], display_name: expect.stringMatching(/^Lead other-\d+$/), module: 'Leads', deleted_time: expect.stringMatching(/\+00:00$/), deleted_by: { id: admin.id, name: admin.full_name } },
			pairedItem: { item: 0 },
		});
	});

	it('stops at the limit: 50 by default in one call, 250 in two calls of 200', async () => {
		await open();
		sandbox.records.deleteIds('Leads', sandbox.records.sampleIds('Leads', 450, 'other'));
		const fifty = await runRecycleBinNode(list({ returnAll: false }), { credentials });
		expect(fifty.outputsOf()[0]).toHaveLength(50);
		expect(binCalls('GET', '/crm/v8/settings/recycle_bin')).toBe(1);
		const more = await runRecycleBinNode(list({ returnAll: false, limit: 250 }), { credentials });
		expect(more.outputsOf()[0]).toHaveLength(250);
		expect(binCalls('GET', '/crm/v8/settings/recycle_bin')).toBe(3);
	});

	it('takes the window from the start node\'s scheduled_at by default, and can keep to the connected user\'s deletes', async () => {
		clock = installVirtualClock();
		await open({ speed: 1 });
		const { colleague } = sandbox.orgs[0].users;
		const [before, mine, theirs] = [0, 1, 2].map((index) => sandbox.records.sampleIds('Leads', 3, 'other').slice(index, index + 1));
		sandbox.records.deleteIds('Leads', before);
		clock.jump(60_000);
		const scheduledAt = new Date().toISOString();
		clock.jump(60_000);
		sandbox.records.deleteIds('Leads', mine);
		sandbox.records.deleteIds('Leads', theirs, colleague);
		const startItem = { job_id: '3652397000009565021', module: 'Leads', custom_view_id: IMPORTED_2019, scheduled_at: scheduledAt };

		const everyone = await runRecycleBinNode(list(), { credentials, items: [startItem] });
		expect(jsonOf(everyone.outputsOf()[0]).map((json) => json.id)).toEqual([...mine, ...theirs]);
		const onlyMine = await runRecycleBinNode(list({ onlyDeletedByMe: true }), { credentials, items: [startItem] });
		expect(jsonOf(onlyMine.outputsOf()[0]).map((json) => json.id)).toEqual(mine);
		expect(sandbox.stats.userLookups).toBe(1);
		// no window at all: everything in the module
		const all = await runRecycleBinNode(list({ deletedAfter: '' }), { credentials });
		expect(all.outputsOf()[0]).toHaveLength(3);
	});

	it('an empty bin is no items, not an error', async () => {
		await open();
		const result = await runRecycleBinNode(list(), { credentials });
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0]).toEqual([]);
	});
});

describe('Restore by record IDs', () => {
	it('1,201 IDs go back in 7 calls of at most 200 (Zoho\'s batch size), each once, at once', async () => {
		await open();
		const ids = sandbox.records.sampleIds('Leads', 1_201, 'other');
		sandbox.records.deleteIds('Leads', ids);
		const result = await runRecycleBinNode(restoreIds(), { credentials, items: [...ids, ids[0]].map((id) => ({ id })) });
		expect(result.error).toBeUndefined();
		expect(binCalls('POST', '/crm/v8/settings/recycle_bin/actions/restore')).toBe(7);
		const [items] = result.outputsOf();
		expect(items).toHaveLength(1_201);
		expect(items[0]).toEqual({
			json: { id: ids[0], restored_now: true, scheduled: false, code: 'SUCCESS', message: 'record restored', status: 'success' },
			pairedItem: [{ item: 0 }, { item: 1_201 }],
		});
		expect(ids.every((id) => sandbox.records.exists('Leads', id))).toBe(true);
	});

	it('more than 1,000 records with their notes and attachments: Zoho schedules it, the item says so, and they come back over time', async () => {
		await open();
		const contacts = sandbox.records.sampleIds('Contacts', 200, 'bounced');
		sandbox.records.deleteIds('Contacts', contacts);
		const result = await runRecycleBinNode(restoreIds({ recordIds: `={{ ${JSON.stringify(contacts)} }}` }), { credentials });
		expect(jsonOf(result.outputsOf()[0]).every((json) => json.scheduled === true && json.restored_now === false && json.code === 'SCHEDULED')).toBe(true);
		expect(sandbox.records.exists('Contacts', contacts[0])).toBe(false);
		sandbox.clock.advance(SCHEDULED_RESTORE.startAfterMs + (200 * 1000) / SCHEDULED_RESTORE.recordsPerSecond);
		expect(contacts.every((id) => sandbox.records.exists('Contacts', id))).toBe(true);
	});

	it('an ID not in the bin is reported on its item with Zoho\'s code; the others are restored', async () => {
		await open();
		const [deleted, live] = sandbox.records.sampleIds('Leads', 2, 'junk');
		sandbox.records.deleteIds('Leads', [deleted]);
		const result = await runRecycleBinNode(restoreIds(), { credentials, items: [{ id: deleted }, { id: live }] });
		expect(jsonOf(result.outputsOf()[0])).toEqual([
			{ id: deleted, restored_now: true, scheduled: false, code: 'SUCCESS', message: 'record restored', status: 'success' },
			{ id: live, restored_now: false, scheduled: false, code: 'INVALID_DATA', message: 'the id given seems to be invalid', status: 'error' },
		]);
	});

	it('a lost reply is not sent again: the IDs leave with OUTCOME_UNKNOWN, never reported "not restored"; a 429 is retried', async () => {
		await open();
		const ids = sandbox.records.sampleIds('Leads', 300, 'other');
		sandbox.records.deleteIds('Leads', ids);
		// the first call of 200 is carried out, then the connection drops; the second meets a 429, then goes through
		sandbox.faults.queue('acted_then_reset', 'rate_limited');
		const result = await runRecycleBinNode(restoreIds(), { credentials, items: ids.map((id) => ({ id })), onError: 'continueRegularOutput' });
		const [items] = result.outputsOf();
		expect(binCalls('POST', '/crm/v8/settings/recycle_bin/actions/restore')).toBe(3);
		expect(items.slice(0, 200).every((item) => (item.json.details as IDataObject | undefined)?.code === 'OUTCOME_UNKNOWN' && item.json.restored_now === undefined)).toBe(true);
		expect((items[0].json.details as IDataObject).description).toMatch(/may or may not have been restored, and were not sent again/);
		expect(items.slice(200).every((item) => item.json.restored_now === true)).toBe(true);
		// the lost call did restore them
		expect(ids.every((id) => sandbox.records.exists('Leads', id))).toBe(true);
	});
});

describe('Restore everything one job deleted', () => {
	it('after a 5,000-record mass delete, all 5,000 come back (scheduled), and nothing the job did not delete', async () => {
		clock = installVirtualClock();
		await open({ speed: 1, deleteRecordsPerSecond: 500 });
		const { colleague } = sandbox.orgs[0].users;
		const [earlierLead, colleaguesLead, laterLead] = sandbox.records.sampleIds('Leads', 3, 'other').map((id) => [id]);
		const contact = sandbox.records.sampleIds('Contacts', 1, 'other');
		// deleted by the same user a minute before the job
		sandbox.records.deleteIds('Leads', earlierLead);
		clock.jump(60_000);

		const started = await runMassDeleteNode({ deleteBy: 'customView', module: LEADS, customView: { __rl: true, mode: 'id', value: IMPORTED_2019 } }, { credentials });
		const [[startItem]] = started.outputsOf();
		// while the job runs: a colleague deletes a lead, the same user a contact
		clock.jump(4_000);
		sandbox.records.deleteIds('Leads', colleaguesLead, colleague);
		sandbox.records.deleteIds('Contacts', contact);
		clock.jump(10_000);
		const checked = await runStatusNode({ module: { __rl: true, mode: 'name', value: '={{ $json.module }}' }, jobId: '={{ $json.job_id }}' }, { credentials, items: [startItem.json] });
		const [[finished]] = checked.outputsOf();
		expect(finished.json).toMatchObject({ Status: 'COMPLETED', Deleted_Count: 5_000, is_finished: true, scheduled_at: startItem.json.scheduled_at });
		// and the same user deletes another lead after the job ended
		clock.jump(60_000);
		sandbox.records.deleteIds('Leads', laterLead);
		expect(sandbox.records.binEntries()).toHaveLength(5_004);

		const restored = await runRecycleBinNode(restoreJob, { credentials, items: [finished.json] });
		expect(restored.error).toBeUndefined();
		const admin = sandbox.orgs[0].users.admin;
		expect(restored.outputsOf()[0]).toEqual([
			{
				json: {
					job_id: startItem.json.job_id,
					module: 'Leads',
					deleted_after: new Date(Date.parse(String(startItem.json.scheduled_at)) - 5_000).toISOString(),
					deleted_before: new Date(Date.parse(String(finished.json.checked_at)) + 5_000).toISOString(),
					deleted_by: { id: admin.id, name: admin.full_name },
					restored_now: false,
					scheduled: true,
					code: 'SCHEDULED',
					message: 'Bulk restoration of records based on filters has been scheduled',
					status: 'success',
					zoho_details: {},
				},
				pairedItem: { item: 0 },
			},
		]);
		clock.jump(SCHEDULED_RESTORE.startAfterMs + (5_000 * 1000) / SCHEDULED_RESTORE.recordsPerSecond);
		const view = sandbox.records.views.find((entry) => entry.cvid === IMPORTED_2019)!;
		expect(sandbox.records.countView(view).total).toBe(5_000);
		expect(sandbox.records.binEntries().map((entry) => entry.id).sort()).toEqual([earlierLead, colleaguesLead, laterLead, contact].flat().sort());
		expect(binCalls('POST', '/crm/v8/settings/recycle_bin/actions/restore')).toBe(1);
	});

	it('a lost reply is not sent again: the item fails with OUTCOME_UNKNOWN and how to check', async () => {
		await open();
		sandbox.faults.queue('none', 'acted_then_reset');
		const item = { job_id: '3652397000009565021', module: 'Leads', scheduled_at: new Date(Date.now() - 60_000).toISOString() };
		const result = await runRecycleBinNode(restoreJob, { credentials, items: [item] });
		expect((result.error as IDataObject).errorResponse).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
		expect(result.error?.description).toMatch(/restore of what job 3652397000009565021 deleted in Leads \[item 0\] may have been scheduled, and was not sent again/);
		expect(binCalls('POST', '/crm/v8/settings/recycle_bin/actions/restore')).toBe(1);
	});

	it.each([
		['no scheduled_at', { job_id: '3652397000009565021', module: 'Leads' }, 'The input item\'s scheduled_at is missing [item 0]'],
		['a garbled scheduled_at', { module: 'Leads', scheduled_at: 'last week' }, 'The input item\'s scheduled_at must be a date and time, got "last week" [item 0]'],
		['no module', { scheduled_at: '2026-12-01T20:15:04.120Z' }, 'The input item\'s module is empty [item 0]'],
	])('an item with %s is refused before any request, naming the field and the item', async (_name, item, message) => {
		await open();
		const requestsBefore = sandbox.stats.apiRequests;
		const result = await runRecycleBinNode(restoreJob, { credentials, items: [item] });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/after the Zoho Mass Delete node/);
		expect(sandbox.stats.apiRequests).toBe(requestsBefore);
	});

	it('with continueOnFail a bad item leaves as an error item and the good one is restored; the user is asked for once', async () => {
		await open();
		const good = { module: 'Leads', scheduled_at: new Date(Date.now() - 60_000).toISOString() };
		const result = await runRecycleBinNode(restoreJob, { credentials, items: [good, { module: 'Leads' }, good], onError: 'continueRegularOutput' });
		expect(result.outputsOf()[0].map((item) => [item.json.scheduled ?? item.json.error, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			['The input item\'s scheduled_at is missing [item 1]', { item: 1 }],
			[true, { item: 2 }],
		]);
		expect(sandbox.stats.userLookups).toBe(1);
	});
});

describe('scopes and bad input', () => {
	it('without "Allow Restoring From the Recycle Bin": the hint says to turn it on and reconnect', async () => {
		await open({}, { allowStartingMassDeletes: true });
		const result = await runRecycleBinNode(list(), { credentials });
		expect(result.error?.message).toMatch(/\[OAUTH_SCOPE_MISMATCH\]$/);
		expect(result.error?.description).toMatch(/ZohoCRM\.settings\.recycle_bin\.READ.*"Allow Restoring From the Recycle Bin".*"Reconnect"/);
	});

	it.each([
		['a record ID with letters', restoreIds({ recordIds: 'abc' }), 'Record IDs must be 1 to 19 digits, got "abc" [item 0]'],
		['Deleted After that is no date', list({ deletedAfter: '={{ "soon" }}' }), 'Deleted After must be a date and time, got "soon" [item 0]'],
		['Deleted After later than Deleted Before', list({ deletedAfter: '2026-12-02T00:00:00Z', deletedBefore: '2026-12-01T00:00:00Z' }), 'Deleted After (2026-12-02T00:00:00.000Z) is later than Deleted Before (2026-12-01T00:00:00.000Z) [item 0]'],
	])('%s is refused before any request', async (_name, parameters, message) => {
		await open();
		const requestsBefore = sandbox.stats.apiRequests;
		const result = await runRecycleBinNode(parameters, { credentials, items: [{ id: 'abc' }] });
		expect(result.error?.message).toBe(message);
		expect(sandbox.stats.apiRequests).toBe(requestsBefore);
	});
});

describe('what can\'t be undone is never asked for', () => {
	it('the one way out to Zoho refuses HTTP DELETE and emptying the bin, whichever node asks', async () => {
		await open();
		const tried: string[] = [];
		registerNodeType('test.irreversible', {
			description: { displayName: 'Irreversible', name: 'irreversible', group: [], version: 1, description: '', defaults: {}, inputs: ['main'], outputs: ['main'], properties: [] },
			async execute() {
				for (const [method, path] of [['DELETE', '/crm/v8/settings/recycle_bin'], ['POST', '/crm/v8/settings/recycle_bin/actions/empty'], ['DELETE', '/crm/v8/Leads']] as const) {
					try {
						await zohoCrmApiRequest.call(this, { method, path });
					} catch (error) {
						tried.push((error as Error).message);
					}
				}
				return [[{ json: {} }]];
			},
		} as never);
		const { runWorkflow, statusNode } = await import('../harness/engine');
		await runWorkflow([statusNode({}, { type: 'test.irreversible', name: 'Irreversible' })], {}, { credentials });
		expect(tried).toEqual([
			'Refusing to call Zoho CRM with DELETE "/crm/v8/settings/recycle_bin"',
			'Refusing to call Zoho CRM with POST "/crm/v8/settings/recycle_bin/actions/empty"',
			'Refusing to call Zoho CRM with DELETE "/crm/v8/Leads"',
		]);
		expect(sandbox.stats.apiRequests).toBe(0);
	});
});
