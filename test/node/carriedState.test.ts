import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { runStatusNode } from '../harness/engine';
import { JOB_ID, statusParameters, zohoCredential } from '../harness/fixtures';
import { networkGuard, statusPath, US_API } from '../harness/zohoMock';

// The state a Wait-node loop carries in its items, read back by the status node in n8n-core's engine.
networkGuard();

const S = 1000;
const loopParameters = (options: IDataObject = {}) => statusParameters({ jobId: '={{ $json.job_id }}', options });
const zohoSays = (deleted: number, status = 'RUNNING', total = 6000) =>
	nock(US_API).get(statusPath()).query({ job_id: JOB_ID }).reply(200, { data: [{ Status: status, Total_Count: total, Deleted_Count: deleted, Failed_Count: 0 }] });
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** This node's output from a minute ago: 1,200 of 6,000 deleted, third check, waiting for 10 minutes. */
const previousCheck = (overrides: IDataObject = {}): IDataObject => ({
	Status: 'RUNNING',
	Total_Count: 6000,
	Deleted_Count: 1200,
	Failed_Count: 0,
	job_id: JOB_ID,
	module: 'Leads',
	is_finished: false,
	is_success: false,
	checked_at: ago(60 * S),
	check_count: 3,
	waiting_since: ago(10 * 60 * S),
	next_check_in_seconds: 60,
	...overrides,
});

async function checkWith(input: IDataObject, deleted: number, options: IDataObject = {}) {
	zohoSays(deleted);
	const result = await runStatusNode(loopParameters(options), { credentials: zohoCredential(), items: [input] });
	expect(result.error).toBeUndefined();
	return result;
}

describe('a Wait-node loop\'s carried state, through the engine', () => {
	it('the previous check in the input: its rate aims the next check, the count goes on, the start is kept', async () => {
		const input = previousCheck();
		// 2,400 records a minute from 1,200 to 3,600: the 2,400 left take a minute
		const result = await checkWith(input, 3600);
		const [item] = result.outputsOf()[1];
		expect(item.json).toMatchObject({ Status: 'RUNNING', check_count: 4, waiting_since: input.waiting_since });
		expect(Number(item.json.next_check_in_seconds)).toBeGreaterThanOrEqual(61);
		expect(Number(item.json.next_check_in_seconds)).toBeLessThanOrEqual(64);
		expect(Date.parse(String(item.json.next_check_at)) - Date.parse(String(item.json.checked_at))).toBe(Number(item.json.next_check_in_seconds) * S);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it.each([
		['a different job\'s item', previousCheck({ job_id: '3652397000009565099' })],
		['an item from another module', previousCheck({ module: 'Contacts' })],
		['a garbled checked_at', previousCheck({ checked_at: 'not a time' })],
		['a checked_at in the future', previousCheck({ checked_at: new Date(Date.now() + 3_600_000).toISOString() })],
		['counts gone backwards (another run of the job)', previousCheck({ Deleted_Count: 5000 })],
	])('%s carries nothing: a fresh first check, and 65 s so the Wait parks', async (_name, input) => {
		// the job ID comes from the item in this loop, so it is taken from the parameter where the item names another
		const jobIdFromItem = input.job_id === JOB_ID;
		zohoSays(3600);
		const result = await runStatusNode(jobIdFromItem ? loopParameters() : statusParameters(), { credentials: zohoCredential(), items: [input] });
		const [item] = result.outputsOf()[1];
		expect(item.json).toMatchObject({ check_count: 1, next_check_in_seconds: 65 });
		expect(item.json.waiting_since).toBe(item.json.checked_at);
		expect(item.json.job_id).toBe(JOB_ID);
	});

	it('a job restarted with a new ID: the old job\'s item carries nothing into the new job\'s checks', async () => {
		const restarted = '3652397000009565777';
		nock(US_API).get(statusPath()).query({ job_id: restarted }).reply(200, { data: [{ Status: 'RUNNING', Total_Count: 6000, Deleted_Count: 50, Failed_Count: 0 }] });
		const result = await runStatusNode(statusParameters({ jobId: restarted }), { credentials: zohoCredential(), items: [previousCheck()] });
		expect(result.outputsOf()[1][0].json).toMatchObject({ job_id: restarted, check_count: 1, Deleted_Count: 50 });
	});

	it('the start node\'s item gives even the first pass a rate to aim by', async () => {
		const started = { job_id: JOB_ID, module: 'Leads', custom_view_id: '3652397000000538005', code: 'SUCCESS', scheduled_at: ago(60 * S) };
		// 3,000 of 6,000 a minute after scheduling: a minute left
		const result = await checkWith(started, 3000);
		const [item] = result.outputsOf()[1];
		expect(item.json).toMatchObject({ check_count: 1, waiting_since: started.scheduled_at, scheduled_at: started.scheduled_at });
		expect(Number(item.json.next_check_in_seconds)).toBeGreaterThanOrEqual(61);
		expect(Number(item.json.next_check_in_seconds)).toBeLessThanOrEqual(64);
	});

	it('with Loop Timeout: a job still running past it leaves on a fourth output, Timed Out', async () => {
		const result = await checkWith(previousCheck(), 1500, { loopTimeout: 5 });
		const outputs = result.outputsOf();
		expect(outputs).toHaveLength(4);
		expect(outputs[1]).toHaveLength(0);
		expect(outputs[3][0].json).toMatchObject({ Status: 'RUNNING', loop_timed_out: true, check_count: 4 });
		expect(outputs[3][0].json).not.toHaveProperty('next_check_in_seconds');
	});

	it('with Loop Timeout not yet reached: Running, and the gap stops at the deadline', async () => {
		const result = await checkWith(previousCheck({ waiting_since: ago(10 * 60 * S - 30 * S) }), 1500, { loopTimeout: 10, maxGap: 600 });
		const [item] = result.outputsOf()[1];
		expect(item.json).toMatchObject({ loop_timed_out: false });
		expect(Number(item.json.next_check_in_seconds)).toBeLessThanOrEqual(31);
	});

	it('a finished or failed job is never timed out: it leaves on Completed or Failed', async () => {
		zohoSays(6000, 'COMPLETED');
		zohoSays(3000, 'FAILED');
		const options = { loopTimeout: 1 };
		const done = await runStatusNode(loopParameters(options), { credentials: zohoCredential(), items: [previousCheck()] });
		expect(done.outputsOf()[0][0].json).toMatchObject({ Status: 'COMPLETED', loop_timed_out: false });
		const failed = await runStatusNode(loopParameters(options), { credentials: zohoCredential(), items: [previousCheck()] });
		expect(failed.outputsOf()[2][0].json).toMatchObject({ Status: 'FAILED', loop_timed_out: false });
	});

	it('single output keeps one output; the item says it timed out', async () => {
		zohoSays(1500);
		const result = await runStatusNode(statusParameters({ jobId: '={{ $json.job_id }}', outputMode: 'single', options: { loopTimeout: 5 } }), {
			credentials: zohoCredential(),
			items: [previousCheck()],
		});
		const outputs = result.outputsOf();
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({ loop_timed_out: true });
	});

	it('options from an expression are read per item; fixed ones once, and still refused by item', async () => {
		// 100 records a minute: the finish is far, so the longest gap decides
		nock(US_API).get(statusPath()).query({ job_id: JOB_ID }).times(2).reply(200, { data: [{ Status: 'RUNNING', Total_Count: 6000, Deleted_Count: 1300, Failed_Count: 0 }] });
		const perItem = await runStatusNode(loopParameters({ maxGap: '={{ $json.gap }}' }), { credentials: zohoCredential(), items: [previousCheck({ gap: 100 }), previousCheck({ gap: 300 })] });
		expect(perItem.outputsOf()[1].map((item) => item.json.next_check_in_seconds)).toEqual([100, 300]);
		const refused = await runStatusNode(statusParameters({ options: { maxGap: 5 } }), { credentials: zohoCredential(), items: [{}, {}], onError: 'continueRegularOutput' });
		expect(refused.outputsOf()[2].map((item) => item.json.error)).toEqual([
			'\'Longest Gap\' must be a number of seconds from 10 to 3600, got 5 [item 0]',
			'\'Longest Gap\' must be a number of seconds from 10 to 3600, got 5 [item 1]',
		]);
	});

	it('in-node waiting starts from the carried check too: the first gap is aimed, not the shortest', async () => {
		// two seconds ago 1,200 were deleted, now 3,600: 1,200 a second, so the 2,400 left take 2 s (the shortest gap is 1 s)
		const checks: number[] = [];
		nock(US_API)
			.get(statusPath())
			.query({ job_id: JOB_ID })
			.times(2)
			.reply(200, () => {
				checks.push(Date.now());
				const done = checks.length > 1;
				return { data: [{ Status: done ? 'COMPLETED' : 'RUNNING', Total_Count: 6000, Deleted_Count: done ? 6000 : 3600, Failed_Count: 0 }] };
			});
		const result = await runStatusNode(statusParameters({ jobId: '={{ $json.job_id }}', waitForCompletion: true, options: { pollInterval: 1 } }), {
			credentials: zohoCredential(),
			items: [previousCheck({ checked_at: ago(2 * S) })],
		});
		expect(result.outputsOf()[0][0].json).toMatchObject({ Status: 'COMPLETED', poll_count: 2, check_count: 5 });
		expect(checks[1] - checks[0]).toBeGreaterThanOrEqual(1.9 * S);
	});
});

describe('placed after the Zoho Mass Delete node', () => {
	it('its Job ID and Module default to the delete item\'s job_id and module: nothing to fill in', async () => {
		nock(US_API).get(statusPath('Contacts')).query({ job_id: JOB_ID }).reply(200, { data: [{ Status: 'COMPLETED', Total_Count: 9, Deleted_Count: 9, Failed_Count: 0 }] });
		const result = await runStatusNode({}, { credentials: zohoCredential(), items: [{ job_id: JOB_ID, module: 'Contacts', scheduled_at: ago(60 * S) }] });
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0][0].json).toMatchObject({ Status: 'COMPLETED', job_id: JOB_ID, module: 'Contacts' });
	});
});
