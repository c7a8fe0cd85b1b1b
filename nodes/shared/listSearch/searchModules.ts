import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { parseApiVersion } from '../input';
import { modulesPath } from '../paths';
import { zohoCrmApiRequest } from '../transport';
import { withListCache } from './listCache';

/** Standard modules that support mass delete (Meetings is Events in the API). */
const MASS_DELETE_STANDARD_MODULES = new Set([
	'Leads',
	'Accounts',
	'Contacts',
	'Deals',
	'Campaigns',
	'Tasks',
	'Cases',
	'Events',
	'Calls',
	'Solutions',
	'Products',
	'Vendors',
	'Price_Books',
	'Quotes',
	'Sales_Orders',
	'Purchase_Orders',
	'Invoices',
	'Services__s',
	'Appointments__s',
]);

/** Mass delete targets: supported standard modules and custom ones; never subform, linking or system modules. */
export function isMassDeleteTarget(module: IDataObject): boolean {
	if (typeof module.api_name !== 'string' || !module.api_name) return false;
	if (module.api_supported === false || module.deletable === false) return false;
	if (module.status === 'scheduled_for_deletion') return false;
	if (module.generated_type === 'custom') return true;
	return module.generated_type === 'default' && MASS_DELETE_STANDARD_MODULES.has(module.api_name);
}

function labelOf(module: IDataObject): string {
	return String(module.plural_label || module.module_name || module.api_name);
}

export async function searchModules(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const apiVersion = parseApiVersion(this.getNodeParameter('options.apiVersion', 'v8'));
	const modules = await withListCache(this, `modules ${apiVersion}`, async () => {
		const response = await zohoCrmApiRequest.call(this, { method: 'GET', path: modulesPath(apiVersion) });
		return Array.isArray(response.body?.modules) ? (response.body.modules as IDataObject[]) : [];
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = modules
		.filter(isMassDeleteTarget)
		.map((module) => ({ name: labelOf(module), value: String(module.api_name) }))
		.filter(
			({ name, value }) =>
				!needle || name.toLowerCase().includes(needle) || value.toLowerCase().includes(needle),
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
