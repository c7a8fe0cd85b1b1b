import { CONDITION_OPERATORS, OPERATOR_VALUES } from '../shared/coql/fieldKinds';
import type { INodeProperties } from 'n8n-workflow';

import { MATCH_ALL } from '../shared/coql/writeCoql';

const byCriteria = { show: { deleteBy: ['criteria'] } };

/** Delete By > Criteria: conditions a low-code user fills in, or a COQL WHERE clause typed as text. */
export const criteriaProperties: INodeProperties[] = [
	{
		displayName: 'Define Criteria With',
		name: 'criteriaMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: byCriteria,
		options: [
			{ name: 'Conditions', value: 'conditions', description: 'Rows of field, operator and value' },
			{ name: 'COQL WHERE Clause', value: 'where', description: 'Criteria typed in Zoho\'s query language' },
		],
		default: 'conditions',
	},
	{
		displayName: 'Match',
		name: 'combinator',
		type: 'options',
		displayOptions: { show: { deleteBy: ['criteria'], criteriaMode: ['conditions'] } },
		options: [
			{ name: 'All Conditions', value: 'and', description: 'A record must meet every condition (AND)' },
			{ name: 'Any Condition', value: 'or', description: 'A record must meet at least one condition (OR)' },
		],
		default: 'and',
	},
	{
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { deleteBy: ['criteria'], criteriaMode: ['conditions'] } },
		placeholder: 'Add Condition',
		default: {},
		description: `The records to delete. For every record of the module, use a COQL WHERE clause of ${MATCH_ALL}.`,
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description: 'The field to compare, from the module\'s fields in your org',
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: 'searchFields', searchable: true },
							},
							{
								displayName: 'By API Name',
								name: 'name',
								type: 'string',
								placeholder: 'e.g. Lead_Status',
								validation: [
									{
										type: 'regex',
										properties: { regex: '^[A-Za-z][A-Za-z0-9_]*$', errorMessage: 'Use the field API name: letters, digits and underscores' },
									},
								],
							},
						],
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: OPERATOR_VALUES.map((value) => ({ name: CONDITION_OPERATORS[value].name, value })).sort((a, b) => a.name.localeCompare(b.name)),
						default: 'equals',
						description:
							'How to compare. Zoho takes Contains, Starts With and Ends With for text and picklists; After, Before and Between for numbers and dates; only Is Equal To for a checkbox. The node checks the field\'s type before anything is sent.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						displayOptions: { hide: { operator: ['isEmpty', 'isNotEmpty'] } },
						placeholder: 'e.g. Junk Lead',
						description:
							'Text as it is; numbers without quotes; dates as 2024-03-31; date and time with an offset, 2024-03-31T18:00:00+05:30; a lookup or owner by its record or user ID; a checkbox as true or false. For Is One Of, separate values with commas.',
					},
					{
						displayName: 'And Value',
						name: 'valueTo',
						type: 'string',
						default: '',
						displayOptions: { show: { operator: ['between', 'notBetween'] } },
						placeholder: 'e.g. 2024-12-31',
						description: 'The upper end of the range (the range includes both ends)',
					},
				],
			},
		],
	},
	{
		displayName: 'COQL WHERE Clause',
		name: 'whereClause',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 3 },
		displayOptions: { show: { deleteBy: ['criteria'], criteriaMode: ['where'] } },
		placeholder: "e.g. ((Lead_Status = 'Junk Lead' and Created_Time < '2024-01-01T00:00:00+00:00') and Email is not null)",
		description:
			'Only the criteria of a Zoho COQL query, without WHERE, ORDER BY, LIMIT or OFFSET (the node adds them). Bracket more than two criteria in pairs, ((A and B) and C).',
	},
];
