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
import { runsAsTool } from '../shared/runsAsTool';
import { ZOHO_CRM_CREDENTIAL_TYPE } from '../shared/scopes';
import { configuredOutputs, statusProperties } from './description';
import { fetchJobStatus } from './fetchJobStatus';
import { readCarriedCheck } from './carriedCheck';
import { OUTPUT_FAILED, OUTPUT_RUNNING, OUTPUT_TIMED_OUT, STATUS_OUTPUT_NAMES, statusItemJson, summarizeJob, type JobSummary } from './jobStatus';
import { loopState, type LoopSettings, type LoopState } from '../shared/waiting/loopState';
import { hasTimedOutOutput, readStatusCheck, waitSettingsReader, type StatusCheck, type WaitSettings } from './statusCheckInput';
import { observationOf, pollUntilFinished } from './waitForCompletion';

interface CheckedItem {
	outputIndex: number;
	json: IDataObject;
}

/** A check's result: Zoho's record, then ours, then what a Wait-node loop needs to carry on. */
function checkedItem(record: IDataObject, summary: JobSummary, check: StatusCheck, loop: LoopState, extra: IDataObject = {}): CheckedItem {
	return {
		outputIndex: loop.timedOut ? OUTPUT_TIMED_OUT : summary.outputIndex,
		json: { ...statusItemJson(record, summary, check.jobId, check.module), ...extra, ...loop.fields },
	};
}

/** One check of one item's job; the item may carry the previous check (a Wait-node loop) or the start node's item. */
async function checkOnce(context: IExecuteFunctions, itemIndex: number, connection: ZohoConnection, settings: WaitSettings): Promise<CheckedItem> {
	const check = readStatusCheck(context, itemIndex);
	const carried = readCarriedCheck(context.getInputData()[itemIndex].json, check.jobId, check.module, Date.now());
	const record = await fetchJobStatus(context, check, itemIndex, connection);
	const summary = summarizeJob(record);
	const loop = loopState(carried, [observationOf(summary, Date.now())], summary.isFinished, loopSettings(settings));
	return checkedItem(record, summary, check, loop);
}

/** Checks one item's job until it finishes or the node's time is up. */
async function checkUntilFinished(
	context: IExecuteFunctions,
	itemIndex: number,
	connection: ZohoConnection,
	startedAt: number,
	settings: WaitSettings,
): Promise<CheckedItem> {
	const check = readStatusCheck(context, itemIndex);
	const carried = readCarriedCheck(context.getInputData()[itemIndex].json, check.jobId, check.module, Date.now());
	const signal = context.getExecutionCancelSignal();
	const outcome = await pollUntilFinished(
		async (deadline) => {
			const record = await fetchJobStatus(context, check, itemIndex, connection, deadline);
			return { record, summary: summarizeJob(record) };
		},
		{ ...settings, startedAt, seed: carried ? [carried.observation] : undefined },
		{ now: () => Date.now(), sleep: async (ms) => await pause(ms, signal, context.getNode(), itemIndex) },
	);
	const { record, summary } = outcome.last;
	const loop = loopState(carried, outcome.observations, summary.isFinished, loopSettings(settings));
	return checkedItem(record, summary, check, loop, {
		poll_count: outcome.pollCount,
		waited_seconds: Math.round(outcome.waitedMs / 100) / 10,
		wait_timed_out: outcome.timedOut,
	});
}

const loopSettings = (settings: WaitSettings): LoopSettings => ({
	minGapMs: settings.pollIntervalMs,
	maxGapMs: settings.maxGapMs,
	loopTimeoutMs: settings.loopTimeoutMs,
});

export class ZohoMassDeleteStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Mass Delete Status',
		name: 'zohoMassDeleteStatus',
		icon: { light: 'file:../../icons/zohoMassDeleteStatus.svg', dark: 'file:../../icons/zohoMassDeleteStatus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["waitForCompletion"] ? "Wait for Completion" : "Check Status" }}',
		description: 'Check a Zoho CRM mass delete job and route it by status: Completed, Running or Failed',
		defaults: { name: 'Zoho Mass Delete Status' },
		// as a tool it has one output and no routes: the model is told what a check answers
		usableAsTool: {
			replacements: {
				description:
					'Checks a Zoho CRM mass delete job by its job ID and module: its Status (COMPLETED, RUNNING or FAILED), whether it is finished, and how many records it deleted or failed to delete',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: ZOHO_CRM_CREDENTIAL_TYPE, required: true }],
		properties: statusProperties,
	};

	methods = { listSearch: { searchModules } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// an agent reads a tool's first output only: as a tool, every status leaves there
		const singleOutput = this.getNodeParameter('outputMode', 0) === 'single' || runsAsTool(this.getNode());
		const outputCount = singleOutput ? 1 : hasTimedOutOutput(this) ? STATUS_OUTPUT_NAMES.length : STATUS_OUTPUT_NAMES.length - 1;
		const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
		const emit = (outputIndex: number, json: IDataObject, itemIndex: number) => {
			// an output the node does not have (an item-level Loop Timeout the parameters did not show) keeps the item Running
			const index = singleOutput ? 0 : outputIndex < outputCount ? outputIndex : OUTPUT_RUNNING;
			outputs[index].push({ json, pairedItem: { item: itemIndex } });
		};
		// Zoho runs one mass delete per org at a time, so items are checked in turn, all within one time budget
		const startedAt = Date.now();
		const connection = new ZohoConnection();
		const settingsOf = waitSettingsReader(this);
		// Once Zoho refuses the credential, each further call would only ask n8n for another refresh
		let credentialRejected: Error | undefined;

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				if (credentialRejected) throw credentialRejected;
				const waiting = this.getNodeParameter('waitForCompletion', itemIndex, false) === true;
				const checked = waiting
					? await checkUntilFinished(this, itemIndex, connection, startedAt, settingsOf(itemIndex))
					: await checkOnce(this, itemIndex, connection, settingsOf(itemIndex));
				emit(checked.outputIndex, checked.json, itemIndex);
			} catch (error) {
				if (isCredentialRejection(error)) credentialRejected = error as Error;
				const itemError = nodeErrorFor(this, error, itemIndex);
				if (!this.continueOnFail()) throw itemError;
				// Failed, not Completed or Running: an item that could not be checked must not loop or pass as done
				emit(OUTPUT_FAILED, errorItemJson(itemError), itemIndex);
			}
		}
		return outputs;
	}
}
