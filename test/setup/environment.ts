/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// n8n's logger prints stack traces to stdout unless silenced
process.env.N8N_LOG_LEVEL = 'silent';

// Same retry logic, shorter waits: tests would otherwise sleep for seconds per injected fault
jest.mock('../../nodes/shared/retryPolicy', () => {
	const actual = jest.requireActual('../../nodes/shared/retryPolicy');
	return {
		...actual,
		RETRY_POLICY: { ...actual.RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 200, retryAfterUnitMs: 20, requestTimeoutMs: 400, changeRequestTimeoutMs: 400, downloadWindowMs: 300 },
	};
});
