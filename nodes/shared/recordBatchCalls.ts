import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { ZohoConnection } from './connection';
import { errorItemJson, isCredentialRejection, nodeErrorFor } from './itemFailure';
import type { DistinctRecord, RecordBatch, RecordIdRequest } from './recordIdBatches';
import { zohoReplyError, type ZohoRequest, type ZohoResponse } from './transport';

/** Zoho's answer for one record, or an error when its fate is not known. */
export type RecordAnswer = { json: IDataObject } | { error: Error };

/** An output item, placed by the first input item it answers, so the output keeps the input's order. */
export interface PlacedItem {
	firstItem: number;
	item: INodeExecutionData;
}

export const pairedWith = (itemIndexes: number[]): IPairedItemData[] => itemIndexes.map((item) => ({ item }));

/** Stable: items keep their first-appearance order among the input items. */
export function inInputOrder(placed: PlacedItem[]): INodeExecutionData[] {
	return [...placed].sort((a, b) => a.firstItem - b.firstItem).map(({ item }) => item);
}

/**
 * Every item's IDs, read and checked before anything is sent. An item that cannot be read leaves as an error item
 * (with continueOnFail) or stops the node before any request.
 */
export function readRecordRequests<Target>(
	context: IExecuteFunctions,
	itemCount: number,
	read: (itemIndex: number) => RecordIdRequest<Target>,
	placed: PlacedItem[],
): Array<RecordIdRequest<Target>> {
	const requests: Array<RecordIdRequest<Target>> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			requests.push(read(itemIndex));
		} catch (error) {
			const itemError = nodeErrorFor(context, error, itemIndex);
			if (!context.continueOnFail()) throw itemError;
			placed.push({ firstItem: itemIndex, item: { json: errorItemJson(itemError), pairedItem: { item: itemIndex } } });
		}
	}
	return requests;
}

export interface BatchCalls<Target> {
	/** One call: Zoho's answer for each record ID of the batch. */
	send(batch: RecordBatch<Target>, label: string, connection: ZohoConnection): Promise<Map<string, RecordAnswer>>;
	/** What the batch addresses, for the call's label, e.g. "Leads". */
	describe(target: Target): string;
	/** What a call did to a record it answered for, e.g. "deleted", and whether an answer says so. */
	done: { verb: string; by: (json: IDataObject) => boolean };
}

/**
 * Sends the batches one after another. When a call fails: with continueOnFail its records carry the error and the
 * other calls go ahead; without, the node stops, saying what the earlier calls already did (the error replaces
 * their output). Once Zoho refuses the credential itself, the later calls are not sent.
 */
export async function sendRecordBatches<Target>(
	context: IExecuteFunctions,
	batches: Array<RecordBatch<Target>>,
	calls: BatchCalls<Target>,
): Promise<Map<string, RecordAnswer>> {
	const answers = new Map<string, RecordAnswer>();
	const connection = new ZohoConnection();
	let credentialRejected: Error | undefined;
	let doneSoFar = 0;
	for (const [index, batch] of batches.entries()) {
		const label = `call ${index + 1} of ${batches.length} (${calls.describe(batch.target)})`;
		const keyOf = new Map(batch.records.map((record) => [record.id, record.key]));
		try {
			if (credentialRejected) throw credentialRejected;
			for (const [id, answer] of await calls.send(batch, label, connection)) {
				answers.set(keyOf.get(id) ?? id, answer);
				if ('json' in answer && calls.done.by(answer.json)) doneSoFar += 1;
			}
		} catch (error) {
			if (isCredentialRejection(error)) credentialRejected = error as Error;
			if (!context.continueOnFail()) {
				const nodeError = nodeErrorFor(context, error, batch.records[0].itemIndexes[0]);
				nodeError.description = [nodeError.description, `${label} failed; ${index} earlier call(s) ${calls.done.verb} ${doneSoFar} record(s), and ${batches.length - index - 1} later call(s) were not sent.`]
					.filter(Boolean)
					.join(' ');
				throw nodeError;
			}
			for (const record of batch.records) answers.set(record.key, { error: error as Error });
		}
	}
	return answers;
}

/** One output item per record, paired with every item that named it; a record whose call failed carries its error. */
export function placeRecords<Target>(
	records: Array<DistinctRecord<Target>>,
	answers: Map<string, RecordAnswer>,
	errorDetails: (record: DistinctRecord<Target>) => IDataObject,
): PlacedItem[] {
	return records.map((record) => {
		const answer = answers.get(record.key)!;
		const json = 'json' in answer ? answer.json : errorItemJson(answer.error, errorDetails(record));
		return { firstItem: record.itemIndexes[0], item: { json, pairedItem: pairedWith(record.itemIndexes) } };
	});
}

/**
 * Zoho's per-record reply (a list of {code, details: {id}, message, status} under the request's perRecordResults
 * key) as an answer for each record of the batch. A record the reply leaves out is an error: its fate is unknown.
 */
export function answersByRecord<Target>(
	context: IExecuteFunctions,
	request: ZohoRequest,
	response: ZohoResponse,
	batch: RecordBatch<Target>,
	call: { label: string; unknownFate: string },
	toJson: (id: string, entry: IDataObject) => IDataObject,
): Map<string, RecordAnswer> {
	const list = request.perRecordResults ? response.body?.[request.perRecordResults] : undefined;
	const answered = new Map<string, IDataObject>();
	for (const entry of (Array.isArray(list) ? list : []) as IDataObject[]) {
		const id = (entry?.details as IDataObject | undefined)?.id;
		if (typeof id === 'string') answered.set(id, entry);
	}
	const answers = new Map<string, RecordAnswer>();
	for (const { id } of batch.records) {
		const entry = answered.get(id);
		answers.set(
			id,
			entry
				? { json: toJson(id, entry) }
				: {
						error: zohoReplyError(context, { ...request, errorHints: {} }, {
							code: 'NO_RESULT',
							message: `Zoho's answer to ${call.label} had no result for record ${id}, so whether it was ${call.unknownFate} is unknown`,
							httpStatus: response.statusCode,
						}),
					},
		);
	}
	return answers;
}

/** One item's calls, made in turn: Zoho's answer per record, and the call that stopped the rest, if one did. */
export interface CallsInTurn {
	answers: Map<string, RecordAnswer>;
	interrupted?: { error: Error; batchIndex: number };
}

/**
 * The batches of one input item (a delete by criteria, a job's restore), one call after another. The first call's
 * failure fails the item: nothing was done yet. A later one stops the rest, and what the earlier calls did is kept.
 */
export async function callBatchesInTurn<Target>(
	context: IExecuteFunctions,
	batches: Array<RecordBatch<Target>>,
	send: (batch: RecordBatch<Target>, label: string) => Promise<Map<string, RecordAnswer>>,
	describe: string,
	itemIndex: number,
): Promise<CallsInTurn> {
	const answers = new Map<string, RecordAnswer>();
	for (const [batchIndex, batch] of batches.entries()) {
		try {
			for (const [id, answer] of await send(batch, `call ${batchIndex + 1} of ${batches.length} (${describe})`)) answers.set(id, answer);
		} catch (error) {
			if (batchIndex === 0) throw nodeErrorFor(context, error, itemIndex);
			return { answers, interrupted: { error: error as Error, batchIndex } };
		}
	}
	return { answers };
}
