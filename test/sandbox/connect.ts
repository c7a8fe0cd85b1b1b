import type { IDataObject } from 'n8n-workflow';

import { TestCredentialsHelper, type StoredZohoCredential } from '../harness/credentials';
import type { Sandbox } from './server';

export const N8N_REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

/**
 * Connects a Zoho CRM credential (data center Custom) to the sandbox the way n8n's "Connect" button does:
 * consent URL built from the credential's own authUrl, scope and query parameters, then the code exchange
 * at its accessTokenUrl.
 */
export async function connectCredential(sandbox: Sandbox, settings: IDataObject = {}): Promise<TestCredentialsHelper> {
	const stored: StoredZohoCredential = {
		clientId: sandbox.clientId,
		clientSecret: sandbox.clientSecret,
		dataCenter: 'custom',
		customAccountsServer: sandbox.origin,
		environment: 'production',
		oauthTokenData: {},
		...settings,
	};
	const credential = new TestCredentialsHelper(stored);
	const resolved = credential.resolve();
	const consent = new URL(String(resolved.authUrl));
	consent.search = new URLSearchParams({
		client_id: String(resolved.clientId),
		redirect_uri: N8N_REDIRECT_URI,
		response_type: 'code',
		scope: String(resolved.scope),
		state: 'n8n-state',
		...Object.fromEntries(new URLSearchParams(String(resolved.authQueryParameters))),
	}).toString();
	const redirect = await fetch(consent, { redirect: 'manual' });
	const callback = new URL(redirect.headers.get('location') ?? '');
	const code = callback.searchParams.get('code');
	if (redirect.status !== 302 || !code) throw new Error(`Sandbox consent failed with HTTP ${redirect.status}`);

	const token = await fetch(String(resolved.accessTokenUrl), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			client_id: String(resolved.clientId),
			client_secret: String(resolved.clientSecret),
			redirect_uri: N8N_REDIRECT_URI,
		}),
	});
	const tokenData = (await token.json()) as IDataObject;
	if (!tokenData.access_token) throw new Error(`Sandbox code exchange failed: ${JSON.stringify(tokenData.error)}`);
	credential.stored.oauthTokenData = tokenData;
	return credential;
}

/** Starts a mass delete by custom view with a raw call: for the sandbox's own contract tests (the nodes have theirs). */
export async function startMassDelete(sandbox: Sandbox, credential: TestCredentialsHelper, module: string, cvid: string): Promise<string> {
	const response = await fetch(`${sandbox.origin}/crm/v8/${module}/actions/mass_delete`, {
		method: 'POST',
		headers: {
			authorization: `Zoho-oauthtoken ${credential.stored.oauthTokenData.access_token}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify({ cvid }),
	});
	const body = (await response.json()) as { data?: Array<{ details?: { job_id?: string } }> };
	const jobId = body.data?.[0]?.details?.job_id;
	if (!jobId) throw new Error(`Mass delete was not scheduled: ${JSON.stringify(body)}`);
	return jobId;
}
