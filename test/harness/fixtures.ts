/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import type { IDataObject } from 'n8n-workflow';

import { TestCredentialsHelper, type StoredZohoCredential } from './credentials';

export const ACCESS_TOKEN = 'access-token-1000.abcdef0123456789';
export const REFRESH_TOKEN = 'refresh-token-1000.fedcba9876543210';
export const CLIENT_SECRET = 'client-secret-5f4dcc3b5aa765d61d83';
export const JOB_ID = '3652397000009565021';

/** A connected credential for the US data center whose token names the given API domain. */
export function zohoCredential(overrides: Partial<StoredZohoCredential> = {}, token: IDataObject = {}): TestCredentialsHelper {
	return new TestCredentialsHelper({
		clientId: '1000.CLIENTID',
		clientSecret: CLIENT_SECRET,
		dataCenter: 'us',
		environment: 'production',
		oauthTokenData: {
			access_token: ACCESS_TOKEN,
			refresh_token: REFRESH_TOKEN,
			token_type: 'Bearer',
			expires_in: 3600,
			api_domain: 'https://www.zohoapis.com',
			...token,
		},
		...overrides,
	});
}

export function statusBody(Status: string, counts: IDataObject = {}): IDataObject {
	return { data: [{ Status, Total_Count: 9, Deleted_Count: Status === 'COMPLETED' ? 9 : 3, Failed_Count: 0, ...counts }] };
}

export function statusParameters(overrides: IDataObject = {}): IDataObject {
	return {
		module: { __rl: true, mode: 'list', value: 'Leads' },
		jobId: JOB_ID,
		...overrides,
	};
}
