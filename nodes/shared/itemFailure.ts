import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { withItem } from './input';
import { CREDENTIAL_REJECTED_CODES } from './zohoErrors';

type NodeError = Error & { description?: string | null; errorResponse?: IDataObject };

/**
 * What an item that failed carries with continueOnFail. Only error and details at the top, so n8n's
 * "Continue (using error output)" recognises it; anything else the user needs to match it up goes in details.
 */
export function errorItemJson(error: Error, extraDetails: IDataObject = {}): IDataObject {
	const { description, errorResponse } = error as NodeError;
	const details: IDataObject = { ...extraDetails };
	if (description) details.description = description;
	if (errorResponse?.code) details.code = errorResponse.code;
	if (errorResponse?.httpCode) details.http_code = errorResponse.httpCode;
	return { error: error.message, details };
}

/** Zoho refused the credential itself: every later call of the execution would only ask n8n for another refresh. */
export function isCredentialRejection(error: unknown): boolean {
	const code = (error as NodeError).errorResponse?.code;
	return typeof code === 'string' && CREDENTIAL_REJECTED_CODES.has(code);
}

/**
 * The error an item fails with: thrown when continueOnFail is off, else the error item's message. Both constructors keep
 * an error that is already theirs, with Zoho's code and hint; the message names the item.
 */
export function nodeErrorFor(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError ? new NodeApiError(context.getNode(), error as unknown as JsonObject) : new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	nodeError.message = withItem(nodeError.message, itemIndex);
	return nodeError;
}
