import { InvalidInput, shown } from './input';

/** Zoho IDs are at most 19 digits (they fit a signed 64-bit integer). */
export const ZOHO_ID_PATTERN = '^\\d{1,19}$';
const ZOHO_ID = new RegExp(ZOHO_ID_PATTERN);

/** Whether a value Zoho sent is an ID as this package keeps them: a string of 1 to 19 digits. */
export function isZohoId(value: unknown): value is string {
	return typeof value === 'string' && ZOHO_ID.test(value);
}

/** One kind of Zoho ID, for messages: the field it comes from and how a user finds it. */
export interface IdKind {
	field: string;
	/** What the ID is, e.g. "the job_id Zoho returned when the mass delete was scheduled". */
	whatItIs: string;
	/** Plural noun for the 19-digit warning, e.g. "job IDs". */
	plural: string;
	/** The item field an expression would usually read it from. */
	jsonKey: string;
	example: string;
}

export const JOB_ID: IdKind = {
	field: 'Job ID',
	whatItIs: 'the job_id Zoho returned when the mass delete was scheduled',
	plural: 'job IDs',
	jsonKey: 'job_id',
	example: '3652397000009565021',
};

export const CUSTOM_VIEW_ID: IdKind = {
	field: 'Custom View',
	whatItIs: "the custom view's ID (the cvid in the view's address in Zoho CRM)",
	plural: 'custom view IDs',
	jsonKey: 'cvid',
	example: '3652397000000538003',
};

export const TERRITORY_ID: IdKind = {
	field: 'Territory',
	whatItIs: "the territory's ID (Setup > Territory Management)",
	plural: 'territory IDs',
	jsonKey: 'territory_id',
	example: '3652397000000321001',
};

export const RECORD_ID: IdKind = {
	field: 'Record IDs',
	whatItIs: "a record's ID, as Zoho CRM returns it in a record's id field",
	plural: 'record IDs',
	jsonKey: 'id',
	example: '3652397000006064023',
};

export const BIN_RECORD_ID: IdKind = {
	field: 'Record IDs',
	whatItIs: "a deleted record's ID, as the Zoho Recycle Bin node's List outputs it in id",
	plural: 'record IDs',
	jsonKey: 'id',
	example: '3652397000006064023',
};

/**
 * IDs stay strings end to end: 19-digit IDs are above 2^53 and a JavaScript number would change them.
 * A number (from an expression) is taken only while it is exact.
 */
export function parseZohoId(raw: unknown, kind: IdKind): string {
	const { field } = kind;
	const useHint = `Use ${kind.whatItIs}, e.g. ${kind.example}.`;
	if (typeof raw === 'number') {
		if (Number.isSafeInteger(raw) && raw >= 0) return String(raw);
		throw new InvalidInput(
			field,
			Number.isInteger(raw) && raw > Number.MAX_SAFE_INTEGER
				? `is a number too large to keep exactly (${shown(raw)})`
				: `must be a whole number of digits, got ${shown(raw)}`,
			`Zoho ${kind.plural} have 19 digits, more than a JavaScript number holds exactly. Pass the ID as a string, e.g. {{ $json.${kind.jsonKey} }} where ${kind.jsonKey} is text, not {{ Number(...) }}.`,
		);
	}
	if (typeof raw !== 'string') {
		throw new InvalidInput(
			field,
			`must be text made of digits, got ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}`,
			useHint,
		);
	}
	const id = raw.trim();
	if (!id) throw new InvalidInput(field, 'is empty', `Enter ${kind.whatItIs}.`);
	if (!ZOHO_ID.test(id)) throw new InvalidInput(field, `must be 1 to 19 digits, got ${shown(id)}`, useHint);
	return id;
}
