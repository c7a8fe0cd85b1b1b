import type { INodeProperties } from 'n8n-workflow';

import { API_VERSIONS, MODULE_API_NAME_PATTERN } from './input';

/** The `module` parameter of the nodes: the org's modules from a list, or an API name. */
export function moduleLocator(description: string): INodeProperties {
	return {
		displayName: 'Module',
		name: 'module',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchModules', searchable: true },
			},
			{
				displayName: 'By API Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Leads, Price_Books, Events (Meetings)',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: MODULE_API_NAME_PATTERN,
							errorMessage:
								'Use the module API name: letters, digits and underscores, starting with a letter',
						},
					},
				],
			},
		],
	};
}

/** The API Version option, first in both nodes' Options collection. */
const apiVersionOption: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'options',
	options: API_VERSIONS.map((version) => ({ name: version, value: version })),
	default: 'v8',
	description: 'Zoho CRM API version to call; v8 is current, v6 and v7 behave the same',
};

/** A node's Options collection: API Version and the node's own, in alphabetical order as n8n lists them. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	const sorted = [apiVersionOption, ...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: sorted };
}
