import type { IDataObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentials';
import { ZohoMassDelete } from '../../nodes/ZohoMassDelete/ZohoMassDelete.node';
import { massDeleteNode, recycleBinNode, registerNodeType, runMassDeleteNode, runWorkflow, MASS_DELETE_NODE_NAME, MASS_DELETE_NODE_TYPE, RECYCLE_BIN_NODE_NAME } from '../harness/engine';
import { connectCredential } from '../sandbox/connect';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

// Delete By > Criteria in n8n-core's engine, the sandbox as Zoho: its COQL reads the records' real field values, and
// what the node deletes is really gone (into the recycle bin).

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;
afterEach(async () => {
	if (!sandbox) return;
	// whatever a test did, nothing was ever deleted for good
	expect(sandbox.stats.permanentDeletes).toBe(0);
	await sandbox.close();
});

async function open(options: SandboxOptions = {}, settings: IDataObject = { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true }) {
	sandbox = await startSandbox({ speed: 0, ...options });
	credentials = await connectCredential(sandbox, settings);
}

const LEADS = { __rl: true, mode: 'list', value: 'Leads' };
const field = (name: string) => ({ __rl: true, mode: 'list', value: name });
const byConditions = (conditions: IDataObject[], extra: IDataObject = {}): IDataObject => ({
	deleteBy: 'criteria',
	module: LEADS,
	criteriaMode: 'conditions',
	conditions: { condition: conditions.map((condition) => ({ ...condition, field: field(String(condition.field)) })) },
	...extra,
});
const byWhere = (whereClause: string, extra: IDataObject = {}): IDataObject => ({ deleteBy: 'criteria', module: LEADS, criteriaMode: 'where', whereClause, ...extra });

const coqlSent = () => sandbox.requestLog.filter((entry) => entry.path.endsWith('/coql')).map((entry) => (entry.body as IDataObject).select_query);
const deleteCalls = () => sandbox.requestLog.filter((entry) => entry.path.endsWith('/actions/mass_delete'));
/** Every request's kind, in order: what came before what. */
const callOrder = () => sandbox.requestLog.map((entry) => entry.path.replace(/^\/crm\/v\d+\//, '').replace(/^Leads\/actions\//, ''));

const TRADE_SHOW_UP_TO_4321 = [
	{ field: 'Lead_Source', operator: 'equals', value: 'Trade Show' },
	{ field: 'No_of_Employees', operator: 'lessEqual', value: '4321' },
];

describe('the COQL it sends', () => {
	it('conditions of each field type are written as Zoho reads them, bracketed in pairs, exactly', async () => {
		await open();
		const result = await runMassDeleteNode(
			byConditions(
				[
					{ field: 'Company', operator: 'equals', value: "O'Brien & Sons" },
					{ field: 'Lead_Status', operator: 'in', value: 'Junk Lead, Lost Lead' },
					{ field: 'Annual_Revenue', operator: 'between', value: '0', valueTo: '999999.5' },
					{ field: 'Follow_Up_Date', operator: 'greaterEqual', value: '2025-01-01' },
					{ field: 'Created_Time', operator: 'lessThan', value: '2024-01-01T05:30:00+05:30' },
					{ field: 'Email_Opt_Out', operator: 'equals', value: 'false' },
					{ field: 'Owner', operator: 'notEquals', value: '3652397000000186099' },
					{ field: 'Email', operator: 'contains', value: 'junk' },
					{ field: 'Description', operator: 'isNotEmpty' },
				],
				{ options: { dryRun: true } },
			),
			{ credentials },
		);
		expect(result.error).toBeUndefined();
		const where =
			"((((((((Company = 'O''Brien & Sons' and Lead_Status in ('Junk Lead', 'Lost Lead')) and Annual_Revenue between 0 and 999999.5) and Follow_Up_Date >= '2025-01-01') and Created_Time < '2024-01-01T05:30:00+05:30') and Email_Opt_Out = 'false') and Owner != '3652397000000186099') and Email like '%junk%') and Description is not null)";
		expect(coqlSent()).toEqual([`select id, Full_Name from Leads where ${where} order by id asc limit 2000`]);
		const [[item]] = result.outputsOf();
		expect(item.json).toMatchObject({ criteria: where, coql: `select id from Leads where ${where} order by id asc limit 2000`, record_count: 1 });
	});

	it('Any Condition: no OR is sent (no Zoho sample shows one), one query per condition; a WHERE clause typed as text goes out as typed', async () => {
		await open();
		const [[preview]] = (
			await runMassDeleteNode(
				byConditions([{ field: 'Lead_Status', operator: 'equals', value: 'Junk Lead' }, { field: 'Email', operator: 'startsWith', value: 'x' }], { combinator: 'or', options: { dryRun: true } }),
				{ credentials },
			)
		).outputsOf();
		await runMassDeleteNode(byWhere("where Lead_Status = 'Junk Lead' and Email like 'junk.%'", { options: { dryRun: true } }), { credentials });
		expect(coqlSent()).toEqual([
			"select id, Full_Name from Leads where Lead_Status = 'Junk Lead' order by id asc limit 2000",
			"select id, Full_Name from Leads where Email like 'x%' order by id asc limit 2000",
			"select id, Full_Name from Leads where Lead_Status = 'Junk Lead' and Email like 'junk.%' order by id asc limit 2000",
		]);
		expect(preview.json).toMatchObject({
			criteria: "(Lead_Status = 'Junk Lead' or Email like 'x%')",
			coql: "select id from Leads where Lead_Status = 'Junk Lead' order by id asc limit 2000",
			coql_queries: ["select id from Leads where Lead_Status = 'Junk Lead' order by id asc limit 2000", "select id from Leads where Email like 'x%' order by id asc limit 2000"],
		});
	});

	it.each(['honoured', 'readAsAnd', 'refused'] as const)('Any Condition deletes exactly the records meeting one condition or more, each once, whether Zoho reads OR as OR, as AND or not at all (%s)', async (coqlOr) => {
		await open({ coqlOr });
		const junk = sandbox.records.sampleIds('Leads', 9, 'junk');
		const result = await runMassDeleteNode(
			byConditions(
				[
					{ field: 'Email', operator: 'startsWith', value: 'junk.' },
					// the same record again: counted and deleted once
					{ field: 'Last_Name', operator: 'equals', value: 'junk-1' },
					{ field: 'Email', operator: 'startsWith', value: 'unapproved.' },
				],
				{ combinator: 'or' },
			),
			{ credentials },
		);
		expect(result.error).toBeUndefined();
		const [[item]] = result.outputsOf();
		expect(item.json).toMatchObject({ record_count: 12, deleted_count: 9, failed_count: 3, more_remaining: false });
		expect(item.json.deleted_ids).toEqual(junk);
		const unapproved = [0, 1, 2].map((offset) => (BigInt(sandbox.records.refusedIds('Leads')[1]) + BigInt(offset)).toString());
		expect(item.json.failures).toEqual(unapproved.map((id) => ({ id, code: 'NOT_APPROVED', message: 'record not approved' })));
		expect(coqlSent().some((query) => / or /i.test(String(query)))).toBe(false);
		expect(deleteCalls()).toHaveLength(1);
	});
});

describe('count, cap, dry run', () => {
	it('Any Condition: the cap counts the records of all the conditions together, each once', async () => {
		await open();
		const conditions = [
			{ field: 'Email', operator: 'startsWith', value: 'junk.' },
			{ field: 'Last_Name', operator: 'equals', value: 'junk-1' },
			{ field: 'Email', operator: 'startsWith', value: 'unapproved.' },
		];
		const refused = await runMassDeleteNode(byConditions(conditions, { combinator: 'or', options: { maxRecords: 11 } }), { credentials });
		expect(refused.error?.message).toMatch(/match more than 11 Leads records \(12 found before counting stopped\), above 'Max Records' \(11\): nothing was deleted \[item 0\]$/);
		expect(deleteCalls()).toHaveLength(0);
		const [[preview]] = (await runMassDeleteNode(byConditions(conditions, { combinator: 'or', options: { maxRecords: 12, dryRun: true } }), { credentials })).outputsOf();
		expect(preview.json).toMatchObject({ dry_run: true, record_count: 12 });
	});

	it('4,321 matching records: counted by 3 COQL pages first, then 9 delete calls, every ID once; deleted_ids exact', async () => {
		await open();
		const expected = sandbox.records.sampleIds('Leads', 4_321, 'imported2019');
		const result = await runMassDeleteNode(byConditions(TRADE_SHOW_UP_TO_4321, { options: { maxRecords: 5_000 } }), { credentials });
		expect(result.error).toBeUndefined();
		const [[item]] = result.outputsOf();
		expect(item.json).toMatchObject({ module: 'Leads', record_count: 4_321, deleted_count: 4_321, failed_count: 0, failures: [], more_remaining: false, skipped: false });
		expect(item.json.deleted_ids).toEqual(expected);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(coqlSent().map((query) => / offset (\d+)$/.exec(String(query))?.[1] ?? '0')).toEqual(['0', '2000', '4000']);
		const deletes = deleteCalls();
		expect(deletes.map((entry) => ((entry.body as IDataObject).ids as string[]).length)).toEqual([500, 500, 500, 500, 500, 500, 500, 500, 321]);
		expect(deletes.flatMap((entry) => (entry.body as IDataObject).ids as string[])).toEqual(expected);
		// every COQL page before the first delete
		expect(callOrder().indexOf('mass_delete')).toBeGreaterThan(callOrder().lastIndexOf('coql'));
		expect(sandbox.records.binEntries().map((entry) => entry.id)).toEqual(expected);
	});

	it('nothing matches: skipped, with a reason, and no delete call', async () => {
		await open();
		const result = await runMassDeleteNode(byConditions([{ field: 'Lead_Status', operator: 'equals', value: 'Lost Lead' }]), { credentials });
		expect(result.outputsOf()[0][0].json).toMatchObject({ skipped: true, record_count: 0, deleted_ids: [], reason: 'No Leads record matches the criteria: nothing was deleted.' });
		expect(deleteCalls()).toEqual([]);
	});

	it('Max Records unset: a cap of 1,000 all the same; counting stops past it and nothing is deleted', async () => {
		await open();
		const result = await runMassDeleteNode(byConditions(TRADE_SHOW_UP_TO_4321), { credentials });
		expect(result.error?.message).toBe(
			"The criteria (Lead_Source = 'Trade Show' and No_of_Employees <= 4321) match more than 1,000 Leads records (2,000 found before counting stopped), above 'Max Records' (1,000): nothing was deleted [item 0]",
		);
		expect(result.error?.description).toMatch(/'Max Records' is not set, so a delete by criteria stops at 1,000/);
		expect(coqlSent()).toHaveLength(1);
		expect(deleteCalls()).toEqual([]);
	});

	it('above a Max Records that is set: refused the same way, before any delete; the dry run too', async () => {
		await open();
		for (const dryRun of [false, true]) {
			const result = await runMassDeleteNode(byConditions(TRADE_SHOW_UP_TO_4321, { options: { maxRecords: 4_320, dryRun } }), { credentials });
			expect(result.error?.message).toMatch(/match more than 4,320 Leads records \(4,321 found before counting stopped\), above 'Max Records' \(4,320\): nothing was deleted \[item 0\]$/);
		}
		expect(deleteCalls()).toEqual([]);
	});

	it('dry run: the count, the first 10 records with their names, the exact COQL; nothing deleted', async () => {
		await open();
		const result = await runMassDeleteNode(byConditions([{ field: 'Lead_Status', operator: 'equals', value: 'Junk Lead' }], { options: { dryRun: true } }), { credentials });
		const [[item]] = result.outputsOf();
		const ids = [...sandbox.records.sampleIds('Leads', 9, 'junk'), sandbox.records.refusedIds('Leads')[0]];
		expect(item.json).toEqual({
			dry_run: true,
			skipped: false,
			module: 'Leads',
			criteria: "Lead_Status = 'Junk Lead'",
			max_records: 1_000,
			record_count: 15,
			sample: ids.map((id, index) => ({ id, name: index < 9 ? `Lead junk-${index + 1}` : 'Lead locked-1' })),
			coql: "select id from Leads where Lead_Status = 'Junk Lead' order by id asc limit 2000",
			summary: 'Would delete 15 Leads records matching the criteria, 2,000 read per query and 500 deleted per call. They would go to the recycle bin.',
		});
		expect(deleteCalls()).toEqual([]);
		expect(sandbox.records.binEntries()).toEqual([]);
	});
});

describe('deleting', () => {
	it('records Zoho refuses are reported with its code, never asked for again; the others are deleted', async () => {
		await open();
		const result = await runMassDeleteNode(byConditions([{ field: 'Lead_Status', operator: 'equals', value: 'Junk Lead' }]), { credentials });
		const [[item]] = result.outputsOf();
		expect(item.json).toMatchObject({ record_count: 15, deleted_count: 9, failed_count: 6 });
		expect(item.json.failures).toEqual([
			...[0, 1, 2].map((offset) => ({ id: (BigInt(sandbox.records.refusedIds('Leads')[0]) + BigInt(offset)).toString(), code: 'INVALID_DATA', message: 'Record locked or invalid permissions' })),
			...[0, 1, 2].map((offset) => ({ id: (BigInt(sandbox.records.refusedIds('Leads')[1]) + BigInt(offset)).toString(), code: 'NOT_APPROVED', message: 'record not approved' })),
		]);
		const sent = deleteCalls().flatMap((entry) => (entry.body as IDataObject).ids as string[]);
		expect(sent).toHaveLength(15);
		expect(new Set(sent).size).toBe(15);
	});

	it('a delete call whose reply is lost is not sent again: what was deleted is reported, and a second pass takes up the rest', async () => {
		await open();
		// the field list, three COQL pages and the first delete go through; the second delete is carried out, then its connection drops
		sandbox.faults.queue('none', 'none', 'none', 'none', 'none', 'acted_then_reset');
		const first = await runMassDeleteNode(byConditions(TRADE_SHOW_UP_TO_4321, { options: { maxRecords: 5_000 } }), { credentials });
		const [[item]] = first.outputsOf();
		expect(callOrder()).toEqual(['settings/fields', 'coql', 'coql', 'coql', 'mass_delete', 'mass_delete']);
		expect(item.json).toMatchObject({ deleted_count: 500, more_remaining: true, interrupted: { code: 'OUTCOME_UNKNOWN' } });
		expect(item.json.outcome_unknown_ids).toHaveLength(500);
		expect(item.json.resume_after_id).toBe((item.json.deleted_ids as string[])[499]);
		// the next pass, fed the item: the 500 of the lost call are gone, and the rest is deleted once
		const second = await runMassDeleteNode(byConditions(TRADE_SHOW_UP_TO_4321, { options: { maxRecords: 5_000 } }), { credentials, items: [item.json] });
		const [[next]] = second.outputsOf();
		expect(next.json).toMatchObject({ record_count: 3_321, deleted_count: 3_321, more_remaining: false, deleted_count_total: 3_821 });
		expect(sandbox.records.binEntries()).toHaveLength(4_321);
	});

	it('deleted_ids handed to Restore > Record IDs bring back exactly those records', async () => {
		await open();
		const before = sandbox.records.binEntries().length;
		sandbox.records.deleteIds('Leads', sandbox.records.sampleIds('Leads', 5, 'other'));
		const nodes = [
			massDeleteNode(byConditions([{ field: 'Lead_Status', operator: 'equals', value: 'Junk Lead' }])),
			recycleBinNode({ operation: 'restore', restoreBy: 'ids', recordIds: '={{ $json.deleted_ids }}' }),
		];
		const connections = { [MASS_DELETE_NODE_NAME]: { main: [[{ node: RECYCLE_BIN_NODE_NAME, type: 'main' as const, index: 0 }]] } };
		const result = await runWorkflow(nodes, connections, { credentials });
		expect(result.error).toBeUndefined();
		const restored = result.outputsOf(RECYCLE_BIN_NODE_NAME)[0];
		expect(restored.map((entry) => entry.json.id)).toEqual(sandbox.records.sampleIds('Leads', 9, 'junk'));
		expect(restored.every((entry) => entry.json.restored_now === true)).toBe(true);
		// the five deleted by other means stay in the bin
		expect(sandbox.records.binEntries()).toHaveLength(before + 5);
	});
});

describe('past the 100,000 records LIMIT and OFFSET reach', () => {
	it.each(['honoured', 'ignored', 'refused'] as const)('with "id > …" %s by Zoho: never a wrong record deleted, never one twice', async (coqlIdRange) => {
		await open({ coqlIdRange });
		const dormant = byConditions([{ field: 'Account_Type', operator: 'equals', value: 'Dormant' }], { module: { __rl: true, mode: 'list', value: 'Accounts' }, options: { maxRecords: 200_000 } });
		// 5 locked dormant accounts come first, then 100,000 more and 500 closed ones: 100,505 match
		const first = await runMassDeleteNode(dormant, { credentials });
		const [[item]] = first.outputsOf();
		expect(item.json).toMatchObject({ record_count: 100_000, record_count_is_lower_bound: true, deleted_count: 99_995, failed_count: 5, more_remaining: true });
		expect(coqlSent()).toHaveLength(50);
		const second = await runMassDeleteNode(dormant, { credentials, items: [item.json], onError: 'continueRegularOutput' });
		const [[next]] = second.outputsOf();
		if (coqlIdRange === 'honoured') {
			// the locked ones lie before resume_after_id: not asked for again
			expect(next.json).toMatchObject({ record_count: 505, deleted_count: 505, failed_count: 0, more_remaining: false, deleted_count_total: 100_500 });
		} else {
			expect(next.json.error).toMatch(coqlIdRange === 'ignored' ? /with record \d{19}, which does not come after it: nothing was changed/ : /\[INVALID_QUERY\]/);
		}
		const sent = deleteCalls().flatMap((entry) => (entry.body as IDataObject).ids as string[]);
		expect(new Set(sent).size).toBe(sent.length);
		expect(sent).toHaveLength(coqlIdRange === 'honoured' ? 100_505 : 100_000);
	}, 120_000);
});

describe('bad criteria', () => {
	it.each([
		['a WHERE clause with its own LIMIT', byWhere("Lead_Status = 'Junk Lead' limit 5"), /^'COQL WHERE Clause' holds LIMIT, which would change the query itself, not only its criteria \[item 0\]$/, 0],
		['a second statement', byWhere("Lead_Status = 'x'; delete from Leads"), /^'COQL WHERE Clause' holds a second statement \(;\) \[item 0\]$/, 0],
		['no criteria', byWhere('  '), /^'COQL WHERE Clause' is empty: Zoho needs criteria \[item 0\]$/, 0],
		['no conditions', byConditions([]), /^'Conditions' are empty: Zoho needs criteria \[item 0\]$/, 0],
		['an unknown field', byConditions([{ field: 'Lead_Mood', operator: 'equals', value: 'x' }]), /^Condition 1 \(Lead_Mood\) is not a field of Leads \[item 0\]$/, 0],
		['an operator that does not fit', byConditions([{ field: 'Email_Opt_Out', operator: 'contains', value: 'x' }]), /^Condition 1 \(Email_Opt_Out\) is a checkbox, which Zoho cannot compare with 'Contains' \[item 0\]$/, 0],
		['a value of the wrong type', byConditions([{ field: 'Annual_Revenue', operator: 'greaterThan', value: 'lots' }]), /^Condition 1 \(Annual_Revenue\) value must be a number/, 0],
		['a date-time without its offset', byConditions([{ field: 'Created_Time', operator: 'lessThan', value: '2024-01-01T10:00:00' }]), /has no time zone offset/, 0],
		['a picklist value that is not one', byConditions([{ field: 'Lead_Status', operator: 'equals', value: 'junk lead' }]), /is not a value of this picklist/, 0],
		["Zoho's SYNTAX_ERROR at the first call", byWhere("Lead_Status = 'Junk Lead' and Email is null and Company is null"), /\[SYNTAX_ERROR\] \[item \d+\]$/, 1],
	])('%s: a clear error naming the item, before or at the first call', async (_name, parameters, message, coqlCalls) => {
		await open();
		const result = await runMassDeleteNode(parameters as IDataObject, { credentials });
		expect(result.error?.message).toMatch(message);
		expect(coqlSent()).toHaveLength(coqlCalls);
		expect(deleteCalls()).toEqual([]);
	});

	it("Zoho's errors say where and what to fix, with the criteria and the item", async () => {
		await open();
		const syntax = await runMassDeleteNode(byWhere("Lead_Status = 'Junk Lead' and Email is null and Company is null"), { credentials });
		expect(syntax.error?.description).toMatch(/^Criteria of item 0: Lead_Status = 'Junk Lead' and Email is null and Company is null\. .*bracket more than two criteria in pairs/);
		const unknown = await runMassDeleteNode(byWhere("Lead_Mood = 'x'"), { credentials });
		expect(unknown.error?.description).toMatch(/Zoho does not know Lead_Mood in this module/);
	});

	it('with continueOnFail, a bad item leaves as an error item and the other items are deleted', async () => {
		await open();
		const result = await runMassDeleteNode(
			byConditions([{ field: 'Lead_Status', operator: 'equals', value: '={{ $json.status }}' }], { options: { maxRecords: '={{ $json.cap }}' } }),
			{ credentials, items: [{ status: 'Junk Lead', cap: 100 }, { status: 'Not Contacted', cap: 100 }, { status: 'nope', cap: 100 }], onError: 'continueRegularOutput' },
		);
		const [[first, second, third]] = result.outputsOf();
		expect(first.json).toMatchObject({ deleted_count: 9, failed_count: 6 });
		expect(second.json.error).toMatch(/above 'Max Records' \(100\): nothing was deleted \[item 1\]/);
		expect(third.json.error).toMatch(/^Condition 1 \(Lead_Status\) value is not a value of this picklist: "nope" \[item 2\]$/);
		expect([first, second, third].map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it("without 'Allow Starting Mass Deletes': the field list says to turn it on and reconnect", async () => {
		await open({}, {});
		const result = await runMassDeleteNode(byConditions([{ field: 'Lead_Status', operator: 'equals', value: 'Junk Lead' }]), { credentials });
		expect(result.error?.description).toMatch(/ZohoCRM\.settings\.fields\.READ.*'Allow Starting Mass Deletes'/);
		const typed = await runMassDeleteNode(byWhere("Lead_Status = 'Junk Lead'"), { credentials });
		expect(typed.error?.description).toMatch(/ZohoCRM\.coql\.READ and ZohoCRM\.modules\.READ.*'Allow Starting Mass Deletes'/);
	});

	it("as an AI Agent's tool the criteria may come from $fromAI-style expressions, the cap may not", async () => {
		await open();
		const toolType = `${MASS_DELETE_NODE_TYPE}Tool`;
		registerNodeType(toolType, new ZohoMassDelete());
		const asTool = async (options: IDataObject) =>
			await runWorkflow([massDeleteNode(byWhere('={{ $json.where }}', { options }), { type: toolType })], {}, { credentials, items: [{ where: "Lead_Status = 'Junk Lead'", cap: 1_000_000 }] });
		const raised = await asTool({ maxRecords: '={{ $json.cap }}' });
		expect(raised.error?.message).toBe('\'Max Records\' is an expression, which an AI Agent could change [item 0]');
		expect(sandbox.requestLog).toEqual([]);
		const fixed = await asTool({ maxRecords: 10 });
		expect(fixed.error?.message).toMatch(/match more than 10 Leads records .* above 'Max Records' \(10\): nothing was deleted \[item 0\]$/);
		expect(deleteCalls()).toEqual([]);
	});
});
