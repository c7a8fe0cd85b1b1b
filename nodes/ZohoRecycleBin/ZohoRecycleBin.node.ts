import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ZohoConnection } from '../shared/connection';
import { eachItem, jsonItem } from '../shared/eachItem';
import { errorItemJson, nodeErrorFor } from '../shared/itemFailure';
import { searchModules } from '../shared/listSearch/searchModules';
import { inInputOrder, pairedWith, placeRecords, readRecordRequests, sendRecordBatches, type PlacedItem } from '../shared/recordBatchCalls';
import { planRecordBatches } from '../shared/recordIdBatches';
import { runsAsTool } from '../shared/runsAsTool';
import { ZOHO_CRM_CREDENTIAL_TYPE } from '../shared/scopes';
import { idsStillInBin, OUTPUT_PENDING, readCarriedRestoreCheck, RESTORE_CHECK_OUTPUT_NAMES, restoreCheckResult } from './checkRestore';
import { fetchCurrentUser, type ZohoUser } from './currentUser';
import { recycleBinProperties } from './description';
import { listDeletedRecords } from './listDeletedRecords';
import { readApiVersion, readJobRestore, readListRequest, readOperation, readRestoreBy, readRestoreCheckIds, readRestoreIdRequest, type JobRestore } from './recycleBinInput';
import { restoreJobRecords } from './restoreJobRecords';
import { MAX_IDS_PER_RESTORE, restoreRecordBatch } from './restoreRecords';

/** The IDs of all items, gathered, checked and made distinct, restored 200 a call: one item per distinct ID. */
async function restoreByIds(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const placed: PlacedItem[] = [];
	const requests = readRecordRequests(context, context.getInputData().length, (itemIndex) => readRestoreIdRequest(context, itemIndex), placed);
	const { records, batches } = planRecordBatches(requests, MAX_IDS_PER_RESTORE, (target) => target.apiVersion);
	const answers = await sendRecordBatches(context, batches, {
		send: async (batch, label, connection) => await restoreRecordBatch(context, batch, label, connection),
		describe: () => 'recycle bin',
		done: { verb: 'restored or scheduled', by: (json) => json.restored_now === true || json.scheduled === true },
	});
	placed.push(...placeRecords(records, answers, (record) => ({ id: record.id })));
	return inInputOrder(placed);
}

/**
 * Which of the IDs of all items are still in the bin: one item, paired with every input item, on Restored when none is,
 * else on Pending. As an AI Agent's tool, on its one output.
 */
async function checkRestore(context: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const placed: PlacedItem[] = [];
	const requests = readRecordRequests(context, context.getInputData().length, (itemIndex) => readRestoreCheckIds(context, itemIndex), placed);
	const outputs: INodeExecutionData[][] = runsAsTool(context.getNode()) ? [[]] : RESTORE_CHECK_OUTPUT_NAMES.map(() => []);
	// a tool has its one output
	const output = (index: number) => outputs[Math.min(index, outputs.length - 1)];
	// items that could not be read leave on Pending: an unreadable check must not pass as done
	for (const { item } of placed) output(OUTPUT_PENDING).push(item);
	if (requests.length === 0) return outputs;
	const ids = [...new Set(requests.flatMap((request) => request.ids))];
	const itemIndexes = requests.map((request) => request.itemIndex);
	const first = itemIndexes[0];
	try {
		const still = await idsStillInBin(context, requests[0].target.apiVersion, ids, first, new ZohoConnection());
		const now = Date.now();
		const { outputIndex, json } = restoreCheckResult(ids, still, readCarriedRestoreCheck(context.getInputData()[first].json, now), now);
		output(outputIndex).push({ json, pairedItem: pairedWith(itemIndexes) });
	} catch (error) {
		if (!context.continueOnFail()) throw nodeErrorFor(context, error, first);
		output(OUTPUT_PENDING).push({ json: errorItemJson(error as Error), pairedItem: pairedWith(itemIndexes) });
	}
	return outputs;
}

export class ZohoRecycleBin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Recycle Bin',
		name: 'zohoRecycleBin',
		icon: { light: 'file:../../icons/zohoRecycleBin.svg', dark: 'file:../../icons/zohoRecycleBin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ({ list: "Get Many Deleted Records", checkRestore: "Get Restore Progress" }[$parameter["operation"]]) || ($parameter["restoreBy"] === "ids" ? "Restore by Record IDs" : "Restore What a Job Deleted") }}',
		description:
			'Gets Zoho CRM records from the recycle bin, where deleted records stay for 60 days, and restores them: by ID, or exactly what one mass delete job deleted; then follows a restore until the records are back. Never deletes from the bin.',
		defaults: { name: 'Zoho Recycle Bin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter["operation"] === "checkRestore" ? [{ type: "main", displayName: "${RESTORE_CHECK_OUTPUT_NAMES[0]}" }, { type: "main", displayName: "${RESTORE_CHECK_OUTPUT_NAMES[1]}" }] : ["main"] }}`,
		credentials: [{ name: ZOHO_CRM_CREDENTIAL_TYPE, required: true }],
		properties: recycleBinProperties,
	};

	methods = { listSearch: { searchModules } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = readOperation(this);
		if (operation === 'restore' && readRestoreBy(this) === 'ids') return [await restoreByIds(this)];

		// asked once per execution, and only when needed
		let user: Promise<ZohoUser> | undefined;
		const currentUser = (itemIndex: number, connection: ZohoConnection) => (user ??= fetchCurrentUser(this, readApiVersion(this, itemIndex), itemIndex, connection));

		if (operation === 'list') {
			return [
				await eachItem(this, async (itemIndex, connection) =>
					(await listDeletedRecords(this, readListRequest(this, itemIndex), itemIndex, connection, async () => await currentUser(itemIndex, connection))).map(jsonItem),
				),
			];
		}
		if (operation === 'checkRestore') return await checkRestore(this);
		// a restore changes data: every item's job is read and checked before anything is sent
		const now = Date.now();
		const jobs = this.getInputData().map((_, itemIndex): JobRestore | Error => {
			try {
				return readJobRestore(this, itemIndex, now);
			} catch (error) {
				if (!this.continueOnFail()) throw nodeErrorFor(this, error, itemIndex);
				return error as Error;
			}
		});
		return [
			await eachItem(this, async (itemIndex, connection) => {
				const job = jobs[itemIndex];
				if (job instanceof Error) throw job;
				return [jsonItem(await restoreJobRecords(this, job, await currentUser(itemIndex, connection), itemIndex, connection))];
			}),
		];
	}
}
