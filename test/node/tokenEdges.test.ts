import type { IDataObject } from 'n8n-workflow';

import { runStatusNode } from '../harness/engine';
import { connectCredential } from '../sandbox/connect';
import { TOKEN_LIMITS } from '../sandbox/oauth';
import { startSandbox, type Sandbox } from '../sandbox/server';

let sandbox: Sandbox;
afterEach(async () => sandbox && (await sandbox.close()));

const byName = (jobId: string): IDataObject => ({ module: { __rl: true, mode: 'name', value: 'Leads' }, jobId });

describe('tokens, against the sandbox', () => {
	it('an expired token alone never uses up the retry budget', async () => {
		sandbox = await startSandbox({ speed: 0 });
		const credentials = await connectCredential(sandbox);
		const job = sandbox.createJob({ durationMs: 0 });
		// the refresh's retry lands on three 429s in a row: still within 4 attempts, because the expiry cost none
		sandbox.faults.queue('expired_token', 'rate_limited', 'rate_limited', 'rate_limited');
		const result = await runStatusNode(byName(job.jobId), { credentials });
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0][0].json.Status).toBe('COMPLETED');
		expect(sandbox.stats.refreshes).toBe(1);
		expect(sandbox.stats.apiRequests).toBe(5);
	});

	it('when Zoho refuses the refresh (10 per 10 minutes), says so and stops asking for more', async () => {
		sandbox = await startSandbox({ speed: 0, accessTokenTtlSeconds: 60 });
		const credentials = await connectCredential(sandbox);
		const job = sandbox.createJob({ durationMs: 0 });
		// another workflow used up the refresh allowance
		for (let i = 0; i < TOKEN_LIMITS.refreshesPerWindow; i++) {
			await fetch(`${sandbox.origin}/oauth/v2/token`, {
				method: 'POST',
				body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: String(credentials.stored.oauthTokenData.refresh_token), client_id: sandbox.clientId, client_secret: sandbox.clientSecret }),
			});
		}
		sandbox.clock.advance(61_000);
		const refreshesBefore = sandbox.stats.refreshes;
		const result = await runStatusNode(byName(job.jobId), { credentials, items: [{}, {}, {}, {}, {}], onError: 'continueRegularOutput' });

		const failed = result.outputsOf()[2];
		expect(failed).toHaveLength(5);
		expect(failed[0].json).toMatchObject({ error: 'Zoho CRM: invalid oauth token [INVALID_TOKEN] [item 0]' });
		expect(String((failed[0].json.details as IDataObject).description)).toMatch(/Zoho refused to issue a new access token \("You have made too many requests continuously.*wait 10 minutes/);
		// one refused refresh for the whole execution, not one per item
		expect(sandbox.stats.refreshes - refreshesBefore).toBe(1);
		expect(sandbox.stats.apiRequests).toBe(2);
		expect(failed.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	it('a token replaced by another execution while ours was refused gets one more try', async () => {
		sandbox = await startSandbox({ speed: 0 });
		const credentials = await connectCredential(sandbox);
		const other = await connectCredential(sandbox);
		const job = sandbox.createJob({ durationMs: 0 });
		// our token dies, n8n refreshes, and the refreshed token dies too; just then another execution
		// stores the fresh token it got, as executions sharing a credential do
		sandbox.faults.queue('expired_token', 'expired_token');
		const next = sandbox.faults.next.bind(sandbox.faults);
		let expiries = 0;
		sandbox.faults.next = () => {
			const fault = next();
			if (fault === 'expired_token' && ++expiries === 2) {
				credentials.stored.oauthTokenData = { ...credentials.stored.oauthTokenData, access_token: other.stored.oauthTokenData.access_token };
			}
			return fault;
		};
		const result = await runStatusNode(byName(job.jobId), { credentials });
		expect(result.error).toBeUndefined();
		expect(result.outputsOf()[0][0].json.Status).toBe('COMPLETED');
		expect(sandbox.stats.refreshes).toBe(1);
		expect(sandbox.stats.apiRequests).toBe(3);
	});

	it('a refreshed token refused again is final: no second refresh', async () => {
		sandbox = await startSandbox({ speed: 0 });
		const credentials = await connectCredential(sandbox);
		const job = sandbox.createJob({ durationMs: 0 });
		sandbox.faults.queue('expired_token', 'expired_token', 'expired_token');
		const result = await runStatusNode(byName(job.jobId), { credentials });
		expect(result.error?.message).toBe('Zoho CRM: invalid oauth token [INVALID_TOKEN] [item 0]');
		expect(sandbox.stats.refreshes).toBe(1);
		expect(sandbox.stats.apiRequests).toBe(2);
	});
});
