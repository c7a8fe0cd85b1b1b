import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPairedItemData,
} from 'n8n-workflow';

import { ZohoConnection } from '../shared/connection';
import { errorItemJson, isCredentialRejection, nodeErrorFor } from '../shared/itemFailure';
import { searchModules } from '../shared/listSearch/searchModules';
import { ZOHO_CRM_CREDENTIAL_TYPE } from '../shared/scopes';
import { deleteRecordBatch, recordBatchRequest, type RecordAnswer } from './deleteByRecordIds';
import { massDeleteProperties } from './description';
import { readCustomViewStart, readDeleteBy, readDryRun, readRecordIdRequest } from './massDeleteInput';
import { planRecordBatches, type RecordIdRequest } from './recordIdBatches';
import { searchCustomViews } from './searchCustomViews';
import { customViewRequest, startByCustomView } from './startByCustomView';

/** An output item, placed by the first input item it answers, so the output keeps the input's order. */
interface Placed {
	firstItem: number;
	item: INodeExecutionData;
}

const paired = (itemIndexes: number[]): IPairedItemData[] => itemIndexes.map((item) => ({ item }));

/** Each item starts one background job: POST {cvid}; its output carries the job_id for the status node. */
async function startJobs(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const connection = new ZohoConnection();
	let credentialRejected: Error | undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (credentialRejected) throw credentialRejected;
			const start = readCustomViewStart(context, itemIndex);
			const json = readDryRun(context, itemIndex)
				? { dry_run: true, ...customViewRequest(start), module: start.module, custom_view_id: start.cvid }
				: await startByCustomView(context, start, itemIndex, connection);
			output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (isCredentialRejection(error)) credentialRejected = error as Error;
			if (!context.continueOnFail()) throw nodeErrorFor(context, error, itemIndex);
			output.push({ json: errorItemJson(error as Error), pairedItem: { item: itemIndex } });
		}
	}
	return output;
}

/**
 * The IDs of all items are gathered, checked, made distinct and deleted in calls of up to 500, one after another.
 * Output: one item per distinct ID, paired with every item that named it.
 */
async function deleteRecords(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const placed: Placed[] = [];
	const requests: RecordIdRequest[] = [];
	// every item is read and checked before anything is deleted
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			requests.push(readRecordIdRequest(context, itemIndex));
		} catch (error) {
			if (!context.continueOnFail()) throw nodeErrorFor(context, error, itemIndex);
			placed.push({ firstItem: itemIndex, item: { json: errorItemJson(error as Error), pairedItem: { item: itemIndex } } });
		}
	}
	const { records, batches } = planRecordBatches(requests);
	const dryRun = requests.length > 0 && readDryRun(context, requests[0].itemIndex);

	if (dryRun) {
		batches.forEach((batch, index) => {
			const itemIndexes = [...new Set(batch.records.flatMap((record) => record.itemIndexes))].sort((a, b) => a - b);
			const json = { dry_run: true, ...recordBatchRequest(batch), module: batch.module, batch: index + 1, batches: batches.length, record_count: batch.records.length };
			placed.push({ firstItem: itemIndexes[0], item: { json, pairedItem: paired(itemIndexes) } });
		});
	} else {
		const answers = new Map<string, RecordAnswer>();
		const connection = new ZohoConnection();
		let credentialRejected: Error | undefined;
		let deletedSoFar = 0;
		for (const [index, batch] of batches.entries()) {
			const label = `call ${index + 1} of ${batches.length} (${batch.module})`;
			try {
				if (credentialRejected) throw credentialRejected;
				for (const [id, answer] of await deleteRecordBatch(context, batch, label, connection)) {
					answers.set(`${batch.apiVersion}/${batch.module}/${id}`, answer);
					if ('json' in answer && answer.json.deleted) deletedSoFar += 1;
				}
			} catch (error) {
				if (isCredentialRejection(error)) credentialRejected = error as Error;
				if (!context.continueOnFail()) {
					const nodeError = nodeErrorFor(context, error, batch.records[0].itemIndexes[0]);
					// Zoho already answered the earlier calls: say what they deleted, since the error output replaces them
					nodeError.description = [nodeError.description, `${label} failed; ${index} earlier call(s) deleted ${deletedSoFar} record(s), and ${batches.length - index - 1} later call(s) were not sent.`]
						.filter(Boolean)
						.join(' ');
					throw nodeError;
				}
				for (const record of batch.records) answers.set(`${batch.apiVersion}/${batch.module}/${record.id}`, { error: error as Error });
			}
		}
		for (const record of records) {
			const answer = answers.get(`${record.apiVersion}/${record.module}/${record.id}`)!;
			const json: IDataObject = 'json' in answer ? answer.json : errorItemJson(answer.error, { id: record.id, module: record.module });
			placed.push({ firstItem: record.itemIndexes[0], item: { json, pairedItem: paired(record.itemIndexes) } });
		}
	}
	// stable: records keep their first-appearance order among items
	return placed.sort((a, b) => a.firstItem - b.firstItem).map(({ item }) => item);
}

export class ZohoMassDelete implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Mass Delete',
		name: 'zohoMassDelete',
		icon: { light: 'file:../../icons/zohoCrm.svg', dark: 'file:../../icons/zohoCrm.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["deleteBy"] === "recordIds" ? "Delete records by ID" : "Delete a custom view\'s records" }}',
		description: 'Permanently delete Zoho CRM records: a custom view\'s records as a background job, or records by ID',
		defaults: { name: 'Zoho Mass Delete' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ZOHO_CRM_CREDENTIAL_TYPE, required: true }],
		properties: massDeleteProperties,
	};

	methods = { listSearch: { searchModules, searchCustomViews } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// Delete By is a fixed choice (no expressions), so item 0 speaks for all
		const deleteBy = readDeleteBy(this, 0);
		return [deleteBy === 'recordIds' ? await deleteRecords(this, items) : await startJobs(this, items)];
	}
}
