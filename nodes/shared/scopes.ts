/** Least-privilege scopes: read job status and list modules; DELETE only when the user opts in. */
export const SCOPE_MASS_DELETE_READ = 'ZohoCRM.mass_delete.READ';
export const SCOPE_MODULES_READ = 'ZohoCRM.settings.modules.READ';
export const SCOPE_MASS_DELETE_DELETE = 'ZohoCRM.mass_delete.DELETE';

export const READ_SCOPES = [SCOPE_MASS_DELETE_READ, SCOPE_MODULES_READ];

export const ZOHO_CRM_CREDENTIAL_TYPE = 'zohoCrmOAuth2Api';
