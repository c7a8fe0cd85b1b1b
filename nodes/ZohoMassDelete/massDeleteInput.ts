import type { IExecuteFunctions } from 'n8n-workflow';

import { CUSTOM_VIEW_ID, parseZohoId, TERRITORY_ID } from '../shared/ids';
import { FIELD_API_NAME } from '../shared/coql/writeCoql';
import { InvalidInput, locatorValue, parseChoice, readModuleTarget, readParameter, shown, type ModuleTarget } from '../shared/input';
import { parseRecordIds, type RecordIdRequest } from '../shared/recordIdBatches';
import { runsAsTool } from '../shared/runsAsTool';

export const DELETE_BY = ['customView', 'recordIds', 'criteria'] as const;
export type DeleteBy = (typeof DELETE_BY)[number];

function parseBoolean(field: string) {
	return (raw: unknown): boolean => {
		if (typeof raw === 'boolean') return raw;
		throw new InvalidInput(field, `must be true or false, got ${shown(raw)}`);
	};
}

/** Optional: an empty territory means none. */
function parseTerritoryId(raw: unknown): string | undefined {
	const value = locatorValue(raw);
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	return parseZohoId(value, TERRITORY_ID);
}

export function readDeleteBy(context: IExecuteFunctions, itemIndex: number): DeleteBy {
	return readParameter(context, 'deleteBy', 'Delete By', itemIndex, 'customView', parseChoice('Delete By', DELETE_BY));
}

export function readDryRun(context: IExecuteFunctions, itemIndex: number): boolean {
	return readParameter(context, 'options.dryRun', 'Dry Run', itemIndex, false, parseBoolean('Dry Run'));
}

/** Empty means no cap: saved workflows without the option delete as before. */
export function parseMaxRecords(raw: unknown): number | undefined {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	const cap = typeof raw === 'string' ? Number(raw) : raw;
	if (typeof cap !== 'number' || !Number.isSafeInteger(cap) || cap < 1) {
		throw new InvalidInput('Max Records', `must be a whole number of at least 1, got ${shown(raw)}`, 'Leave it out for no cap.');
	}
	return cap;
}

/**
 * As an AI Agent's tool, the cap must be a number typed into the node: the model fills only what $fromAI hands it, and a
 * tool call's arguments also land in the input item, so a cap read from an expression could be raised by the model.
 */
function refuseExpressionCapAsTool(context: IExecuteFunctions): void {
	const options = context.getNode().parameters.options as { maxRecords?: unknown } | undefined;
	if (runsAsTool(context.getNode()) && typeof options?.maxRecords === 'string' && options.maxRecords.startsWith('=')) {
		throw new InvalidInput('Max Records', 'is an expression, which an AI Agent could change', "Type a fixed number into 'Max Records' when the node is an AI Agent's tool.");
	}
}

export function readMaxRecords(context: IExecuteFunctions, itemIndex: number): number | undefined {
	return readParameter(context, 'options.maxRecords', 'Max Records', itemIndex, null, (raw) => {
		refuseExpressionCapAsTool(context);
		return parseMaxRecords(raw);
	});
}

export interface CustomViewStart extends ModuleTarget {
	cvid: string;
	/** The view's name, when the user picked it from the list (n8n keeps it beside the ID). */
	name?: string;
	territory?: { id: string; include_child: boolean };
}

/** How items and errors name a view: by its name beside its ID when the name is known. */
export const viewLabel = (start: CustomViewStart) => (start.name ? `custom view '${start.name}' (${start.cvid})` : `custom view ${start.cvid}`);

export function readCustomViewStart(context: IExecuteFunctions, itemIndex: number): CustomViewStart {
	const target = readModuleTarget(context, itemIndex);
	const cvid = readParameter(context, 'customView', CUSTOM_VIEW_ID.field, itemIndex, '', (raw) => parseZohoId(raw, CUSTOM_VIEW_ID), true);
	const picked = context.getNodeParameter('customView', itemIndex, {}, { extractValue: false }) as { mode?: unknown; cachedResultName?: unknown };
	const name = picked.mode === 'list' && typeof picked.cachedResultName === 'string' && picked.cachedResultName ? picked.cachedResultName : undefined;
	const territoryId = readParameter(context, 'options.territoryId', TERRITORY_ID.field, itemIndex, '', parseTerritoryId);
	const includeChild = readParameter(
		context,
		'options.includeChildTerritories',
		'Include Child Territories',
		itemIndex,
		false,
		parseBoolean('Include Child Territories'),
	);
	return { ...target, cvid, name, territory: territoryId ? { id: territoryId, include_child: includeChild } : undefined };
}

export function readRecordIdRequest(context: IExecuteFunctions, itemIndex: number): RecordIdRequest<ModuleTarget> {
	const target = readModuleTarget(context, itemIndex);
	const ids = readParameter(context, 'recordIds', 'Record IDs', itemIndex, '', (raw) => parseRecordIds(raw));
	return { itemIndex, target, ids };
}

/** Field API names, as a list from an expression or text separated by commas or spaces. */
function parseFieldNames(field: string) {
	return (raw: unknown): string[] => {
		const names = Array.isArray(raw) ? raw.map((name) => (typeof name === 'string' ? name.trim() : name)) : typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : [raw];
		const bad = names.find((name) => typeof name !== 'string' || !FIELD_API_NAME.test(name));
		if (bad !== undefined) throw new InvalidInput(field, `must be field API names separated by commas, got ${shown(bad)}`, 'e.g. Full_Name, Email, Lead_Status');
		return names as string[];
	};
}

/**
 * Back Up Fields: absent, no backup; present, the fields a backup keeps (empty: for criteria, the fields that identify
 * a record; for a custom view's Bulk Read, every field).
 */
export function readBackupFields(context: IExecuteFunctions, itemIndex: number): string[] | undefined {
	return readParameter(context, 'options.backupFields', 'Back Up Fields', itemIndex, null, (raw) => (raw === null || raw === undefined ? undefined : parseFieldNames('Back Up Fields')(raw)));
}

export const BACKUP_TIMEOUT_SECONDS = { min: 10, max: 3_600, default: 600 };

/** A custom view's Bulk Read backup before the mass delete: whether, and how long the node waits for it. */
export function readViewBackup(context: IExecuteFunctions, itemIndex: number): { fields: string[]; timeoutMs: number } | undefined {
	if (!readParameter(context, 'options.backUpFirst', 'Back Up First', itemIndex, false, parseBoolean('Back Up First'))) return undefined;
	const { min, max } = BACKUP_TIMEOUT_SECONDS;
	const seconds = readParameter(context, 'options.backupTimeout', 'Backup Timeout', itemIndex, BACKUP_TIMEOUT_SECONDS.default, (raw) => {
		const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw new InvalidInput('Backup Timeout', `must be a number of seconds from ${min} to ${max}, got ${shown(raw)}`);
		return value;
	});
	return { fields: readBackupFields(context, itemIndex) ?? [], timeoutMs: seconds * 1000 };
}

export function readCaptureRecordIds(context: IExecuteFunctions, itemIndex: number): boolean {
	return readParameter(context, 'options.captureRecordIds', 'Capture Record IDs', itemIndex, false, parseBoolean('Capture Record IDs'));
}
