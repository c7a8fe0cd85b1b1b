/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import fs from 'node:fs';
import path from 'node:path';

import type { IConnections, INode } from 'n8n-workflow';

import { CREDENTIAL_REF, NODE_TYPE, OUR_NODE_TYPES, runWorkflow, type RunOptions, type WorkflowRun } from './engine';
import { projectRoot } from './projectRoot';

export const EXAMPLES_DIR = path.join(projectRoot(), 'examples');

export interface ExampleWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

export function loadExample(file: string): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
}

export interface ExampleRunOptions extends RunOptions {
	/** Typed into the status node, as a user following a job they already have would; absent, the example's own expression stays. */
	jobId?: string;
}

/** Runs an example as a user would after importing it: their credential, their job ID, nothing else changed. */
export async function runExample(example: string | ExampleWorkflow, options: ExampleRunOptions): Promise<WorkflowRun & { workflow: ExampleWorkflow }> {
	const workflow = typeof example === 'string' ? loadExample(example) : example;
	const nodes = workflow.nodes.map((node) => {
		if (OUR_NODE_TYPES.has(node.type)) {
			const parameters = node.type === NODE_TYPE && options.jobId !== undefined ? { ...node.parameters, jobId: options.jobId } : node.parameters;
			return { ...node, parameters, credentials: CREDENTIAL_REF };
		}
		return node;
	});
	const run = await runWorkflow(nodes, workflow.connections, options);
	return { ...run, workflow };
}
