import type { RecordPlace } from './fields';
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

/** A Zoho CRM user, as GET /users answers (the keys this sandbox needs). */
export interface SandboxUser {
	id: string;
	full_name: string;
	email: string;
}

/** The org's users: the admin who connects credentials, and a colleague whose deletes are not the admin's. */
export interface OrgUsers {
	admin: SandboxUser;
	colleague: SandboxUser;
}

/** A deleted record in the recycle bin (zoho-crm-api.md § Recycle bin). Its bin ID is the record's own ID. */
export interface BinEntry {
	id: string;
	module: string;
	displayName: string;
	deletedAt: number;
	deletedBy: SandboxUser;
	owner: SandboxUser;
	/** Notes and attachments that went to the bin with it: they count toward Zoho's 1,000-record restore limit. */
	children: number;
	/** When a scheduled restore brings it back. */
	restoreAt?: number;
}

/** Zoho keeps deleted records for 60 days, then removes them for good. */
export const RECYCLE_BIN_RETENTION_MS = 60 * 24 * 3600_000;
/** Above this many records (children included), Zoho schedules a restore as a background job. */
export const IMMEDIATE_RESTORE_LIMIT = 1_000;
/** How fast a scheduled restore brings records back, after a short queue: records per sandbox second. */
export const SCHEDULED_RESTORE = { startAfterMs: 5_000, recordsPerSecond: 100 };

export type RestoreResult =
	| { id: string; restored: true }
	| { id: string; restored: false; refusal: RecordRefusal };

const singular = (module: string) => (module === 'Events' ? 'Meeting' : module.replace(/ies$/, 'y').replace(/s$/, ''));

/**
 * One org's records: each module holds segments of consecutive 19-digit IDs, custom views select segments, and
 * deletes (by ID, or by a finished mass delete) move records to the recycle bin, from where they can be restored
 * for 60 days. IDs are ranges plus the bin, so a 50,000-record view costs no memory until it is deleted.
 */
export class RecordStore {
	private readonly bin = new Map<string, BinEntry>();
	/** Gone for good: emptied from the bin, or kept past the retention. */
	private readonly purged = new Set<string>();
	/** The earliest time a bin entry comes back or expires: until then the bin needs no sweep. */
	private nextBinEvent = Infinity;
	private changes = 0;

	constructor(
		private readonly now: () => number,
		readonly users: OrgUsers,
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

	/** Scheduled restores that are due bring their records back; entries past the retention are removed for good. */
	private sweepBin(): void {
		const now = this.now();
		if (now < this.nextBinEvent) return;
		this.nextBinEvent = Infinity;
		this.changes += 1;
		for (const [id, entry] of this.bin) {
			if (entry.restoreAt !== undefined && entry.restoreAt <= now) {
				this.bin.delete(id);
			} else if (entry.deletedAt + RECYCLE_BIN_RETENTION_MS <= now) {
				this.bin.delete(id);
				this.purged.add(id);
			} else {
				this.nextBinEvent = Math.min(this.nextBinEvent, entry.restoreAt ?? Infinity, entry.deletedAt + RECYCLE_BIN_RETENTION_MS);
			}
		}
	}

	private isGone(id: string): boolean {
		this.sweepBin();
		return this.bin.has(id) || this.purged.has(id);
	}

	private moveToBin(segment: RecordSegment, id: string, deletedAt: number, deletedBy: SandboxUser): void {
		this.changes += 1;
		const position = BigInt(id) - segment.firstId + BigInt(1);
		this.bin.set(id, {
			id,
			module: segment.module,
			displayName: `${singular(segment.module)} ${segment.name}-${position}`,
			deletedAt,
			deletedBy,
			owner: this.users.admin,
			children: segment.children ?? 0,
		});
		this.nextBinEvent = Math.min(this.nextBinEvent, deletedAt + RECYCLE_BIN_RETENTION_MS);
	}

	exists(module: string, id: string): boolean {
		return this.segmentOf(module, id) !== undefined && !this.isGone(id);
	}

	/** Deletes by ID, as POST {ids} does: one result per ID, refused ones left in place, deleted ones in the bin. */
	deleteIds(module: string, ids: string[], by: SandboxUser = this.users.admin): DeleteResult[] {
		const now = this.now();
		return ids.map((id) => {
			const segment = this.segmentOf(module, id);
			if (!segment || this.isGone(id)) return { id, deleted: false, refusal: NOT_FOUND };
			if (segment.refusal) return { id, deleted: false, refusal: segment.refusal };
			this.moveToBin(segment, id, now, by);
			return { id, deleted: true };
		});
	}

	/** Live records of a view (or of the whole module), in ID order: ID, segment and position (1 for its first record). */
	*recordsOf(view: CustomView | { module: string; segments?: undefined }): Generator<{ id: string; segment: RecordSegment; position: number }> {
		const segments = this.segments.filter((segment) => segment.module === view.module && (!view.segments || view.segments.includes(segment.name)));
		for (const segment of [...segments].sort((a, b) => (a.firstId < b.firstId ? -1 : 1))) {
			// the segment's IDs share their leading digits: only the tail is counted, the same text a BigInt would give
			const first = segment.firstId.toString();
			const head = first.slice(0, -9);
			const tail = Number(first.slice(-9));
			for (let offset = 0; offset < segment.count; offset++) {
				const id = tail + offset < 1e9 ? head + String(tail + offset).padStart(9, '0') : (segment.firstId + BigInt(offset)).toString();
				if (!this.isGone(id)) yield { id, segment, position: offset + 1 };
			}
		}
	}

	/** A live record's values, by field, as the record API and COQL answer them. */
	recordValues(module: string, id: string): { place: RecordPlace } | undefined {
		const segment = this.segmentOf(module, id);
		if (!segment || this.isGone(id)) return undefined;
		return { place: { id, segment, position: Number(BigInt(id) - segment.firstId) + 1, users: this.users } };
	}

	/** Counts every change to what is live or in the bin, so an answer computed at one version is reused until the next. */
	get version(): number {
		this.sweepBin();
		return this.changes;
	}

	/** What a mass delete of the view would process now: its live records, and how many Zoho would refuse. */
	countView(view: CustomView): { total: number; refused: number } {
		let total = 0;
		let refused = 0;
		for (const record of this.recordsOf(view)) {
			total += 1;
			if (record.segment.refusal) refused += 1;
		}
		return { total, refused };
	}

	/**
	 * A mass delete of the view processed its first `processed` live records: those Zoho would delete go to the bin,
	 * the n-th at deletedAt(n), as the job reached it.
	 */
	applyViewDelete(view: CustomView, processed: number, deletedAt: (position: number) => number = () => this.now(), by: SandboxUser = this.users.admin): number {
		const doomed: Array<{ id: string; segment: RecordSegment; position: number }> = [];
		let seen = 0;
		for (const record of this.recordsOf(view)) {
			if (seen >= processed) break;
			if (!record.segment.refusal) doomed.push({ ...record, position: seen });
			seen += 1;
		}
		for (const { id, segment, position } of doomed) this.moveToBin(segment, id, Math.round(deletedAt(position)), by);
		return doomed.length;
	}

	/** Some live, deletable record IDs of a module, for tests and demos. */
	sampleIds(module: string, count: number, segmentName?: string): string[] {
		const ids: string[] = [];
		for (const { id, segment } of this.recordsOf({ module })) {
			if (ids.length >= count) break;
			if (!segment.refusal && (!segmentName || segment.name === segmentName)) ids.push(id);
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
		const records = this.recordsOf({ module });
		while (!records.next().done) count += 1;
		return count;
	}

	/** The bin's entries as they stand now (scheduled restores that are due already back), oldest deletion first. */
	binEntries(): BinEntry[] {
		this.sweepBin();
		return [...this.bin.values()].sort((a, b) => a.deletedAt - b.deletedAt || a.id.localeCompare(b.id));
	}

	binEntry(id: string): BinEntry | undefined {
		this.sweepBin();
		return this.bin.get(id);
	}

	/**
	 * Restores bin entries by ID: at once when they and their notes and attachments are 1,000 records or fewer, else
	 * as a background job. IDs not in the bin (or already being restored) get Zoho's per-record error.
	 */
	restoreIds(ids: string[]): { scheduled: boolean; results: RestoreResult[] } {
		const entries = ids.map((id) => this.binEntry(id));
		const found = entries.filter((entry): entry is BinEntry => entry !== undefined && entry.restoreAt === undefined);
		const scheduled = found.reduce((sum, entry) => sum + 1 + entry.children, 0) > IMMEDIATE_RESTORE_LIMIT;
		if (scheduled) this.scheduleRestore(found);
		else for (const entry of found) this.bin.delete(entry.id);
		this.changes += 1;
		const results = ids.map((id, index): RestoreResult => {
			const entry = entries[index];
			return entry && found.includes(entry) ? { id, restored: true } : { id, restored: false, refusal: NOT_FOUND };
		});
		return { scheduled, results };
	}

	/** A background restore: the entries come back one after another over sandbox time. */
	scheduleRestore(entries: BinEntry[]): void {
		const start = this.now() + SCHEDULED_RESTORE.startAfterMs;
		entries.forEach((entry, index) => {
			if (entry.restoreAt !== undefined) return;
			entry.restoreAt = start + Math.floor((index * 1000) / SCHEDULED_RESTORE.recordsPerSecond);
			this.nextBinEvent = Math.min(this.nextBinEvent, entry.restoreAt);
		});
	}

	/** Permanent removal from the bin (what this package must never ask for). */
	purge(ids: string[]): number {
		let count = 0;
		this.changes += 1;
		for (const id of ids) {
			if (!this.bin.delete(id)) continue;
			this.purged.add(id);
			count += 1;
		}
		return count;
	}
}
