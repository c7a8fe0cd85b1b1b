// The workflows the queue-mode suites run: the project's examples, with a production webhook (the trigger that
// goes through the queue) in front of the status node, which reads the job from the webhook's body on the first
// pass and from its own carried item after that.
import { loadExample } from '../../test/harness/examples';
import { STATUS_TYPE } from '../n8nInstance';
import { withWebhook } from './cluster';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const FROM_BODY_OR_ITEM = { jobId: '={{ $json.job_id || $json.body.job_id }}', module: { __rl: true, mode: 'name', value: '={{ $json.module || $json.body.module }}' } };

function statusNodeOf(workflow: Json): Json {
	return workflow.nodes.find((node: Json) => node.type === STATUS_TYPE);
}

/** Keeps the status node and what follows it; the nodes before it (trigger, start) give way to a webhook. */
function followJob(file: string, id: string, hookPath: string, credential: Json, options: Json): Json {
	const example = loadExample(file) as unknown as Json;
	const status = statusNodeOf(example);
	// the nodes before the status node (the trigger, and the start node where there is one), in chain order
	const dropped = new Set<string>();
	for (let name = example.nodes.find((node: Json) => node.type === 'n8n-nodes-base.manualTrigger').name; name !== status.name; ) {
		dropped.add(name);
		name = example.connections[name].main[0][0].node;
	}
	const nodes = example.nodes.filter((node: Json) => !dropped.has(node.name));
	const connections = Object.fromEntries(Object.entries(example.connections).filter(([from]) => !dropped.has(from)));
	status.parameters = { ...status.parameters, ...FROM_BODY_OR_ITEM, options: { ...status.parameters.options, ...options } };
	status.credentials = { zohoCrmOAuth2Api: credential };
	return withWebhook({ ...example, nodes, connections }, id, hookPath, status.name);
}

/** examples/wait-node-loop.json: the progress-aware loop that parks. */
export function parkedLoop(id: string, hookPath: string, credential: Json, options: Json = {}): Json {
	return followJob('wait-node-loop.json', id, hookPath, credential, options);
}

/** The same loop with a fixed Wait, as users build it by hand: under 65 s n8n holds the worker. */
export function fixedLoop(id: string, hookPath: string, credential: Json, seconds: number, options: Json = {}): Json {
	const workflow = parkedLoop(id, hookPath, credential, options);
	const wait = workflow.nodes.find((node: Json) => node.type === 'n8n-nodes-base.wait');
	wait.parameters = { amount: seconds, unit: 'seconds' };
	return workflow;
}

/** examples/in-node-wait.json: Wait for Completion inside the node. */
export function inNodeWait(id: string, hookPath: string, credential: Json, options: Json = {}): Json {
	return followJob('in-node-wait.json', id, hookPath, credential, options);
}
