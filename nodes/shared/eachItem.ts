import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ZohoConnection } from './connection';
import { errorItemJson, isCredentialRejection, nodeErrorFor } from './itemFailure';

/**
 * Runs each input item in turn, its output items paired with it. A failing item stops the node, or with
 * continueOnFail leaves as an error item while the others go on. Once Zoho refuses the credential itself, each later
 * call would only ask n8n for another refresh, so the later items fail at once.
 */
/** What one input item gives: its output items' JSON, and a file (a backup) where there is one. */
export interface ItemResult {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/** An item of JSON alone. */
export const jsonItem = (json: IDataObject): ItemResult => ({ json, binary: undefined });

export async function eachItem(
	context: IExecuteFunctions,
	run: (itemIndex: number, connection: ZohoConnection) => Promise<ItemResult[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const connection = new ZohoConnection();
	let credentialRejected: Error | undefined;
	const itemCount = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			if (credentialRejected) throw credentialRejected;
			for (const { json, binary } of await run(itemIndex, connection)) output.push(binary ? { json, binary, pairedItem: { item: itemIndex } } : { json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (isCredentialRejection(error)) credentialRejected = error as Error;
			const itemError = nodeErrorFor(context, error, itemIndex);
			if (!context.continueOnFail()) throw itemError;
			output.push({ json: errorItemJson(itemError), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}
