import { InvalidInput } from '../shared/input';
import type { ApiVersion } from '../shared/input';
import { parseZohoId, RECORD_ID } from '../shared/ids';

/** Zoho deletes at most 500 records by ID per call (zoho-crm-api.md §1.1). */
export const MAX_IDS_PER_CALL = 500;

/**
 * Record IDs from one item: one ID, a list (an array from an expression), or text with IDs separated by
 * commas, whitespace or newlines. Every ID is checked by the one Zoho ID rule.
 */
export function parseRecordIds(raw: unknown): string[] {
	const entries = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : [raw];
	if (entries.length === 0) {
		throw new InvalidInput(RECORD_ID.field, 'is empty', `Map ${RECORD_ID.whatItIs}, e.g. {{ $json.id }}, or a list of them.`);
	}
	// in a list, the error names the entry: "Record IDs entry 2 of 3 must be 1 to 19 digits"
	return entries.map((entry, index) =>
		parseZohoId(entry, entries.length === 1 ? RECORD_ID : { ...RECORD_ID, field: `${RECORD_ID.field} entry ${index + 1} of ${entries.length}` }),
	);
}

/** What one input item asks to delete. */
export interface RecordIdRequest {
	itemIndex: number;
	module: string;
	apiVersion: ApiVersion;
	ids: string[];
}

/** One record to delete, once, however many items named it. */
export interface DistinctRecord {
	id: string;
	module: string;
	apiVersion: ApiVersion;
	/** Every item that named it, in order: the output item is paired with each. */
	itemIndexes: number[];
}

export interface RecordBatch {
	module: string;
	apiVersion: ApiVersion;
	records: DistinctRecord[];
}

/**
 * The IDs of all items, repeats dropped, in the order they first appear; then cut into calls of at most 500
 * per module (a call deletes in one module), so 1,201 items of one ID each cost 3 calls, not 1,201.
 */
export function planRecordBatches(
	requests: readonly RecordIdRequest[],
	batchSize = MAX_IDS_PER_CALL,
): { records: DistinctRecord[]; batches: RecordBatch[] } {
	const byKey = new Map<string, DistinctRecord>();
	const groups = new Map<string, DistinctRecord[]>();
	for (const request of requests) {
		for (const id of request.ids) {
			const key = `${request.apiVersion}/${request.module}/${id}`;
			const known = byKey.get(key);
			if (known) {
				if (!known.itemIndexes.includes(request.itemIndex)) known.itemIndexes.push(request.itemIndex);
				continue;
			}
			const record: DistinctRecord = { id, module: request.module, apiVersion: request.apiVersion, itemIndexes: [request.itemIndex] };
			byKey.set(key, record);
			const groupKey = `${request.apiVersion}/${request.module}`;
			const group = groups.get(groupKey) ?? [];
			group.push(record);
			groups.set(groupKey, group);
		}
	}
	const batches: RecordBatch[] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += batchSize) {
			const records = group.slice(start, start + batchSize);
			batches.push({ module: records[0].module, apiVersion: records[0].apiVersion, records });
		}
	}
	return { records: [...byKey.values()], batches };
}
