import { strFromU8, unzipSync } from 'fflate';
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentials';
import { runMassDeleteNode } from '../harness/engine';
import { connectCredential } from '../sandbox/connect';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

// Backups before a delete, in n8n-core's engine against the sandbox: made from every record about to go, attached to
// the item as a file, and always before the first delete request; a backup that cannot be completed deletes nothing.

let sandbox: Sandbox;
let credentials: TestCredentialsHelper;
afterEach(async () => {
	if (!sandbox) return;
	expect(sandbox.stats.permanentDeletes).toBe(0);
	await sandbox.close();
});

const ALL_TOGGLES = { allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true, allowBackupsBeforeDeletes: true };
async function open(options: SandboxOptions = {}, settings: IDataObject = ALL_TOGGLES) {
	sandbox = await startSandbox({ speed: 0, ...options });
	credentials = await connectCredential(sandbox, settings);
}

const LEADS = { __rl: true, mode: 'list', value: 'Leads' };
const JUNK_LEADS = '3652397000000538003';
const junkByCriteria = (options: IDataObject): IDataObject => ({ deleteBy: 'criteria', module: LEADS, criteriaMode: 'where', whereClause: "Lead_Status = 'Junk Lead'", options });
const byView = (options: IDataObject, cvid = JUNK_LEADS): IDataObject => ({ deleteBy: 'customView', module: LEADS, customView: { __rl: true, mode: 'id', value: cvid }, options });
/** Every request's kind, in order. */
const callOrder = () => sandbox.requestLog.map((entry) => entry.path.replace(/^\/crm\/(bulk\/)?v\d+\//, '').replace(/\/\d{19}/, '/{id}'));
const fileOf = (binary: IBinaryData) => Buffer.from(binary.data, 'base64');

describe('Delete By > Criteria, Back Up Fields', () => {
	it('a CSV of the chosen fields, one row per matching record, made from the reads before the first delete call', async () => {
		await open();
		const result = await runMassDeleteNode(junkByCriteria({ backupFields: 'Full_Name, Company, Owner, Email_Opt_Out' }), { credentials });
		expect(result.error).toBeUndefined();
		const [[item]] = result.outputsOf();
		expect(item.json).toMatchObject({ deleted_count: 9, failed_count: 6, backup_rows: 15, backup_fields: ['id', 'Full_Name', 'Company', 'Owner', 'Email_Opt_Out'] });
		expect(item.json.backup_file_name).toMatch(/^Leads-criteria-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv$/);
		const backup = item.binary!.backup;
		expect(backup).toMatchObject({ fileName: item.json.backup_file_name, mimeType: 'text/csv' });
		const lines = fileOf(backup).toString('utf8').trim().split('\r\n');
		expect(lines).toHaveLength(16);
		expect(lines[0]).toBe('id,Full_Name,Company,Owner,Email_Opt_Out');
		// a lookup by its ID
		expect(lines[1]).toBe(`${(item.json.deleted_ids as string[])[0]},Lead junk-1,O'Brien & Sons,${sandbox.orgs[0].users.colleague.id},false`);
		expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([...(item.json.deleted_ids as string[]), ...(item.json.failures as IDataObject[]).map((failure) => failure.id)].sort());
		// the query read the backup's fields; every read came before the first delete
		const order = callOrder();
		expect(order.lastIndexOf('coql')).toBeLessThan(order.indexOf('Leads/actions/mass_delete'));
		expect(sandbox.requestLog.find((entry) => entry.path.endsWith('/coql'))!.body).toEqual({
			select_query: "select id, Full_Name, Company, Owner, Email_Opt_Out from Leads where Lead_Status = 'Junk Lead' order by id asc limit 2000",
		});
	});

	it('empty: the fields that identify a record (ID, name, email); a dry run carries the backup too and deletes nothing', async () => {
		await open();
		const result = await runMassDeleteNode(junkByCriteria({ backupFields: '', dryRun: true }), { credentials });
		const [[item]] = result.outputsOf();
		expect(item.json).toMatchObject({ dry_run: true, backup_rows: 15, backup_fields: ['id', 'Full_Name', 'Email'] });
		expect(fileOf(item.binary!.backup).toString('utf8').split('\r\n')[0]).toBe('id,Full_Name,Email');
		expect(sandbox.stats.massDeleteStarts).toBe(0);
	});

	it('a field the module lacks is refused before any read or delete', async () => {
		await open();
		const result = await runMassDeleteNode(junkByCriteria({ backupFields: 'Full_Name, Shoe_Size' }), { credentials });
		expect(result.error?.message).toBe('\'Back Up Fields\' names Shoe_Size, which is not a field of Leads [item 0]');
		expect(callOrder()).toEqual(['settings/fields']);
	});
});

describe('Delete By > Custom View, Back Up First', () => {
	it("Zoho's Bulk Read zip of the view is attached before the mass delete is sent; the job then starts", async () => {
		await open({ speed: 600 });
		const result = await runMassDeleteNode(byView({ backUpFirst: true, backupFields: 'Full_Name, Email' }), { credentials });
		expect(result.error).toBeUndefined();
		const [[item]] = result.outputsOf();
		expect(item.json).toMatchObject({ job_id: expect.stringMatching(/^\d{19}$/), backup_rows: 9, backup_job_id: expect.stringMatching(/^\d{19}$/) });
		expect(item.json.backup_file_name).toMatch(/^Leads-view-3652397000000538003-backup-.*\.zip$/);
		expect(item.binary!.backup.mimeType).toBe('application/zip');
		const files = unzipSync(new Uint8Array(fileOf(item.binary!.backup)));
		const csv = strFromU8(files[`${String(item.json.backup_job_id)}.csv`]).trim().split('\r\n');
		expect(csv[0]).toBe('id,Full_Name,Email');
		expect(csv).toHaveLength(10);
		const order = callOrder();
		expect(order.slice(0, 2)).toEqual(['Leads/actions/count', 'read']);
		expect(order.indexOf('read/{id}/result')).toBeLessThan(order.indexOf('Leads/actions/mass_delete'));
		expect(order[order.length - 1]).toBe('Leads/actions/mass_delete');
		expect(sandbox.requestLog.find((entry) => entry.path === '/crm/bulk/v8/read')!.body).toEqual({
			query: { module: { api_name: 'Leads' }, cvid: JUNK_LEADS, fields: ['Full_Name', 'Email'] },
			file_type: 'csv',
		});
	});

	it('every field when none is named; a download refused for the minute (429) is waited out, not given up', async () => {
		await open({ speed: 600 });
		sandbox.faults.aim(/\/result$/, 'rate_limited');
		const result = await runMassDeleteNode(byView({ backUpFirst: true }), { credentials });
		expect(result.error).toBeUndefined();
		const [[item]] = result.outputsOf();
		const csv = strFromU8(Object.values(unzipSync(new Uint8Array(fileOf(item.binary!.backup))))[0]).split('\r\n');
		expect(csv[0].split(',')).toHaveLength(17);
		expect(sandbox.faults.injected.rate_limited).toBe(1);
		expect(sandbox.requestLog.filter((entry) => entry.path.endsWith('/result'))).toHaveLength(2);
		expect(sandbox.stats.massDeleteStarts).toBe(1);
	});

	it.each([
		['fails', () => (sandbox.bulkRead.fail = true), /Zoho's backup of custom view 3652397000000538003 in Leads \[item 0\] \(Bulk Read job \d{19}\) failed: .*: no mass delete was started/],
		['takes longer than the timeout', () => (sandbox.bulkRead.recordsPerSecond = 0.001), /The backup of custom view 3652397000000538003 in Leads \[item 0\] \(Bulk Read job \d{19}\) was still IN PROGRESS after 10 s: no mass delete was started/],
	])('a Bulk Read that %s deletes nothing, and the item says why', async (_name, arrange, message) => {
		await open({ speed: 60 });
		arrange();
		const result = await runMassDeleteNode(byView({ backUpFirst: true, backupTimeout: 10 }), { credentials, onError: 'continueRegularOutput' });
		const [[item]] = result.outputsOf();
		expect(item.json.error).toMatch(message);
		expect(sandbox.stats.massDeleteStarts).toBe(0);
		expect(sandbox.jobs.size).toBe(0);
	}, 30_000);

	it("without 'Allow Backups Before Deletes' on the credential: the hint names it, and nothing is started", async () => {
		await open({}, { allowStartingMassDeletes: true });
		const result = await runMassDeleteNode(byView({ backUpFirst: true }), { credentials });
		expect(result.error?.description).toMatch(/ZohoCRM\.bulk\.READ.*'Allow Backups Before Deletes'/);
		expect(sandbox.stats.massDeleteStarts).toBe(0);
	});

	it('a dry run makes no backup and starts nothing', async () => {
		await open();
		const result = await runMassDeleteNode(byView({ backUpFirst: true, dryRun: true }), { credentials });
		expect(result.outputsOf()[0][0].binary).toBeUndefined();
		expect(sandbox.stats.bulkReadCreates + sandbox.stats.massDeleteStarts).toBe(0);
	});
});
