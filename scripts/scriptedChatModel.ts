/* eslint-disable @n8n/community-nodes/no-restricted-imports -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// A chat model that follows a script, for driving n8n's AI Agent without a real model: an OpenAI-compatible
// /v1/chat/completions on 127.0.0.1. Each turn answers with the script's next tool calls (or its closing words),
// and every request is kept, so a test reads what the agent sent back: the tools it offered and their results.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface OfferedTool {
	name: string;
	description: string;
	parameters: Json;
}

export interface ToolResult {
	toolCallId: string;
	content: string;
}

/** One turn of the script: given the tools offered and the results so far, tool calls to make, or a final answer. */
export type ScriptTurn = (tools: OfferedTool[], results: ToolResult[]) => { calls: Array<{ tool: string; args: Json }> } | { answer: string };

export interface ScriptedChatModel {
	/** The base URL for n8n's OpenAI credential, e.g. http://127.0.0.1:1234/v1. */
	url: string;
	requests: Json[];
	close(): Promise<void>;
}

const completion = (message: Json, finishReason: string) => ({
	id: `chatcmpl-scripted-${Date.now()}`,
	object: 'chat.completion',
	created: Math.floor(Date.now() / 1000),
	model: 'scripted-model',
	choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
	usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

/** The same answer as server-sent chunks, for a client that asks to stream. */
function streamed(message: Json, finishReason: string): string {
	const delta = message.tool_calls
		? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((call: Json, index: number) => ({ index, ...call })) }
		: { role: 'assistant', content: message.content };
	const chunk = (choice: Json) => `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: 'scripted-model', choices: [choice] })}\n\n`;
	return chunk({ index: 0, delta, finish_reason: null }) + chunk({ index: 0, delta: {}, finish_reason: finishReason }) + 'data: [DONE]\n\n';
}

export async function startScriptedChatModel(script: ScriptTurn[]): Promise<ScriptedChatModel> {
	const requests: Json[] = [];
	let calls = 0;
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const send = (status: number, body: unknown, type = 'application/json') => {
				response.writeHead(status, { 'content-type': type });
				response.end(typeof body === 'string' ? body : JSON.stringify(body));
			};
			if (request.method === 'GET' && request.url?.endsWith('/models')) return send(200, { object: 'list', data: [{ id: 'scripted-model', object: 'model', owned_by: 'test' }] });
			if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) return send(404, { error: { message: 'not found' } });
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
			requests.push(body);
			const tools: OfferedTool[] = (body.tools ?? []).map((tool: Json) => ({ name: tool.function?.name, description: tool.function?.description ?? '', parameters: tool.function?.parameters ?? {} }));
			const results: ToolResult[] = (body.messages ?? [])
				.filter((message: Json) => message.role === 'tool')
				.map((message: Json) => ({ toolCallId: String(message.tool_call_id), content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content) }));
			// one turn per round of tool calls the agent has answered; past the script's end, its last turn again
			const turn = script[Math.min(countTurns(body), script.length - 1)];
			const next = turn(tools, results);
			const message =
				'answer' in next
					? { role: 'assistant', content: next.answer }
					: {
							role: 'assistant',
							content: null,
							tool_calls: next.calls.map(({ tool, args }) => ({ id: `call_${++calls}`, type: 'function', function: { name: tool, arguments: JSON.stringify(args) } })),
						};
			const finishReason = 'answer' in next ? 'stop' : 'tool_calls';
			if (body.stream) return send(200, streamed(message, finishReason), 'text/event-stream');
			return send(200, completion(message, finishReason));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Turns the agent has completed: the assistant messages with tool calls that it sent back with their results. */
function countTurns(body: Json): number {
	return (body.messages ?? []).filter((message: Json) => message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0).length;
}
