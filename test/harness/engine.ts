/* eslint-disable @n8n/community-nodes/no-restricted-globals -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ITaskData,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { ZohoMassDelete } from '../../nodes/ZohoMassDelete/ZohoMassDelete.node';
import { ZohoMassDeleteStatus } from '../../nodes/ZohoMassDeleteStatus/ZohoMassDeleteStatus.node';
import { ZohoRecycleBin } from '../../nodes/ZohoRecycleBin/ZohoRecycleBin.node';
import type { TestCredentialsHelper } from './credentials';
import type { VirtualClock } from './virtualClock';

export const NODE_TYPE = 'n8n-nodes-zoho-crm-mass-delete.zohoMassDeleteStatus';
export const STATUS_NODE_NAME = 'Zoho Mass Delete Status';
export const MASS_DELETE_NODE_TYPE = 'n8n-nodes-zoho-crm-mass-delete.zohoMassDelete';
export const MASS_DELETE_NODE_NAME = 'Zoho Mass Delete';
export const RECYCLE_BIN_NODE_TYPE = 'n8n-nodes-zoho-crm-mass-delete.zohoRecycleBin';
export const RECYCLE_BIN_NODE_NAME = 'Zoho Recycle Bin';
/** This package's node types: they take the test credential. */
export const OUR_NODE_TYPES = new Set([NODE_TYPE, MASS_DELETE_NODE_TYPE, RECYCLE_BIN_NODE_TYPE]);
export const CREDENTIAL_REF = { zohoCrmOAuth2Api: { id: 'cred-1', name: 'Zoho CRM (test)' } };

const registry = new Map<string, INodeType | IVersionedNodeType>([
	[NODE_TYPE, new ZohoMassDeleteStatus()],
	[MASS_DELETE_NODE_TYPE, new ZohoMassDelete()],
	[RECYCLE_BIN_NODE_TYPE, new ZohoRecycleBin()],
]);

/** n8n's own core nodes that the example workflows use, loaded from n8n-nodes-base as n8n does. */
const CORE_NODES: Record<string, string> = {
	'n8n-nodes-base.manualTrigger': 'ManualTrigger/ManualTrigger.node.js',
	'n8n-nodes-base.wait': 'Wait/Wait.node.js',
	'n8n-nodes-base.if': 'If/If.node.js',
	'n8n-nodes-base.noOp': 'NoOp/NoOp.node.js',
};

export function registerNodeType(type: string, nodeType: INodeType): void {
	registry.set(type, nodeType);
}

const nodeTypes: INodeTypes = {
	getByName: (type: string) => lookup(type),
	getByNameAndVersion: (type: string, version?: number) => lookup(type, version),
	getKnownTypes: () => ({}),
};

function lookup(type: string, version?: number): INodeType {
	let nodeType = registry.get(type);
	if (!nodeType && CORE_NODES[type]) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n loads nodes by file path too
		const exported = require(`n8n-nodes-base/dist/nodes/${CORE_NODES[type]}`) as Record<string, new () => INodeType>;
		nodeType = new (Object.values(exported)[0])();
		registry.set(type, nodeType);
	}
	if (!nodeType) throw new Error(`Unknown node type in test workflow: ${type}`);
	return NodeHelpers.getVersionedNodeType(nodeType, version);
}

export function statusNode(parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return {
		id: 'status-node',
		name: STATUS_NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: CREDENTIAL_REF,
		...extra,
	};
}

export function massDeleteNode(parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return statusNode(parameters, { id: 'mass-delete-node', name: MASS_DELETE_NODE_NAME, type: MASS_DELETE_NODE_TYPE, ...extra });
}

export function recycleBinNode(parameters: IDataObject, extra: Partial<INode> = {}): INode {
	return statusNode(parameters, { id: 'recycle-bin-node', name: RECYCLE_BIN_NODE_NAME, type: RECYCLE_BIN_NODE_TYPE, ...extra });
}

function additionalDataFor(helper: TestCredentialsHelper, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper: helper,
		hooks,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		variables: {},
		logAiEvent: () => {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowRun {
	run: IRun;
	/** Each time the execution parked (a Wait of 65 s or more), and until when. */
	parks: Array<{ at: number; until: number }>;
	/** Items per output of the named node's first run (pairedItem kept). */
	outputsOf(nodeName?: string, runIndex?: number): INodeExecutionData[][];
	runCountOf(nodeName: string): number;
	error: (Error & IDataObject) | undefined;
	/** True when n8n's own parameter checks stopped the workflow before any node ran. */
	refusedToStart: boolean;
}

export interface RunOptions {
	credentials: TestCredentialsHelper;
	/** Input items handed to the first node. */
	items?: IDataObject[];
	mode?: WorkflowExecuteMode;
	/** Aborting this stops the execution, as the Stop button does. */
	abortController?: AbortController;
	/** Called after every node run, as n8n's execution hooks are. */
	onNodeRun?: (nodeName: string, taskData: ITaskData) => void;
	/**
	 * A parked execution resumes at its waitTill, as n8n's wait tracker resumes it. By default the harness sleeps
	 * until then; a virtual clock jumps there instead.
	 */
	clock?: VirtualClock;
	/** Resumes at most this many times (a loop that never ends fails the test instead of hanging it). */
	maxResumes?: number;
	/** The node the user executed in the editor ('Execute step'), as n8n records it in the run data's startData. */
	destinationNode?: string;
}

/** Runs a workflow in n8n-core's real engine, starting at its first node with the given items; resumes it when it parks. */
export async function runWorkflow(nodes: INode[], connections: IConnections, options: RunOptions): Promise<WorkflowRun> {
	const workflow = new Workflow({ id: 'wf-test', nodes, connections, nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	options.credentials.workflow = workflow;
	options.credentials.node = nodes[0];
	const mode = options.mode ?? 'manual';
	const inputItems = (options.items ?? [{}]).map((json) => ({ json }));
	let runExecutionData: IRunExecutionData = createRunExecutionData({
		...(options.destinationNode ? { startData: { destinationNode: { nodeName: options.destinationNode, mode: 'inclusive' } } } : {}),
		executionData: { nodeExecutionStack: [{ node: nodes[0], data: { main: [inputItems] }, source: null }] },
	});
	const parks: WorkflowRun['parks'] = [];
	let run: IRun;
	for (let resumes = 0; ; resumes++) {
		const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', { id: 'wf-test', name: 'test', nodes, connections, active: false, settings: {} } as never);
		const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (result) => resolve(result)));
		if (options.onNodeRun) hooks.addHandler('nodeExecuteAfter', (nodeName, taskData) => options.onNodeRun!(nodeName, taskData));
		const execute = new WorkflowExecute(additionalDataFor(options.credentials, hooks), mode, runExecutionData);
		let processing: ReturnType<WorkflowExecute['processRunExecutionData']>;
		try {
			processing = execute.processRunExecutionData(workflow);
		} catch (error) {
			// n8n refuses to start a workflow whose static parameters have issues (required, regex)
			return { run: undefined as never, parks, error: error as Error & IDataObject, outputsOf: () => [], runCountOf: () => 0, refusedToStart: true };
		}
		options.abortController?.signal.addEventListener('abort', () => processing.cancel());
		run = await finished;
		if (run.status !== 'waiting' || !run.waitTill || resumes >= (options.maxResumes ?? 100)) break;
		const until = new Date(run.waitTill).getTime();
		parks.push({ at: Date.now(), until });
		if (options.clock) options.clock.jump(until - Date.now());
		else await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
		// n8n stores the execution and reads it back: a copy, so resuming cannot change this run's nodes
		runExecutionData = structuredClone(run.data);
	}
	const runData = run.data.resultData.runData;
	return {
		run,
		parks,
		refusedToStart: false,
		error: run.data.resultData.error as (Error & IDataObject) | undefined,
		outputsOf: (nodeName = STATUS_NODE_NAME, runIndex = 0) =>
			(runData[nodeName]?.[runIndex]?.data?.main ?? []).map((items) => items ?? []),
		runCountOf: (nodeName: string) => runData[nodeName]?.length ?? 0,
	};
}

/** The status node alone, fed the given items. */
export async function runStatusNode(parameters: IDataObject, options: RunOptions & { onError?: INode['onError'] }): Promise<WorkflowRun> {
	const node = statusNode(parameters, options.onError ? { onError: options.onError } : {});
	return await runWorkflow([node], {}, options);
}

/** One node alone, fed the given items; its outputs are the default ones to read. */
async function runAlone(node: INode, options: RunOptions): Promise<WorkflowRun> {
	const run = await runWorkflow([node], {}, options);
	return { ...run, outputsOf: (nodeName = node.name, runIndex = 0) => run.outputsOf(nodeName, runIndex) };
}

/** The start node alone, fed the given items. */
export async function runMassDeleteNode(parameters: IDataObject, options: RunOptions & { onError?: INode['onError'] }): Promise<WorkflowRun> {
	return await runAlone(massDeleteNode(parameters, options.onError ? { onError: options.onError } : {}), options);
}

/** The recycle bin node alone, fed the given items. */
export async function runRecycleBinNode(parameters: IDataObject, options: RunOptions & { onError?: INode['onError'] }): Promise<WorkflowRun> {
	return await runAlone(recycleBinNode(parameters, options.onError ? { onError: options.onError } : {}), options);
}

let searchCredentialIds = 0;

/**
 * Calls a list-search method the way the editor does, through n8n-core's LoadOptionsContext. Each call has a
 * credential of its own unless `credentialId` names one, as one editor session of one credential has.
 */
export async function searchList(
	method: string,
	parameters: IDataObject,
	credentials: TestCredentialsHelper,
	filter?: string,
	nodeType = NODE_TYPE,
	credentialId = `search-cred-${++searchCredentialIds}`,
) {
	const extra = { credentials: { zohoCrmOAuth2Api: { id: credentialId, name: 'Zoho CRM (test)' } } };
	const node = statusNode(parameters, { ...extra, type: nodeType });
	const workflow = new Workflow({ id: 'wf-test', nodes: [node], connections: {}, nodeTypes, active: false });
	credentials.workflow = workflow;
	credentials.node = node;
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', { id: 'wf-test', nodes: [node], connections: {} } as never);
	const context = new LoadOptionsContext(workflow, node, additionalDataFor(credentials, hooks), 'parameters.module');
	const search = lookup(nodeType).methods?.listSearch?.[method];
	if (!search) throw new Error(`No list search ${method}`);
	return await search.call(context, filter);
}
