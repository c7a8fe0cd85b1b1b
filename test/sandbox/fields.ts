import { SANDBOX_RECORD_SEGMENTS, type RecordSegment } from './org';
import type { OrgUsers } from './records';

/**
 * The sandbox modules' fields, typed as GET /settings/fields describes them (zoho-crm-api.md § Fields metadata), and
 * each record's value of each field, computed from its segment and its position in it: a 100,000-record module
 * costs no memory, and criteria select records the way they would in a real org.
 */
export type SandboxDataType =
	| 'text'
	| 'textarea'
	| 'email'
	| 'picklist'
	| 'multiselectpicklist'
	| 'integer'
	| 'currency'
	| 'boolean'
	| 'date'
	| 'datetime'
	| 'lookup'
	| 'ownerlookup';

/** Where a record stands: what its values are computed from. */
export interface RecordPlace {
	id: string;
	segment: RecordSegment;
	/** 1 for the segment's first record. */
	position: number;
	users: OrgUsers;
}

export interface SandboxField {
	api_name: string;
	field_label: string;
	data_type: SandboxDataType;
	custom_field?: boolean;
	/** Encrypted: COQL takes only the null checks. */
	encrypted?: boolean;
	picklist?: string[];
	/** The module a lookup points to. */
	lookup?: string;
	value(place: RecordPlace): unknown;
}

const DAY_MS = 86_400_000;
/** Zoho's date-time format: to the second, with an offset. */
export const zohoDateTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, '+00:00');
const zohoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The accounts a contact's Account_Name points to. */
const ACTIVE_ACCOUNTS = SANDBOX_RECORD_SEGMENTS.find((segment) => segment.module === 'Accounts' && segment.name === 'active')!;

const COMPANIES = ['Zylker', "O'Brien & Sons", 'Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli'];
const INDUSTRIES = ['Technology', 'Retail', 'Manufacturing', 'Finance', 'Healthcare'];

const cycle = <T>(values: readonly T[], position: number) => values[position % values.length];
/** A segment's own value of a field (e.g. every Junk Lead's Lead_Status), else the field's computed one. */
const own = (place: RecordPlace, field: string, otherwise: unknown) => place.segment.values?.[field] ?? otherwise;
const created = (place: RecordPlace) => Date.parse(String(own(place, 'Created_From', '2024-01-01T00:00:00Z'))) + place.position * 60_000;
const owner = ({ position, users }: RecordPlace) => {
	const user = position % 2 === 1 ? users.colleague : users.admin;
	return { name: user.full_name, id: user.id, email: user.email };
};
const label = (place: RecordPlace, prefix: string) => `${prefix} ${place.segment.name}-${place.position}`;

function field(api_name: string, field_label: string, data_type: SandboxDataType, value: SandboxField['value'], extra: Partial<SandboxField> = {}): SandboxField {
	return { api_name, field_label, data_type, value, ...extra };
}

const ownerField = field('Owner', 'Lead Owner', 'ownerlookup', owner, { lookup: 'users' });
const createdTime = field('Created_Time', 'Created Time', 'datetime', (place) => zohoDateTime(created(place)));
const revenue = field('Annual_Revenue', 'Annual Revenue', 'currency', ({ position }) => (position * 7_919) % 1_000_000);

export const SANDBOX_FIELDS: Record<string, SandboxField[]> = {
	Leads: [
		field('Last_Name', 'Last Name', 'text', (place) => `${place.segment.name}-${place.position}`),
		field('First_Name', 'First Name', 'text', () => 'Lead'),
		field('Full_Name', 'Lead Name', 'text', (place) => label(place, 'Lead')),
		field('Email', 'Email', 'email', (place) => `${place.segment.name}.${place.position}@example.com`),
		field('Company', 'Company', 'text', (place) => cycle(COMPANIES, place.position)),
		field('Lead_Status', 'Lead Status', 'picklist', (place) => own(place, 'Lead_Status', cycle(['Contacted', 'Attempted to Contact', 'Qualified', 'Pre-Qualified'], place.position)), {
			picklist: ['-None-', 'Attempted to Contact', 'Contact in Future', 'Contacted', 'Junk Lead', 'Lost Lead', 'Not Contacted', 'Pre-Qualified', 'Qualified'],
		}),
		field('Lead_Source', 'Lead Source', 'picklist', (place) => own(place, 'Lead_Source', cycle(['Advertisement', 'Cold Call', 'Web Download', 'Partner'], place.position)), {
			picklist: ['-None-', 'Advertisement', 'Cold Call', 'Employee Referral', 'Partner', 'Trade Show', 'Web Download'],
		}),
		field('Preferred_Channels', 'Preferred Channels', 'multiselectpicklist', (place) => cycle(['Email', 'Email;Phone', 'SMS'], place.position), { custom_field: true, picklist: ['Email', 'Phone', 'SMS'] }),
		revenue,
		field('No_of_Employees', 'No. of Employees', 'integer', ({ position }) => position),
		field('Email_Opt_Out', 'Email Opt Out', 'boolean', ({ position }) => position % 4 === 0),
		createdTime,
		field('Follow_Up_Date', 'Follow-Up Date', 'date', ({ position }) => zohoDate(Date.parse('2025-01-01T00:00:00Z') + (position % 365) * DAY_MS), { custom_field: true }),
		ownerField,
		field('Description', 'Description', 'textarea', (place) => `Imported with ${place.segment.name}`),
		field('Tax_ID', 'Tax ID', 'text', ({ position }) => `TX${position}`, { custom_field: true, encrypted: true }),
	],
	Contacts: [
		field('Last_Name', 'Last Name', 'text', (place) => `${place.segment.name}-${place.position}`),
		field('First_Name', 'First Name', 'text', () => 'Contact'),
		field('Full_Name', 'Contact Name', 'text', (place) => label(place, 'Contact')),
		field('Email', 'Email', 'email', (place) => `${place.segment.name}.${place.position}@example.org`),
		field('Account_Name', 'Account Name', 'lookup', ({ position }) => ({ name: `Account active-${(position % 500) + 1}`, id: (ACTIVE_ACCOUNTS.firstId + BigInt(position % 500)).toString() }), { lookup: 'Accounts' }),
		field('Date_of_Birth', 'Date of Birth', 'date', ({ position }) => zohoDate(Date.parse('1970-01-01T00:00:00Z') + (position % 12_000) * DAY_MS)),
		field('Email_Opt_Out', 'Email Opt Out', 'boolean', (place) => own(place, 'Email_Opt_Out', false)),
		createdTime,
		{ ...ownerField, field_label: 'Contact Owner' },
	],
	Accounts: [
		field('Account_Name', 'Account Name', 'text', (place) => label(place, 'Account')),
		field('Account_Type', 'Account Type', 'picklist', (place) => own(place, 'Account_Type', 'Customer'), { picklist: ['-None-', 'Analyst', 'Competitor', 'Customer', 'Dormant', 'Partner', 'Prospect'] }),
		field('Industry', 'Industry', 'picklist', (place) => cycle(INDUSTRIES, place.position), { picklist: ['-None-', ...INDUSTRIES] }),
		revenue,
		createdTime,
		{ ...ownerField, field_label: 'Account Owner' },
	],
	Events: [
		field('Event_Title', 'Title', 'text', (place) => label(place, 'Meeting')),
		field('Start_DateTime', 'From', 'datetime', (place) => zohoDateTime(created(place) + DAY_MS)),
		createdTime,
		{ ...ownerField, field_label: 'Host' },
	],
	Vehicles: [
		field('Name', 'Vehicle Name', 'text', (place) => label(place, 'Vehicle')),
		field('Price', 'Price', 'currency', ({ position }) => 10_000 + position * 250, { custom_field: true }),
		field('Sold_Date', 'Sold Date', 'date', (place) => (place.segment.name === 'sold' ? zohoDate(Date.parse('2024-06-01T00:00:00Z') + place.position * DAY_MS) : null), { custom_field: true }),
		createdTime,
		{ ...ownerField, field_label: 'Vehicle Owner' },
	],
};

export function fieldsOf(module: string): SandboxField[] {
	return SANDBOX_FIELDS[module] ?? [];
}

/** A field as GET /settings/fields answers (Zoho's keys, trimmed to those a client reads). */
export function publicField(definition: SandboxField, index: number, moduleIds: Record<string, string | undefined>): Record<string, unknown> {
	return {
		api_name: definition.api_name,
		field_label: definition.field_label,
		display_label: definition.field_label,
		data_type: definition.data_type,
		json_type: definition.data_type === 'lookup' || definition.data_type === 'ownerlookup' ? 'jsonobject' : definition.data_type === 'boolean' ? 'boolean' : definition.data_type === 'multiselectpicklist' ? 'jsonarray' : 'string',
		id: `36523970000000${String(5000 + index).padStart(5, '0')}`,
		custom_field: Boolean(definition.custom_field),
		visible: true,
		read_only: definition.api_name === 'Created_Time' || definition.api_name === 'Full_Name',
		filterable: true,
		searchable: definition.data_type !== 'boolean',
		sortable: true,
		crypt: definition.encrypted ? { mode: 'decryption', column: definition.api_name.toLowerCase(), encfldids: null, notify: null, table: null, status: 1 } : null,
		pick_list_values: (definition.picklist ?? []).map((value, position) => ({
			display_value: value,
			actual_value: value,
			reference_value: value,
			id: `36523970000000${String(7000 + index * 20 + position).padStart(5, '0')}`,
			sequence_number: position + 1,
			type: 'used',
			colour_code: null,
		})),
		lookup: definition.lookup && definition.lookup !== 'users' ? { module: { api_name: definition.lookup, id: moduleIds[definition.lookup] }, api_name: definition.api_name, display_label: definition.field_label } : {},
	};
}
