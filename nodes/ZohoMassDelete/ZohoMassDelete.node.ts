import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { eachItem } from '../shared/eachItem';
import { executedElsewhere } from '../shared/editorRuns';
import { counted, moduleTargetKey } from '../shared/input';
import { errorItemJson } from '../shared/itemFailure';
import { searchModules } from '../shared/listSearch/searchModules';
import { inInputOrder, pairedWith, placeRecords, readRecordRequests, sendRecordBatches, type PlacedItem } from '../shared/recordBatchCalls';
import { planRecordBatches } from '../shared/recordIdBatches';
import { ZOHO_CRM_CREDENTIAL_TYPE } from '../shared/scopes';
import { FieldCache } from '../shared/coql/moduleFields';
import { searchFields } from '../shared/listSearch/searchFields';
import { deleteByCriteria } from './deleteByCriteria';
import { deleteRecordBatch, MAX_IDS_PER_DELETE, recordBatchRequest } from './deleteByRecordIds';
import { massDeleteProperties } from './description';
import { deleteByCustomView } from './deleteByCustomView';
import { readDeleteBy, readDryRun, readMaxRecords, readRecordIdRequest } from './massDeleteInput';
import { searchCustomViews } from './searchCustomViews';
import { searchTerritories } from './searchTerritories';


/**
 * 'Execute step' on a node after this one, in a workflow reopened with no output here, would otherwise delete again
 * what the user may have restored since: in the editor this node deletes only when it is the node executed (or the
 * whole workflow runs). A dry run deletes nothing, so it runs.
 */
function refuseWhenExecutedElsewhere(context: IExecuteFunctions): void {
	const executed = executedElsewhere(context);
	if (executed === undefined || readDryRun(context, 0)) return;
	throw new NodeOperationError(context.getNode(), `Nothing was deleted: you executed '${executed}', and n8n ran this node first because it had no output yet`, {
		description:
			"In the editor, this node deletes only when you execute it itself ('Execute step' on it) or the whole workflow ('Execute workflow'). To try the nodes after it without deleting, pin this node's output, or turn on 'Dry Run'.",
	});
}

/**
 * The IDs of all items are gathered, checked, made distinct and deleted in calls of up to 500, one after another.
 * Output: one item per distinct ID, paired with every item that named it.
 */
async function deleteRecords(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const placed: PlacedItem[] = [];
	const requests = readRecordRequests(context, items.length, (itemIndex) => readRecordIdRequest(context, itemIndex), placed);
	if (requests.length === 0) return inInputOrder(placed);
	const { records, batches } = planRecordBatches(requests, MAX_IDS_PER_DELETE, moduleTargetKey);
	// fixed for the whole run: the cap is over every item's IDs together
	const firstItem = requests[0].itemIndex;
	const maxRecords = readMaxRecords(context, firstItem);

	if (maxRecords !== undefined && records.length > maxRecords) {
		// about every item together: each item's error names the item itself
		const refusal = (itemIndex: number) =>
			new NodeOperationError(context.getNode(), `The items name ${counted(records.length)} distinct records to delete, above 'Max Records' (${counted(maxRecords)}): nothing was deleted [item ${itemIndex}]`, {
				itemIndex,
				description: "'Max Records' counts the distinct record IDs of all input items together, before the first call. Raise it if that many is right, or send fewer IDs.",
			});
		if (!context.continueOnFail()) throw refusal(firstItem);
		for (const { itemIndex } of requests) placed.push({ firstItem: itemIndex, item: { json: errorItemJson(refusal(itemIndex)), pairedItem: { item: itemIndex } } });
	} else if (readDryRun(context, firstItem)) {
		batches.forEach((batch, index) => {
			const itemIndexes = [...new Set(batch.records.flatMap((record) => record.itemIndexes))].sort((a, b) => a - b);
			const json = { dry_run: true, ...recordBatchRequest(batch), module: batch.target.module, batch: index + 1, batches: batches.length, record_count: batch.records.length };
			placed.push({ firstItem: itemIndexes[0], item: { json, pairedItem: pairedWith(itemIndexes) } });
		});
	} else {
		const answers = await sendRecordBatches(context, batches, {
			send: async (batch, label, connection) => await deleteRecordBatch(context, batch, label, connection),
			describe: (target) => target.module,
			done: { verb: 'deleted', by: (json) => json.deleted === true },
		});
		placed.push(...placeRecords(records, answers, (record) => ({ id: record.id, module: record.target.module })));
	}
	return inInputOrder(placed);
}

export class ZohoMassDelete implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Mass Delete',
		name: 'zohoMassDelete',
		icon: { light: 'file:../../icons/zohoMassDelete.svg', dark: 'file:../../icons/zohoMassDelete.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ ($parameter["options"] && $parameter["options"]["dryRun"] ? "Dry Run: " : "") + ({ criteria: "Delete by Criteria", recordIds: "Delete by Record IDs" }[$parameter["deleteBy"]] || "Delete by Custom View") }}',
		description:
			'Deletes Zoho CRM records (destructive): records matching criteria, every record of a custom view as a background job, or records by ID. Deleted records go to the recycle bin for 60 days.',
		defaults: { name: 'Zoho Mass Delete' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: ZOHO_CRM_CREDENTIAL_TYPE, required: true }],
		properties: massDeleteProperties,
	};

	methods = { listSearch: { searchModules, searchCustomViews, searchFields, searchTerritories } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		refuseWhenExecutedElsewhere(this);
		// Delete By is a fixed choice (no expressions), so item 0 speaks for all
		const deleteBy = readDeleteBy(this, 0);
		if (deleteBy === 'recordIds') return [await deleteRecords(this, items)];
		if (deleteBy === 'criteria') {
			const fields = new FieldCache();
			return [await eachItem(this, async (itemIndex, connection) => [await deleteByCriteria(this, itemIndex, connection, fields)])];
		}
		return [await eachItem(this, async (itemIndex, connection) => [await deleteByCustomView(this, itemIndex, connection)])];
	}
}
