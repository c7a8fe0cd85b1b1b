import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runsAsTool } from './runsAsTool';

/** What n8n's run data holds of a run started in the editor (n8n 1.x and 2.x: IRunExecutionData.startData). */
interface EditorRunData {
	runExecutionData?: { startData?: { destinationNode?: string | { nodeName?: unknown } } };
}

/**
 * The node the user executed in the editor, when it is another one: 'Execute step' on a node runs first the nodes
 * before it that have no output yet. n8n's node API does not say which node was executed; the execution's run data does
 * (startData.destinationNode, which n8n 1.x and 2.x set for such a run, and which a full run leaves empty). Undefined
 * outside the editor, in a full run, as an AI Agent's tool, and if a later n8n keeps it elsewhere.
 */
export function executedElsewhere(context: IExecuteFunctions): string | undefined {
	if (context.getMode() !== 'manual' || runsAsTool(context.getNode())) return undefined;
	const destination = (context as unknown as EditorRunData).runExecutionData?.startData?.destinationNode;
	const name = typeof destination === 'object' && destination !== null ? destination.nodeName : destination;
	return typeof name === 'string' && name !== '' && name !== context.getNode().name ? name : undefined;
}

/** On the nodes that usually follow a delete: what 'Execute step' does there, and how to keep it from deleting. */
export const editorRerunNotice: INodeProperties = {
	displayName:
		"In the editor, 'Execute step' first runs the nodes before this one that have no output yet. A Zoho Mass Delete among them deletes nothing then: it deletes only when you execute it itself, or the whole workflow. To try this node, pin the delete's output or run the delete as a dry run.",
	name: 'editorRerunNotice',
	type: 'notice',
	default: '',
};
