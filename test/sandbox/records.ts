import { SANDBOX_CUSTOM_VIEWS, SANDBOX_RECORD_SEGMENTS, type CustomView, type RecordSegment } from './org';

/** Why Zoho refuses to delete a record (zoho-crm-api.md §1.1): the per-record error it answers with. */
export interface RecordRefusal {
	code: string;
	message: string;
}

export type DeleteResult =
	| { id: string; deleted: true }
	| { id: string; deleted: false; refusal: RecordRefusal };

const NOT_FOUND: RecordRefusal = { code: 'INVALID_DATA', message: 'the id given seems to be invalid' };

/**
 * One org's records: each module holds segments of consecutive 19-digit IDs, custom views select segments,
 * and deletes (by ID, or by a finished mass delete) remove records for good. IDs are ranges plus a set of
 * deleted ones, so a 50,000-record view costs no memory until it is deleted.
 */
export class RecordStore {
	private readonly deleted = new Set<string>();

	constructor(
		private readonly segments: readonly RecordSegment[] = SANDBOX_RECORD_SEGMENTS,
		readonly views: readonly CustomView[] = SANDBOX_CUSTOM_VIEWS,
	) {}

	private segmentOf(module: string, id: string): RecordSegment | undefined {
		if (!/^\d{1,19}$/.test(id)) return undefined;
		const value = BigInt(id);
		return this.segments.find(
			(segment) => segment.module === module && value >= segment.firstId && value < segment.firstId + BigInt(segment.count),
		);
	}

	exists(module: string, id: string): boolean {
		return this.segmentOf(module, id) !== undefined && !this.deleted.has(id);
	}

	/** Deletes by ID, as POST {ids} does: one result per ID, refused ones left in place. */
	deleteIds(module: string, ids: string[]): DeleteResult[] {
		return ids.map((id) => {
			const segment = this.segmentOf(module, id);
			if (!segment || this.deleted.has(id)) return { id, deleted: false, refusal: NOT_FOUND };
			if (segment.refusal) return { id, deleted: false, refusal: segment.refusal };
			this.deleted.add(id);
			return { id, deleted: true };
		});
	}

	/** Live record IDs of a view, in ID order, with the refusal each one would meet. */
	*recordsOf(view: CustomView): Generator<{ id: string; refusal?: RecordRefusal }> {
		for (const segment of this.segments) {
			if (segment.module !== view.module || !view.segments.includes(segment.name)) continue;
			for (let offset = BigInt(0); offset < BigInt(segment.count); offset += BigInt(1)) {
				const id = (segment.firstId + offset).toString();
				if (!this.deleted.has(id)) yield { id, refusal: segment.refusal };
			}
		}
	}

	/** What a mass delete of the view would process now: its live records, and how many Zoho would refuse. */
	countView(view: CustomView): { total: number; refused: number } {
		let total = 0;
		let refused = 0;
		for (const record of this.recordsOf(view)) {
			total += 1;
			if (record.refusal) refused += 1;
		}
		return { total, refused };
	}

	/** A mass delete of the view processed its first `processed` live records: remove those Zoho would delete. */
	applyViewDelete(view: CustomView, processed: number): number {
		const doomed: string[] = [];
		let seen = 0;
		for (const record of this.recordsOf(view)) {
			if (seen++ >= processed) break;
			if (!record.refusal) doomed.push(record.id);
		}
		for (const id of doomed) this.deleted.add(id);
		return doomed.length;
	}

	/** Some live, deletable record IDs of a module, for tests and demos. */
	sampleIds(module: string, count: number, segmentName?: string): string[] {
		const ids: string[] = [];
		for (const segment of this.segments) {
			if (segment.module !== module || segment.refusal || (segmentName && segment.name !== segmentName)) continue;
			for (let offset = BigInt(0); offset < BigInt(segment.count) && ids.length < count; offset += BigInt(1)) {
				const id = (segment.firstId + offset).toString();
				if (!this.deleted.has(id)) ids.push(id);
			}
		}
		return ids;
	}

	/** Records of a module's segment that Zoho refuses to delete, for tests. */
	refusedIds(module: string): string[] {
		return this.segments
			.filter((segment) => segment.module === module && segment.refusal)
			.map((segment) => segment.firstId.toString());
	}

	liveCount(module: string): number {
		let count = 0;
		for (const segment of this.segments) {
			if (segment.module !== module) continue;
			count += segment.count;
			for (let offset = BigInt(0); offset < BigInt(segment.count); offset += BigInt(1)) {
				if (this.deleted.has((segment.firstId + offset).toString())) count -= 1;
			}
		}
		return count;
	}
}
