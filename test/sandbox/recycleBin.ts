/* eslint-disable @n8n/community-nodes/require-node-api-error -- runs in Node as a test or a tool, never inside n8n: these rules guard the shipped nodes */
import type { BinEntry } from './records';

/**
 * GET /settings/recycle_bin as Zoho documents it (zoho-crm-api.md § Recycle bin; zoho/crm-oas v8.0 recycle_bin):
 * filters over display_name, module, deleted_by and deleted_time, sort_by, sort_order, ids, page, per_page <= 200.
 */
export const BIN_MAX_PER_PAGE = 200;

type Json = Record<string, unknown>;
type Predicate = (entry: BinEntry) => boolean;

export class BinQueryError extends Error {
	constructor(
		message: string,
		readonly details: Json,
	) {
		super(message);
	}
}

/** Zoho's time format: seconds, with an offset (2024-07-23T15:37:52+05:30). */
export function zohoTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, '+00:00');
}

function timeValue(value: unknown): number {
	const at = typeof value === 'string' ? Date.parse(value) : NaN;
	if (!Number.isFinite(at)) throw new BinQueryError('the deleted_time given seems to be invalid', { api_name: 'deleted_time' });
	return at;
}

/**
 * How Zoho reads a deleted_by filter, which it documents three ways (zoho-crm-api.md § Recycle bin): the deleter's
 * name (its text), [{id, name}] (its sample), or a plain string (its OpenAPI file, here the user's ID); or Zoho
 * ignores the condition, or refuses it. A client that relies on any one of them is wrong in the others.
 */
export type DeletedByReading = 'id' | 'name' | 'objects' | 'ignored' | 'refused';

/** Which users a deleted_by value names, read the given way. */
function deletedByMatcher(value: unknown, reading: DeletedByReading): (entry: BinEntry) => boolean {
	const invalid = () => new BinQueryError('the deleted_by given seems to be invalid', { api_name: 'deleted_by' });
	switch (reading) {
		case 'ignored':
			return () => true;
		case 'refused':
			throw invalid();
		case 'name':
			if (typeof value !== 'string' || !value) throw invalid();
			return (entry) => entry.deletedBy.full_name === value;
		case 'objects': {
			if (!Array.isArray(value) || value.some((user) => typeof (user as Json)?.id !== 'string')) throw invalid();
			const ids = value.map((user) => (user as Json).id);
			return (entry) => ids.includes(entry.deletedBy.id);
		}
		default: {
			const id = value !== null && typeof value === 'object' ? (value as Json).id : value;
			if (typeof id !== 'string' || !id) throw invalid();
			return (entry) => entry.deletedBy.id === id;
		}
	}
}

function condition(raw: Json, reading: DeletedByReading): Predicate {
	const field = (raw.field as Json | undefined)?.api_name;
	const { comparator, value } = raw;
	const fail = () => {
		throw new BinQueryError(`invalid comparator ${String(comparator)} for ${String(field)}`, { api_name: String(field), comparator: String(comparator) });
	};
	switch (field) {
		case 'module':
		case 'display_name': {
			const of = (entry: BinEntry) => (field === 'module' ? entry.module : entry.displayName);
			if (comparator === 'equal') return (entry) => of(entry) === value;
			if (comparator === 'not_equal') return (entry) => of(entry) !== value;
			if (comparator === 'in' && Array.isArray(value)) return (entry) => value.includes(of(entry));
			if (comparator === 'contains' && typeof value === 'string') return (entry) => of(entry).toLowerCase().includes(value.toLowerCase());
			if (comparator === 'starts_with' && typeof value === 'string') return (entry) => of(entry).toLowerCase().startsWith(value.toLowerCase());
			return fail();
		}
		case 'deleted_by': {
			if (comparator !== 'equal' && comparator !== 'not_equal') return fail();
			const matches = deletedByMatcher(value, reading);
			return comparator === 'equal' || reading === 'ignored' ? matches : (entry) => !matches(entry);
		}
		case 'deleted_time': {
			// compared to the second, the precision Zoho shows
			const at = (entry: BinEntry) => Math.floor(entry.deletedAt / 1000) * 1000;
			if (comparator === 'between') {
				if (!Array.isArray(value) || value.length !== 2) return fail();
				const [from, to] = value.map(timeValue);
				return (entry) => at(entry) >= from && at(entry) <= to;
			}
			const bound = timeValue(value);
			const compare: Record<string, (left: number) => boolean> = {
				equal: (left) => left === bound,
				not_equal: (left) => left !== bound,
				greater_than: (left) => left > bound,
				greater_equal: (left) => left >= bound,
				less_than: (left) => left < bound,
				less_equal: (left) => left <= bound,
			};
			const test = compare[String(comparator)];
			return test ? (entry) => test(at(entry)) : fail();
		}
		default:
			throw new BinQueryError(`the field ${String(field)} cannot be filtered on`, { api_name: String(field) });
	}
}

function group(raw: Json, reading: DeletedByReading): Predicate {
	if (!Array.isArray(raw.group)) return condition(raw, reading);
	const parts = raw.group.map((part) => {
		if (part === null || typeof part !== 'object') throw new BinQueryError('the filters given seem to be invalid', { param_name: 'filters' });
		return group(part as Json, reading);
	});
	const operator = String(raw.group_operator ?? 'AND').toUpperCase();
	if (operator === 'AND') return (entry) => parts.every((part) => part(entry));
	if (operator === 'OR') return (entry) => parts.some((part) => part(entry));
	throw new BinQueryError(`invalid group_operator ${operator}`, { param_name: 'filters' });
}

/** The filter Zoho takes as URL-encoded JSON in the list, and as an object in a restore's body. */
export function binFilter(raw: unknown, reading: DeletedByReading = 'id'): Predicate {
	let parsed = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch {
			throw new BinQueryError('the filters given seem to be invalid', { param_name: 'filters' });
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new BinQueryError('the filters given seem to be invalid', { param_name: 'filters' });
	}
	return group(parsed as Json, reading);
}

export interface BinPage {
	entries: BinEntry[];
	info: { per_page: number; count: number; page: number; more_records: boolean };
}

const SORT_KEYS: Record<string, (entry: BinEntry) => string | number> = {
	deleted_time: (entry) => entry.deletedAt,
	display_name: (entry) => entry.displayName.toLowerCase(),
	deleted_by: (entry) => entry.deletedBy.full_name.toLowerCase(),
};

function positiveInteger(raw: string | null, fallback: number, name: string): number {
	if (raw === null) return fallback;
	const number = Number(raw);
	if (!Number.isSafeInteger(number) || number < 1) throw new BinQueryError(`the ${name} given seems to be invalid`, { param_name: name });
	return number;
}

/** One page of the bin for a list request's query string. */
export function listBin(all: BinEntry[], query: URLSearchParams, reading: DeletedByReading = 'id'): BinPage {
	const sortBy = query.get('sort_by') ?? 'deleted_time';
	const key = SORT_KEYS[sortBy];
	if (!key) throw new BinQueryError(`the sort_by given seems to be invalid`, { param_name: 'sort_by' });
	const order = query.get('sort_order') ?? 'desc';
	if (order !== 'asc' && order !== 'desc') throw new BinQueryError('the sort_order given seems to be invalid', { param_name: 'sort_order' });
	const page = positiveInteger(query.get('page'), 1, 'page');
	const perPage = positiveInteger(query.get('per_page'), BIN_MAX_PER_PAGE, 'per_page');
	if (perPage > BIN_MAX_PER_PAGE) throw new BinQueryError(`per_page must be at most ${BIN_MAX_PER_PAGE}`, { param_name: 'per_page' });

	let entries = all;
	const ids = query.get('ids');
	if (ids !== null) {
		const wanted = new Set(ids.split(',').map((id) => id.trim()));
		entries = entries.filter((entry) => wanted.has(entry.id));
	}
	const filters = query.get('filters');
	if (filters !== null) entries = entries.filter(binFilter(filters, reading));
	const direction = order === 'asc' ? 1 : -1;
	// ties in the sort key keep a stable order by ID, so pages never repeat or skip an entry
	const sorted = [...entries].sort((a, b) => {
		const left = key(a);
		const right = key(b);
		return (left < right ? -1 : left > right ? 1 : a.id.localeCompare(b.id)) * direction;
	});
	const slice = sorted.slice((page - 1) * perPage, page * perPage);
	return { entries: slice, info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < sorted.length } };
}

/** A bin entry as Zoho lists it. */
export function binEntryJson(entry: BinEntry, moduleId: string | undefined): Json {
	return {
		display_name: entry.displayName,
		deleted_time: zohoTime(entry.deletedAt),
		owner: { name: entry.owner.full_name, id: entry.owner.id },
		module: { api_name: entry.module, id: moduleId },
		deleted_by: { name: entry.deletedBy.full_name, id: entry.deletedBy.id },
		id: entry.id,
	};
}
