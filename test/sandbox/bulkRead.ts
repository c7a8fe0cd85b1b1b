import { strToU8, zipSync } from 'fflate';

import { fieldsOf } from './fields';
import type { CustomView } from './org';
import type { RecordStore, SandboxUser } from './records';

/**
 * Bulk Read as Zoho documents it (zoho-crm-api.md § Bulk Read): a job reads a module or a custom view into one CSV,
 * zipped, through the states ADDED, QUEUED, IN PROGRESS and COMPLETED (or FAILURE) over sandbox time; the result is
 * downloaded at most 10 times a minute per org.
 */
export const BULK_READ = { maxRecords: 200_000, downloadsPerMinute: 10 };

/** How the org's next jobs go: their pace, or a failure part way. */
export interface BulkReadBehaviour {
	addedMs: number;
	queuedMs: number;
	/** Records read per sandbox second while IN PROGRESS. */
	recordsPerSecond: number;
	/** The next jobs end in FAILURE instead of COMPLETED. */
	fail: boolean;
}

export const DEFAULT_BULK_READ: BulkReadBehaviour = { addedMs: 500, queuedMs: 1_500, recordsPerSecond: 5_000, fail: false };

export interface BulkReadJob {
	id: string;
	module: string;
	cvid?: string;
	fields: string[];
	createdAt: number;
	createdBy: SandboxUser;
	/** When it leaves ADDED, starts reading, and is done. */
	queuedAt: number;
	startsAt: number;
	endsAt: number;
	fails: boolean;
	/** The records as the job read them. */
	rows: string[][];
	zip?: Uint8Array;
}

export type BulkReadState = 'ADDED' | 'QUEUED' | 'IN PROGRESS' | 'COMPLETED' | 'FAILURE';

export function stateAt(job: BulkReadJob, now: number): BulkReadState {
	if (now < job.queuedAt) return 'ADDED';
	if (now < job.startsAt) return 'QUEUED';
	if (now < job.endsAt) return 'IN PROGRESS';
	return job.fails ? 'FAILURE' : 'COMPLETED';
}

/** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** What a Bulk Read CSV holds for a value: a lookup's ID, a list joined by ';'. */
function written(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return String((value as { id?: unknown }).id ?? JSON.stringify(value));
	return String(value);
}

/** The job's rows, read now: the view's or the module's live records, `id` first, then the fields asked for (every field when none). */
export function readRows(records: RecordStore, target: CustomView | { module: string }, fields: string[]): string[][] {
	const definitions = fieldsOf(target.module);
	const columns = ['id', ...(fields.length ? fields : definitions.map((field) => field.api_name)).filter((name) => name !== 'id')];
	const rows = [columns];
	for (const { id, segment, position } of records.recordsOf(target as CustomView)) {
		const place = { id, segment, position, users: records.users };
		rows.push(columns.map((name) => (name === 'id' ? id : written(definitions.find((field) => field.api_name === name)?.value(place)))));
	}
	return rows;
}

/** {job_id}.zip holding {job_id}.csv, as Zoho's result. */
export function resultZip(job: BulkReadJob): Uint8Array {
	job.zip ??= zipSync({ [`${job.id}.csv`]: strToU8(job.rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n') });
	return job.zip;
}
