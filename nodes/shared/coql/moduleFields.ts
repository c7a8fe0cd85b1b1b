import type { IDataObject } from 'n8n-workflow';

import type { ZohoConnection } from '../connection';
import type { ApiVersion } from '../input';
import { fieldsPath } from '../paths';
import { SCOPE_FIELDS_READ } from '../scopes';
import { zohoCrmApiRequest, type ZohoContext } from '../transport';
import { reconnectWith, START_TOGGLE } from '../zohoErrors';
import type { ZohoField } from './fieldKinds';

export const FIELDS_ERROR_HINTS: Record<string, string> = {
	OAUTH_SCOPE_MISMATCH: `The credential was connected without ${SCOPE_FIELDS_READ}, which reading the module's fields needs. ${reconnectWith(START_TOGGLE)}`,
};

/** GET /settings/fields?module=: the module's fields, with their types (204: none). */
export async function fetchModuleFields(
	context: ZohoContext,
	target: { apiVersion: ApiVersion; module: string },
	call: { itemIndex?: number; connection?: ZohoConnection } = {},
): Promise<ZohoField[]> {
	const response = await zohoCrmApiRequest.call(context, {
		method: 'GET',
		path: fieldsPath(target.apiVersion),
		qs: { module: target.module },
		...call,
		errorHints: FIELDS_ERROR_HINTS,
	});
	const fields = Array.isArray(response.body?.fields) ? (response.body.fields as IDataObject[]) : [];
	return fields.filter((field): field is IDataObject & ZohoField => typeof field?.api_name === 'string' && field.api_name !== '');
}

/** The field a record is known by in Zoho CRM, per standard module (custom modules: Name). */
const NAME_FIELDS: Record<string, string> = {
	Leads: 'Full_Name',
	Contacts: 'Full_Name',
	Accounts: 'Account_Name',
	Deals: 'Deal_Name',
	Campaigns: 'Campaign_Name',
	Tasks: 'Subject',
	Cases: 'Subject',
	Events: 'Event_Title',
	Calls: 'Subject',
	Solutions: 'Solution_Title',
	Products: 'Product_Name',
	Vendors: 'Vendor_Name',
	Price_Books: 'Price_Book_Name',
	Quotes: 'Subject',
	Sales_Orders: 'Subject',
	Purchase_Orders: 'Subject',
	Invoices: 'Subject',
	Appointments__s: 'Appointment_Name',
};

/** The module's name field, when its field list has it: shown beside each ID in a dry run's sample. */
export function nameFieldOf(module: string, fields: readonly ZohoField[]): string | undefined {
	const candidates = [NAME_FIELDS[module], 'Name', 'Last_Name'];
	return candidates.find((name) => name !== undefined && fields.some((field) => field.api_name === name));
}

/** Fields by API name, each module asked for once per execution. */
export class FieldCache {
	private readonly answers = new Map<string, Promise<ReadonlyMap<string, ZohoField>>>();

	async of(context: ZohoContext, target: { apiVersion: ApiVersion; module: string }, call: { itemIndex: number; connection: ZohoConnection }): Promise<ReadonlyMap<string, ZohoField>> {
		const key = `${target.apiVersion}/${target.module}`;
		let answer = this.answers.get(key);
		if (!answer) {
			answer = fetchModuleFields(context, target, call).then((fields) => new Map(fields.map((field) => [field.api_name, field])));
			answer.catch(() => this.answers.delete(key));
			this.answers.set(key, answer);
		}
		return await answer;
	}
}
