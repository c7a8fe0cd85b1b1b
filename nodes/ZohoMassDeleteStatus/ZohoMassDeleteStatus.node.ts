import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type JsonObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ZOHO_CRM_CREDENTIAL_TYPE } from '../shared/scopes';
import { configuredOutputs, statusProperties } from './description';
import { fetchJobStatus } from './fetchJobStatus';
import { OUTPUT_FAILED, STATUS_OUTPUT_NAMES, statusItemJson, summarizeJob } from './jobStatus';
import { searchModules } from './listSearch';
import { readStatusCheck } from './statusCheckInput';

/** What an item that failed carries with continueOnFail; only these keys, so n8n's error output can take it. */
function errorItemJson(error: Error & { description?: string | null; errorResponse?: IDataObject }): IDataObject {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error.errorResponse?.code) details.code = error.errorResponse.code;
	if (error.errorResponse?.httpCode) details.http_code = error.errorResponse.httpCode;
	return { error: error.message, details };
}

export class ZohoMassDeleteStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Mass Delete Status',
		name: 'zohoMassDeleteStatus',
		icon: { light: 'file:../../icons/zohoCrm.svg', dark: 'file:../../icons/zohoCrm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["outputMode"] === "single" ? "Check status" : "Route by status" }}',
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

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const check = readStatusCheck(this, itemIndex);
				const { record } = await fetchJobStatus(this, check, itemIndex);
				const summary = summarizeJob(record);
				emit(summary.outputIndex, statusItemJson(record, summary, check.jobId, check.module), itemIndex);
			} catch (error) {
				if (!this.continueOnFail()) {
					// Both constructors hand back an error that is already theirs, keeping Zoho's code and hint
					if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
					throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
				// Failed, not Completed or Running: an item that could not be checked must not loop or pass as done
				emit(OUTPUT_FAILED, errorItemJson(error as Error), itemIndex);
			}
		}
		return outputs;
	}
}
