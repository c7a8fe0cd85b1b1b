import type { INode } from 'n8n-workflow';

/**
 * Whether n8n runs the node as an AI Agent's tool: the `…Tool` type n8n derives from a node marked usableAsTool.
 * n8n-workflow 2.x has NodeHelpers.isToolType for this; n8n 1.x does not, and the package runs in both.
 */
export function runsAsTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}
