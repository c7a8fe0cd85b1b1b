/** Least-privilege scopes: read job status and list modules; starting mass deletes only when the user opts in. */
export const SCOPE_MASS_DELETE_READ = 'ZohoCRM.mass_delete.READ';
export const SCOPE_MODULES_READ = 'ZohoCRM.settings.modules.READ';
export const SCOPE_MASS_DELETE_DELETE = 'ZohoCRM.mass_delete.DELETE';
export const SCOPE_CUSTOM_VIEWS_READ = 'ZohoCRM.settings.custom_views.READ';

export const READ_SCOPES = [SCOPE_MASS_DELETE_READ, SCOPE_MODULES_READ];
/** Added by "Allow Starting Mass Deletes": the start itself, and the custom view list the start node offers. */
export const START_SCOPES = [SCOPE_MASS_DELETE_DELETE, SCOPE_CUSTOM_VIEWS_READ];

export const ZOHO_CRM_CREDENTIAL_TYPE = 'zohoCrmOAuth2Api';
