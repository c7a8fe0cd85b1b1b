/** The sandbox org's modules (shaped like GET /settings/modules) and the custom views a mass delete can target. */
export interface SandboxModule {
	id: string;
	api_name: string;
	module_name: string;
	plural_label: string;
	singular_label: string;
	generated_type: 'default' | 'custom' | 'subform' | 'linking' | 'web';
	api_supported: boolean;
	deletable: boolean;
	creatable: boolean;
	viewable: boolean;
	visible: boolean;
	visibility: number;
	status: 'visible' | 'user_hidden' | 'system_hidden' | 'scheduled_for_deletion';
	/** Not a Zoho field: whether mass delete applies (kept out of API replies). */
	massDelete: boolean;
}

let sequence = 0;
function module(
	api_name: string,
	plural_label: string,
	extra: Partial<SandboxModule> = {},
): SandboxModule {
	sequence += 1;
	const singular = plural_label.replace(/s$/, '');
	return {
		id: `3652397000000${String(2000 + sequence).padStart(6, '0')}`,
		api_name,
		module_name: api_name.replace(/_/g, ''),
		plural_label,
		singular_label: singular,
		generated_type: 'default',
		api_supported: true,
		deletable: true,
		creatable: true,
		viewable: true,
		visible: true,
		visibility: 1,
		status: 'visible',
		massDelete: true,
		...extra,
	};
}

export const SANDBOX_MODULES: SandboxModule[] = [
	module('Home', 'Home', { api_supported: false, deletable: false, creatable: false, massDelete: false }),
	module('Leads', 'Leads'),
	module('Accounts', 'Accounts'),
	module('Contacts', 'Contacts'),
	module('Deals', 'Deals', { module_name: 'Potentials' }),
	module('Campaigns', 'Campaigns'),
	module('Tasks', 'Tasks'),
	module('Cases', 'Cases'),
	module('Events', 'Meetings', { module_name: 'Meetings', singular_label: 'Meeting' }),
	module('Calls', 'Calls'),
	module('Solutions', 'Solutions'),
	module('Products', 'Products'),
	module('Vendors', 'Vendors'),
	module('Price_Books', 'Price Books', { module_name: 'PriceBooks' }),
	module('Quotes', 'Quotes'),
	module('Sales_Orders', 'Sales Orders', { module_name: 'SalesOrders' }),
	module('Purchase_Orders', 'Purchase Orders', { module_name: 'PurchaseOrders' }),
	module('Invoices', 'Invoices'),
	module('Services__s', 'Services'),
	module('Appointments__s', 'Appointments'),
	module('Vehicles', 'Vehicles', { generated_type: 'custom', module_name: 'CustomModule1' }),
	module('Quoted_Items', 'Quoted Items', { generated_type: 'subform', visibility: 2, massDelete: false }),
	module('Invoiced_Items', 'Invoiced Items', { generated_type: 'subform', visibility: 2, massDelete: false }),
	module('Contacts_X_Deals', 'Contact Roles', { generated_type: 'linking', massDelete: false }),
	module('Notes', 'Notes', { massDelete: false }),
	module('Reports', 'Reports', { api_supported: false, deletable: false, massDelete: false }),
	module('Documents', 'Documents', { api_supported: false, massDelete: false }),
];

/** Consecutive record IDs of one module. A refusal marks records Zoho will not delete (locked, unapproved). */
export interface RecordSegment {
	module: string;
	name: string;
	firstId: bigint;
	count: number;
	refusal?: { code: string; message: string };
	/** Notes and attachments per record: they go to the recycle bin, and come back, with it. */
	children?: number;
	/** Field values every record of the segment shares (the rest are computed per record: see fields.ts). */
	values?: Record<string, unknown>;
}

export interface CustomView {
	cvid: string;
	module: string;
	name: string;
	/** The record segments the view's criteria select. */
	segments: string[];
	/** Zoho's system "All ..." view of the module. */
	systemDefined?: boolean;
}

type SegmentSpec = [name: string, count: number, refusal?: RecordSegment['refusal'], children?: number, values?: Record<string, unknown>];

function segments(module: string, moduleIndex: number, sizes: SegmentSpec[]): RecordSegment[] {
	let next = BigInt('3652397000100000000') + BigInt(moduleIndex) * BigInt(1_000_000);
	return sizes.map(([name, count, refusal, children, values]) => {
		const segment: RecordSegment = { module, name, firstId: next, count, refusal, children, values };
		next += BigInt(count);
		return segment;
	});
}

export const LOCKED = { code: 'INVALID_DATA', message: 'Record locked or invalid permissions' };
export const UNAPPROVED = { code: 'NOT_APPROVED', message: 'record not approved' };

export const SANDBOX_RECORD_SEGMENTS: RecordSegment[] = [
	...segments('Leads', 1, [
		['junk', 9, undefined, undefined, { Lead_Status: 'Junk Lead', Created_From: '2023-03-01T00:00:00Z' }],
		['imported2019', 5_000, undefined, undefined, { Lead_Status: 'Not Contacted', Lead_Source: 'Trade Show', Created_From: '2019-01-01T00:00:00Z' }],
		['locked', 3, LOCKED, undefined, { Lead_Status: 'Junk Lead', Created_From: '2023-03-01T00:00:00Z' }],
		['unapproved', 3, UNAPPROVED, undefined, { Lead_Status: 'Junk Lead', Created_From: '2023-03-01T00:00:00Z' }],
		['other', 44_985],
	]),
	...segments('Contacts', 2, [
		// each with notes and attachments: 200 of them are more than Zoho restores at once
		['bounced', 1_200, undefined, 5, { Email_Opt_Out: true }],
		['other', 300],
	]),
	...segments('Events', 3, [
		['past', 800],
		['upcoming', 50],
	]),
	...segments('Vehicles', 4, [
		['sold', 300],
		['other', 20],
	]),
	// a module large enough for a delete past COQL's 100,000-record ceiling of LIMIT and OFFSET
	...segments('Accounts', 5, [
		// dormant accounts that are locked: a delete refuses them, and a later pass of the same delete must not ask again
		['locked', 5, LOCKED, undefined, { Account_Type: 'Dormant', Created_From: '2017-01-01T00:00:00Z' }],
		['dormant', 100_000, undefined, undefined, { Account_Type: 'Dormant', Created_From: '2015-01-01T00:00:00Z' }],
		['active', 500],
		['closed', 500, undefined, undefined, { Account_Type: 'Dormant', Created_From: '2016-01-01T00:00:00Z' }],
	]),
];

const allOf = (module: string) => SANDBOX_RECORD_SEGMENTS.filter((segment) => segment.module === module).map((segment) => segment.name);

export const SANDBOX_CUSTOM_VIEWS: CustomView[] = [
	{ cvid: '3652397000000538003', module: 'Leads', name: 'Junk Leads', segments: ['junk'] },
	{ cvid: '3652397000000538005', module: 'Leads', name: 'Imported 2019', segments: ['imported2019'] },
	{ cvid: '3652397000000538007', module: 'Leads', name: 'All Leads', segments: allOf('Leads'), systemDefined: true },
	{ cvid: '3652397000000538009', module: 'Leads', name: 'Locked and Unapproved Leads', segments: ['locked', 'unapproved'] },
	// deletable and locked records together: a mass delete that completes with some records not deleted
	{ cvid: '3652397000000538010', module: 'Leads', name: 'Stale Leads', segments: ['junk', 'locked'] },
	{ cvid: '3652397000000538011', module: 'Contacts', name: 'Bounced Emails', segments: ['bounced'] },
	{ cvid: '3652397000000538012', module: 'Contacts', name: 'All Contacts', segments: allOf('Contacts'), systemDefined: true },
	{ cvid: '3652397000000538013', module: 'Events', name: 'Past Meetings', segments: ['past'] },
	{ cvid: '3652397000000538017', module: 'Vehicles', name: 'Sold Vehicles', segments: ['sold'] },
];

/** A custom view as GET /settings/custom_views lists it (Zoho's keys; criteria and sharing left out). */
export function publicCustomView(view: CustomView): Record<string, unknown> {
	return {
		id: view.cvid,
		name: view.name,
		display_value: view.name,
		system_name: view.systemDefined ? `ALLVIEWS` : null,
		system_defined: Boolean(view.systemDefined),
		category: view.systemDefined ? 'public_views' : 'created_by_me',
		access_type: view.systemDefined ? 'public' : 'only_to_me',
		default: Boolean(view.systemDefined),
		favorite: null,
		locked: false,
		offline: true,
		sort_by: null,
		sort_order: null,
	};
}

export function findModule(apiName: string): SandboxModule | undefined {
	return SANDBOX_MODULES.find((entry) => entry.api_name === apiName);
}

/** A module as Zoho returns it: without the sandbox's own bookkeeping. */
export function publicModule(module: SandboxModule): Omit<SandboxModule, 'massDelete'> {
	const fields: Partial<SandboxModule> = { ...module };
	delete fields.massDelete;
	return fields as Omit<SandboxModule, 'massDelete'>;
}

/** The org's territories, as GET /settings/territories lists them (reporting_to: the parent territory). */
export const SANDBOX_TERRITORIES = [
	{ id: '3652397000000321001', name: 'North America', api_name: 'North_America', reporting_to: null },
	{ id: '3652397000000321003', name: 'West Coast', api_name: 'West_Coast', reporting_to: { id: '3652397000000321001', name: 'North America' } },
	{ id: '3652397000000321005', name: 'EMEA', api_name: 'EMEA', reporting_to: null },
];
