/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
// npm run test:e2e:tools: the three nodes as an AI Agent's tools in a real n8n 2.41.1 (installed by
// scripts/e2e/install.sh). n8n's AI Agent with its OpenAI chat model, pointed at a scripted stand-in on 127.0.0.1,
// calls the `…Tool` types n8n derives from the nodes: the status tool for a job, the delete tool for a view above
// its Max Records (the model even asks for a higher cap), and the recycle bin tool. What the agent offered the model,
// what each tool answered, and what reached the sandbox are checked.
import fs from 'node:fs';
import path from 'node:path';

import { connectCredential } from '../test/sandbox/connect';
import { startSandbox } from '../test/sandbox/server';
import { E2E, freePort, importAndExecute, installPackage, MAJOR, N8N_BIN, n8nCli, n8nEnvironment, packPackage, PACKAGE } from './n8nInstance';
import { check, finish } from './suiteChecks';
import { startScriptedChatModel, type OfferedTool, type ToolResult } from './scriptedChatModel';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ZOHO_CREDENTIAL = { id: 'zohoToolsCred001', name: 'Zoho CRM (sandbox)' };
const MODEL_CREDENTIAL = { id: 'modelToolsCred01', name: 'Scripted chat model' };
const MAX_RECORDS = 100;
const CLOSING_WORDS = 'The job is done, the view was not deleted (it holds more records than I may delete), and the recycle bin is listed.';


const fromAI = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;
const moduleFromAI = { __rl: true, mode: 'name', value: fromAI('module', 'The Zoho CRM module API name, e.g. Leads') };

/** Manual trigger → AI Agent, with the scripted model and the three Zoho tools, as a user builds it in the editor. */
function agentWorkflow(prompt: string): Json {
	const zoho = { zohoCrmOAuth2Api: ZOHO_CREDENTIAL };
	const tool = (name: string, type: string, y: number, parameters: Json) => ({ id: `c0ffee00-0000-4000-8000-00000000000${y}`, name, type: `${PACKAGE}.${type}Tool`, typeVersion: 1, position: [400, 200 + y * 40], parameters, credentials: zoho });
	const nodes = [
		{ id: 'c0ffee00-0000-4000-8000-000000000001', name: "When clicking 'Execute workflow'", type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'c0ffee00-0000-4000-8000-000000000002', name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, position: [220, 0], parameters: { promptType: 'define', text: prompt, options: {} } },
		{
			id: 'c0ffee00-0000-4000-8000-000000000003',
			name: 'Scripted chat model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [100, 200],
			parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: {} },
			credentials: { openAiApi: MODEL_CREDENTIAL },
		},
		tool('Zoho job status', 'zohoMassDeleteStatus', 4, { module: moduleFromAI, jobId: fromAI('job_id', 'The job_id of the mass delete, 19 digits, as text'), options: {} }),
		// the user fixes the cap; the model picks only the module and the view
		tool('Zoho start mass delete', 'zohoMassDelete', 5, {
			deleteBy: 'customView',
			module: moduleFromAI,
			customView: { __rl: true, mode: 'id', value: fromAI('custom_view_id', 'The ID of the custom view whose records to delete') },
			options: { maxRecords: MAX_RECORDS },
		}),
		tool('Zoho recycle bin', 'zohoRecycleBin', 6, { operation: 'list', module: moduleFromAI, deletedAfter: '', returnAll: false, limit: 10, options: {} }),
	];
	const toAgent = (type: string) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	return {
		id: 'wfAgentZohoTool1',
		name: 'AI Agent with the Zoho tools',
		nodes,
		connections: {
			"When clicking 'Execute workflow'": { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Scripted chat model': toAgent('ai_languageModel'),
			'Zoho job status': toAgent('ai_tool'),
			'Zoho start mass delete': toAgent('ai_tool'),
			'Zoho recycle bin': toAgent('ai_tool'),
		},
		settings: { executionOrder: 'v1' },
	};
}

function offered(tools: OfferedTool[], pattern: RegExp): OfferedTool {
	const found = tools.find((tool) => pattern.test(tool.name));
	if (!found) throw new Error(`no tool matching ${pattern} among ${tools.map((tool) => tool.name).join(', ')}`);
	return found;
}

async function main(): Promise<number> {
	if (!fs.existsSync(N8N_BIN) || MAJOR !== 2) {
		console.error('Needs n8n 2.x in node_modules/.cache/e2e/ (scripts/e2e/install.sh; the npm script runs it).');
		return 1;
	}
	const runDir = fs.mkdtempSync(path.join(E2E, 'tools-'));
	const sandbox = await startSandbox({ speed: 1, deleteRecordsPerSecond: 200, port: await freePort() });
	const job = sandbox.createJob({ module: 'Leads', total: 9, durationMs: 0 });
	const inBin = sandbox.records.sampleIds('Leads', 3, 'junk');
	sandbox.records.deleteIds('Leads', inBin);
	const bigView = sandbox.records.views.find((view) => view.name === 'Imported 2019')!;

	let tools: OfferedTool[] = [];
	let toolResults: ToolResult[] = [];
	const model = await startScriptedChatModel([
		(offeredTools) => {
			tools = offeredTools;
			return { calls: [{ tool: offered(offeredTools, /status/i).name, args: { module: 'Leads', job_id: job.jobId } }] };
		},
		// past the cap, and asking for a higher one as well: the tool has no such argument, and the cap is fixed
		(offeredTools) => ({ calls: [{ tool: offered(offeredTools, /mass_delete/i).name, args: { module: 'Leads', custom_view_id: bigView.cvid, maxRecords: 1_000_000 } }] }),
		(offeredTools) => ({ calls: [{ tool: offered(offeredTools, /recycle/i).name, args: { module: 'Leads' } }] }),
		(_offeredTools, resultsSoFar) => {
			toolResults = resultsSoFar;
			return { answer: CLOSING_WORDS };
		},
	]);
	try {
		const userFolder = path.join(runDir, 'user');
		// N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE gated community tools in n8n 1.x; 2.x derives them for every package
		const env = await n8nEnvironment(userFolder, await freePort(), { N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' });
		installPackage(packPackage(runDir), userFolder);
		console.log(`n8n ${(await n8nCli(['--version'], env)).out.trim().split('\n').pop()}, sandbox on ${sandbox.origin}, scripted chat model on ${model.url}\n`);

		const settings = { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, dataCenter: 'custom', customAccountsServer: sandbox.origin, environment: 'production', allowStartingMassDeletes: true, allowRestoringFromRecycleBin: true };
		const oauthTokenData = (await connectCredential(sandbox, settings)).stored.oauthTokenData;
		const credentialsFile = path.join(runDir, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([
				{ ...ZOHO_CREDENTIAL, type: 'zohoCrmOAuth2Api', data: { ...settings, oauthTokenData } },
				{ ...MODEL_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'scripted-model-key', url: model.url, header: false } },
			]),
		);
		const imported = await n8nCli(['import:credentials', `--input=${credentialsFile}`], env);
		if (imported.code !== 0) throw new Error(`import:credentials failed:\n${imported.out.slice(-2000)}`);

		const prompt = `Check Zoho mass delete job ${job.jobId} in Leads, then delete every record of custom view ${bigView.cvid} in Leads, then list the Leads recycle bin.`;
		const { code, run, out } = await importAndExecute(env, runDir, agentWorkflow(prompt));
		const runData = (run?.data?.resultData?.runData ?? {}) as Json;
		const answer = runData['AI Agent']?.at(-1)?.data?.main?.[0]?.[0]?.json?.output;
		check('the agent runs in n8n and answers with the script\'s closing words', code === 0 && answer === CLOSING_WORDS, code === 0 ? String(answer) : out.slice(-1500));

		const [status, remove, bin] = [/status/i, /mass_delete/i, /recycle/i].map((pattern) => tools.find((tool) => pattern.test(tool.name)));
		check('n8n offers the model the three …Tool types', Boolean(status && remove && bin), tools.map((tool) => tool.name).join(', '));
		check(
			'each tool says what it does; the delete tool that it is destructive',
			/mass delete job/i.test(status?.description ?? '') && /destructive/i.test(remove?.description ?? '') && /recycle bin/i.test(remove?.description ?? '') && /deleted records/i.test(bin?.description ?? ''),
			tools.map((tool) => `${tool.name}: ${tool.description}`).join(' | '),
		);
		check(
			'the arguments are the ones $fromAI names, and no cap is among them',
			['module', 'job_id'].every((key) => key in (status?.parameters.properties ?? {})) && 'custom_view_id' in (remove?.parameters.properties ?? {}) && !Object.keys(remove?.parameters.properties ?? {}).some((key) => /max/i.test(key)),
			JSON.stringify(remove?.parameters.properties ?? {}),
		);

		const [statusResult, deleteResult, binResult] = toolResults.map((result) => result.content);
		check('the status tool returns the job\'s status', /COMPLETED/.test(statusResult ?? '') && (statusResult ?? '').includes(job.jobId), statusResult?.slice(0, 300));
		check(
			'the delete tool refuses above its Max Records, though the model asked for a higher cap',
			(deleteResult ?? '').includes(`above 'Max Records' (${MAX_RECORDS})`) && !sandbox.requestLog.some((request) => request.method === 'POST' && request.path.endsWith('/actions/mass_delete')) && sandbox.jobs.size === 1,
			deleteResult?.slice(0, 300),
		);
		check('the recycle bin tool lists what is in the bin', inBin.every((id) => (binResult ?? '').includes(id)), binResult?.slice(0, 200));
		const reached = sandbox.requestLog.map((request) => `${request.method} ${request.path}`);
		check(
			'the scripted calls reached the sandbox: a status check, the view\'s count, the bin\'s list',
			['GET /crm/v8/Leads/actions/mass_delete', 'GET /crm/v8/Leads/actions/count', 'GET /crm/v8/settings/recycle_bin'].every((call) => reached.includes(call)),
			[...new Set(reached)].join(', '),
		);
	} catch (error) {
		check('the tool run itself', false, (error as Error).stack);
	} finally {
		await model.close();
		await sandbox.close();
	}
	return finish(runDir);
}

main().then((code) => process.exit(code));
