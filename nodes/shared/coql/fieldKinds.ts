/**
 * What COQL can do with a field, by the kind of value it holds (zoho-crm-api.md § Query API, "Field types and their
 * comparators"). Pure: the condition picker offers these operators, and the writer refuses any other before a call.
 */
export type FieldKind = 'text' | 'picklist' | 'multiPicklist' | 'lookup' | 'number' | 'date' | 'datetime' | 'boolean' | 'encrypted' | 'unsupported';

/** A field as GET /settings/fields describes it (the keys this package reads). */
export interface ZohoField {
	api_name: string;
	field_label?: string;
	display_label?: string;
	data_type?: string;
	crypt?: unknown;
	formula?: { return_type?: string } | null;
	rollup_summary?: { return_type?: string } | null;
	pick_list_values?: Array<{ actual_value?: string; display_value?: string; type?: string }>;
	lookup?: { module?: { api_name?: string } } | null;
}

const KIND_BY_DATA_TYPE: Record<string, FieldKind> = {
	text: 'text',
	textarea: 'text',
	email: 'text',
	phone: 'text',
	website: 'text',
	autonumber: 'text',
	picklist: 'picklist',
	multiselectpicklist: 'multiPicklist',
	date: 'date',
	datetime: 'datetime',
	integer: 'number',
	bigint: 'number',
	currency: 'number',
	double: 'number',
	decimal: 'number',
	percent: 'number',
	long: 'number',
	boolean: 'boolean',
	lookup: 'lookup',
	ownerlookup: 'lookup',
	userlookup: 'lookup',
};

/** A formula or rollup field compares as what it returns. */
export function kindOf(field: ZohoField): FieldKind {
	if (field.crypt !== undefined && field.crypt !== null && field.crypt !== false) return 'encrypted';
	const returned = field.formula?.return_type ?? field.rollup_summary?.return_type;
	const dataType = String((field.data_type === 'formula' || field.data_type === 'rollup_summary') && returned ? returned : (field.data_type ?? '')).toLowerCase();
	if (field.api_name === 'id') return 'lookup';
	return KIND_BY_DATA_TYPE[dataType] ?? 'unsupported';
}

export type ConditionOperator =
	| 'equals'
	| 'notEquals'
	| 'greaterThan'
	| 'greaterEqual'
	| 'lessThan'
	| 'lessEqual'
	| 'between'
	| 'notBetween'
	| 'in'
	| 'notIn'
	| 'contains'
	| 'notContains'
	| 'startsWith'
	| 'endsWith'
	| 'isEmpty'
	| 'isNotEmpty';

interface OperatorSpec {
	name: string;
	/** How many values it takes: none (null checks), one, two (between), or a list (in). */
	takes: 'none' | 'one' | 'two' | 'list';
	kinds: FieldKind[];
}

const ORDERED: FieldKind[] = ['number', 'date', 'datetime'];
const NAMED: FieldKind[] = ['text', 'picklist', 'multiPicklist'];
const EVERY_KIND: FieldKind[] = ['text', 'picklist', 'multiPicklist', 'lookup', 'number', 'date', 'datetime', 'encrypted'];

/** Zoho's comparators per field type; a boolean takes only '=', an encrypted field only the null checks. */
export const CONDITION_OPERATORS: Record<ConditionOperator, OperatorSpec> = {
	equals: { name: 'Is Equal To', takes: 'one', kinds: [...NAMED, 'lookup', ...ORDERED, 'boolean'] },
	notEquals: { name: 'Is Not Equal To', takes: 'one', kinds: [...NAMED, 'lookup', ...ORDERED] },
	greaterThan: { name: 'Is After / Greater Than', takes: 'one', kinds: ORDERED },
	greaterEqual: { name: 'Is On or After / Greater Than or Equal To', takes: 'one', kinds: ORDERED },
	lessThan: { name: 'Is Before / Less Than', takes: 'one', kinds: ORDERED },
	lessEqual: { name: 'Is On or Before / Less Than or Equal To', takes: 'one', kinds: ORDERED },
	between: { name: 'Is Between', takes: 'two', kinds: ORDERED },
	notBetween: { name: 'Is Not Between', takes: 'two', kinds: ORDERED },
	in: { name: 'Is One Of', takes: 'list', kinds: [...NAMED, 'lookup', ...ORDERED] },
	notIn: { name: 'Is None Of', takes: 'list', kinds: [...NAMED, 'lookup', ...ORDERED] },
	contains: { name: 'Contains', takes: 'one', kinds: NAMED },
	notContains: { name: 'Does Not Contain', takes: 'one', kinds: NAMED },
	startsWith: { name: 'Starts With', takes: 'one', kinds: NAMED },
	endsWith: { name: 'Ends With', takes: 'one', kinds: NAMED },
	isEmpty: { name: 'Is Empty', takes: 'none', kinds: EVERY_KIND },
	isNotEmpty: { name: 'Is Not Empty', takes: 'none', kinds: EVERY_KIND },
};

export const OPERATOR_VALUES = Object.keys(CONDITION_OPERATORS) as ConditionOperator[];

/** The operators that fit a kind of field, in the table's order; every operator when the kind is not known. */
export function operatorsFor(kind: FieldKind | undefined): ConditionOperator[] {
	return OPERATOR_VALUES.filter((operator) => kind === undefined || CONDITION_OPERATORS[operator].kinds.includes(kind));
}

/** Words a user knows for a kind, for messages. */
export const KIND_WORDS: Record<FieldKind, string> = {
	text: 'a text field',
	picklist: 'a picklist',
	multiPicklist: 'a multi-select picklist',
	lookup: 'a lookup (a record or user ID)',
	number: 'a number field',
	date: 'a date field',
	datetime: 'a date-time field',
	boolean: 'a checkbox',
	encrypted: 'an encrypted field (only Is Empty and Is Not Empty)',
	unsupported: 'a field COQL cannot filter on',
};
