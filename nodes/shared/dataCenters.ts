/**
 * Zoho data centres: where a user signs in (accounts server) and where the CRM API lives.
 * Canada is the odd one out: accounts.zohocloud.ca but www.zohoapis.ca.
 */
export interface ZohoDataCenter {
	key: string;
	label: string;
	accountsServer: string;
	apiDomain: string;
	/** Where the client is registered: the accounts server's domain under api-console. */
	apiConsole: string;
}

/** The most used first, the rest in alphabetical order, as the Data Center list shows them. */
export const ZOHO_DATA_CENTERS: readonly ZohoDataCenter[] = [
	{ key: 'us', label: 'United States (zoho.com)', accountsServer: 'https://accounts.zoho.com', apiDomain: 'https://www.zohoapis.com', apiConsole: 'api-console.zoho.com' },
	{ key: 'au', label: 'Australia (zoho.com.au)', accountsServer: 'https://accounts.zoho.com.au', apiDomain: 'https://www.zohoapis.com.au', apiConsole: 'api-console.zoho.com.au' },
	{ key: 'ca', label: 'Canada (zohocloud.ca)', accountsServer: 'https://accounts.zohocloud.ca', apiDomain: 'https://www.zohoapis.ca', apiConsole: 'api-console.zohocloud.ca' },
	{ key: 'cn', label: 'China (zoho.com.cn)', accountsServer: 'https://accounts.zoho.com.cn', apiDomain: 'https://www.zohoapis.com.cn', apiConsole: 'api-console.zoho.com.cn' },
	{ key: 'eu', label: 'Europe (zoho.eu)', accountsServer: 'https://accounts.zoho.eu', apiDomain: 'https://www.zohoapis.eu', apiConsole: 'api-console.zoho.eu' },
	{ key: 'in', label: 'India (zoho.in)', accountsServer: 'https://accounts.zoho.in', apiDomain: 'https://www.zohoapis.in', apiConsole: 'api-console.zoho.in' },
	{ key: 'jp', label: 'Japan (zoho.jp)', accountsServer: 'https://accounts.zoho.jp', apiDomain: 'https://www.zohoapis.jp', apiConsole: 'api-console.zoho.jp' },
	{ key: 'sa', label: 'Saudi Arabia (zoho.sa)', accountsServer: 'https://accounts.zoho.sa', apiDomain: 'https://www.zohoapis.sa', apiConsole: 'api-console.zoho.sa' },
	{ key: 'uk', label: 'United Kingdom (zoho.uk)', accountsServer: 'https://accounts.zoho.uk', apiDomain: 'https://www.zohoapis.uk', apiConsole: 'api-console.zoho.uk' },
];

export const CUSTOM_DATA_CENTER = 'custom';

// Labels say "Org": these are kinds of Zoho CRM org, not this package's local test sandbox (Data Center: Custom)
// the most used first, the rest in alphabetical order
export const ZOHO_ENVIRONMENTS = [
	{ key: 'production', label: 'Production Org', hostPrefix: 'www' },
	{ key: 'developer', label: 'Zoho Developer Org (developer.zohoapis.*)', hostPrefix: 'developer' },
	{ key: 'sandbox', label: 'Zoho Sandbox Org (sandbox.zohoapis.*)', hostPrefix: 'sandbox' },
] as const;

export function findDataCenter(key: string): ZohoDataCenter | undefined {
	return ZOHO_DATA_CENTERS.find((dataCenter) => dataCenter.key === key);
}

const ZOHO_API_SUFFIXES = ZOHO_DATA_CENTERS.map((dataCenter) =>
	dataCenter.apiDomain.replace('https://www.zohoapis.', ''),
);

/**
 * Zoho serves sandbox and developer orgs from sandbox.zohoapis.* and developer.zohoapis.*,
 * while tokens always name www.zohoapis.*. Other hosts (a gateway, the local sandbox) are left alone.
 */
export function apiDomainForEnvironment(apiOrigin: string, environment: string): string {
	const target = ZOHO_ENVIRONMENTS.find((entry) => entry.key === environment) ?? ZOHO_ENVIRONMENTS[0];
	const match = /^https:\/\/(?:www|sandbox|developer)\.zohoapis\.(.+)$/.exec(apiOrigin);
	if (!match || !ZOHO_API_SUFFIXES.includes(match[1])) return apiOrigin;
	return `https://${target.hostPrefix}.zohoapis.${match[1]}`;
}
