/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import type { IDataObject, INode } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentials';
import { massDeleteNode, runMassDeleteNode, runWorkflow, statusNode, MASS_DELETE_NODE_NAME, STATUS_NODE_NAME } from '../harness/engine';
import { connectCredential } from '../sandbox/connect';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

// The Zoho Mass Delete node in n8n-core's engine, against the sandbox's records: what it deletes is really gone.

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;
afterEach(async () => sandbox && (await sandbox.close()));

async function open(options: SandboxOptions = {}, settings: IDataObject = { allowStartingMassDeletes: true }) {
	sandbox = await startSandbox({ speed: 0, ...options });
	credentials = await connectCredential(sandbox, settings);
}

const JUNK_LEADS = '3652397000000538003';
const IMPORTED_2019 = '3652397000000538005';
const LEADS = { __rl: true, mode: 'list', value: 'Leads' };

const byView = (cvid = JUNK_LEADS, extra: IDataObject = {}): IDataObject => ({
	deleteBy: 'customView',
	module: LEADS,
	customView: { __rl: true, mode: 'list', value: cvid },
	...extra,
});
const byIds = (extra: IDataObject = {}): IDataObject => ({ deleteBy: 'recordIds', module: LEADS, recordIds: '={{ $json.id }}', ...extra });

describe('by custom view', () => {
	it('schedules a background job and outputs its exact job_id, ready for the status node', async () => {
		await open();
		const result = await runMassDeleteNode(byView(), { credentials });
		expect(result.error).toBeUndefined();
		const [[item]] = result.outputsOf();
		const [job] = [...sandbox.jobs.values()];
		expect(item.json).toEqual({
			job_id: job.jobId,
			module: 'Leads',
			custom_view_id: JUNK_LEADS,
			code: 'SUCCESS',
			message: 'mass delete scheduled successfully',
			status: 'success',
			scheduled_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			record_count: 9,
			skipped: false,
		});
		expect(item.json.job_id).toMatch(/^\d{19}$/);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(job).toMatchObject({ cvid: JUNK_LEADS, total: 9 });
		expect(sandbox.stats.massDeleteStarts).toBe(1);
	});

	it('takes the custom view by ID and a territory with its children, from expressions', async () => {
		await open();
		const result = await runMassDeleteNode(
			byView(undefined, {
				customView: { __rl: true, mode: 'id', value: '={{ $json.view }}' },
				options: { territoryId: '={{ $json.territory }}', includeChildTerritories: true },
			}),
			{ credentials, items: [{ view: IMPORTED_2019, territory: '3652397000000321001' }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0][0].json).toMatchObject({
			custom_view_id: IMPORTED_2019,
			territory_id: '3652397000000321001',
			include_child_territories: true,
		});
	});

	it('a second start while the first job runs: ALREADY_SCHEDULED, with what to do', async () => {
		await open();
		const result = await runMassDeleteNode(byView(), { credentials, items: [{}, {}], onError: 'continueRegularOutput' });
		const [[started, refused]] = result.outputsOf();
		expect(started.json.job_id).toMatch(/^\d{19}$/);
		expect(refused.json.error).toBe('Zoho CRM: You can schedule only one mass delete job at a time [ALREADY_SCHEDULED] [item 1]');
		expect((refused.json.details as IDataObject).description).toMatch(/one mass delete per org at a time.*Zoho Mass Delete Status node/);
		expect(refused.pairedItem).toEqual({ item: 1 });
		expect(sandbox.jobs.size).toBe(1);
	});

	it('below the Enterprise edition: says which editions take it, and that record IDs work everywhere', async () => {
		await open({ edition: 'professional' });
		const result = await runMassDeleteNode(byView(), { credentials });
		expect(result.error?.message).toBe('Zoho CRM: mass delete by cvid is not supported in your edition [NOT_SUPPORTED] [item 0]');
		expect(result.error?.description).toMatch(/Enterprise, Ultimate, CRM Plus and Zoho One Enterprise.*record IDs.*every edition/);
	});

	it('an unknown custom view: the error names the view, the module and the item', async () => {
		await open();
		const result = await runMassDeleteNode(byView('3652397000000999999'), { credentials });
		expect(result.error?.message).toBe('Zoho CRM: the cvid given seems to be invalid [INVALID_DATA] [item 0]');
		expect(result.error?.description).toMatch(/custom view 3652397000000999999 in module Leads \[item 0\]/);
	});

	it("without 'Allow Starting Mass Deletes' on the credential: says to turn it on and reconnect", async () => {
		await open({}, {});
		const result = await runMassDeleteNode(byView(), { credentials, items: [{}, {}], onError: 'continueRegularOutput' });
		const [[first, second]] = result.outputsOf();
		expect(first.json.error).toMatch(/\[OAUTH_SCOPE_MISMATCH\] \[item \d+\]$/);
		// the count comes first, and needs the same toggle
		expect((first.json.details as IDataObject).description).toMatch(/ZohoCRM\.modules\.READ.*'Allow Starting Mass Deletes'.*'Switch account'/);
		// the credential itself was refused (after n8n's one refresh): the second item is not sent to ask again
		expect(second.json.error).toBe(first.json.error);
		expect(sandbox.stats.apiRequests).toBe(2);
		expect(sandbox.stats.refreshes).toBe(1);
		expect(sandbox.jobs.size).toBe(0);
	});

	it('dry run: only the count is asked for; the item shows what would be sent and how many would go', async () => {
		await open();
		const result = await runMassDeleteNode(byView(IMPORTED_2019, { options: { dryRun: true, territoryId: '3652397000000321001' } }), { credentials });
		expect(result.outputsOf()[0][0].json).toEqual({
			dry_run: true,
			skipped: false,
			method: 'POST',
			path: '/crm/v8/Leads/actions/mass_delete',
			body: { cvid: IMPORTED_2019, territory: { id: '3652397000000321001', include_child: false } },
			module: 'Leads',
			custom_view_id: IMPORTED_2019,
			record_count: 5_000,
			record_count_is_upper_bound: true,
			summary: `Would delete up to 5,000 records of custom view ${IMPORTED_2019} in Leads (those of territory 3652397000000321001; Zoho counts the whole view). They would go to the recycle bin.`,
		});
		expect(sandbox.requestLog).toEqual([{ method: 'GET', path: '/crm/v8/Leads/actions/count' }]);
		expect(sandbox.stats.massDeleteStarts).toBe(0);
	});

	it('counts the view on every start: an empty view starts no job and the item says so; the other items go on', async () => {
		await open();
		sandbox.records.deleteIds('Leads', sandbox.records.sampleIds('Leads', 9, 'junk'));
		const result = await runMassDeleteNode(byView('={{ $json.view }}'), { credentials, items: [{ view: JUNK_LEADS }, { view: IMPORTED_2019 }] });
		const [[empty, started]] = result.outputsOf();
		expect(empty.json).toMatchObject({ skipped: true, record_count: 0, custom_view_id: JUNK_LEADS, reason: expect.stringMatching(/holds no records: no mass delete was started/) });
		expect(empty.json.job_id).toBeUndefined();
		expect(started.json).toMatchObject({ skipped: false, record_count: 5_000, custom_view_id: IMPORTED_2019, job_id: expect.stringMatching(/^\d{19}$/) });
		expect(sandbox.stats.recordCounts).toBe(2);
		expect(sandbox.stats.massDeleteStarts).toBe(1);
	});

	it('above Max Records: no DELETE request at all, the error names the count and the cap; with continueOnFail the other items go on', async () => {
		await open();
		const result = await runMassDeleteNode(byView('={{ $json.view }}', { options: { maxRecords: 1_000 } }), {
			credentials,
			items: [{ view: IMPORTED_2019 }, { view: JUNK_LEADS }],
			onError: 'continueRegularOutput',
		});
		const [[refused, started]] = result.outputsOf();
		expect(refused.json.error).toBe(`Custom view ${IMPORTED_2019} in Leads holds 5,000 records, above 'Max Records' (1,000): no mass delete was started [item 0]`);
		expect(refused.pairedItem).toEqual({ item: 0 });
		expect(started.json).toMatchObject({ record_count: 9, job_id: expect.stringMatching(/^\d{19}$/) });
		expect(sandbox.requestLog.filter((request) => request.method !== 'GET').map((request) => request.path)).toEqual(['/crm/v8/Leads/actions/mass_delete']);
		expect([...sandbox.jobs.values()].map((job) => job.cvid)).toEqual([JUNK_LEADS]);
		expect(sandbox.records.countView(sandbox.records.views.find((view) => view.cvid === IMPORTED_2019)!).total).toBe(5_000);
	});

	it('start → status: the status node follows the job from the start node\'s item until it completes', async () => {
		await open({ speed: 0, deleteRecordsPerSecond: 1_000 });
		const start = massDeleteNode(byView(IMPORTED_2019));
		const status = statusNode({
			module: { __rl: true, mode: 'name', value: '={{ $json.module }}' },
			jobId: '={{ $json.job_id }}',
			waitForCompletion: true,
			options: { pollInterval: 1, timeout: 30 },
		});
		// sandbox time moves only when asked: each status check moves it 2 s on
		const advance = setInterval(() => sandbox.clock.advance(2_000), 20);
		try {
			const result = await runWorkflow([start, status] as INode[], { [MASS_DELETE_NODE_NAME]: { main: [[{ node: STATUS_NODE_NAME, type: 'main', index: 0 }]] } }, { credentials });
			expect(result.error).toBeUndefined();
			const [[done]] = result.outputsOf(STATUS_NODE_NAME);
			expect(done.json).toMatchObject({ Status: 'COMPLETED', Deleted_Count: 5_000, job_id: [...sandbox.jobs.keys()][0], module: 'Leads' });
			// when the job was scheduled travels on, for a restore of what it deleted
			expect(done.json.scheduled_at).toBe(result.outputsOf(MASS_DELETE_NODE_NAME)[0][0].json.scheduled_at);
			expect(sandbox.records.countView(sandbox.records.views.find((view) => view.cvid === IMPORTED_2019)!).total).toBe(0);
		} finally {
			clearInterval(advance);
		}
	});
});

describe('by record IDs', () => {
	it('1,201 items of one ID each cost 3 calls; every record is deleted and reported once, in input order', async () => {
		await open();
		const ids = sandbox.records.sampleIds('Leads', 1_201);
		const result = await runMassDeleteNode(byIds(), { credentials, items: ids.map((id) => ({ id })) });
		expect(result.error).toBeUndefined();
		const [output] = result.outputsOf();
		expect(sandbox.stats.massDeleteStarts).toBe(3);
		expect(output.map((item) => item.json.id)).toEqual(ids);
		expect(output.every((item) => item.json.deleted === true && item.json.code === 'SUCCESS' && item.json.module === 'Leads')).toBe(true);
		expect(output.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => [{ item }]));
		expect(ids.some((id) => sandbox.records.exists('Leads', id))).toBe(false);
	});

	it('drops repeats across items and within one; the output item is paired with every item that named it', async () => {
		await open();
		const [a, b, c] = sandbox.records.sampleIds('Leads', 3);
		const result = await runMassDeleteNode(byIds(), {
			credentials,
			items: [{ id: a }, { id: `${b}\n${a}` }, { id: [c, a, c] }, { id: Number('12345') }],
		});
		const [output] = result.outputsOf();
		expect(output.map((item) => [item.json.id, item.json.deleted, item.pairedItem])).toEqual([
			[a, true, [{ item: 0 }, { item: 1 }, { item: 2 }]],
			[b, true, [{ item: 1 }]],
			[c, true, [{ item: 2 }]],
			['12345', false, [{ item: 3 }]],
		]);
		expect(sandbox.stats.massDeleteStarts).toBe(1);
	});

	it('an ID Zoho refuses is reported on its item, not thrown; the other IDs are deleted', async () => {
		await open();
		const [first, second] = sandbox.records.sampleIds('Leads', 2);
		const [locked, unapproved] = sandbox.records.refusedIds('Leads');
		const unknown = '3652397000006064023';
		const result = await runMassDeleteNode(byIds(), { credentials, items: [first, unknown, locked, unapproved, second].map((id) => ({ id })) });
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0].map((item) => item.json)).toEqual([
			{ id: first, module: 'Leads', deleted: true, code: 'SUCCESS', message: 'record is deleted', status: 'success' },
			{ id: unknown, module: 'Leads', deleted: false, code: 'INVALID_DATA', message: 'the id given seems to be invalid', status: 'error' },
			{ id: locked, module: 'Leads', deleted: false, code: 'INVALID_DATA', message: 'Record locked or invalid permissions', status: 'error' },
			{ id: unapproved, module: 'Leads', deleted: false, code: 'NOT_APPROVED', message: 'record not approved', status: 'error' },
			{ id: second, module: 'Leads', deleted: true, code: 'SUCCESS', message: 'record is deleted', status: 'success' },
		]);
		expect(sandbox.records.exists('Leads', first) || sandbox.records.exists('Leads', second)).toBe(false);
		expect(sandbox.records.exists('Leads', locked)).toBe(true);
	});

	it('every ID refused (Zoho answers HTTP 400 with a result per ID) is still an answer per ID', async () => {
		await open();
		const result = await runMassDeleteNode(byIds(), { credentials, items: [{ id: '1' }, { id: '2' }] });
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0].map((item) => [item.json.id, item.json.deleted, item.json.code])).toEqual([
			['1', false, 'INVALID_DATA'],
			['2', false, 'INVALID_DATA'],
		]);
	});

	it('items naming different modules are deleted per module', async () => {
		await open();
		const [lead] = sandbox.records.sampleIds('Leads', 1);
		const [contact] = sandbox.records.sampleIds('Contacts', 1);
		const result = await runMassDeleteNode(byIds({ module: { __rl: true, mode: 'name', value: '={{ $json.module }}' } }), {
			credentials,
			items: [{ id: lead, module: 'Leads' }, { id: contact, module: 'Contacts' }, { id: contact, module: 'Leads' }],
		});
		expect(result.outputsOf()[0].map((item) => [item.json.id, item.json.module, item.json.deleted])).toEqual([
			[lead, 'Leads', true],
			[contact, 'Contacts', true],
			[contact, 'Leads', false],
		]);
		expect(sandbox.stats.massDeleteStarts).toBe(2);
	});

	it('dry run: no request; one item per call that would be sent, paired with the items it covers', async () => {
		await open();
		const ids = sandbox.records.sampleIds('Leads', 1_201);
		const requestsBefore = sandbox.stats.requests;
		const result = await runMassDeleteNode(byIds({ options: { dryRun: true } }), { credentials, items: ids.map((id) => ({ id })) });
		const [output] = result.outputsOf();
		expect(sandbox.stats.requests).toBe(requestsBefore);
		expect(sandbox.records.exists('Leads', ids[0])).toBe(true);
		expect(output.map((item) => [item.json.batch, item.json.batches, item.json.record_count])).toEqual([[1, 3, 500], [2, 3, 500], [3, 3, 201]]);
		expect(output[2].json).toMatchObject({ dry_run: true, method: 'POST', path: '/crm/v8/Leads/actions/mass_delete', module: 'Leads', body: { ids: ids.slice(1_000) } });
		expect(output[1].pairedItem).toEqual(ids.slice(500, 1_000).map((_, index) => ({ item: 500 + index })));
	});
});

describe('never twice, never wrongly reported', () => {
	it('a 429 is retried: Zoho did not take it, and one job is scheduled', async () => {
		await open();
		// the count goes through; the start meets the 429
		sandbox.faults.queue('none', 'rate_limited');
		const result = await runMassDeleteNode(byView(), { credentials });
		expect(result.outputsOf()[0][0].json.job_id).toMatch(/^\d{19}$/);
		expect(sandbox.stats.massDeleteStarts).toBe(1);
		expect(sandbox.stats.apiRequests).toBe(3);
	});

	it('an expired token: n8n refreshes and sends the start once more (Zoho refused the first), one job', async () => {
		await open();
		sandbox.faults.queue('none', 'expired_token');
		const result = await runMassDeleteNode(byView(), { credentials });
		expect(result.outputsOf()[0][0].json.job_id).toMatch(/^\d{19}$/);
		expect(sandbox.stats.refreshes).toBe(1);
		expect(sandbox.jobs.size).toBe(1);
	});

	it.each(['acted_then_reset', 'server_error', 'slow_reply'] as const)(
		'a start Zoho may have received (%s) is not sent again; the error says it may be scheduled and how to check',
		async (fault) => {
			await open({ faults: { slowReplyMs: 1_500 } });
			sandbox.faults.queue('none', fault);
			const result = await runMassDeleteNode(byView(), { credentials });
			expect(result.error?.message).toMatch(/^Zoho CRM may have carried out this request: .*It was not sent again, so it is never carried out twice\. \[item \d+\]$/);
			expect(result.error?.description).toMatch(/may have been scheduled.*look at the view in Zoho CRM/);
			expect((result.error as IDataObject).errorResponse).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
			expect(sandbox.requestLog.map((request) => request.method)).toEqual(['GET', 'POST']);
			expect(sandbox.jobs.size).toBe(fault === 'server_error' ? 0 : 1);
		},
	);

	it('an ID batch whose answer was lost is not sent again, and its IDs are never reported "not deleted"', async () => {
		await open();
		const ids = sandbox.records.sampleIds('Leads', 700);
		// the first call of 500 IDs is carried out, then the connection drops; the second call goes through
		sandbox.faults.queue('acted_then_reset');
		const result = await runMassDeleteNode(byIds(), { credentials, items: ids.map((id) => ({ id })), onError: 'continueRegularOutput' });
		const [output] = result.outputsOf();
		expect(output).toHaveLength(700);
		expect(sandbox.stats.apiRequests).toBe(2);
		const lost = output.slice(0, 500);
		expect(lost.every((item) => item.json.deleted === undefined && (item.json.details as IDataObject).code === 'OUTCOME_UNKNOWN')).toBe(true);
		expect(lost[0].json).toEqual({
			error: expect.stringMatching(/^Zoho CRM may have carried out this request: the connection broke before the answer came\./),
			details: expect.objectContaining({ id: ids[0], module: 'Leads', code: 'OUTCOME_UNKNOWN', description: expect.stringMatching(/call 1 of 2.*may or may not have been deleted/) }),
		});
		expect(output.slice(500).every((item) => item.json.deleted === true)).toBe(true);
		// they were deleted: had the node sent the call again, Zoho would have called them unknown IDs
		expect(ids.some((id) => sandbox.records.exists('Leads', id))).toBe(false);
	});

	it('without continueOnFail, a failed call stops the node and says what the earlier calls deleted', async () => {
		await open();
		const ids = sandbox.records.sampleIds('Leads', 1_100);
		sandbox.faults.queue('none', 'server_error');
		const result = await runMassDeleteNode(byIds(), { credentials, items: ids.map((id) => ({ id })) });
		expect(result.error?.description).toMatch(/call 2 of 3 \(Leads\) failed; 1 earlier call\(s\) deleted 500 record\(s\), and 1 later call\(s\) were not sent\./);
		expect(sandbox.stats.apiRequests).toBe(2);
	});
});

describe("in the editor, 'Execute step' on a later node", () => {
	const chain = (deleteParameters: IDataObject) => {
		const nodes: INode[] = [massDeleteNode(deleteParameters), statusNode({ module: { __rl: true, mode: 'name', value: '={{ $json.module }}' }, jobId: '={{ $json.job_id }}' })];
		const connections = { [MASS_DELETE_NODE_NAME]: { main: [[{ node: STATUS_NODE_NAME, type: 'main' as const, index: 0 }]] } };
		return { nodes, connections };
	};

	it('deletes nothing when n8n runs the delete first because it had no output: it says which node was executed and what to do', async () => {
		await open();
		const { nodes, connections } = chain(byView());
		const result = await runWorkflow(nodes, connections, { credentials, destinationNode: STATUS_NODE_NAME });
		expect(result.error?.message).toBe(`Nothing was deleted: you executed '${STATUS_NODE_NAME}', and n8n ran this node first because it had no output yet`);
		expect(result.error?.description).toMatch(/'Execute step' on it.*'Execute workflow'.*pin this node's output.*'Dry Run'/);
		expect(sandbox.stats.apiRequests).toBe(0);
		expect(result.runCountOf(STATUS_NODE_NAME)).toBe(0);
	});

	it('by record IDs and by criteria alike, continueOnFail or not', async () => {
		await open();
		for (const parameters of [byIds(), { deleteBy: 'criteria', module: LEADS, criteriaMode: 'where', whereClause: "Lead_Status = 'Junk Lead'" }]) {
			const { nodes, connections } = chain(parameters);
			nodes[0].onError = 'continueRegularOutput';
			const result = await runWorkflow(nodes, connections, { credentials, items: [{ id: sandbox.records.sampleIds('Leads', 1, 'junk')[0] }], destinationNode: STATUS_NODE_NAME });
			// n8n passes the input on when a node set to continue fails: the refusal is the node's error
			expect(result.run.data.resultData.runData[MASS_DELETE_NODE_NAME][0].error?.message).toMatch(/^Nothing was deleted/);
		}
		expect(sandbox.requestLog.filter((request) => request.path.endsWith('/actions/mass_delete') || request.path.endsWith('/coql'))).toEqual([]);
	});

	it('a dry run still runs (it deletes nothing); the delete executed itself, or a whole run, deletes', async () => {
		await open();
		const dry = chain(byView(JUNK_LEADS, { options: { dryRun: true } }));
		expect((await runWorkflow(dry.nodes, dry.connections, { credentials, destinationNode: STATUS_NODE_NAME })).outputsOf(MASS_DELETE_NODE_NAME)[0][0].json).toMatchObject({ dry_run: true, record_count: 9 });
		const itself = await runMassDeleteNode(byView(), { credentials, destinationNode: MASS_DELETE_NODE_NAME });
		expect(itself.outputsOf()[0][0].json.job_id).toMatch(/^\d{19}$/);
		expect(sandbox.jobs.size).toBe(1);
	});
});

describe('what items and errors call things', () => {
	it('a custom view picked from the list is named beside its ID, in items and errors', async () => {
		await open();
		const picked = (cvid: string, name: string) => ({ customView: { __rl: true, mode: 'list', value: cvid, cachedResultName: name } });
		const dry = await runMassDeleteNode(byView(JUNK_LEADS, { ...picked(JUNK_LEADS, 'Junk Leads'), options: { dryRun: true } }), { credentials });
		expect(dry.outputsOf()[0][0].json).toMatchObject({ custom_view_id: JUNK_LEADS, custom_view_name: 'Junk Leads', summary: "Would delete up to 9 records of custom view 'Junk Leads' (3652397000000538003) in Leads. They would go to the recycle bin." });
		const capped = await runMassDeleteNode(byView(IMPORTED_2019, { ...picked(IMPORTED_2019, 'Imported 2019'), options: { maxRecords: 10 } }), { credentials });
		expect(capped.error?.message).toBe("Custom view 'Imported 2019' (3652397000000538005) in Leads holds 5,000 records, above 'Max Records' (10): no mass delete was started [item 0]");
	});

	it('a territory picked from the org\'s list, or saved as text before it was a list, goes out as its ID', async () => {
		await open();
		const territory = { __rl: true, mode: 'list', value: '3652397000000321003', cachedResultName: 'West Coast (in North America)' };
		for (const territoryId of [territory, '3652397000000321003']) {
			const result = await runMassDeleteNode(byView(JUNK_LEADS, { options: { dryRun: true, territoryId } }), { credentials });
			expect(result.outputsOf()[0][0].json.body).toEqual({ cvid: JUNK_LEADS, territory: { id: '3652397000000321003', include_child: false } });
		}
	});
});
