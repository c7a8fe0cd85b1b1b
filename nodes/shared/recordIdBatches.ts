import { InvalidInput } from './input';
import { parseZohoId, RECORD_ID, type IdKind } from './ids';

/**
 * Record IDs from one item: one ID, a list (an array from an expression), or text with IDs separated by
 * commas, whitespace or newlines. Every ID is checked by the one Zoho ID rule.
 */
export function parseRecordIds(raw: unknown, kind: IdKind = RECORD_ID): string[] {
	const entries = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : [raw];
	if (entries.length === 0) {
		throw new InvalidInput(kind.field, 'is empty', `Map ${kind.whatItIs}, e.g. {{ $json.${kind.jsonKey} }}, or a list of them.`);
	}
	// in a list, the error names the entry: "Record IDs entry 2 of 3 must be 1 to 19 digits"
	return entries.map((entry, index) =>
		parseZohoId(entry, entries.length === 1 ? kind : { ...kind, field: `${kind.field} entry ${index + 1} of ${entries.length}` }),
	);
}

/** What one input item asks for: IDs, and what the call that takes them addresses (a module, an API version). */
export interface RecordIdRequest<Target> {
	itemIndex: number;
	target: Target;
	ids: string[];
}

/** One record, once, however many items named it. */
export interface DistinctRecord<Target> {
	id: string;
	target: Target;
	/** The target's key and the ID: unique among the records. */
	key: string;
	/** Every item that named it, in order: the output item is paired with each. */
	itemIndexes: number[];
}

export interface RecordBatch<Target> {
	target: Target;
	records: Array<DistinctRecord<Target>>;
}

/**
 * The IDs of all items, repeats dropped, in the order they first appear; then cut into calls of at most
 * `batchSize` per target (a call addresses one), so 1,201 items of one ID each cost 3 calls of 500, not 1,201.
 */
export function planRecordBatches<Target>(
	requests: ReadonlyArray<RecordIdRequest<Target>>,
	batchSize: number,
	targetKey: (target: Target) => string,
): { records: Array<DistinctRecord<Target>>; batches: Array<RecordBatch<Target>> } {
	const byKey = new Map<string, DistinctRecord<Target>>();
	const groups = new Map<string, Array<DistinctRecord<Target>>>();
	for (const request of requests) {
		const group = targetKey(request.target);
		for (const id of request.ids) {
			const key = `${group}/${id}`;
			const known = byKey.get(key);
			if (known) {
				if (!known.itemIndexes.includes(request.itemIndex)) known.itemIndexes.push(request.itemIndex);
				continue;
			}
			const record: DistinctRecord<Target> = { id, target: request.target, key, itemIndexes: [request.itemIndex] };
			byKey.set(key, record);
			const members = groups.get(group) ?? [];
			members.push(record);
			groups.set(group, members);
		}
	}
	const batches: Array<RecordBatch<Target>> = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += batchSize) {
			const records = group.slice(start, start + batchSize);
			batches.push({ target: records[0].target, records });
		}
	}
	return { records: [...byKey.values()], batches };
}
