import type { IDataObject } from 'n8n-workflow';

import type { ZohoField } from '../../shared/coql/fieldKinds';
import { nameFieldOf } from '../../shared/coql/moduleFields';
import { InvalidInput } from '../../shared/input';

/** COQL reads at most 500 fields in one query (API v7 and later). */
export const MAX_BACKUP_FIELDS = 500;

/**
 * The fields a criteria backup keeps: the ones asked for, or by default those that identify a record (its ID, its
 * name and, where the module has one, its email). Every name must be a field of the module.
 */
export function backupColumns(asked: string[], module: string, fields: ReadonlyMap<string, ZohoField>): string[] {
	const known = [...fields.values()];
	const wanted = asked.length > 0 ? asked : [nameFieldOf(module, known), fields.has('Email') ? 'Email' : undefined].filter((name): name is string => name !== undefined);
	const unknown = wanted.find((name) => name !== 'id' && !fields.has(name));
	if (unknown) throw new InvalidInput('Back Up Fields', `names ${unknown}, which is not a field of ${module}`, 'Use field API names, separated by commas, e.g. Full_Name, Email, Lead_Status.');
	const columns = [...new Set(['id', ...wanted])];
	if (columns.length > MAX_BACKUP_FIELDS) throw new InvalidInput('Back Up Fields', `names ${columns.length} fields; Zoho reads at most ${MAX_BACKUP_FIELDS} in one query`);
	return columns;
}

/** A value as a CSV cell holds it: a lookup by its ID, a list joined by ';', empty for none. */
function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.map(cellText).join(';');
	if (typeof value === 'object') {
		const id = (value as IDataObject).id;
		return typeof id === 'string' ? id : JSON.stringify(value);
	}
	return String(value);
}

/** RFC 4180: a cell with a comma, a quote or a line break goes in quotes, a quote inside doubled. */
const quotedCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The records as CSV: a header of field API names, then one line per record. */
export function recordsCsv(records: IDataObject[], columns: string[]): string {
	const lines = [columns.map(quotedCell).join(','), ...records.map((record) => columns.map((column) => quotedCell(cellText(record[column]))).join(','))];
	return `${lines.join('\r\n')}\r\n`;
}

/** A file name that names the module and the moment, and suits every file system (no colons). */
export function backupFileName(module: string, what: string, at: number, extension: 'csv' | 'zip'): string {
	return `${module}-${what}-backup-${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}.${extension}`;
}
