import { NodeOperationError, sleep, type INode } from 'n8n-workflow';

export function cancelledError(node: INode, itemIndex: number | undefined): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled while waiting for Zoho CRM', { itemIndex });
}

/** Sleeps, but a user's Stop (the execution's cancel signal) ends it at once. */
export async function pause(
	ms: number,
	signal: AbortSignal | undefined,
	node: INode,
	itemIndex: number | undefined,
): Promise<void> {
	try {
		await sleep(ms, signal);
	} catch {
		throw cancelledError(node, itemIndex);
	}
	// n8n 1.x's sleep ignores the signal: notice the cancel once it returns
	if (signal?.aborted) throw cancelledError(node, itemIndex);
}
