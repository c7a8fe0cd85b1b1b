import type { ApiVersion } from './input';

/** Zoho CRM paths, built only from validated parts (the transport refuses anything else). */
export const massDeletePath = (apiVersion: ApiVersion, module: string) =>
	`/crm/${apiVersion}/${encodeURIComponent(module)}/actions/mass_delete`;

export const modulesPath = (apiVersion: ApiVersion) => `/crm/${apiVersion}/settings/modules`;

export const customViewsPath = (apiVersion: ApiVersion) => `/crm/${apiVersion}/settings/custom_views`;

export const recordCountPath = (apiVersion: ApiVersion, module: string) => `/crm/${apiVersion}/${encodeURIComponent(module)}/actions/count`;

export const recycleBinPath = (apiVersion: ApiVersion) => `/crm/${apiVersion}/settings/recycle_bin`;

export const recycleBinRestorePath = (apiVersion: ApiVersion) => `/crm/${apiVersion}/settings/recycle_bin/actions/restore`;

export const usersPath = (apiVersion: ApiVersion) => `/crm/${apiVersion}/users`;

export const fieldsPath = (apiVersion: ApiVersion) => `/crm/${apiVersion}/settings/fields`;

/** COQL is a POST although it only reads. */
export const coqlPath = (apiVersion: ApiVersion) => `/crm/${apiVersion}/coql`;

/** Bulk Read lives beside the CRM API: /crm/bulk/{version}/read. */
export const bulkReadPath = (apiVersion: ApiVersion) => `/crm/bulk/${apiVersion}/read`;

export const territoriesPath = (apiVersion: ApiVersion) => `/crm/${apiVersion}/settings/territories`;
