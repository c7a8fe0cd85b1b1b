import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { kindOf, type ZohoField } from '../coql/fieldKinds';
import { fetchModuleFields } from '../coql/moduleFields';
import { withListCache } from './listCache';
import { listTarget } from './listTarget';

/** The chosen module's fields, one Zoho call per opening of a list whatever is typed into it. */
export async function loadListFields(context: ILoadOptionsFunctions): Promise<ZohoField[]> {
	const target = listTarget(context);
	return await withListCache(context, `fields ${target.apiVersion} ${target.module}`, async () => await fetchModuleFields(context, target));
}

/** Fields a condition can compare, by their label in Zoho CRM, searchable by label or API name. */
export async function searchFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const fields = await loadListFields(this);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = fields
		.filter((field) => kindOf(field) !== 'unsupported')
		.map((field) => ({ name: `${field.field_label ?? field.display_label ?? field.api_name} (${field.api_name})`, value: field.api_name }))
		.filter(({ name }) => !needle || name.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
