import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { OPERATOR_VALUES, type ConditionOperator } from '../shared/coql/fieldKinds';
import { checkWhereText, type Combinator, type Condition } from '../shared/coql/writeCoql';
import { isZohoId } from '../shared/ids';
import { InvalidInput, locatorValue, parseChoice, readModuleTarget, readParameter, shown, type ModuleTarget } from '../shared/input';

/** With no Max Records set, a delete by criteria deletes at most this many: a cap of its own, shown in the field's description. */
export const DEFAULT_CRITERIA_CAP = 1_000;

export type CriteriaSpec = { kind: 'conditions'; conditions: Condition[]; combinator: Combinator } | { kind: 'text'; text: string };

export interface CriteriaDelete extends ModuleTarget {
	spec: CriteriaSpec;
}

const isOperator = (value: unknown): value is ConditionOperator => (OPERATOR_VALUES as unknown[]).includes(value);

function parseConditions(raw: unknown): Condition[] {
	const rows = Array.isArray(raw) ? raw : [];
	return rows.map((row: IDataObject, index) => {
		const field = locatorValue(row?.field);
		if (typeof field !== 'string' || !field.trim()) throw new InvalidInput(`Condition ${index + 1} field`, `is empty, got ${shown(field)}`, 'Pick the field to compare.');
		const operator = row.operator ?? 'equals';
		if (!isOperator(operator)) throw new InvalidInput(`Condition ${index + 1} operator`, `must be one of ${OPERATOR_VALUES.join(', ')}, got ${shown(operator)}`);
		return { field: field.trim(), operator, value: row.value, valueTo: row.valueTo };
	});
}

export function readCriteriaDelete(context: IExecuteFunctions, itemIndex: number): CriteriaDelete {
	const target = readModuleTarget(context, itemIndex);
	const mode = readParameter(context, 'criteriaMode', 'Define Criteria With', itemIndex, 'conditions', parseChoice('Define Criteria With', ['conditions', 'where'] as const));
	if (mode === 'where') {
		return { ...target, spec: { kind: 'text', text: readParameter(context, 'whereClause', 'COQL WHERE Clause', itemIndex, '', (raw) => checkWhereText(raw)) } };
	}
	const combinator = readParameter(context, 'combinator', 'Match', itemIndex, 'and', parseChoice<Combinator>('Match', ['and', 'or']));
	const conditions = readParameter(context, 'conditions.condition', 'Conditions', itemIndex, [], parseConditions);
	return { ...target, spec: { kind: 'conditions', conditions, combinator } };
}

/** An earlier pass of the same delete that stopped with more to do: where to go on from, and what it deleted so far. */
export interface EarlierPass {
	afterId: string;
	deletedSoFar: number;
}

/**
 * The input item, when it is this node's own output for the same module and criteria that stopped with more records
 * remaining (a loop back into the node): the next pass goes on after the last record the earlier ones visited, so a
 * record Zoho refused is never asked for again, and Max Records counts every pass together.
 */
export function readEarlierPass(json: IDataObject, module: string, criteria: string): EarlierPass | undefined {
	if (json.module !== module || json.criteria !== criteria || json.more_remaining !== true || !isZohoId(json.resume_after_id)) return undefined;
	const total = json.deleted_count_total;
	return { afterId: json.resume_after_id, deletedSoFar: typeof total === 'number' && Number.isSafeInteger(total) && total > 0 ? total : 0 };
}
