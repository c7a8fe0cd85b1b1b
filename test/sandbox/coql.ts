import { Parser } from 'node-sql-parser/build/mysql';

import { fieldsOf, type RecordPlace, type SandboxField } from './fields';
import { findModule, type CustomView } from './org';
import type { RecordStore } from './records';

/**
 * POST /crm/{v}/coql as Zoho documents it (zoho-crm-api.md § Query API): SELECT fields or aggregates FROM a module (or
 * Module#cvid), a mandatory WHERE with the comparators each field type takes, more than two criteria only in
 * bracketed pairs, ORDER BY, LIMIT of at most 2,000 and OFFSET within the first 100,000 records; 204 for none, and
 * Zoho's error codes and detail shapes. node-sql-parser reads the query; the rules and the records are the sandbox's.
 */
export const COQL = { maxLimit: 2_000, defaultLimit: 200, offsetCeiling: 100_000, maxCriteria: 25, maxInValues: 100, maxOrderBy: 10, maxGroupBy: 4, maxAggregates: 5, maxColumns: 500 };

/** How the sandbox answers "id > '…'", which no Zoho page documents: honoured as a comparison (the guess), ignored, or refused. */
export type IdRangeMode = 'honoured' | 'ignored' | 'refused';

/** How the sandbox reads OR, which Zoho's grammar names but none of its samples shows: as OR (the guess), as AND, or refused. */
export type OrMode = 'honoured' | 'readAsAnd' | 'refused';

/** The readings of what Zoho leaves undocumented, for one query. */
interface Readings {
	idRange: IdRangeMode;
	or: OrMode;
}

export class CoqlError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly details: Record<string, unknown> = {},
		readonly status = 400,
	) {
		super(message);
	}
}

type Ast = Record<string, unknown> & { type?: string };
type Kind = 'text' | 'picklist' | 'lookup' | 'number' | 'date' | 'datetime' | 'boolean' | 'encrypted' | 'id';

const KIND: Record<SandboxField['data_type'], Kind> = {
	text: 'text',
	textarea: 'text',
	email: 'text',
	picklist: 'picklist',
	multiselectpicklist: 'picklist',
	integer: 'number',
	currency: 'number',
	boolean: 'boolean',
	date: 'date',
	datetime: 'datetime',
	lookup: 'lookup',
	ownerlookup: 'lookup',
};

const ORDERED = ['=', '!=', '<>', '>', '>=', '<', '<=', 'BETWEEN', 'NOT BETWEEN', 'IN', 'NOT IN', 'IS', 'IS NOT'];
const NAMED = ['=', '!=', '<>', 'LIKE', 'NOT LIKE', 'IN', 'NOT IN', 'IS', 'IS NOT'];
/** The comparators Zoho lists per field type. */
const OPERATORS: Record<Kind, string[]> = {
	text: NAMED,
	picklist: NAMED,
	lookup: ['=', '!=', '<>', 'IN', 'NOT IN', 'IS', 'IS NOT'],
	id: ['=', '!=', '<>', 'IN', 'NOT IN', 'IS', 'IS NOT'],
	number: ORDERED,
	date: ORDERED,
	datetime: ORDERED,
	boolean: ['='],
	encrypted: ['IS', 'IS NOT'],
};
const ID_RANGE = ['>', '>=', '<', '<='];
const AGGREGATES = ['COUNT', 'SUM', 'MAX', 'MIN', 'AVG'];

type Getter = (place: RecordPlace) => unknown;
type Predicate = (place: RecordPlace) => boolean;

interface Column {
	name: string;
	kind: Kind;
	get: Getter;
}

function columnOf(module: string, name: string): Column | undefined {
	if (name === 'id') return { name, kind: 'id', get: (place) => place.id };
	const field = fieldsOf(module).find((candidate) => candidate.api_name === name);
	if (!field) return undefined;
	return { name, kind: field.encrypted ? 'encrypted' : KIND[field.data_type], get: (place) => field.value(place) };
}

/** A literal's value: text with its doubled quotes undone, a number, a boolean, or null. */
function literal(node: Ast): unknown {
	switch (node.type) {
		case 'single_quote_string':
		case 'string':
			return String(node.value).replace(/''/g, "'");
		case 'number':
			return Number(node.value);
		case 'bool':
			return Boolean(node.value);
		case 'null':
			return null;
		default:
			return undefined;
	}
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';
const idOf = (value: unknown) => (value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : value);
const compareIds = (left: string, right: string) => (left.length - right.length) || (left < right ? -1 : left > right ? 1 : 0);

/** A value of the column's kind, checked: Zoho refuses a value that is not of the field's type (INVALID_QUERY). */
function typedValue(column: Column, node: Ast): string | number | boolean {
	const value = literal(node);
	const refuse = () => {
		throw new CoqlError('INVALID_QUERY', 'invalid value found', { column_name: column.name, value: String(node.value ?? node.type) });
	};
	switch (column.kind) {
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? value : refuse();
		case 'date':
			return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : refuse();
		case 'datetime':
			return typeof value === 'string' && /T.*(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) && Number.isFinite(Date.parse(value)) ? Date.parse(value) : refuse();
		case 'boolean':
			return typeof value === 'boolean' ? value : value === 'true' || value === 'false' ? value === 'true' : refuse();
		case 'lookup':
		case 'id':
			return typeof value === 'string' && /^\d{1,19}$/.test(value) ? value : refuse();
		default:
			return typeof value === 'string' ? value : refuse();
	}
}

/** The column's value in comparable form: lookups by ID, date-times in ms, text in lower case. */
function comparable(column: Column, raw: unknown): unknown {
	if (isEmpty(raw)) return null;
	if (column.kind === 'lookup') return idOf(raw);
	if (column.kind === 'datetime') return Date.parse(String(raw));
	if (column.kind === 'text' || column.kind === 'picklist') return String(raw).toLowerCase();
	return raw;
}

function ordered(column: Column, left: unknown, right: unknown): number {
	if (column.kind === 'id') return compareIds(String(left), String(right));
	return left === right ? 0 : (left as number | string) < (right as number | string) ? -1 : 1;
}

function likePattern(pattern: string): RegExp {
	const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
	return new RegExp(`^${escaped}$`, 'is');
}

interface Compiled {
	test: Predicate;
	criteria: number;
}

function comparison(module: string, node: Ast, { idRange }: Readings): Compiled {
	const operator = String(node.operator).toUpperCase();
	const left = node.left as Ast;
	if (left?.type !== 'column_ref' || (left.table !== null && left.table !== undefined)) {
		throw new CoqlError('INVALID_QUERY', 'unsupported column', { column_name: String(left?.column ?? left?.value ?? '?') });
	}
	const column = columnOf(module, String(left.column));
	if (!column) throw new CoqlError('INVALID_QUERY', 'unsupported column', { column_name: String(left.column) });
	if (column.kind === 'id' && ID_RANGE.includes(operator)) {
		if (idRange === 'refused') throw new CoqlError('INVALID_QUERY', 'invalid operator found', { reason: 'invalid operator found', column_name: 'id', operator: operator.toLowerCase() });
		if (idRange === 'ignored') return { test: () => true, criteria: 1 };
	} else if (!OPERATORS[column.kind].includes(operator)) {
		throw new CoqlError('INVALID_QUERY', 'invalid operator found', { reason: 'invalid operator found', column_name: column.name, operator: operator.toLowerCase() });
	}
	const right = node.right as Ast;
	const value = (place: RecordPlace) => comparable(column, column.get(place));
	const lowered = (typed: unknown) => (typeof typed === 'string' && column.kind !== 'id' && column.kind !== 'lookup' ? typed.toLowerCase() : typed);
	switch (operator) {
		case 'IS':
		case 'IS NOT': {
			if (right?.type !== 'null') throw new CoqlError('SYNTAX_ERROR', 'unexpected token', { near: String(right?.value ?? '') });
			return { test: operator === 'IS' ? (place) => value(place) === null : (place) => value(place) !== null, criteria: 1 };
		}
		case 'IN':
		case 'NOT IN': {
			const list = ((right?.value as Ast[]) ?? []).map((entry) => lowered(typedValue(column, entry)));
			if (list.length > COQL.maxInValues) throw new CoqlError('LIMIT_EXCEEDED', `maximum of ${COQL.maxInValues} values allowed in IN`, { limit: COQL.maxInValues });
			const within = (place: RecordPlace) => list.some((entry) => ordered(column, value(place), entry) === 0);
			return { test: operator === 'IN' ? within : (place) => value(place) !== null && !within(place), criteria: 1 };
		}
		case 'BETWEEN':
		case 'NOT BETWEEN': {
			const [from, to] = ((right?.value as Ast[]) ?? []).map((entry) => typedValue(column, entry));
			const inside = (place: RecordPlace) => {
				const current = value(place);
				return current !== null && ordered(column, current, from) >= 0 && ordered(column, current, to) <= 0;
			};
			return { test: operator === 'BETWEEN' ? inside : (place) => value(place) !== null && !inside(place), criteria: 1 };
		}
		case 'LIKE':
		case 'NOT LIKE': {
			const pattern = typedValue(column, right);
			const regex = likePattern(String(pattern));
			const matches = (place: RecordPlace) => {
				const current = value(place);
				return current !== null && regex.test(String(current));
			};
			return { test: operator === 'LIKE' ? matches : (place) => value(place) !== null && !matches(place), criteria: 1 };
		}
		default: {
			const expected = lowered(typedValue(column, right));
			const compare = (place: RecordPlace) => {
				const current = value(place);
				return current === null ? undefined : ordered(column, current, expected);
			};
			const tests: Record<string, (order: number | undefined) => boolean> = {
				'=': (order) => order === 0,
				'!=': (order) => order !== undefined && order !== 0,
				'<>': (order) => order !== undefined && order !== 0,
				'>': (order) => order !== undefined && order > 0,
				'>=': (order) => order !== undefined && order >= 0,
				'<': (order) => order !== undefined && order < 0,
				'<=': (order) => order !== undefined && order <= 0,
			};
			return { test: (place) => tests[operator](compare(place)), criteria: 1 };
		}
	}
}

const isGroup = (node: Ast | undefined) => node?.type === 'binary_expr' && ['AND', 'OR'].includes(String(node.operator).toUpperCase());

/** The WHERE tree as a predicate; an AND or OR holding another unbracketed one is refused, as Zoho does. */
function criteria(module: string, node: Ast, readings: Readings): Compiled {
	// a bare NOT, read by the parser as an operator or as a function not(...)
	const notFunction = node.type === 'function' && JSON.stringify(node.name).toLowerCase().includes('"not"');
	if (node.type === 'unary_expr' || notFunction) throw new CoqlError('SYNTAX_ERROR', 'operator not supported', { operator: notFunction ? 'not' : String(node.operator).toLowerCase() });
	if (node.type !== 'binary_expr') throw new CoqlError('SYNTAX_ERROR', 'given coql query not supported', {});
	if (!isGroup(node)) return comparison(module, node, readings);
	const isAnd = String(node.operator).toUpperCase() === 'AND' || readings.or === 'readAsAnd';
	if (!isAnd && readings.or === 'refused') throw new CoqlError('SYNTAX_ERROR', 'unexpected token', { near: 'or' });
	const left = node.left as Ast;
	const right = node.right as Ast;
	for (const side of [left, right]) {
		// more than two criteria only in bracketed pairs: ((A and B) and C)
		if (isGroup(side) && !side.parentheses) throw new CoqlError('SYNTAX_ERROR', 'given coql query not supported', {});
	}
	const [first, second] = [criteria(module, left, readings), criteria(module, right, readings)];
	const test: Predicate = isAnd ? (place) => first.test(place) && second.test(place) : (place) => first.test(place) || second.test(place);
	return { test, criteria: first.criteria + second.criteria };
}

/** Where the parser stopped, as Zoho's {line, column, near}. */
function syntaxError(query: string, error: { location?: { start?: { line?: number; column?: number; offset?: number } } }): CoqlError {
	const start = error.location?.start;
	if (!start) return new CoqlError('SYNTAX_ERROR', 'error occured while parsing the query', { near: query.slice(0, 30) });
	const near = query.slice(start.offset ?? 0).split(/\s+/)[0] || query.slice(Math.max(0, (start.offset ?? 0) - 10));
	return new CoqlError('SYNTAX_ERROR', 'unexpected token', { line: start.line, column: start.column, near });
}

export interface CoqlSource {
	records: RecordStore;
	views: readonly CustomView[];
	idRange: IdRangeMode;
	or: OrMode;
}

interface Plan {
	module: string;
	view?: CustomView;
	where: Compiled;
	columns: Array<{ key: string; column?: Column; aggregate?: string }>;
	groupBy: Column[];
	orderBy: Array<{ column: Column; descending: boolean }>;
	limit: number;
	offset: number;
}

const parser = new Parser();

function plan(query: string, source: CoqlSource): Plan {
	// Module#cvid (COQL v7 and later) is no SQL: read it first, then let the parser see a plain module name
	let cvid: string | undefined;
	const text = query.replace(/\bfrom\s+([A-Za-z][A-Za-z0-9_]*)#(\d+)/i, (_match, module: string, id: string) => {
		cvid = id;
		return `from ${module}`;
	});
	if (/#/.test(text.replace(/'(?:[^']|'')*'/g, "''"))) throw new CoqlError('SYNTAX_ERROR', 'unexpected token', { near: '#' });
	let ast: Ast | Ast[];
	try {
		ast = parser.astify(text, { database: 'mysql' }) as unknown as Ast | Ast[];
	} catch (error) {
		throw syntaxError(text, error as never);
	}
	if (Array.isArray(ast) || ast.type !== 'select') throw new CoqlError('SYNTAX_ERROR', 'given coql query not supported', {});
	const from = ast.from as Array<{ table?: string }> | null;
	if (!from || from.length !== 1 || !from[0].table) throw new CoqlError('SYNTAX_ERROR', 'missing clause', { clause: 'from' });
	const module = findModule(from[0].table);
	if (!module) throw new CoqlError('INVALID_QUERY', 'invalid module', { module: from[0].table });
	if (!module.api_supported) throw new CoqlError('INVALID_MODULE', 'the given module is not supported in api');
	const view = cvid === undefined ? undefined : source.views.find((entry) => entry.cvid === cvid && entry.module === module.api_name);
	if (cvid !== undefined && !view) throw new CoqlError('INVALID_QUERY', 'invalid cvid', { cvid });
	if (!ast.where) throw new CoqlError('SYNTAX_ERROR', 'missing clause', { clause: 'where' });
	const where = criteria(module.api_name, ast.where as Ast, source);
	if (where.criteria > COQL.maxCriteria) throw new CoqlError('LIMIT_EXCEEDED', `maximum of ${COQL.maxCriteria} criteria allowed`, { limit: COQL.maxCriteria });

	const known = (name: unknown, clause: string) => {
		const column = columnOf(module.api_name, String(name));
		if (!column) throw new CoqlError('INVALID_QUERY', 'unsupported column', { column_name: String(name), clause });
		return column;
	};
	if (ast.columns === '*' || !Array.isArray(ast.columns)) throw new CoqlError('INVALID_QUERY', 'unsupported column', { column_name: '*', clause: 'select' });
	if (ast.columns.length > COQL.maxColumns) throw new CoqlError('LIMIT_EXCEEDED', 'maximum select columns exceeded', { limit: COQL.maxColumns });
	const columns = (ast.columns as Array<{ expr: Ast }>).map(({ expr }) => {
		if (expr.type === 'column_ref') return { key: String(expr.column), column: known(expr.column, 'select') };
		if (expr.type === 'aggr_func' && AGGREGATES.includes(String(expr.name))) {
			const argument = ((expr.args as Ast).expr as Ast) ?? {};
			const column = known(argument.column, 'select');
			// COUNT on number, lookup and picklist fields only (zoho-crm-api.md: COUNT(id) is in no Zoho source)
			const allowed = expr.name === 'COUNT' ? ['number', 'lookup', 'picklist'] : ['number'];
			if (!allowed.includes(column.kind)) throw new CoqlError('INVALID_DATA', 'unsupported aggregate function', { reason: 'unsupported aggregate', column: column.name });
			return { key: `${String(expr.name)}(${column.name})`, column, aggregate: String(expr.name) };
		}
		throw new CoqlError('SYNTAX_ERROR', 'given coql query not supported', {});
	});
	if (columns.filter((column) => column.aggregate).length > COQL.maxAggregates) throw new CoqlError('LIMIT_EXCEEDED', 'maximum aggregate functions exceeded', { limit: COQL.maxAggregates });
	const groupBy = (((ast.groupby as { columns?: Ast[] } | null)?.columns ?? []) as Ast[]).map((entry) => known(entry.column, 'group by'));
	if (groupBy.length > COQL.maxGroupBy) throw new CoqlError('LIMIT_EXCEEDED', 'maximum group by columns exceeded', { limit: COQL.maxGroupBy });
	const orderBy = ((ast.orderby as Array<{ expr: Ast; type?: string }> | null) ?? []).map((entry) => ({ column: known(entry.expr.column, 'order by'), descending: entry.type === 'DESC' }));
	if (orderBy.length > COQL.maxOrderBy) throw new CoqlError('LIMIT_EXCEEDED', 'maximum order by columns exceeded', { limit: COQL.maxOrderBy });
	if (new Set(orderBy.map((entry) => entry.column.name)).size !== orderBy.length) throw new CoqlError('DUPLICATE_DATA', 'duplicate data', { clause: 'order by' });

	const limits = ((ast.limit as { value?: Ast[]; seperator?: string } | null)?.value ?? []).map((entry) => literal(entry));
	if (limits.some((value) => typeof value !== 'number' || !Number.isInteger(value) || value < 0)) throw new CoqlError('INVALID_QUERY', 'invalid limit', { limit: String(limits) });
	// "limit n offset m", or (shown only by third parties) "limit m, n"
	const comma = (ast.limit as { seperator?: string } | null)?.seperator === ',';
	const [limit = COQL.defaultLimit, offset = 0] = (comma ? [limits[1], limits[0]] : limits) as number[];
	if (limit === 0) throw new CoqlError('INVALID_DATA', 'limit should be greater than 0', {});
	if (limit > COQL.maxLimit) throw new CoqlError('LIMIT_EXCEEDED', `limit should not exceed ${COQL.maxLimit}`, { limit: COQL.maxLimit });
	if (offset + limit > COQL.offsetCeiling) throw new CoqlError('LIMIT_EXCEEDED', 'Max records limit exceeded', { limit: COQL.offsetCeiling });
	return { module: module.api_name, view, where, columns, groupBy, orderBy, limit, offset };
}

/** Zoho's JSON for a value: a lookup as {name, id}. */
function shown(column: Column, value: unknown): unknown {
	if (column.kind === 'lookup' && value && typeof value === 'object') {
		const { name, id } = value as { name?: unknown; id?: unknown };
		return { name, id };
	}
	return value ?? null;
}

/** Matching records, computed once per query text and state of the records: the pages of one query reuse them. */
const answers = new WeakMap<RecordStore, { version: number; key: string; places: RecordPlace[] }>();

function matching(source: CoqlSource, query: Plan, key: string): RecordPlace[] {
	const version = source.records.version;
	const kept = answers.get(source.records);
	if (kept && kept.version === version && kept.key === key) return kept.places;
	const places: RecordPlace[] = [];
	for (const { id, segment, position } of source.records.recordsOf(query.view ?? { module: query.module })) {
		const place = { id, segment, position, users: source.records.users };
		if (query.where.test(place)) places.push(place);
	}
	for (const { column, descending } of [...query.orderBy].reverse()) {
		places.sort((a, b) => {
			const [left, right] = [comparable(column, column.get(a)), comparable(column, column.get(b))];
			const order = left === right ? 0 : left === null ? -1 : right === null ? 1 : ordered(column, left, right);
			return descending ? -order : order;
		});
	}
	answers.set(source.records, { version, key, places });
	return places;
}

function aggregateRows(query: Plan, places: RecordPlace[]): Array<Record<string, unknown>> {
	const groups = new Map<string, RecordPlace[]>();
	for (const place of places) {
		const key = JSON.stringify(query.groupBy.map((column) => idOf(column.get(place))));
		groups.set(key, [...(groups.get(key) ?? []), place]);
	}
	if (groups.size === 0 && query.groupBy.length === 0) groups.set('[]', []);
	return [...groups.values()].map((members) => {
		const row: Record<string, unknown> = {};
		for (const { key, column, aggregate } of query.columns) {
			if (!column) continue;
			if (!aggregate) {
				row[key] = members.length ? shown(column, column.get(members[0])) : null;
				continue;
			}
			const values = members.map((place) => column.get(place)).filter((value) => !isEmpty(value)).map((value) => (typeof value === 'number' ? value : idOf(value)));
			const numbers = values.filter((value): value is number => typeof value === 'number');
			const sum = numbers.reduce((total, value) => total + value, 0);
			row[key] = { COUNT: values.length, SUM: sum, MAX: numbers.length ? Math.max(...numbers) : null, MIN: numbers.length ? Math.min(...numbers) : null, AVG: numbers.length ? sum / numbers.length : null }[aggregate];
		}
		return row;
	});
}

/** One query's answer: {data, info} with the selected columns and the id, or null when nothing matches (204). */
export function runCoql(
	query: unknown,
	source: CoqlSource,
	canRead: (module: string) => boolean,
): { data: Array<Record<string, unknown>>; info: { count: number; more_records: boolean } } | null {
	if (typeof query !== 'string' || !query.trim()) throw new CoqlError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'select_query' });
	const planned = plan(query.trim(), source);
	// COQL needs the module's read scope beside ZohoCRM.coql.READ
	if (!canRead(planned.module)) throw new CoqlError('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL', {}, 401);
	const key = JSON.stringify([planned.module, planned.view?.cvid, query.trim().replace(/\s+limit\s+\d+(?:\s*,\s*\d+)?(?:\s+offset\s+\d+)?$/i, '')]);
	const places = matching(source, planned, key);
	if (planned.columns.some((column) => column.aggregate)) {
		const rows = aggregateRows(planned, places);
		return rows.length ? { data: rows, info: { count: rows.length, more_records: false } } : null;
	}
	const page = places.slice(planned.offset, planned.offset + planned.limit);
	if (page.length === 0) return null;
	const data = page.map((place) => {
		const row: Record<string, unknown> = {};
		for (const { key, column } of planned.columns) if (column) row[key] = shown(column, column.get(place));
		row.id = place.id;
		return row;
	});
	return { data, info: { count: data.length, more_records: planned.offset + planned.limit < places.length } };
}
