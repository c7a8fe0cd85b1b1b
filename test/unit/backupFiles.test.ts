import { bulkReadGapMs, BULK_READ_CHECKS } from '../../nodes/ZohoMassDelete/backup/bulkRead';
import { backupColumns, backupFileName, recordsCsv } from '../../nodes/ZohoMassDelete/backup/csvBackup';
import { InvalidInput } from '../../nodes/shared/input';

// Pure: what a backup file holds, what it is called, and how long the node waits between Bulk Read checks.

describe('a backup as CSV', () => {
	it('writes a header of API names, then one line a record, RFC 4180 quoting, lookups by ID, lists joined by ;', () => {
		const csv = recordsCsv(
			[
				{ id: '3652397000101000000', Name: 'Smith, Jane', Note: 'said "hi"\nthen left', Owner: { name: 'Admin', id: '3652397000000186017' }, Tags: ['a', 'b'], Active: true, Score: 4.5 },
				{ id: '3652397000101000001', Name: null },
			],
			['id', 'Name', 'Note', 'Owner', 'Tags', 'Active', 'Score'],
		);
		expect(csv).toBe(
			'id,Name,Note,Owner,Tags,Active,Score\r\n' +
				'3652397000101000000,"Smith, Jane","said ""hi""\nthen left",3652397000000186017,a;b,true,4.5\r\n' +
				'3652397000101000001,,,,,,\r\n',
		);
	});

	it('keeps the fields asked for, the ID first and once; by default the ones that identify a record', () => {
		const fields = new Map(['Full_Name', 'Email', 'Lead_Status'].map((name) => [name, { api_name: name }]));
		expect(backupColumns(['Lead_Status', 'id'], 'Leads', fields)).toEqual(['id', 'Lead_Status']);
		expect(backupColumns([], 'Leads', fields)).toEqual(['id', 'Full_Name', 'Email']);
		expect(backupColumns([], 'Vehicles', new Map([['Name', { api_name: 'Name' }]]))).toEqual(['id', 'Name']);
		expect(() => backupColumns(['Nope'], 'Leads', fields)).toThrow(InvalidInput);
	});

	it('names the file by module, kind and moment, without colons', () => {
		expect(backupFileName('Leads', 'criteria', Date.parse('2026-12-07T10:15:04.123Z'), 'csv')).toBe('Leads-criteria-backup-2026-12-07T10-15-04Z.csv');
	});
});

describe('following a Bulk Read', () => {
	it('checks soon after a change of state, then less often while it stays, up to the longest gap', () => {
		expect([1, 2, 3, 4].map(bulkReadGapMs)).toEqual([2_000, 3_000, 4_500, 6_750]);
		expect(bulkReadGapMs(50)).toBe(BULK_READ_CHECKS.longestGapMs);
	});
});
