import { NodeOperationError, type ILoadOptionsFunctions } from 'n8n-workflow';

import { InvalidInput, parseApiVersion, parseModuleName, type ModuleTarget } from '../input';

/** The module a list depends on (custom views, fields), as the editor holds it now: a clear error until one is picked. */
export function listTarget(context: ILoadOptionsFunctions): ModuleTarget {
	let module: string;
	try {
		module = parseModuleName(context.getNodeParameter('module', undefined, { extractValue: true }));
	} catch (error) {
		const reason = error instanceof InvalidInput ? `${error.field} ${error.message}` : (error as Error).message;
		throw new NodeOperationError(context.getNode(), `Pick a module first, from the list or by API name (${reason})`);
	}
	return { module, apiVersion: parseApiVersion(context.getNodeParameter('options.apiVersion', 'v8')) };
}
