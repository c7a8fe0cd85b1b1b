import { isZohoId } from '../ids';
import { InvalidInput, shown } from '../input';
import { CONDITION_OPERATORS, KIND_WORDS, kindOf, operatorsFor, type ConditionOperator, type FieldKind, type ZohoField } from './fieldKinds';

/** Zoho's COQL limits (zoho-crm-api.md § Query API, "Limits"). */
export const COQL_LIMITS = {
	/** Records per call. */
	pageSize: 2_000,
	/** LIMIT and OFFSET reach only the first 100,000 records of a query. */
	offsetCeiling: 100_000,
	/** Criteria in one WHERE (documented for v2 to v4; the v8 page was not read). */
	maxCriteria: 25,
	/** Values in one IN or NOT IN (v7 and later). */
	maxInValues: 100,
};

export type Combinator = 'and' | 'or';

/** One row of the conditions a user fills in: a field's API name, an operator and its value(s). */
export interface Condition {
	field: string;
	operator: ConditionOperator;
	value?: unknown;
	valueTo?: unknown;
}

/** A text literal as COQL reads it: in single quotes, a quote inside doubled (Kaizen #171). */
export const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const FIELD_API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

const SEPARATORS = { and: ' and ', or: ' or ' };

/** Whether the whole text is one bracketed group, e.g. "(A and B)" but not "(A) and (B)". */
function isEnclosed(text: string): boolean {
	if (!text.startsWith('(') || !text.endsWith(')')) return false;
	let depth = 0;
	let inQuote = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char === "'") inQuote = !inQuote;
		if (inQuote) continue;
		if (char === '(') depth++;
		if (char === ')') depth--;
		if (depth === 0 && index < text.length - 1) return false;
	}
	return true;
}

/** Joins criteria as Zoho requires: more than two only in bracketed pairs, ((A and B) and C). */
export function joinCriteria(parts: string[], combinator: Combinator): string {
	return parts.reduce((joined, part) => `(${joined}${SEPARATORS[combinator]}${part})`);
}

const asTerm = (criteria: string) => (isEnclosed(criteria) || !/\s(?:and|or)\s/i.test(criteria) ? criteria : `(${criteria})`);

/**
 * The criteria, and optionally only the records after a record ID (the next pass of a delete that stopped early).
 * Criteria that hold several of their own (typed text) are bracketed first, so they stay one term.
 */
export function whereClause(criteria: string, afterId?: string): string {
	return afterId === undefined ? criteria : joinCriteria([asTerm(criteria), `id > ${quoted(afterId)}`], 'and');
}

export interface SelectQuery {
	columns: string[];
	module: string;
	/** From a custom view (COQL in API v7 and later): FROM Module#cvid. */
	cvid?: string;
	where: string;
	offset: number;
	limit?: number;
}

/** One page of a query, ordered by record ID so pages never overlap. */
export function selectQuery(query: SelectQuery): string {
	const from = query.cvid ? `${query.module}#${query.cvid}` : query.module;
	const offset = query.offset > 0 ? ` offset ${query.offset}` : '';
	return `select ${query.columns.join(', ')} from ${from} where ${query.where} order by id asc limit ${query.limit ?? COQL_LIMITS.pageSize}${offset}`;
}

/** Zoho's own match-all idiom: COQL needs a WHERE, and a whole module is written as a condition. */
export const MATCH_ALL = 'id is not null';

const TEXT_HINT = `Write only the criteria, e.g. Lead_Status = 'Junk Lead' and Created_Time < '2024-01-01T00:00:00+00:00' (with more than two, bracket them in pairs: ((A and B) and C)). The node adds the ORDER BY, LIMIT and OFFSET itself. For every record of the module, write ${MATCH_ALL}.`;

/**
 * A WHERE clause typed as text, checked so it cannot change the rest of the query: no second statement, no LIMIT,
 * OFFSET, ORDER BY or GROUP BY, no comment, balanced quotes and brackets. A leading WHERE is dropped.
 */
export function checkWhereText(raw: unknown, field = 'COQL WHERE Clause'): string {
	if (typeof raw !== 'string') throw new InvalidInput(field, `must be text, got ${shown(raw)}`, TEXT_HINT);
	const text = raw.trim().replace(/^where\b\s*/i, '').trim();
	if (!text) throw new InvalidInput(field, 'is empty: Zoho needs criteria', TEXT_HINT);
	let depth = 0;
	let outsideQuotes = '';
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char === "'") {
			// a quote inside a text value is doubled
			const end = text.indexOf("'", index + 1);
			let close = end;
			while (close !== -1 && text[close + 1] === "'") close = text.indexOf("'", close + 2);
			if (close === -1) throw new InvalidInput(field, 'has a quote that is never closed', TEXT_HINT);
			outsideQuotes += " '' ";
			index = close;
			continue;
		}
		if (char === '(') depth++;
		if (char === ')' && --depth < 0) throw new InvalidInput(field, 'closes a bracket that was never opened', TEXT_HINT);
		outsideQuotes += char;
	}
	if (depth !== 0) throw new InvalidInput(field, 'opens a bracket that is never closed', TEXT_HINT);
	if (/;/.test(outsideQuotes)) throw new InvalidInput(field, 'holds a second statement (;)', TEXT_HINT);
	if (/--|\/\*|#/.test(outsideQuotes)) throw new InvalidInput(field, 'holds a comment (--, /* or #)', TEXT_HINT);
	const clause = /\b(select|from|where|limit|offset|order\s+by|group\s+by|having|union)\b/i.exec(outsideQuotes);
	if (clause) {
		throw new InvalidInput(field, `holds ${clause[1].toUpperCase().replace(/\s+/, ' ')}, which would change the query itself, not only its criteria`, TEXT_HINT);
	}
	return text;
}

const describe = (index: number, condition: { field: string }) => `Condition ${index + 1} (${condition.field})`;

function text(value: unknown, what: string): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new InvalidInput(what, `must be text, got ${shown(value)}`);
}

/** A date or date-time handed over by an expression: a Date, or a Luxon DateTime ({{ $now }}). */
function dateObjectText(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : undefined;
	const toISO = (value as { toISO?: (options?: object) => string } | null)?.toISO;
	return typeof toISO === 'function' ? toISO.call(value, { suppressMilliseconds: true }) : undefined;
}

function dateValue(value: unknown, what: string): string {
	const written = dateObjectText(value) ?? text(value, what).trim();
	const date = written.slice(0, 10);
	if (DATE.test(date) && (written.length === 10 || written[10] === 'T') && Number.isFinite(Date.parse(date))) return quoted(date);
	throw new InvalidInput(what, `must be a date such as 2024-03-31, got ${shown(value)}`);
}

const DATE_TIME_HINT =
	"Use a date and time with its offset, e.g. 2024-03-31T18:00:00+05:30 or 2024-03-31T12:30:00Z, or an expression such as {{ $now.minus({ days: 30 }) }}. A date alone (2024-03-31) means midnight UTC.";

function dateTimeValue(value: unknown, what: string): string {
	const written = dateObjectText(value) ?? text(value, what).trim();
	if (DATE.test(written)) return quoted(`${written}T00:00:00+00:00`);
	const match = DATE_TIME.exec(written);
	if (!match || !Number.isFinite(Date.parse(written))) throw new InvalidInput(what, `must be a date and time, got ${shown(value)}`, DATE_TIME_HINT);
	const [, date, hours, minutes, seconds = '00', zone] = match;
	if (!zone) throw new InvalidInput(what, `has no time zone offset (${shown(value)}), so which moment it means is unclear`, DATE_TIME_HINT);
	const offset = /^z$/i.test(zone) ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
	return quoted(`${date}T${hours}:${minutes}:${seconds}${offset}`);
}

function numberValue(value: unknown, what: string): string {
	const written = typeof value === 'number' ? String(value) : text(value, what).trim();
	if (!NUMBER.test(written)) throw new InvalidInput(what, `must be a number such as 1500 or 99.5, got ${shown(value)}`);
	return written;
}

function booleanValue(value: unknown, what: string): string {
	const written = typeof value === 'boolean' ? String(value) : text(value, what).trim().toLowerCase();
	if (written !== 'true' && written !== 'false') throw new InvalidInput(what, `must be true or false, got ${shown(value)}`);
	// quoted, as in Zoho's samples
	return quoted(written);
}

function picklistValue(value: unknown, field: ZohoField, what: string): string {
	const written = text(value, what);
	const allowed = (field.pick_list_values ?? []).map((entry) => String(entry.actual_value ?? entry.display_value ?? ''));
	if (allowed.length > 0 && !allowed.includes(written)) {
		const close = allowed.find((candidate) => candidate.toLowerCase() === written.trim().toLowerCase());
		throw new InvalidInput(
			what,
			`is not a value of this picklist: ${shown(written)}`,
			close ? `Did you mean '${close}'? Picklist values must match exactly.` : `Its values: ${allowed.slice(0, 15).map((entry) => `'${entry}'`).join(', ')}${allowed.length > 15 ? ', …' : ''}.`,
		);
	}
	return quoted(written);
}

function lookupValue(value: unknown, what: string): string {
	const written = typeof value === 'number' ? value : text(value, what).trim();
	if (!isZohoId(written)) {
		throw new InvalidInput(
			what,
			`must be a record or user ID of 1 to 19 digits, got ${shown(value)}`,
			'A lookup is compared by the ID of the record (or user) it points to, kept as text: 19-digit IDs do not fit a number.',
		);
	}
	return quoted(written);
}

function likeValue(value: unknown, what: string, pattern: (text: string) => string): string {
	const written = text(value, what);
	if (!written) throw new InvalidInput(what, 'is empty');
	if (written.includes('%')) {
		throw new InvalidInput(what, `holds %, which COQL reads as "anything here": ${shown(written)}`, 'To match a literal %, or for patterns of your own, use a COQL WHERE clause.');
	}
	return quoted(pattern(written));
}

/** One value written as COQL reads it for the field's kind. */
export function coqlValue(value: unknown, kind: FieldKind, field: ZohoField, what: string): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new InvalidInput(what, 'is empty', 'Enter a value, or choose Is Empty or Is Not Empty.');
	}
	switch (kind) {
		case 'number':
			return numberValue(value, what);
		case 'date':
			return dateValue(value, what);
		case 'datetime':
			return dateTimeValue(value, what);
		case 'boolean':
			return booleanValue(value, what);
		case 'picklist':
			return picklistValue(value, field, what);
		case 'lookup':
			return lookupValue(value, what);
		default:
			return quoted(text(value, what));
	}
}

/** An IN list: an array from an expression, or text with the values separated by commas. */
function listValues(value: unknown, what: string): unknown[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '') : [value];
	if (list.length === 0) throw new InvalidInput(what, 'is empty', 'Enter one value or more, separated by commas (or an expression giving a list).');
	if (list.length > COQL_LIMITS.maxInValues) throw new InvalidInput(what, `has ${list.length} values; Zoho takes at most ${COQL_LIMITS.maxInValues} in one list`);
	return list;
}

const ORDER_OF: Partial<Record<FieldKind, (literal: string) => number>> = {
	number: Number,
	date: (literal) => Date.parse(literal.slice(1, -1)),
	datetime: (literal) => Date.parse(literal.slice(1, -1)),
};

/** One condition as COQL: the field, the comparator, the value(s) written for the field's kind. */
export function writeCondition(condition: Condition, field: ZohoField, index: number): string {
	const name = describe(index, condition);
	const kind = kindOf(field);
	const spec = CONDITION_OPERATORS[condition.operator];
	if (!spec.kinds.includes(kind)) {
		const fitting = operatorsFor(kind).map((operator) => `'${CONDITION_OPERATORS[operator].name}'`);
		throw new InvalidInput(
			name,
			`is ${KIND_WORDS[kind]}, which Zoho cannot compare with '${spec.name}'`,
			fitting.length ? `Choose one of ${fitting.join(', ')}.` : 'Use another field, or a COQL WHERE clause.',
		);
	}
	const column = condition.field;
	const value = (raw: unknown, which = 'value') => coqlValue(raw, kind, field, `${name} ${which}`);
	switch (condition.operator) {
		case 'isEmpty':
			return `${column} is null`;
		case 'isNotEmpty':
			return `${column} is not null`;
		case 'between':
		case 'notBetween': {
			const from = value(condition.value);
			const to = value(condition.valueTo, 'second value');
			const order = ORDER_OF[kind];
			if (order && order(from) > order(to)) throw new InvalidInput(name, `goes from ${from} to ${to}, an empty range`, 'Put the smaller value first.');
			return `${column} ${condition.operator === 'between' ? 'between' : 'not between'} ${from} and ${to}`;
		}
		case 'in':
		case 'notIn': {
			const values = listValues(condition.value, `${name} values`).map((entry) => value(entry));
			return `${column} ${condition.operator === 'in' ? 'in' : 'not in'} (${values.join(', ')})`;
		}
		case 'contains':
			return `${column} like ${likeValue(condition.value, `${name} value`, (written) => `%${written}%`)}`;
		case 'notContains':
			return `${column} not like ${likeValue(condition.value, `${name} value`, (written) => `%${written}%`)}`;
		case 'startsWith':
			return `${column} like ${likeValue(condition.value, `${name} value`, (written) => `${written}%`)}`;
		case 'endsWith':
			return `${column} like ${likeValue(condition.value, `${name} value`, (written) => `%${written}`)}`;
		default: {
			const comparator = { equals: '=', notEquals: '!=', greaterThan: '>', greaterEqual: '>=', lessThan: '<', lessEqual: '<=' }[condition.operator];
			return `${column} ${comparator} ${value(condition.value)}`;
		}
	}
}

/**
 * Each condition as a COQL criterion, checked against the module's fields (by API name) before anything is sent:
 * an unknown field, an operator that does not fit its type or a value that is not of it is refused here.
 */
export function writeEachCondition(conditions: Condition[], fields: ReadonlyMap<string, ZohoField>, module: string): string[] {
	if (conditions.length === 0) {
		throw new InvalidInput('Conditions', 'are empty: Zoho needs criteria', `Add a condition. For every record of ${module}, use a COQL WHERE clause of ${MATCH_ALL}.`);
	}
	if (conditions.length > COQL_LIMITS.maxCriteria) throw new InvalidInput('Conditions', `are ${conditions.length}; Zoho takes at most ${COQL_LIMITS.maxCriteria} in one query`);
	return conditions.map((condition, index) => {
		if (!FIELD_API_NAME.test(condition.field)) {
			throw new InvalidInput(`Condition ${index + 1} field`, `must be a field API name (letters, digits and underscores), got ${shown(condition.field)}`, 'Pick the field from the list.');
		}
		const field = condition.field === 'id' ? { api_name: 'id' } : fields.get(condition.field);
		if (!field) {
			throw new InvalidInput(describe(index, condition), `is not a field of ${module}`, `Pick the field from the list; API names are case-sensitive (Setup > Developer Hub > APIs shows them).`);
		}
		return writeCondition(condition, field, index);
	});
}

/** Conditions as one WHERE clause, joined by the combinator in bracketed pairs. */
export function writeConditions(conditions: Condition[], fields: ReadonlyMap<string, ZohoField>, combinator: Combinator, module: string): string {
	return joinCriteria(writeEachCondition(conditions, fields, module), combinator);
}
