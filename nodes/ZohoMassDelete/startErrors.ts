import { SCOPE_MASS_DELETE_DELETE } from '../shared/scopes';
import { reconnectWith, START_TOGGLE } from '../shared/zohoErrors';

/** Hints for Zoho's answers to a mass delete start, whichever way it deletes (zoho-crm-api.md §1.1). */
export const START_ERROR_HINTS: Record<string, string> = {
	ALREADY_SCHEDULED:
		'Zoho runs one mass delete per org at a time, and one is still running. Follow it with the Zoho Mass Delete Status node until it is COMPLETED or FAILED, then start this one again.',
	NOT_APPROVED: 'Zoho does not delete records that are awaiting approval. Approve or reject them in Zoho CRM first.',
	MANDATORY_NOT_FOUND: 'Zoho found neither a custom view nor record IDs in the request. Pick a custom view, or map the record IDs.',
	NO_PERMISSION:
		'The connected Zoho user may not mass delete in this module: their profile needs the "Mass Delete" permission and permission to delete its records.',
	OAUTH_SCOPE_MISMATCH: `The credential was connected without ${SCOPE_MASS_DELETE_DELETE}. ${reconnectWith(START_TOGGLE)}`,
	LIMIT_EXCEEDED: 'Zoho deletes at most 500 records by ID in one call.',
};
