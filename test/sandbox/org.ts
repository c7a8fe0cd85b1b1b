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

export interface CustomView {
	cvid: string;
	module: string;
	name: string;
	records: number;
}

export const SANDBOX_CUSTOM_VIEWS: CustomView[] = [
	{ cvid: '3652397000000538003', module: 'Leads', name: 'Junk Leads', records: 9 },
	{ cvid: '3652397000000538005', module: 'Leads', name: 'Imported 2019', records: 5_000 },
	{ cvid: '3652397000000538007', module: 'Leads', name: 'All Leads (50k)', records: 50_000 },
	{ cvid: '3652397000000538011', module: 'Contacts', name: 'Bounced Emails', records: 1_200 },
	{ cvid: '3652397000000538013', module: 'Events', name: 'Past Meetings', records: 800 },
	{ cvid: '3652397000000538017', module: 'Vehicles', name: 'Sold Vehicles', records: 300 },
];

export function findModule(apiName: string): SandboxModule | undefined {
	return SANDBOX_MODULES.find((entry) => entry.api_name === apiName);
}

/** A module as Zoho returns it: without the sandbox's own bookkeeping. */
export function publicModule({ massDelete, ...fields }: SandboxModule): Omit<SandboxModule, 'massDelete'> {
	return fields;
}
