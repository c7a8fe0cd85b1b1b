import { SCOPE_RECYCLE_BIN_READ, SCOPE_RECYCLE_BIN_UPDATE, SCOPE_USERS_READ } from '../shared/scopes';
import { reconnectWith, RESTORE_TOGGLE } from '../shared/zohoErrors';

/** Hints for Zoho's answers to the recycle bin node's calls (list, restore, the connected user). */
export const RECYCLE_BIN_ERROR_HINTS: Record<string, string> = {
	OAUTH_SCOPE_MISMATCH: `The credential was connected without the recycle bin's scopes (${SCOPE_RECYCLE_BIN_READ}, ${SCOPE_RECYCLE_BIN_UPDATE}, ${SCOPE_USERS_READ}). ${reconnectWith(RESTORE_TOGGLE)}`,
	NO_PERMISSION: 'Zoho lets admin users restore any record, and other users only the records they own: the connected user may not restore these.',
	AUTHORIZATION_FAILED: 'Zoho lets admin users restore any record, and other users only the records they own: the connected user may not restore these.',
};
