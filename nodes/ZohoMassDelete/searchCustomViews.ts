import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isZohoId } from '../shared/ids';
import { customViewsPath } from '../shared/paths';
import { withListCache } from '../shared/listSearch/listCache';
import { listTarget } from '../shared/listSearch/listTarget';
import { SCOPE_CUSTOM_VIEWS_READ } from '../shared/scopes';
import { zohoCrmApiRequest } from '../shared/transport';
import { reconnectWith, START_TOGGLE } from '../shared/zohoErrors';

/** The chosen module's custom views (GET /settings/custom_views?module=), labelled as Zoho CRM shows them. */
export async function searchCustomViews(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { module, apiVersion } = listTarget(this);
	const views = await withListCache(this, `custom views ${apiVersion} ${module}`, async () => {
		const response = await zohoCrmApiRequest.call(this, {
			method: 'GET',
			path: customViewsPath(apiVersion),
			qs: { module },
			errorHints: { OAUTH_SCOPE_MISMATCH: `The credential was connected without ${SCOPE_CUSTOM_VIEWS_READ}, which the custom view list needs. ${reconnectWith(START_TOGGLE)}` },
		});
		return Array.isArray(response.body?.custom_views) ? (response.body.custom_views as IDataObject[]) : [];
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = views
		.filter((view) => isZohoId(view.id))
		.map((view) => ({ name: String(view.display_value || view.name || view.id), value: String(view.id) }))
		.filter(({ name, value }) => !needle || name.toLowerCase().includes(needle) || value.includes(needle));
	return { results };
}
