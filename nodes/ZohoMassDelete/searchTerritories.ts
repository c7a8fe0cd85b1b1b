import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isZohoId } from '../shared/ids';
import { parseApiVersion } from '../shared/input';
import { withListCache } from '../shared/listSearch/listCache';
import { territoriesPath } from '../shared/paths';
import { SCOPE_TERRITORIES_READ } from '../shared/scopes';
import { zohoCrmApiRequest } from '../shared/transport';
import { reconnectWith, START_TOGGLE } from '../shared/zohoErrors';

/** The org's territories (GET /settings/territories, 2,000 a page), each named with the one it reports to. */
export async function searchTerritories(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const apiVersion = parseApiVersion(this.getNodeParameter('options.apiVersion', 'v8'));
	const territories = await withListCache(this, `territories ${apiVersion}`, async () => {
		const response = await zohoCrmApiRequest.call(this, {
			method: 'GET',
			path: territoriesPath(apiVersion),
			qs: { per_page: 2_000 },
			errorHints: {
				OAUTH_SCOPE_MISMATCH: `The credential was connected without ${SCOPE_TERRITORIES_READ}, which the territory list needs. ${reconnectWith(START_TOGGLE)}`,
				FEATURE_NOT_ENABLED: "Territory Management is not enabled in this Zoho org: leave 'Territory' out to delete every record of the view.",
			},
		});
		return Array.isArray(response.body?.territories) ? (response.body.territories as IDataObject[]) : [];
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = territories
		.filter((territory) => isZohoId(territory.id))
		.map((territory) => {
			const parent = (territory.reporting_to as IDataObject | null | undefined)?.name;
			return { name: `${String(territory.name ?? territory.id)}${typeof parent === 'string' ? ` (in ${parent})` : ''}`, value: String(territory.id) };
		})
		.filter(({ name, value }) => !needle || name.toLowerCase().includes(needle) || value.includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
