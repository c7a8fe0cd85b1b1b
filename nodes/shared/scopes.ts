/** Least-privilege scopes: read job status and list modules; starting mass deletes and restoring only when the user opts in. */
export const SCOPE_MASS_DELETE_READ = 'ZohoCRM.mass_delete.READ';
export const SCOPE_MODULES_READ = 'ZohoCRM.settings.modules.READ';
export const SCOPE_MASS_DELETE_DELETE = 'ZohoCRM.mass_delete.DELETE';
export const SCOPE_CUSTOM_VIEWS_READ = 'ZohoCRM.settings.custom_views.READ';
/** A custom view's record count (GET /{module}/actions/count) and COQL read the module's records. */
export const SCOPE_RECORDS_READ = 'ZohoCRM.modules.READ';
/** COQL (POST /coql) needs this and the module's read scope together. */
export const SCOPE_COQL_READ = 'ZohoCRM.coql.READ';
/** A module's fields (GET /settings/fields): the condition picker, and each field's type for writing criteria. */
export const SCOPE_FIELDS_READ = 'ZohoCRM.settings.fields.READ';
/** The org's territories (GET /settings/territories): the Territory list of a delete by custom view. */
export const SCOPE_TERRITORIES_READ = 'ZohoCRM.settings.territories.READ';
export const SCOPE_RECYCLE_BIN_READ = 'ZohoCRM.settings.recycle_bin.READ';
export const SCOPE_RECYCLE_BIN_UPDATE = 'ZohoCRM.settings.recycle_bin.UPDATE';
/** Who the connected user is (GET /users?type=CurrentUser): "deleted by me", and a job's own records. */
export const SCOPE_USERS_READ = 'ZohoCRM.users.READ';
/** Bulk Read, for a custom view's backup before its mass delete (with the module read scope, which starting asks for). */
export const SCOPE_BULK_READ = 'ZohoCRM.bulk.READ';

export const READ_SCOPES = [SCOPE_MASS_DELETE_READ, SCOPE_MODULES_READ];
/**
 * Added by "Allow Starting Mass Deletes": the start itself, the custom view and territory lists, the view's record
 * count, and a delete by criteria (COQL, which also needs the module read scope, and the module's fields).
 */
export const START_SCOPES = [SCOPE_MASS_DELETE_DELETE, SCOPE_CUSTOM_VIEWS_READ, SCOPE_RECORDS_READ, SCOPE_COQL_READ, SCOPE_FIELDS_READ, SCOPE_TERRITORIES_READ];
/** Added by "Allow Restoring From the Recycle Bin": list and restore; never ZohoCRM.settings.recycle_bin.DELETE. */
export const RECYCLE_BIN_SCOPES = [SCOPE_RECYCLE_BIN_READ, SCOPE_RECYCLE_BIN_UPDATE, SCOPE_USERS_READ];
/** Added by "Allow Backups Before Deletes": a custom view's Bulk Read (a backup by criteria reads with COQL, which starting asks for). */
export const BACKUP_SCOPES = [SCOPE_BULK_READ];

export const ZOHO_CRM_CREDENTIAL_TYPE = 'zohoCrmOAuth2Api';
