import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { ZohoConnection } from '../shared/connection';
import type { FieldCache } from '../shared/coql/moduleFields';
import { nameFieldOf } from '../shared/coql/moduleFields';
import { gatherAnyOf } from '../shared/coql/pageCoql';
import { COQL_LIMITS, joinCriteria, selectQuery, whereClause, writeEachCondition } from '../shared/coql/writeCoql';
import { counted, InvalidInput, invalidInputError, moduleTargetKey, type ModuleTarget } from '../shared/input';
import type { ItemResult } from '../shared/eachItem';
import { errorItemJson, nodeErrorFor } from '../shared/itemFailure';
import { callBatchesInTurn } from '../shared/recordBatchCalls';
import { planRecordBatches } from '../shared/recordIdBatches';
import { OUTCOME_UNKNOWN } from '../shared/zohoErrors';
import { readEarlierPass, readCriteriaDelete, DEFAULT_CRITERIA_CAP, type CriteriaDelete, type EarlierPass } from './criteriaInput';
import { deleteRecordBatch, MAX_IDS_PER_DELETE } from './deleteByRecordIds';
import { backupColumns, backupFileName, recordsCsv } from './backup/csvBackup';
import { readBackupFields, readDryRun, readMaxRecords } from './massDeleteInput';

/** A dry run shows this many of the matching records. */
export const SAMPLE_SIZE = 10;

const brief = (criteria: string) => (criteria.length > 160 ? `${criteria.slice(0, 160)}…` : criteria);

/**
 * The criteria as COQL, and the queries that read them: one, or for Any Condition one per condition, since none of
 * Zoho's samples shows OR (the criteria still read as one OR clause in the item and its errors).
 */
async function writeCriteria(context: IExecuteFunctions, request: CriteriaDelete, fields: FieldCache, itemIndex: number, connection: ZohoConnection): Promise<{ criteria: string; alternatives: string[] }> {
	if (request.spec.kind === 'text') return { criteria: request.spec.text, alternatives: [request.spec.text] };
	const known = await fields.of(context, request, { itemIndex, connection });
	try {
		const each = writeEachCondition(request.spec.conditions, known, request.module);
		const criteria = joinCriteria(each, request.spec.combinator);
		return { criteria, alternatives: request.spec.combinator === 'or' ? each : [criteria] };
	} catch (error) {
		if (error instanceof InvalidInput) throw invalidInputError(context, error, itemIndex);
		throw nodeErrorFor(context, error, itemIndex);
	}
}

function refuseAboveCap(context: IExecuteFunctions, request: CriteriaDelete, criteria: string, found: number, cap: { maxRecords: number; allowed: number; isDefault: boolean; earlier?: EarlierPass }, itemIndex: number): never {
	const earlier = cap.earlier ? ` less the ${counted(cap.earlier.deletedSoFar)} earlier passes deleted` : '';
	throw new NodeOperationError(
		context.getNode(),
		`The criteria ${brief(criteria)} match more than ${counted(cap.allowed)} ${request.module} records (${counted(found)} found before counting stopped), above 'Max Records' (${counted(cap.maxRecords)}${earlier}): nothing was deleted [item ${itemIndex}]`,
		{
			itemIndex,
			description: cap.isDefault
				? `'Max Records' is not set, so a delete by criteria stops at ${counted(DEFAULT_CRITERIA_CAP)}. Set 'Max Records' to the most you mean to delete if that many is right, or narrow the criteria.`
				: "Raise 'Max Records' if that many is right, or narrow the criteria.",
		},
	);
}

interface DeleteOutcome {
	deletedIds: string[];
	failures: IDataObject[];
	/** The calls stopped early: what stopped them, and the last record whose fate is known. */
	interrupted?: { error: Error; resumeAfterId: string };
	/** The records of a call Zoho may have carried out without answering: deleted or not, nobody knows. */
	unknownIds?: string[];
}

/**
 * The gathered IDs, deleted 500 a call with the record-ID call (never repeated once Zoho may have acted). A call that
 * fails stops the rest: when nothing was deleted yet, the item fails; otherwise what was deleted is reported, and the
 * next pass (more_remaining) takes up the records from the failed call on.
 */
async function deleteGathered(context: IExecuteFunctions, target: ModuleTarget, ids: string[], itemIndex: number, connection: ZohoConnection): Promise<DeleteOutcome> {
	const { batches } = planRecordBatches([{ itemIndex, target, ids }], MAX_IDS_PER_DELETE, moduleTargetKey);
	const { answers, interrupted } = await callBatchesInTurn(context, batches, async (batch, label) => await deleteRecordBatch(context, batch, label, connection), target.module, itemIndex);
	const outcome: DeleteOutcome = { deletedIds: [], failures: [] };
	for (const [id, answer] of answers) {
		if ('error' in answer) {
			const { error, details } = errorItemJson(answer.error);
			outcome.failures.push({ id, code: (details as IDataObject).code ?? null, message: error });
		} else if (answer.json.deleted === true) {
			outcome.deletedIds.push(id);
		} else {
			outcome.failures.push({ id, code: answer.json.code ?? null, message: answer.json.message ?? null });
		}
	}
	if (interrupted) {
		const previous = batches[interrupted.batchIndex - 1].records;
		outcome.interrupted = { error: interrupted.error, resumeAfterId: previous[previous.length - 1].id };
		if ((errorItemJson(interrupted.error).details as IDataObject).code === OUTCOME_UNKNOWN) {
			outcome.unknownIds = batches[interrupted.batchIndex].records.map((record) => record.id);
		}
	}
	return outcome;
}

/**
 * One item, one delete by criteria: the criteria written as COQL, the matching record IDs gathered (which counts them),
 * the cap checked, then the IDs deleted 500 a call, every record once. A dry run stops after the count.
 */
export async function deleteByCriteria(context: IExecuteFunctions, itemIndex: number, connection: ZohoConnection, fields: FieldCache): Promise<ItemResult> {
	const request = readCriteriaDelete(context, itemIndex);
	const dryRun = readDryRun(context, itemIndex);
	const setCap = readMaxRecords(context, itemIndex);
	const maxRecords = setCap ?? DEFAULT_CRITERIA_CAP;
	const askedBackup = readBackupFields(context, itemIndex);
	const { criteria, alternatives } = await writeCriteria(context, request, fields, itemIndex, connection);
	const earlier = readEarlierPass(context.getInputData()[itemIndex].json, request.module, criteria);
	const allowed = maxRecords - (earlier?.deletedSoFar ?? 0);
	const base = { module: request.module, criteria, max_records: maxRecords };
	if (allowed < 1) {
		refuseAboveCap(context, request, criteria, 1, { maxRecords, allowed: 0, isDefault: setCap === undefined, earlier }, itemIndex);
	}

	const known = dryRun || askedBackup ? [...(await fields.of(context, request, { itemIndex, connection })).values()] : [];
	const nameField = dryRun ? nameFieldOf(request.module, known) : undefined;
	let kept: string[] | undefined;
	try {
		kept = askedBackup ? backupColumns(askedBackup, request.module, new Map(known.map((field) => [field.api_name, field]))) : undefined;
	} catch (error) {
		throw invalidInputError(context, error as InvalidInput, itemIndex);
	}
	const source = { apiVersion: request.apiVersion, module: request.module, criteria, afterId: earlier?.afterId };
	const gathered = await gatherAnyOf(context, source, alternatives, {
		columns: [...new Set(['id', ...(nameField ? [nameField] : []), ...(kept ?? [])])],
		stopAbove: allowed,
		itemIndex,
		connection,
		purpose: `item ${itemIndex}`,
	});
	const recordCount = gathered.records.length;
	if (recordCount > allowed) {
		refuseAboveCap(context, request, criteria, recordCount, { maxRecords, allowed, isDefault: setCap === undefined, earlier }, itemIndex);
	}
	const counts = { record_count: recordCount, ...(gathered.reachedCeiling ? { record_count_is_lower_bound: true } : {}) };
	const ids = gathered.records.map((record) => record.id as string);

	if (recordCount === 0) {
		const json = {
			...(dryRun ? { dry_run: true } : {}),
			skipped: true,
			reason: `No ${request.module} record matches the criteria${earlier ? ` after record ${earlier.afterId}` : ''}: nothing was deleted.`,
			...base,
			...counts,
			deleted_count: 0,
			failed_count: 0,
			deleted_ids: [],
			failures: [],
			more_remaining: false,
			deleted_count_total: earlier?.deletedSoFar ?? 0,
		};
		return { json };
	}
	// made from every matching record before the first delete call; a backup that cannot be made stops the item here
	let backup: ItemResult | undefined;
	if (kept) {
		const fileName = backupFileName(request.module, 'criteria', Date.now(), 'csv');
		const file = await context.helpers.prepareBinaryData(Buffer.from(recordsCsv(gathered.records, kept), 'utf8'), fileName, 'text/csv');
		backup = { json: { backup_rows: recordCount, backup_fields: kept, backup_file_name: fileName }, binary: { backup: file } };
	}
	const withBackup = (json: IDataObject): ItemResult => (backup ? { json: { ...json, ...backup.json }, binary: backup.binary } : { json });
	if (dryRun) {
		const more = gathered.reachedCeiling ? ' (at least: more may match after these; the node deletes these, then says more_remaining)' : '';
		const queries = alternatives.map((alternative) => selectQuery({ columns: ['id', ...(kept ?? []).filter((column) => column !== 'id')], module: request.module, where: whereClause(alternative, earlier?.afterId), offset: 0 }));
		return withBackup({
			dry_run: true,
			skipped: false,
			...base,
			...counts,
			sample: gathered.records.slice(0, SAMPLE_SIZE).map((record) => ({ id: record.id, name: nameField ? (record[nameField] ?? null) : null })),
			coql: queries[0],
			...(queries.length > 1 ? { coql_queries: queries } : {}),
			summary: `Would delete ${counted(recordCount)}${more} ${request.module} records matching the criteria, ${counted(COQL_LIMITS.pageSize)} read per query and ${MAX_IDS_PER_DELETE} deleted per call. They would go to the recycle bin.`,
		});
	}

	const outcome = await deleteGathered(context, request, ids, itemIndex, connection);
	const moreRemaining = gathered.reachedCeiling || outcome.interrupted !== undefined;
	const deletedTotal = (earlier?.deletedSoFar ?? 0) + outcome.deletedIds.length;
	const stopped = outcome.interrupted ? errorItemJson(outcome.interrupted.error) : undefined;
	return withBackup({
		skipped: false,
		...base,
		...counts,
		deleted_count: outcome.deletedIds.length,
		failed_count: outcome.failures.length,
		deleted_ids: outcome.deletedIds,
		failures: outcome.failures,
		more_remaining: moreRemaining,
		...(moreRemaining ? { resume_after_id: outcome.interrupted?.resumeAfterId ?? ids[ids.length - 1] } : {}),
		deleted_count_total: deletedTotal,
		...(stopped ? { interrupted: { message: stopped.error, ...(stopped.details as IDataObject) } } : {}),
		...(outcome.unknownIds ? { outcome_unknown_ids: outcome.unknownIds } : {}),
		summary: [
			`Deleted ${counted(outcome.deletedIds.length)} of ${counted(recordCount)} ${request.module} records matching the criteria`,
			outcome.failures.length ? `; Zoho refused ${counted(outcome.failures.length)} (see failures)` : '',
			outcome.interrupted ? `; a call failed and the rest were not sent (see interrupted)` : '',
			moreRemaining ? '. More records remain: run the node again with this item to go on after resume_after_id' : '',
			'. Deleted records stay in the recycle bin for 60 days.',
		].join(''),
	});
}
