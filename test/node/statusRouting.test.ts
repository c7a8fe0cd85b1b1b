import nock from 'nock';

import { ZohoMassDeleteStatus } from '../../nodes/ZohoMassDeleteStatus/ZohoMassDeleteStatus.node';
import { NODE_TYPE, registerNodeType, runStatusNode, runWorkflow, STATUS_NODE_NAME, statusNode } from '../harness/engine';
import { JOB_ID, statusBody, statusParameters, zohoCredential } from '../harness/fixtures';
import { networkGuard, statusPath, US_API } from '../harness/zohoMock';

networkGuard();

const OUTPUTS = ['Completed', 'Running', 'Failed'];

describe('each status goes to its output', () => {
	it.each([
		['COMPLETED', 0, true, true],
		['RUNNING', 1, false, false],
		['FAILED', 2, true, false],
		['SCHEDULED', 1, false, false],
		['QUEUED', 1, false, false],
		['running', 1, false, false],
		['', 1, false, false],
	])('%s → output %i (by status)', async (status, outputIndex, isFinished, isSuccess) => {
		nock(US_API).get(statusPath()).query({ job_id: JOB_ID }).reply(200, statusBody(status));
		const result = await runStatusNode(statusParameters(), { credentials: zohoCredential() });

		expect(result.error).toBeUndefined();
		const outputs = result.outputsOf();
		expect(outputs).toHaveLength(3);
		expect(outputs.map((items) => items.length)).toEqual(OUTPUTS.map((_, index) => (index === outputIndex ? 1 : 0)));
		const item = outputs[outputIndex][0];
		expect(item.json).toMatchObject({ Status: status, job_id: JOB_ID, module: 'Leads', is_finished: isFinished, is_success: isSuccess });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it.each(['RUNNING', 'FAILED', 'SCHEDULED'])('%s → the first output when the node runs as an AI Agent tool (an agent reads only that one)', async (status) => {
		const toolType = `${NODE_TYPE}Tool`;
		registerNodeType(toolType, new ZohoMassDeleteStatus());
		nock(US_API).get(statusPath()).query({ job_id: JOB_ID }).reply(200, statusBody(status));
		const result = await runWorkflow([statusNode(statusParameters(), { type: toolType })], {}, { credentials: zohoCredential() });
		const outputs = result.outputsOf(STATUS_NODE_NAME);
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({ Status: status, job_id: JOB_ID });
	});

	it.each(['COMPLETED', 'RUNNING', 'FAILED', 'SCHEDULED'])('%s → the only output (single mode)', async (status) => {
		nock(US_API).get(statusPath()).query({ job_id: JOB_ID }).reply(200, statusBody(status));
		const result = await runStatusNode(statusParameters({ outputMode: 'single' }), { credentials: zohoCredential() });

		const outputs = result.outputsOf();
		expect(outputs).toHaveLength(1);
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json.Status).toBe(status);
	});

	it('keeps Zoho fields exactly as returned, plus the normalised ones', async () => {
		const zoho = { Status: 'COMPLETED', Total_Count: 50000, Deleted_Count: 49998, Failed_Count: 2, Extra_Field: 'kept' };
		nock(US_API).get(statusPath()).query({ job_id: JOB_ID }).reply(200, { data: [zoho] });
		const before = Date.now();
		const result = await runStatusNode(statusParameters(), { credentials: zohoCredential() });

		const item = result.outputsOf()[0][0].json;
		expect(item).toEqual({
			...zoho,
			job_id: JOB_ID,
			module: 'Leads',
			is_finished: true,
			// completed, but two records could not be deleted
			is_success: false,
			// a finished job gets no next check
			checked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			check_count: 1,
			waiting_since: item.checked_at,
		});
		expect(Date.parse(String(item.checked_at))).toBeGreaterThanOrEqual(before);
		expect(Date.parse(String(item.checked_at))).toBeLessThanOrEqual(Date.now());
	});
});

describe('job IDs stay exact strings', () => {
	it.each(['3652397000009565021', '9223372036854775807', '0000000000000000001', '1'])(
		'sends %s exactly as typed',
		async (jobId) => {
			nock(US_API).get(`${statusPath()}?job_id=${jobId}`).reply(200, statusBody('RUNNING'));
			const result = await runStatusNode(statusParameters({ jobId }), { credentials: zohoCredential() });

			expect(result.error).toBeUndefined();
			expect(result.outputsOf()[1][0].json.job_id).toBe(jobId);
			expect(nock.isDone()).toBe(true);
		},
	);

	it('trims whitespace around a pasted ID', async () => {
		nock(US_API).get(`${statusPath()}?job_id=${JOB_ID}`).reply(200, statusBody('RUNNING'));
		const result = await runStatusNode(statusParameters({ jobId: `  ${JOB_ID}\n` }), { credentials: zohoCredential() });
		expect(result.outputsOf()[1][0].json.job_id).toBe(JOB_ID);
	});

	it('accepts a safe integer from an expression', async () => {
		nock(US_API).get(`${statusPath()}?job_id=123456789`).reply(200, statusBody('RUNNING'));
		const result = await runStatusNode(statusParameters({ jobId: '={{ 123456789 }}' }), { credentials: zohoCredential() });
		expect(result.outputsOf()[1][0].json.job_id).toBe('123456789');
	});
});

describe('every input item is one check', () => {
	it('evaluates module and job ID per item and routes each item', async () => {
		const jobs = [
			{ module: 'Leads', job: '3652397000009565021', status: 'COMPLETED' },
			{ module: 'Events', job: '3652397000009565022', status: 'RUNNING' },
			{ module: 'Price_Books', job: '3652397000009565023', status: 'FAILED' },
			{ module: 'Vehicles', job: '3652397000009565024', status: 'SCHEDULED' },
		];
		for (const { module, job, status } of jobs) {
			nock(US_API).get(`${statusPath(module)}?job_id=${job}`).reply(200, statusBody(status));
		}
		const parameters = {
			module: { __rl: true, mode: 'name', value: '={{ $json.module }}' },
			jobId: '={{ $json.job }}',
		};
		const result = await runStatusNode(parameters, { credentials: zohoCredential(), items: jobs });

		expect(result.error).toBeUndefined();
		const [completed, running, failed] = result.outputsOf();
		expect(completed.map((item) => [item.json.module, item.json.job_id, item.pairedItem])).toEqual([
			['Leads', '3652397000009565021', { item: 0 }],
		]);
		expect(running.map((item) => [item.json.module, item.json.job_id, item.pairedItem])).toEqual([
			['Events', '3652397000009565022', { item: 1 }],
			['Vehicles', '3652397000009565024', { item: 3 }],
		]);
		expect(failed.map((item) => [item.json.module, item.json.job_id, item.pairedItem])).toEqual([
			['Price_Books', '3652397000009565023', { item: 2 }],
		]);
		expect(nock.isDone()).toBe(true);
	});

	it.each(['v8', 'v7', 'v6'])('calls API version %s when chosen', async (version) => {
		nock(US_API).get(`${statusPath('Leads', version)}?job_id=${JOB_ID}`).reply(200, statusBody('COMPLETED'));
		const result = await runStatusNode(statusParameters({ options: { apiVersion: version } }), { credentials: zohoCredential() });
		expect(result.outputsOf()[0]).toHaveLength(1);
	});

	it('sends the access token as a Bearer header and nothing in the URL', async () => {
		let authorization: string | undefined;
		nock(US_API)
			.get(`${statusPath()}?job_id=${JOB_ID}`)
			.reply(function () {
				authorization = this.req.headers.authorization;
				return [200, statusBody('COMPLETED')];
			});
		await runStatusNode(statusParameters(), { credentials: zohoCredential() });
		expect(authorization).toMatch(/^Bearer access-token-1000\./);
	});
});
