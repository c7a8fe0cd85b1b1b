import type { IDataObject } from 'n8n-workflow';

import type { ZohoConnection } from '../connection';
import { isZohoId } from '../ids';
import { counted, type ApiVersion } from '../input';
import { coqlPath } from '../paths';
import { SCOPE_COQL_READ, SCOPE_RECORDS_READ } from '../scopes';
import { zohoCrmApiRequest, zohoReplyError, type ZohoContext, type ZohoRequest } from '../transport';
import { reconnectWith, START_TOGGLE, type ZohoError } from '../zohoErrors';
import { COQL_LIMITS, selectQuery, whereClause } from './writeCoql';

export interface CoqlSource {
	apiVersion: ApiVersion;
	module: string;
	/** The criteria as written (conditions or typed text). */
	criteria: string;
	/** Records of a custom view only (FROM Module#cvid). */
	cvid?: string;
	/** Only records after this ID: the next pass of a delete that stopped early. */
	afterId?: string;
}

export interface GatherOptions {
	columns: string[];
	/** Stop as soon as more than this many records are gathered (a cap was passed). */
	stopAbove?: number;
	itemIndex: number;
	connection: ZohoConnection;
	/** What the query is for, in the hints of Zoho's errors, e.g. "the criteria of item 0". */
	purpose: string;
}

export interface Gathered {
	/** Each matching record once, in ID order, with the selected columns. */
	records: IDataObject[];
	/** Every matching record was read. */
	complete: boolean;
	/**
	 * Reading stopped with more records to come after the last one, which may be deleted: at Zoho's LIMIT/OFFSET
	 * ceiling of 100,000, or, for several criteria read one by one, where the first of them stopped.
	 */
	reachedCeiling: boolean;
}

const compareIds = (left: string, right: string) => (left.length - right.length) || (left < right ? -1 : left > right ? 1 : 0);

/** What went wrong in a query, from the details Zoho gives (zoho-crm-api.md § Query API, "Errors"), and what to fix. */
export function describeCoqlError(error: ZohoError, criteria: string, purpose: string): string | undefined {
	const details = error.details ?? {};
	const where = `Criteria of ${purpose}: ${criteria}.`;
	const column = typeof details.column_name === 'string' ? details.column_name : undefined;
	switch (error.code) {
		case 'SYNTAX_ERROR': {
			if (details.operator !== undefined) return `${where} Zoho does not support the operator '${String(details.operator)}' there; use the comparators Zoho lists for each field type (=, !=, <, >, like, in, between, is null…).`;
			const near = details.near === undefined ? '' : ` near '${String(details.near)}'`;
			const at = details.line === undefined ? '' : ` (line ${String(details.line)}, column ${String(details.column)})`;
			return `${where} Zoho could not read it${near}${at}. Check the quotes around text values, and bracket more than two criteria in pairs: ((A and B) and C).`;
		}
		case 'INVALID_QUERY':
			if (details.reason === 'invalid operator found' && column) return `${where} Zoho cannot compare ${column} with '${String(details.operator ?? '?')}': choose an operator that fits the field's type.`;
			if (details.cvid !== undefined) return `${where} Zoho cannot query custom view ${String(details.cvid)} with COQL (some system views are not supported).`;
			if (column) return `${where} Zoho does not know ${column} in this module, or cannot filter on it (multi-select lookups, territories, images): check its API name, case included.`;
			return `${where} Zoho refused the query: check each field's API name and that each value has the field's type (numbers bare, text, dates and IDs in quotes).`;
		case 'LIMIT_EXCEEDED':
			return `${where} Zoho's limits: at most ${COQL_LIMITS.maxCriteria} criteria, ${COQL_LIMITS.maxInValues} values in one IN list, and ${counted(COQL_LIMITS.offsetCeiling)} records through LIMIT and OFFSET.`;
		case 'OAUTH_SCOPE_MISMATCH':
			return `The credential was connected without ${SCOPE_COQL_READ} and ${SCOPE_RECORDS_READ}, which a query needs together. ${reconnectWith(START_TOGGLE)}`;
		case 'INVALID_MODULE':
			return `Zoho does not query this module with COQL. ${where}`;
		default:
			return undefined;
	}
}

/**
 * The records matching the criteria, read with POST /coql in pages of 2,000 ordered by ID (LIMIT and OFFSET, as Zoho
 * documents them). Stops when Zoho has no more, when more than `stopAbove` are read, or at the 100,000 ceiling.
 * With an afterId, every record Zoho returns must come after it: checked here, before anything acts on the records.
 */
export async function gatherRecords(context: ZohoContext, source: CoqlSource, options: GatherOptions): Promise<Gathered> {
	const where = whereClause(source.criteria, source.afterId);
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	for (let page = 0; ; page++) {
		const offset = page * COQL_LIMITS.pageSize;
		const query = selectQuery({ columns: options.columns, module: source.module, cvid: source.cvid, where, offset });
		const request: ZohoRequest = {
			method: 'POST',
			path: coqlPath(source.apiVersion),
			body: { select_query: query },
			itemIndex: options.itemIndex,
			connection: options.connection,
			describeError: (error) => describeCoqlError(error, source.criteria, options.purpose),
		};
		const response = await zohoCrmApiRequest.call(context, request);
		const data = Array.isArray(response.body?.data) ? (response.body.data as IDataObject[]) : [];
		const before = records.length;
		for (const record of data) {
			if (!isZohoId(record?.id)) {
				throw zohoReplyError(context, request, { code: 'NO_ID', message: `Zoho's query answer holds a record without a usable id: ${JSON.stringify(record).slice(0, 200)}`, httpStatus: response.statusCode });
			}
			if (source.afterId !== undefined && compareIds(record.id, source.afterId) <= 0) {
				throw zohoReplyError(context, request, {
					code: 'UNEXPECTED_RECORD',
					message: `Zoho answered "id > '${source.afterId}'" with record ${record.id}, which does not come after it: nothing was changed, and the query was not trusted`,
					httpStatus: response.statusCode,
				});
			}
			if (seen.has(record.id)) continue;
			seen.add(record.id);
			records.push(record);
		}
		const moreRecords = (response.body?.info as IDataObject | undefined)?.more_records === true;
		// a page with nothing new ends it too: the reading cannot go on for ever
		const done = response.statusCode === 204 || !moreRecords || records.length === before;
		if (done) return { records, complete: true, reachedCeiling: false };
		if (options.stopAbove !== undefined && records.length > options.stopAbove) return { records, complete: false, reachedCeiling: false };
		if (offset + COQL_LIMITS.pageSize >= COQL_LIMITS.offsetCeiling) return { records, complete: false, reachedCeiling: true };
	}
}

/**
 * Pure: the records matching any of several criteria, from one reading of each. A reading that stopped early (at the
 * ceiling, or past the cap) knows its records only up to its last ID, so the union keeps the records up to the lowest
 * such ID, where every reading is complete, and says more may come after them.
 */
export function unionOfReadings(readings: Gathered[]): Gathered {
	const byId = new Map<string, IDataObject>();
	for (const record of readings.flatMap((reading) => reading.records)) if (!byId.has(record.id as string)) byId.set(record.id as string, record);
	const knownUpTo = readings
		.filter((reading) => !reading.complete)
		.map((reading) => reading.records[reading.records.length - 1].id as string)
		.sort(compareIds)[0];
	const records = [...byId.values()].filter((record) => knownUpTo === undefined || compareIds(record.id as string, knownUpTo) <= 0).sort((left, right) => compareIds(left.id as string, right.id as string));
	return { records, complete: knownUpTo === undefined, reachedCeiling: knownUpTo !== undefined };
}

/**
 * The records matching any of the alternatives. Zoho's COQL grammar names OR, but none of its samples shows it, so
 * what is deleted does not rest on it: each alternative is read with its own query, and the node joins the answers.
 */
export async function gatherAnyOf(context: ZohoContext, source: CoqlSource, alternatives: string[], options: GatherOptions): Promise<Gathered> {
	const readings: Gathered[] = [];
	for (const criteria of alternatives) readings.push(await gatherRecords(context, { ...source, criteria }, options));
	return readings.length === 1 ? readings[0] : unionOfReadings(readings);
}
