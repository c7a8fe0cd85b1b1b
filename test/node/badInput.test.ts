import type { IDataObject } from 'n8n-workflow';

import nock from 'nock';

import { runStatusNode } from '../harness/engine';
import { JOB_ID, statusParameters, zohoCredential } from '../harness/fixtures';
import { networkGuard, recordRequests, US_API } from '../harness/zohoMock';

networkGuard();

const byName = (value: unknown) => ({ __rl: true, mode: 'name', value });

const viaExpression = (value: string) => `={{ ${JSON.stringify(value)} }}`;

// [case, parameters, expected message]; each must fail before any request, naming field and item.
// Values arrive through expressions, as they do from earlier nodes, so n8n's own static checks cannot catch them.
const BAD_INPUT: Array<[string, IDataObject, string]> = [
	['empty job ID', { jobId: viaExpression('') }, '\'Job ID\' is empty [item 0]'],
	['whitespace job ID', { jobId: viaExpression('   \t ') }, '\'Job ID\' is empty [item 0]'],
	['letters', { jobId: 'abc123' }, '\'Job ID\' must be 1 to 19 digits, got "abc123" [item 0]'],
	['negative', { jobId: '-3652397000009565021' }, '\'Job ID\' must be 1 to 19 digits, got "-3652397000009565021" [item 0]'],
	['decimal', { jobId: '36523.97' }, '\'Job ID\' must be 1 to 19 digits, got "36523.97" [item 0]'],
	['20 digits', { jobId: '36523970000095650211' }, '\'Job ID\' must be 1 to 19 digits, got "36523970000095650211" [item 0]'],
	['inner space', { jobId: '3652397 000009565021' }, '\'Job ID\' must be 1 to 19 digits, got "3652397 000009565021" [item 0]'],
	['query smuggling', { jobId: `${JOB_ID}&job_id=1` }, `'Job ID' must be 1 to 19 digits, got "${JOB_ID}&job_id=1" [item 0]`],
	['number above 2^53 from an expression', { jobId: '={{ 3652397000009565021 }}' }, '\'Job ID\' is a number too large to keep exactly (3652397000009565000) [item 0]'],
	['negative number from an expression', { jobId: '={{ -5 }}' }, '\'Job ID\' must be a whole number of digits, got -5 [item 0]'],
	['decimal number from an expression', { jobId: '={{ 1.5 }}' }, '\'Job ID\' must be a whole number of digits, got 1.5 [item 0]'],
	['array from an expression', { jobId: '={{ [1, 2] }}' }, '\'Job ID\' must be text made of digits, got a list [item 0]'],
	['object from an expression', { jobId: '={{ { id: 1 } }}' }, '\'Job ID\' must be text made of digits, got object [item 0]'],
	['null from an expression', { jobId: '={{ null }}' }, '\'Job ID\' must be text made of digits, got null [item 0]'],
	['expression that fails', { jobId: "={{ $('Nowhere').item.json.id }}" }, '\'Job ID\' could not be evaluated: '],
	['empty module', { module: byName(viaExpression('')) }, '\'Module\' is empty [item 0]'],
	['path traversal', { module: byName(viaExpression('../settings')) }, '\'Module\' must be a module API name (letters, digits and underscores, starting with a letter), got "../settings" [item 0]'],
	['nested traversal', { module: byName(viaExpression('Leads/../x')) }, 'got "Leads/../x" [item 0]'],
	['spaces inside', { module: byName(viaExpression('Sales Orders')) }, 'got "Sales Orders" [item 0]'],
	['unicode', { module: byName(viaExpression('Léads')) }, 'got "Léads" [item 0]'],
	['a URL', { module: byName(viaExpression('https://evil.example/x')) }, 'got "https://evil.example/x" [item 0]'],
	['encoded slash', { module: byName(viaExpression('Leads%2F..')) }, 'got "Leads%2F.." [item 0]'],
	['leading digit', { module: byName(viaExpression('1Leads')) }, 'got "1Leads" [item 0]'],
	['very long name', { module: byName(viaExpression('A'.repeat(101))) }, '\'Module\' must be a module API name'],
	['module from the list mode via expression', { module: { __rl: true, mode: 'list', value: viaExpression('../x') } }, 'got "../x" [item 0]'],
	['module expression that fails', { module: byName("={{ $('Nowhere').item.json.module }}") }, '\'Module\' could not be evaluated: '],
	['API version from an expression', { options: { apiVersion: viaExpression('v2/../../x') } }, '\'API Version\' must be one of v8, v7, v6, got "v2/../../x" [item 0]'],
	['unknown API version', { options: { apiVersion: viaExpression('v9') } }, '\'API Version\' must be one of v8, v7, v6, got "v9" [item 0]'],
];

it('a module name the org does not have: the check itself is the test, and its error names field, value and item', async () => {
	let calls = 0;
	nock(US_API)
		.get(`/crm/v8/Gadgets/actions/mass_delete?job_id=${JOB_ID}`)
		.times(4)
		.reply(() => {
			calls += 1;
			return [400, { code: 'INVALID_MODULE', details: { resource_path_index: 0 }, message: 'the module name given seems to be invalid', status: 'error' }];
		});
	const result = await runStatusNode(statusParameters({ module: byName('={{ "Gadgets" }}') }), { credentials: zohoCredential(), items: [{}, {}], onError: 'continueRegularOutput' });
	const failed = result.outputsOf()[2];
	expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(failed[1].json).toMatchObject({
		error: 'Zoho CRM: the module name given seems to be invalid [INVALID_MODULE] [item 1]',
		details: { code: 'INVALID_MODULE', description: expect.stringMatching(/^Module "Gadgets" \[item 1\] is not a module API name in this Zoho org/) },
	});
	// one call per item, no retries
	expect(calls).toBe(2);
});

describe('n8n itself refuses static values that break the parameter rules', () => {
	it.each([
		['empty job ID', { jobId: '' }, 'Parameter "Job ID" is required'],
		['empty module', { module: byName('') }, 'Parameter "Module" is required'],
		['path traversal typed by name', { module: byName('../settings') }, 'Use the module API name'],
	])('%s', async (_case, overrides, issue) => {
		const requests = recordRequests();
		const result = await runStatusNode(statusParameters(overrides), { credentials: zohoCredential() });
		expect(result.refusedToStart).toBe(true);
		expect(result.error!.message).toContain(issue);
		expect(requests).toEqual([]);
	});
});

describe('bad input fails before any request, naming the field and the item', () => {
	it.each(BAD_INPUT)('%s', async (_case, overrides, message) => {
		const requests = recordRequests();
		const result = await runStatusNode(statusParameters(overrides), { credentials: zohoCredential() });
		expect(result.error).toBeDefined();
		expect(result.error!.message).toContain(message);
		expect(result.error!.message).toMatch(/^'(Job ID|Module|API Version)' /);
		expect(requests).toEqual([]);
	});

	it('names the right item and leaves the other items alone with continueOnFail', async () => {
		const requests = recordRequests();
		const items = [{ job: 'x1' }, { job: '' }, { job: '12.5' }];
		const result = await runStatusNode(statusParameters({ jobId: '={{ $json.job }}' }), {
			credentials: zohoCredential(),
			items,
			onError: 'continueRegularOutput',
		});
		const failed = result.outputsOf()[2];
		expect(failed.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['\'Job ID\' must be 1 to 19 digits, got "x1" [item 0]', { item: 0 }],
			['\'Job ID\' is empty [item 1]', { item: 1 }],
			['\'Job ID\' must be 1 to 19 digits, got "12.5" [item 2]', { item: 2 }],
		]);
		expect(requests).toEqual([]);
	});
});
