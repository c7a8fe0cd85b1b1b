import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ZohoConnection } from '../shared/connection';
import { errorItemJson, isCredentialRejection, nodeErrorFor } from '../shared/itemFailure';
import { searchModules } from '../shared/listSearch/searchModules';
import { pause } from '../shared/pause';
import { ZOHO_CRM_CREDENTIAL_TYPE } from '../shared/scopes';
import { configuredOutputs, statusProperties } from './description';
import { fetchJobStatus } from './fetchJobStatus';
import { OUTPUT_FAILED, STATUS_OUTPUT_NAMES, statusItemJson, summarizeJob } from './jobStatus';
import { readStatusCheck, readWaitSettings } from './statusCheckInput';
import { pollUntilFinished } from './waitForCompletion';

interface CheckedItem {
	outputIndex: number;
	json: IDataObject;
}

/** One check of one item's job. */
async function checkOnce(context: IExecuteFunctions, itemIndex: number, connection: ZohoConnection): Promise<CheckedItem> {
	const check = readStatusCheck(context, itemIndex);
	const record = await fetchJobStatus(context, check, itemIndex, connection);
	const summary = summarizeJob(record);
	return { outputIndex: summary.outputIndex, json: statusItemJson(record, summary, check.jobId, check.module) };
}

/** Checks one item's job until it finishes or the node's time is up. */
async function checkUntilFinished(
	context: IExecuteFunctions,
	itemIndex: number,
	connection: ZohoConnection,
	startedAt: number,
): Promise<CheckedItem> {
	const check = readStatusCheck(context, itemIndex);
	const settings = readWaitSettings(context, itemIndex);
	const signal = context.getExecutionCancelSignal();
	const outcome = await pollUntilFinished(
		async (deadline) => {
			const record = await fetchJobStatus(context, check, itemIndex, connection, deadline);
			return { record, summary: summarizeJob(record) };
		},
		{ ...settings, startedAt },
		{ now: () => Date.now(), sleep: async (ms) => await pause(ms, signal, context.getNode(), itemIndex) },
	);
	const { record, summary } = outcome.last;
	return {
		outputIndex: summary.outputIndex,
		json: {
			...statusItemJson(record, summary, check.jobId, check.module),
			poll_count: outcome.pollCount,
			waited_seconds: Math.round(outcome.waitedMs / 100) / 10,
			wait_timed_out: outcome.timedOut,
		},
	};
}

export class ZohoMassDeleteStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Mass Delete Status',
		name: 'zohoMassDeleteStatus',
		icon: { light: 'file:../../icons/zohoCrm.svg', dark: 'file:../../icons/zohoCrm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["waitForCompletion"] ? "Wait for completion" : "Check status" }}',
		description: 'Check a Zoho CRM mass delete job and route it by status: Completed, Running or Failed',
		defaults: { name: 'Zoho Mass Delete Status' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: ZOHO_CRM_CREDENTIAL_TYPE, required: true }],
		properties: statusProperties,
	};

	methods = { listSearch: { searchModules } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const singleOutput = this.getNodeParameter('outputMode', 0) === 'single';
		const outputs: INodeExecutionData[][] = singleOutput ? [[]] : STATUS_OUTPUT_NAMES.map(() => []);
		const emit = (outputIndex: number, json: IDataObject, itemIndex: number) =>
			outputs[singleOutput ? 0 : outputIndex].push({ json, pairedItem: { item: itemIndex } });
		// Zoho runs one mass delete per org at a time, so items are checked in turn, all within one time budget
		const startedAt = Date.now();
		const connection = new ZohoConnection();
		// Once Zoho refuses the credential, each further call would only ask n8n for another refresh
		let credentialRejected: Error | undefined;

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				if (credentialRejected) throw credentialRejected;
				const waiting = this.getNodeParameter('waitForCompletion', itemIndex, false) === true;
				const checked = waiting
					? await checkUntilFinished(this, itemIndex, connection, startedAt)
					: await checkOnce(this, itemIndex, connection);
				emit(checked.outputIndex, checked.json, itemIndex);
			} catch (error) {
				if (isCredentialRejection(error)) credentialRejected = error as Error;
				if (!this.continueOnFail()) throw nodeErrorFor(this, error, itemIndex);
				// Failed, not Completed or Running: an item that could not be checked must not loop or pass as done
				emit(OUTPUT_FAILED, errorItemJson(error as Error), itemIndex);
			}
		}
		return outputs;
	}
}
