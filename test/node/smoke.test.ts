import nock from 'nock';

import { runStatusNode } from '../harness/engine';
import { JOB_ID, statusBody, statusParameters, zohoCredential } from '../harness/fixtures';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

test('smoke', async () => {
	const scope = nock('https://www.zohoapis.com')
		.get('/crm/v8/Leads/actions/mass_delete')
		.query({ job_id: JOB_ID })
		.reply(200, statusBody('COMPLETED'));
	const result = await runStatusNode(statusParameters(), { credentials: zohoCredential() });
	console.log(JSON.stringify(result.error), JSON.stringify(result.outputsOf()));
	scope.done();
});
