import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentials';
import { recycleBinNode, registerNodeType, runMassDeleteNode, runRecycleBinNode, runStatusNode, runWorkflow } from '../harness/engine';
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
			json: { id: ids[0], restored_now: true, scheduled: false, code: 'SUCCESS', message: 'record restored', status: 'success', summary: 'Restored.' },
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
			{ id: deleted, restored_now: true, scheduled: false, code: 'SUCCESS', message: 'record restored', status: 'success', summary: 'Restored.' },
			{ id: live, restored_now: false, scheduled: false, code: 'INVALID_DATA', message: 'the id given seems to be invalid', status: 'error', summary: 'Not restored: the id given seems to be invalid.' },
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
	/**
	 * A 5,000-record mass delete by the connected user, with deletes around it that are not the job's: the same user a
	 * lead before it and one after it and a contact during it, a colleague a lead during it. Returns the finished check.
	 */
	async function jobWithNeighbours(startOptions: IDataObject = {}) {
		const { colleague } = sandbox.orgs[0].users;
		const [earlierLead, colleaguesLead, laterLead] = sandbox.records.sampleIds('Leads', 3, 'other').map((id) => [id]);
		const contact = sandbox.records.sampleIds('Contacts', 1, 'other');
		sandbox.records.deleteIds('Leads', earlierLead);
		clock!.jump(60_000);
		const started = await runMassDeleteNode({ deleteBy: 'customView', module: LEADS, customView: { __rl: true, mode: 'id', value: IMPORTED_2019 }, options: startOptions }, { credentials });
		expect(started.error).toBeUndefined();
		const [[startItem]] = started.outputsOf();
		clock!.jump(4_000);
		sandbox.records.deleteIds('Leads', colleaguesLead, colleague);
		sandbox.records.deleteIds('Contacts', contact);
		clock!.jump(10_000);
		const checked = await runStatusNode({ module: { __rl: true, mode: 'name', value: '={{ $json.module }}' }, jobId: '={{ $json.job_id }}' }, { credentials, items: [startItem.json] });
		const [[finished]] = checked.outputsOf();
		expect(finished.json).toMatchObject({ Status: 'COMPLETED', Deleted_Count: 5_000, is_finished: true, scheduled_at: startItem.json.scheduled_at });
		clock!.jump(60_000);
		sandbox.records.deleteIds('Leads', laterLead);
		expect(sandbox.records.binEntries()).toHaveLength(5_004);
		return { startItem: startItem.json, finished: finished.json, others: [earlierLead, colleaguesLead, laterLead, contact].flat() };
	}

	it.each(['id', 'name', 'objects', 'ignored', 'refused'] as const)(
		'whatever Zoho makes of a deleted_by filter (here: read as %s), only the job\'s records come back, by ID, each once',
		async (deletedByReading) => {
			clock = installVirtualClock();
			await open({ speed: 1, deleteRecordsPerSecond: 500, deletedByReading });
			const { startItem, finished, others } = await jobWithNeighbours();
			const restored = await runRecycleBinNode(restoreJob, { credentials, items: [finished] });
			expect(restored.error).toBeUndefined();
			const admin = sandbox.orgs[0].users.admin;
			const [[item]] = restored.outputsOf();
			expect(item.json).toMatchObject({
				job_id: startItem.job_id,
				module: 'Leads',
				deleted_after: new Date(Date.parse(String(startItem.scheduled_at)) - 5_000).toISOString(),
				deleted_before: new Date(Date.parse(String(finished.checked_at)) + 5_000).toISOString(),
				deleted_by: { id: admin.id, name: admin.full_name },
				by_captured_ids: false,
				listed: 5_001,
				found: 5_000,
				restored_now_count: 5_000,
				scheduled_count: 0,
				failed_count: 0,
				failed: [],
				restored_now: true,
				scheduled: false,
				code: 'SUCCESS',
				status: 'success',
			});
			expect(item.json.restored_ids).toHaveLength(5_000);
			// the colleague's lead was listed in the window and left alone; the rest never reached the filter
			expect(sandbox.records.binEntries().map((entry) => entry.id).sort()).toEqual([...others].sort());
			const view = sandbox.records.views.find((entry) => entry.cvid === IMPORTED_2019)!;
			expect(sandbox.records.countView(view).total).toBe(5_000);
			const restores = sandbox.requestLog.filter((request) => request.method === 'POST' && request.path.endsWith('/actions/restore'));
			expect(restores).toHaveLength(25);
			expect(restores.every((request) => Array.isArray((request.body as IDataObject).ids) && (request.body as IDataObject).filters === undefined)).toBe(true);
			// the bin was read with the documented filters only
			expect(sandbox.requestLog.some((request) => request.path.endsWith('/recycle_bin') && request.method === 'GET')).toBe(true);
		},
		30_000,
	);

	it('with Capture Record IDs: exactly the captured records, though the same user deleted others in that module and time', async () => {
		clock = installVirtualClock();
		await open({ speed: 1, deleteRecordsPerSecond: 500 });
		const alsoMine = sandbox.records.sampleIds('Leads', 2, 'other');
		const started = await runMassDeleteNode({ deleteBy: 'customView', module: LEADS, customView: { __rl: true, mode: 'id', value: '3652397000000538003' }, options: { captureRecordIds: true } }, { credentials });
		const [[startItem]] = started.outputsOf();
		expect(startItem.json).toMatchObject({ captured_count: 9, captured_ids: sandbox.records.sampleIds('Leads', 9, 'junk') });
		// the same user deletes two other leads while the job runs
		clock.jump(100);
		sandbox.records.deleteIds('Leads', alsoMine);
		clock.jump(5_000);
		const checked = await runStatusNode({ module: { __rl: true, mode: 'name', value: '={{ $json.module }}' }, jobId: '={{ $json.job_id }}' }, { credentials, items: [startItem.json] });
		const [[finished]] = checked.outputsOf();
		expect(finished.json.captured_ids).toEqual(startItem.json.captured_ids);
		const restored = await runRecycleBinNode(restoreJob, { credentials, items: [finished.json] });
		const [[item]] = restored.outputsOf();
		expect(item.json).toMatchObject({ by_captured_ids: true, listed: 11, found: 9, restored_now_count: 9, code: 'SUCCESS' });
		expect(sandbox.records.binEntries().map((entry) => entry.id).sort()).toEqual([...alsoMine].sort());
	});

	it('Capture Record IDs needs COQL, so API v7 or later: on v6 it is refused before anything is started', async () => {
		await open();
		const started = await runMassDeleteNode({ deleteBy: 'customView', module: LEADS, customView: { __rl: true, mode: 'id', value: '3652397000000538003' }, options: { captureRecordIds: true, apiVersion: 'v6' } }, { credentials });
		expect(started.error?.message).toBe("'Capture Record IDs' needs API Version v7 or v8: COQL reads a custom view from v7 on [item 0]");
		expect(sandbox.stats.massDeleteStarts).toBe(0);
	});

	it('a restore Zoho answers at the top level, as it does bulk actions, is read for every ID sent', async () => {
		await open({ restoreReply: 'topLevel' });
		const ids = sandbox.records.sampleIds('Leads', 3, 'junk');
		const item = { module: 'Leads', scheduled_at: new Date(Date.now() - 1_000).toISOString(), is_finished: true, checked_at: new Date().toISOString() };
		sandbox.records.deleteIds('Leads', ids);
		const byJob = await runRecycleBinNode(restoreJob, { credentials, items: [item] });
		expect(byJob.outputsOf()[0][0].json).toMatchObject({ found: 3, restored_now_count: 3, restored_ids: ids, code: 'SUCCESS' });
		sandbox.records.deleteIds('Leads', ids);
		const byIds = await runRecycleBinNode(restoreIds(), { credentials, items: ids.map((id) => ({ id })) });
		expect(jsonOf(byIds.outputsOf()[0])).toEqual(ids.map((id) => ({ id, restored_now: true, scheduled: false, code: 'SUCCESS', message: 'record restored', status: 'success', summary: 'Restored.' })));
	});

	it('a lost reply is not sent again: the item fails with OUTCOME_UNKNOWN and how to check', async () => {
		await open();
		sandbox.records.deleteIds('Leads', sandbox.records.sampleIds('Leads', 3, 'junk'));
		// the user, one page of the bin, then the restore is carried out and its connection drops
		sandbox.faults.queue('none', 'none', 'acted_then_reset');
		const item = { job_id: '3652397000009565021', module: 'Leads', scheduled_at: new Date(Date.now() - 60_000).toISOString() };
		const result = await runRecycleBinNode(restoreJob, { credentials, items: [item] });
		expect((result.error as IDataObject).errorResponse).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
		expect(result.error?.description).toMatch(/The 3 records of call 1 of 1 \(recycle bin\) may or may not have been restored, and were not sent again/);
		expect(binCalls('POST', '/crm/v8/settings/recycle_bin/actions/restore')).toBe(1);
	});

	it.each([
		['no scheduled_at', { job_id: '3652397000009565021', module: 'Leads' }, 'The input item\'s scheduled_at is missing [item 0]'],
		['a garbled scheduled_at', { module: 'Leads', scheduled_at: 'last week' }, 'The input item\'s scheduled_at must be a date and time, got "last week" [item 0]'],
		['no module', { scheduled_at: '2026-12-01T20:15:04.120Z' }, 'The input item\'s module is empty [item 0]'],
		['captured IDs as numbers', { module: 'Leads', scheduled_at: '2026-12-01T20:15:04.120Z', captured_ids: [1, 2] }, "The input item's captured_ids must be a list of record IDs of 1 to 19 digits, kept as text [item 0]"],
	])('an item with %s is refused before any request, naming the field and the item', async (_name, item, message) => {
		await open();
		const requestsBefore = sandbox.stats.apiRequests;
		const result = await runRecycleBinNode(restoreJob, { credentials, items: [item] });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/after the Zoho Mass Delete node/);
		expect(sandbox.stats.apiRequests).toBe(requestsBefore);
	});

	it('with continueOnFail a bad item leaves as an error item and the good ones are read; the user is asked for once', async () => {
		await open();
		const good = { module: 'Leads', scheduled_at: new Date(Date.now() - 60_000).toISOString() };
		const result = await runRecycleBinNode(restoreJob, { credentials, items: [good, { module: 'Leads' }, good], onError: 'continueRegularOutput' });
		expect(result.outputsOf()[0].map((item) => [item.json.code ?? item.json.error, item.pairedItem])).toEqual([
			['NOTHING_TO_RESTORE', { item: 0 }],
			['The input item\'s scheduled_at is missing [item 1]', { item: 1 }],
			['NOTHING_TO_RESTORE', { item: 2 }],
		]);
		expect(sandbox.stats.userLookups).toBe(1);
	});
});

describe('Get Restore Progress', () => {
	const checkRestore = { operation: 'checkRestore' };

	it('routes to Pending while Zoho restores in the background, then to Restored; the next check is aimed by its pace', async () => {
		await open();
		// 1,200 contacts with 5 notes and attachments each: more than Zoho restores at once
		const ids = sandbox.records.sampleIds('Contacts', 1_200, 'bounced');
		sandbox.records.deleteIds('Contacts', ids);
		const restoring = await runRecycleBinNode(restoreIds(), { credentials, items: ids.map((id) => ({ id })) });
		expect(jsonOf(restoring.outputsOf()[0]).every((json) => json.scheduled === true)).toBe(true);
		// each call's 200 come back at 100 a second: a second in, 101 of each call are back
		sandbox.clock.advance(SCHEDULED_RESTORE.startAfterMs + 1_000);
		const first = await runRecycleBinNode(checkRestore, { credentials, items: jsonOf(restoring.outputsOf()[0]) });
		const [restored, pending] = first.outputsOf();
		expect(restored).toEqual([]);
		expect(pending).toHaveLength(1);
		expect(pending[0].pairedItem).toHaveLength(1_200);
		expect(pending[0].json).toMatchObject({ restored: false, total_count: 1_200, restored_count: 606, pending_count: 594, check_count: 1 });
		expect(pending[0].json.next_check_in_seconds).toEqual(expect.any(Number));
		expect(binCalls('GET', '/crm/v8/settings/recycle_bin')).toBe(6);
		sandbox.clock.advance(9_000);
		const second = await runRecycleBinNode(checkRestore, { credentials, items: [pending[0].json] });
		expect(second.outputsOf()[0][0].json).toMatchObject({ restored: true, total_count: 1_200, restored_count: 1_200, pending_count: 0, pending_ids: [], check_count: 2 });
		expect(second.outputsOf()[1]).toEqual([]);
	});

	it('a Wait-node loop round it parks between checks and ends once every record is back', async () => {
		clock = installVirtualClock();
		await open({ speed: 1 });
		const ids = sandbox.records.sampleIds('Contacts', 1_200, 'bounced');
		sandbox.records.deleteIds('Contacts', ids);
		const nodes = [
			recycleBinNode({ operation: 'restore', restoreBy: 'ids', recordIds: '={{ $json.ids }}' }, { name: 'Restore', id: 'restore' }),
			recycleBinNode(checkRestore, { name: 'Check', id: 'check' }),
			{ id: 'wait', name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [0, 0] as [number, number], parameters: { amount: '={{ $json.next_check_in_seconds }}', unit: 'seconds' } },
			{ id: 'done', name: 'Back', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
		];
		const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];
		const connections = { Restore: { main: [to('Check')] }, Check: { main: [to('Back'), to('Wait')] }, Wait: { main: [to('Check')] } };
		const run = await runWorkflow(nodes, connections, { credentials, items: [{ ids }], clock });
		expect(run.error).toBeUndefined();
		expect(run.outputsOf('Back')[0][0].json).toMatchObject({ restored: true, restored_count: 1_200 });
		expect(run.runCountOf('Check')).toBeGreaterThanOrEqual(2);
		expect(run.runCountOf('Check')).toBeLessThanOrEqual(4);
		expect(sandbox.records.binEntries()).toEqual([]);
	});
});

describe('scopes and bad input', () => {
	it('without "Allow Restoring From the Recycle Bin": the hint says to turn it on and reconnect', async () => {
		await open({}, { allowStartingMassDeletes: true });
		const result = await runRecycleBinNode(list(), { credentials });
		expect(result.error?.message).toMatch(/\[OAUTH_SCOPE_MISMATCH\] \[item \d+\]$/);
		expect(result.error?.description).toMatch(/ZohoCRM\.settings\.recycle_bin\.READ.*'Allow Restoring From the Recycle Bin'.*'Switch account'/);
	});

	it.each([
		['a record ID with letters', restoreIds({ recordIds: 'abc' }), '\'Record IDs\' must be 1 to 19 digits, got "abc" [item 0]'],
		['Deleted After that is no date', list({ deletedAfter: '={{ "soon" }}' }), '\'Deleted After\' must be a date and time, got "soon" [item 0]'],
		['Deleted After later than Deleted Before', list({ deletedAfter: '2026-12-02T00:00:00Z', deletedBefore: '2026-12-01T00:00:00Z' }), "'Deleted After' (2026-12-02T00:00:00.000Z) is later than 'Deleted Before' (2026-12-01T00:00:00.000Z) [item 0]"],
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
