import { kindOf, operatorsFor, type ZohoField } from '../../nodes/shared/coql/fieldKinds';
import { checkWhereText, joinCriteria, selectQuery, whereClause, writeConditions, type Condition } from '../../nodes/shared/coql/writeCoql';
import { InvalidInput } from '../../nodes/shared/input';

// Pure: conditions and typed text in, COQL out, exactly as Zoho documents it (zoho-crm-api.md § Query API).

const FIELDS: ZohoField[] = [
	{ api_name: 'Last_Name', data_type: 'text' },
	{ api_name: 'Notes_Text', data_type: 'textarea' },
	{ api_name: 'Lead_Status', data_type: 'picklist', pick_list_values: [{ actual_value: 'Junk Lead' }, { actual_value: 'Lost Lead' }] },
	{ api_name: 'Channels', data_type: 'multiselectpicklist' },
	{ api_name: 'Annual_Revenue', data_type: 'currency' },
	{ api_name: 'No_of_Employees', data_type: 'integer' },
	{ api_name: 'Follow_Up_Date', data_type: 'date' },
	{ api_name: 'Created_Time', data_type: 'datetime' },
	{ api_name: 'Email_Opt_Out', data_type: 'boolean' },
	{ api_name: 'Owner', data_type: 'ownerlookup' },
	{ api_name: 'Account_Name', data_type: 'lookup' },
	{ api_name: 'Tax_ID', data_type: 'text', crypt: { mode: 'decryption' } },
	{ api_name: 'Score', data_type: 'formula', formula: { return_type: 'double' } },
	{ api_name: 'Photo', data_type: 'imageupload' },
];
const byName = new Map(FIELDS.map((field) => [field.api_name, field]));
const write = (conditions: Array<Partial<Condition>>, combinator: 'and' | 'or' = 'and') => writeConditions(conditions as Condition[], byName, combinator, 'Leads');
/** What a refusal says, as the node shows it: the field, then the message. */
const refusal = (run: () => unknown) => {
	let refused: unknown;
	try {
		run();
	} catch (error) {
		refused = error;
	}
	expect(refused).toBeInstanceOf(InvalidInput);
	return `${(refused as InvalidInput).field} ${(refused as InvalidInput).message}`;
};

describe('each field type, as Zoho reads it', () => {
	it.each([
		['text, a quote doubled', { field: 'Last_Name', operator: 'equals', value: "O'Brien" }, "Last_Name = 'O''Brien'"],
		['text, contains', { field: 'Last_Name', operator: 'contains', value: "O'B" }, "Last_Name like '%O''B%'"],
		['text, does not contain', { field: 'Notes_Text', operator: 'notContains', value: 'x' }, "Notes_Text not like '%x%'"],
		['text, starts with', { field: 'Last_Name', operator: 'startsWith', value: 'Zyl' }, "Last_Name like 'Zyl%'"],
		['text, ends with', { field: 'Last_Name', operator: 'endsWith', value: 'son' }, "Last_Name like '%son'"],
		['picklist', { field: 'Lead_Status', operator: 'notEquals', value: 'Junk Lead' }, "Lead_Status != 'Junk Lead'"],
		['picklist, one of', { field: 'Lead_Status', operator: 'in', value: 'Junk Lead, Lost Lead' }, "Lead_Status in ('Junk Lead', 'Lost Lead')"],
		['multi-select picklist', { field: 'Channels', operator: 'equals', value: 'Email;Phone' }, "Channels = 'Email;Phone'"],
		['currency, bare', { field: 'Annual_Revenue', operator: 'greaterThan', value: '1500.5' }, 'Annual_Revenue > 1500.5'],
		['integer from an expression', { field: 'No_of_Employees', operator: 'lessEqual', value: 50 }, 'No_of_Employees <= 50'],
		['number, between', { field: 'No_of_Employees', operator: 'between', value: '-5', valueTo: '10' }, 'No_of_Employees between -5 and 10'],
		['number, none of (a list)', { field: 'No_of_Employees', operator: 'notIn', value: [1, 2] }, 'No_of_Employees not in (1, 2)'],
		['formula, as what it returns', { field: 'Score', operator: 'greaterEqual', value: '3' }, 'Score >= 3'],
		['date', { field: 'Follow_Up_Date', operator: 'lessThan', value: '2025-02-28' }, "Follow_Up_Date < '2025-02-28'"],
		['date, from a date-time as written', { field: 'Follow_Up_Date', operator: 'equals', value: '2025-02-28T23:00:00-05:00' }, "Follow_Up_Date = '2025-02-28'"],
		['date, not between', { field: 'Follow_Up_Date', operator: 'notBetween', value: '2025-01-01', valueTo: '2025-12-31' }, "Follow_Up_Date not between '2025-01-01' and '2025-12-31'"],
		['date-time with its offset', { field: 'Created_Time', operator: 'greaterThan', value: '2024-05-28T04:25:36-07:00' }, "Created_Time > '2024-05-28T04:25:36-07:00'"],
		['date-time in UTC, milliseconds dropped', { field: 'Created_Time', operator: 'lessThan', value: '2024-05-28T04:25:36.123Z' }, "Created_Time < '2024-05-28T04:25:36+00:00'"],
		['date-time, seconds added, offset with a colon', { field: 'Created_Time', operator: 'lessThan', value: '2024-05-28T04:25+0530' }, "Created_Time < '2024-05-28T04:25:00+05:30'"],
		['date-time from a date: midnight UTC', { field: 'Created_Time', operator: 'lessThan', value: '2024-01-01' }, "Created_Time < '2024-01-01T00:00:00+00:00'"],
		['date-time from a Date object', { field: 'Created_Time', operator: 'lessThan', value: new Date('2024-01-01T10:00:00Z') }, "Created_Time < '2024-01-01T10:00:00+00:00'"],
		['date-time from a Luxon DateTime', { field: 'Created_Time', operator: 'lessThan', value: { toISO: () => '2024-01-01T10:00:00.000+02:00' } }, "Created_Time < '2024-01-01T10:00:00+02:00'"],
		['checkbox', { field: 'Email_Opt_Out', operator: 'equals', value: true }, "Email_Opt_Out = 'true'"],
		['checkbox as text', { field: 'Email_Opt_Out', operator: 'equals', value: 'FALSE' }, "Email_Opt_Out = 'false'"],
		['owner, by user ID', { field: 'Owner', operator: 'equals', value: '3652397000000186017' }, "Owner = '3652397000000186017'"],
		['lookup, one of', { field: 'Account_Name', operator: 'in', value: '3652397000105100000,3652397000105100001' }, "Account_Name in ('3652397000105100000', '3652397000105100001')"],
		['the record ID itself', { field: 'id', operator: 'notEquals', value: '3652397000105100000' }, "id != '3652397000105100000'"],
		['empty', { field: 'Lead_Status', operator: 'isEmpty' }, 'Lead_Status is null'],
		['encrypted: only the null checks', { field: 'Tax_ID', operator: 'isNotEmpty' }, 'Tax_ID is not null'],
	])('%s', (_name, condition, expected) => {
		expect(write([condition as Partial<Condition>])).toBe(expected);
	});

	it('more than two criteria are bracketed in pairs; Any Condition joins with or', () => {
		const a = { field: 'Last_Name', operator: 'equals', value: 'a' } as const;
		expect(write([a, a])).toBe("(Last_Name = 'a' and Last_Name = 'a')");
		expect(write([a, a, a, a], 'or')).toBe("(((Last_Name = 'a' or Last_Name = 'a') or Last_Name = 'a') or Last_Name = 'a')");
		expect(joinCriteria(['A'], 'and')).toBe('A');
	});

	it('a next pass goes on after a record ID, typed text bracketed first so it stays one term', () => {
		expect(whereClause("Lead_Status = 'x'", '3652397000000000001')).toBe("(Lead_Status = 'x' and id > '3652397000000000001')");
		expect(whereClause("A = 'x' and B = 'y'", '1')).toBe("((A = 'x' and B = 'y') and id > '1')");
		expect(whereClause("(A = 'x' and B = 'y')", '1')).toBe("((A = 'x' and B = 'y') and id > '1')");
		expect(whereClause("(A = 'x') and (B = 'y')", '1')).toBe("(((A = 'x') and (B = 'y')) and id > '1')");
		expect(whereClause("A = 'x'")).toBe("A = 'x'");
	});

	it('a page: ordered by ID, 2,000 at most, the offset only past the first', () => {
		expect(selectQuery({ columns: ['id'], module: 'Leads', where: 'id is not null', offset: 0 })).toBe('select id from Leads where id is not null order by id asc limit 2000');
		expect(selectQuery({ columns: ['id', 'Full_Name'], module: 'Leads', cvid: '3652397000000538003', where: 'id is not null', offset: 4000 })).toBe(
			'select id, Full_Name from Leads#3652397000000538003 where id is not null order by id asc limit 2000 offset 4000',
		);
	});

	it('operators per kind: only what Zoho lists', () => {
		expect(operatorsFor(kindOf({ api_name: 'x', data_type: 'boolean' }))).toEqual(['equals']);
		expect(operatorsFor(kindOf({ api_name: 'x', data_type: 'text', crypt: {} }))).toEqual(['isEmpty', 'isNotEmpty']);
		expect(operatorsFor(kindOf({ api_name: 'x', data_type: 'lookup' }))).toEqual(['equals', 'notEquals', 'in', 'notIn', 'isEmpty', 'isNotEmpty']);
		expect(operatorsFor(undefined)).toHaveLength(16);
	});
});

describe('refused before anything is sent', () => {
	it.each([
		['an operator the type does not take', [{ field: 'Email_Opt_Out', operator: 'isEmpty' }], "Condition 1 (Email_Opt_Out) is a checkbox, which Zoho cannot compare with 'Is Empty'"],
		['text with a range', [{ field: 'Last_Name', operator: 'greaterThan', value: 'a' }], "Condition 1 (Last_Name) is a text field, which Zoho cannot compare with 'Is After / Greater Than'"],
		['an encrypted field compared', [{ field: 'Tax_ID', operator: 'equals', value: 'x' }], /Tax_ID\) is an encrypted field/],
		['a field COQL cannot filter on', [{ field: 'Photo', operator: 'isEmpty' }], /Photo\) is a field COQL cannot filter on/],
		['an unknown field', [{ field: 'Nope', operator: 'equals', value: 'x' }], 'Condition 1 (Nope) is not a field of Leads'],
		['a field that is no API name', [{ field: 'Owner.id', operator: 'equals', value: '1' }], /^Condition 1 field must be a field API name/],
		['an empty value', [{ field: 'Last_Name', operator: 'equals', value: ' ' }], 'Condition 1 (Last_Name) value is empty'],
		['a % in a contains', [{ field: 'Last_Name', operator: 'contains', value: '50%' }], /value holds %, which COQL reads as "anything here"/],
		['a number that is none', [{ field: 'Annual_Revenue', operator: 'equals', value: '1e5' }], /value must be a number/],
		['a date that is none', [{ field: 'Follow_Up_Date', operator: 'equals', value: '31/12/2025' }], /value must be a date such as 2024-03-31/],
		['a date-time without an offset', [{ field: 'Created_Time', operator: 'equals', value: '2025-01-01T10:00:00' }], /has no time zone offset/],
		['a checkbox that is neither', [{ field: 'Email_Opt_Out', operator: 'equals', value: 'yes' }], /must be true or false/],
		['a lookup by name', [{ field: 'Owner', operator: 'equals', value: 'Sandbox Admin' }], /must be a record or user ID of 1 to 19 digits/],
		['a lookup ID as an inexact number', [{ field: 'Owner', operator: 'equals', value: Number('3652397000000186017') }], /must be a record or user ID/],
		['a picklist value in the wrong case', [{ field: 'Lead_Status', operator: 'equals', value: 'junk lead' }], "Condition 1 (Lead_Status) value is not a value of this picklist: \"junk lead\""],
		['a range the wrong way round', [{ field: 'No_of_Employees', operator: 'between', value: '10', valueTo: '5' }], /goes from 10 to 5, an empty range/],
		['more than 100 values in a list', [{ field: 'Last_Name', operator: 'in', value: Array.from({ length: 101 }, (_, index) => `n${index}`) }], /has 101 values; Zoho takes at most 100/],
		['more than 25 conditions', Array.from({ length: 26 }, () => ({ field: 'Last_Name', operator: 'isEmpty' })), 'Conditions are 26; Zoho takes at most 25 in one query'],
		['no condition', [], 'Conditions are empty: Zoho needs criteria'],
	])('%s', (_name, conditions, expected) => {
		const message = refusal(() => write(conditions as Array<Partial<Condition>>));
		if (typeof expected === 'string') expect(message).toBe(expected);
		else expect(message).toMatch(expected);
	});

	it('a misspelt picklist value gets the value it was close to', () => {
		try {
			write([{ field: 'Lead_Status', operator: 'equals', value: 'junk lead' }]);
		} catch (error) {
			expect((error as InvalidInput).hint).toBe("Did you mean 'Junk Lead'? Picklist values must match exactly.");
		}
		expect.assertions(1);
	});

	it.each([
		["Lead_Status = 'x' limit 5", 'COQL WHERE Clause holds LIMIT, which would change the query itself, not only its criteria'],
		["Lead_Status = 'x' order by id", 'COQL WHERE Clause holds ORDER BY, which would change the query itself, not only its criteria'],
		["Lead_Status = 'x' OFFSET 10", 'COQL WHERE Clause holds OFFSET, which would change the query itself, not only its criteria'],
		["Lead_Status = 'x' group  by Owner", 'COQL WHERE Clause holds GROUP BY, which would change the query itself, not only its criteria'],
		["Lead_Status = 'x'; select id from Leads", 'COQL WHERE Clause holds a second statement (;)'],
		["Lead_Status = 'x' -- and more", 'COQL WHERE Clause holds a comment (--, /* or #)'],
		["Lead_Status = 'x' and id in (select id from Leads)", 'COQL WHERE Clause holds SELECT, which would change the query itself, not only its criteria'],
		["Lead_Status = 'x", 'COQL WHERE Clause has a quote that is never closed'],
		["(Lead_Status = 'x'", 'COQL WHERE Clause opens a bracket that is never closed'],
		["Lead_Status = 'x')", 'COQL WHERE Clause closes a bracket that was never opened'],
		['where ', 'COQL WHERE Clause is empty: Zoho needs criteria'],
		[42, 'COQL WHERE Clause must be text, got 42'],
	])('WHERE text %j is refused', (text, expected) => {
		expect(refusal(() => checkWhereText(text))).toBe(expected);
	});

	it.each([
		["where Lead_Status = 'x'", "Lead_Status = 'x'"],
		["Description like '%limit; order by -- #%'", "Description like '%limit; order by -- #%'"],
		["Last_Name = 'it''s (fine'", "Last_Name = 'it''s (fine'"],
		['  id is not null  ', 'id is not null'],
	])('WHERE text %j is taken as %j: what sits inside quotes is a value', (text, expected) => {
		expect(checkWhereText(text)).toBe(expected);
	});
});
