import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { apiDomainForEnvironment, CUSTOM_DATA_CENTER, findDataCenter, ZOHO_DATA_CENTERS } from './dataCenters';

export class InvalidApiDomainError extends Error {}

/**
 * Accepts only a bare http(s) origin such as https://www.zohoapis.eu (a trailing slash is fine):
 * the value comes from a token response, so a path, query, userinfo or odd characters are refused.
 */
export function parseApiOrigin(value: unknown, source: string): string {
	const text = typeof value === 'string' ? value : '';
	const invalid = (reason: string) =>
		new InvalidApiDomainError(
			`The ${source} ${JSON.stringify(String(value))} is not a usable API domain: ${reason}`,
		);
	if (!text) throw invalid('it is empty');
	if (/[\s\\]/.test(text)) throw invalid('it contains whitespace or a backslash');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw invalid('it is not a URL');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('only http and https are allowed');
	if (url.username || url.password || text.includes('@')) throw invalid('it must not contain user info');
	// the text itself, not only the parsed URL: the parser resolves dot segments (https://host/x/.. becomes an origin)
	if (url.pathname !== '/' || url.search || url.hash || !/^https?:\/\/[^/?#]+\/?$/i.test(text)) {
		throw invalid('it must be an origin only, with no path, query or fragment');
	}
	return url.origin;
}

/**
 * The token's api_domain says where the org lives; the data center's domain is the fallback.
 * A custom data center's typed API domain wins, so a gateway can sit in front of Zoho.
 */
export function resolveApiOrigin(credentials: ICredentialDataDecryptedObject): string {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const tokenDomain = typeof tokenData.api_domain === 'string' ? tokenData.api_domain : '';
	const dataCenterKey = String(credentials.dataCenter ?? 'us');

	let origin: string;
	if (dataCenterKey === CUSTOM_DATA_CENTER) {
		const typed = String(credentials.customApiDomain ?? '').trim();
		origin = typed
			? parseApiOrigin(typed, 'credential\'s API Domain')
			: parseApiOrigin(tokenDomain, 'api_domain in the Zoho token');
	} else if (tokenDomain) {
		origin = parseApiOrigin(tokenDomain, 'api_domain in the Zoho token');
	} else {
		origin = (findDataCenter(dataCenterKey) ?? ZOHO_DATA_CENTERS[0]).apiDomain;
	}
	return apiDomainForEnvironment(origin, String(credentials.environment ?? 'production'));
}
