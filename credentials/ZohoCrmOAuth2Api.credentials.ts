import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	CUSTOM_DATA_CENTER,
	ZOHO_DATA_CENTERS,
	ZOHO_ENVIRONMENTS,
} from '../nodes/shared/dataCenters';
import { docsLink } from '../nodes/shared/docsLinks';
import { BACKUP_SCOPES, READ_SCOPES, RECYCLE_BIN_SCOPES, START_SCOPES, ZOHO_CRM_CREDENTIAL_TYPE } from '../nodes/shared/scopes';

// Real n8n ignores stored values of hidden OAuth fields, so the URLs and scope are expressions over the visible fields.
const accountsServerExpression = ZOHO_DATA_CENTERS.reduceRight(
	(otherwise, dataCenter) =>
		`($self["dataCenter"] === "${dataCenter.key}" ? "${dataCenter.accountsServer}" : ${otherwise})`,
	'String($self["customAccountsServer"] || "").trim().replace(/\\/+$/, "")',
);

const apiConsoles = ZOHO_DATA_CENTERS.map((dataCenter) => `${dataCenter.apiConsole} (${dataCenter.key.toUpperCase()})`).join(', ');

const scopeExpression = `={{ "${READ_SCOPES.join(',')}" + ($self["allowStartingMassDeletes"] ? ",${START_SCOPES.join(',')}" : "") + ($self["allowRestoringFromRecycleBin"] ? ",${RECYCLE_BIN_SCOPES.join(',')}" : "") + ($self["allowBackupsBeforeDeletes"] ? ",${BACKUP_SCOPES.join(',')}" : "") }}`;

export class ZohoCrmOAuth2Api implements ICredentialType {
	name = ZOHO_CRM_CREDENTIAL_TYPE;

	extends = ['oAuth2Api'];

	displayName = 'Zoho CRM OAuth2 API';

	// a key, not the nodes' trash can: in the credential picker it must not look like a delete action
	icon = { light: 'file:../icons/zohoCrmKey.svg', dark: 'file:../icons/zohoCrmKey.dark.svg' } as const;

	documentationUrl = docsLink('connect-zoho-crm');

	properties: INodeProperties[] = [
		{
			displayName:
				`Create a "Server-based Application" client, with the redirect URL shown above, in the Zoho API Console of the data center you choose below: ${apiConsoles}. This credential asks only for ${READ_SCOPES.join(' and ')}, plus ${START_SCOPES.join(', ')} if you allow starting mass deletes, ${RECYCLE_BIN_SCOPES.join(', ')} if you allow restoring from the recycle bin, and ${BACKUP_SCOPES.join(', ')} if you allow backups before deletes. It never asks to delete from the recycle bin.`,
			name: 'scopeNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Data Center',
			name: 'dataCenter',
			type: 'options',
			// the most used first, the rest (Custom among them) in alphabetical order
			options: [
				...ZOHO_DATA_CENTERS.map((dataCenter) => ({ name: dataCenter.label, value: dataCenter.key })),
				{ name: 'Custom URLs (a Gateway, or This Package\'s Test Server)', value: CUSTOM_DATA_CENTER },
			].sort((a, b) => (a.value === 'us' ? -1 : b.value === 'us' ? 1 : a.name.localeCompare(b.name))),
			default: 'us',
			description:
				'Where your Zoho account lives: the domain you sign in to Zoho CRM on (for example crm.zoho.eu means Europe)',
		},
		{
			displayName: 'Accounts Server URL',
			name: 'customAccountsServer',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://accounts.example.com',
			required: true,
			displayOptions: { show: { dataCenter: [CUSTOM_DATA_CENTER] } },
			description: 'Origin of the OAuth server; /oauth/v2/auth and /oauth/v2/token are appended',
		},
		{
			displayName: 'API Domain',
			name: 'customApiDomain',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://www.example.com',
			displayOptions: { show: { dataCenter: [CUSTOM_DATA_CENTER] } },
			description:
				'Origin that serves /crm/... requests. Leave empty to use the api_domain Zoho returns with the token.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: ZOHO_ENVIRONMENTS.map((environment) => ({
				name: environment.label,
				value: environment.key,
			})),
			default: 'production',
			description:
				'Sandbox and Developer orgs sign in like production but are served from sandbox.zohoapis.* and developer.zohoapis.*',
		},
		{
			displayName: 'Allow Starting Mass Deletes',
			name: 'allowStartingMassDeletes',
			type: 'boolean',
			default: false,
			description:
				`Whether to also ask for ${START_SCOPES.join(', ')}: needed by the Zoho Mass Delete node, which deletes records (they go to the recycle bin) and counts a custom view's records first. After changing it, save and sign in to Zoho again ('Switch account'; in n8n 1.x, 'Reconnect').`,
		},
		{
			displayName: 'Allow Restoring From the Recycle Bin',
			name: 'allowRestoringFromRecycleBin',
			type: 'boolean',
			default: false,
			description:
				`Whether to also ask for ${RECYCLE_BIN_SCOPES.join(', ')}: needed by the Zoho Recycle Bin node, which lists deleted records and restores them. After changing it, save and sign in to Zoho again ('Switch account'; in n8n 1.x, 'Reconnect').`,
		},
		{
			displayName: 'Allow Backups Before Deletes',
			name: 'allowBackupsBeforeDeletes',
			type: 'boolean',
			default: false,
			description:
				`Whether to also ask for ${BACKUP_SCOPES.join(', ')}: needed by the Zoho Mass Delete node's 'Back Up First' option, which reads a custom view with Zoho's Bulk Read before deleting it. After changing it, save and sign in to Zoho again ('Switch account'; in n8n 1.x, 'Reconnect').`,
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${accountsServerExpression} + "/oauth/v2/auth" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${accountsServerExpression} + "/oauth/v2/token" }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: scopeExpression,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			// offline + consent: Zoho only issues a refresh token on consent, and n8n needs one to refresh
			default: 'access_type=offline&prompt=consent',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
