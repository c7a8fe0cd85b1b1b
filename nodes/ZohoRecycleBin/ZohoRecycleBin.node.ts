import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import { eachItem } from '../shared/eachItem';
import { nodeErrorFor } from '../shared/itemFailure';
import { searchModules } from '../shared/listSearch/searchModules';
import { inInputOrder, placeRecords, readRecordRequests, sendRecordBatches, type PlacedItem } from '../shared/recordBatchCalls';
import { planRecordBatches } from '../shared/recordIdBatches';
import { ZOHO_CRM_CREDENTIAL_TYPE } from '../shared/scopes';
import { fetchCurrentUser, type ZohoUser } from './currentUser';
import { recycleBinProperties } from './description';
import { listDeletedRecords } from './listDeletedRecords';
import { readApiVersion, readJobRestore, readListRequest, readOperation, readRestoreBy, readRestoreIdRequest, type JobRestore } from './recycleBinInput';
import { MAX_IDS_PER_RESTORE, restoreJobRecords, restoreRecordBatch } from './restoreRecords';

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

export class ZohoRecycleBin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Recycle Bin',
		name: 'zohoRecycleBin',
		icon: { light: 'file:../../icons/zohoCrm.svg', dark: 'file:../../icons/zohoCrm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "restore" ? ($parameter["restoreBy"] === "ids" ? "Restore records by ID" : "Restore what a job deleted") : "List deleted records" }}',
		description:
			'Lists Zoho CRM records in the recycle bin, where deleted records stay for 60 days, and restores them: by ID, or everything one mass delete job deleted. Never deletes from the bin.',
		defaults: { name: 'Zoho Recycle Bin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
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
					await listDeletedRecords(this, readListRequest(this, itemIndex), itemIndex, connection, async () => await currentUser(itemIndex, connection)),
				),
			];
		}
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
				return [await restoreJobRecords(this, job, await currentUser(itemIndex, connection), itemIndex, connection)];
			}),
		];
	}
}
