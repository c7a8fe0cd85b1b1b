import { NodeOperationError, type IDataObject, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import { isZohoId } from '../shared/ids';
import { InvalidInput, parseApiVersion, parseModuleName } from '../shared/input';
import { customViewsPath } from '../shared/paths';
import { withListCache } from '../shared/listSearch/listCache';
import { zohoCrmApiRequest } from '../shared/transport';

/** The chosen module's custom views (GET /settings/custom_views?module=), labelled as Zoho CRM shows them. */
export async function searchCustomViews(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	let module: string;
	try {
		module = parseModuleName(this.getNodeParameter('module', undefined, { extractValue: true }));
	} catch (error) {
		const reason = error instanceof InvalidInput ? `${error.field} ${error.message}` : (error as Error).message;
		throw new NodeOperationError(this.getNode(), `Pick a module first, from the list or by API name (${reason})`);
	}
	const apiVersion = parseApiVersion(this.getNodeParameter('options.apiVersion', 'v8'));
	const views = await withListCache(this, `custom views ${apiVersion} ${module}`, async () => {
		const response = await zohoCrmApiRequest.call(this, { method: 'GET', path: customViewsPath(apiVersion), qs: { module } });
		return Array.isArray(response.body?.custom_views) ? (response.body.custom_views as IDataObject[]) : [];
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = views
		.filter((view) => isZohoId(view.id))
		.map((view) => ({ name: String(view.display_value || view.name || view.id), value: String(view.id) }))
		.filter(({ name, value }) => !needle || name.toLowerCase().includes(needle) || value.includes(needle));
	return { results };
}
