import type { INodeProperties } from 'n8n-workflow';

import { ZOHO_ID_PATTERN } from '../shared/ids';
import { moduleLocator, optionsCollection } from '../shared/moduleLocator';
import { criteriaProperties } from './criteriaProperties';
import { BACKUP_TIMEOUT_SECONDS } from './massDeleteInput';

const byCustomView = { show: { deleteBy: ['customView'] } };
const byRecordIds = { show: { deleteBy: ['recordIds'] } };
/** The same condition from inside the Options collection, which looks up from the root. */
const optionByCustomView = { show: { '/deleteBy': ['customView'] } };

export const massDeleteProperties: INodeProperties[] = [
	{
		displayName:
			"This node deletes Zoho CRM records. They go to the recycle bin, where the Zoho Recycle Bin node can restore them for 60 days. Try it first with 'Dry Run' (it counts and deletes nothing) and set 'Max Records'. In the editor it deletes only when you execute it itself or the whole workflow, never as a step before another node.",
		name: 'destructiveNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Delete By',
		name: 'deleteBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Criteria',
				value: 'criteria',
				description: 'Records matching conditions or a COQL WHERE clause, counted first. Every edition.',
			},
			{
				name: 'Custom View',
				value: 'customView',
				description: 'Enterprise editions and up: every record of a view, as a background job',
			},
			{
				name: 'Record IDs',
				value: 'recordIds',
				description: 'The records whose IDs the input items give, 500 a call. Every edition.',
			},
		],
		default: 'customView',
	},
	moduleLocator('The module whose records are deleted'),
	...criteriaProperties,
	{
		displayName: 'Custom View',
		name: 'customView',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: byCustomView,
		description: 'Zoho deletes every record this view shows, up to 50,000. Only in the Enterprise, Ultimate, CRM Plus and Zoho One Enterprise editions.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCustomViews', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3652397000000538003',
				validation: [
					{
						type: 'regex',
						properties: { regex: ZOHO_ID_PATTERN, errorMessage: 'Use the custom view ID: 1 to 19 digits' },
					},
				],
			},
		],
	},
	{
		displayName: 'Record IDs',
		name: 'recordIds',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		displayOptions: byRecordIds,
		placeholder: 'e.g. 3652397000006064023, 3652397000006064024',
		description:
			'The IDs of the records to delete: one ID or a list per item (an array, or text separated by commas, spaces or new lines). The IDs of all items are deleted together, each once, 500 per call. Keep IDs as text: 19-digit IDs do not fit a number.',
	},
	optionsCollection([
		{
			displayName: 'Back Up Fields',
			name: 'backupFields',
			type: 'string',
			default: '',
			displayOptions: { show: { '/deleteBy': ['criteria', 'customView'] } },
			placeholder: 'e.g. Full_Name, Email, Lead_Status',
			description:
				"Field API names to back up before deleting. Criteria: every matching record's fields go into a CSV file attached to the item (binary property 'backup'); empty means the record's ID, name and email. Custom view: what 'Back Up First' reads; empty means every field.",
		},
		{
			displayName: 'Back Up First',
			name: 'backUpFirst',
			type: 'boolean',
			default: false,
			displayOptions: optionByCustomView,
			description:
				"Whether to read the view with Zoho's Bulk Read first and attach its zip file to the item (binary property 'backup'). The mass delete starts only once the backup is complete. Needs 'Allow Backups Before Deletes' on the credential.",
		},
		{
			displayName: 'Backup Timeout (Seconds)',
			name: 'backupTimeout',
			type: 'number',
			typeOptions: { minValue: BACKUP_TIMEOUT_SECONDS.min, maxValue: BACKUP_TIMEOUT_SECONDS.max },
			default: 600, // BACKUP_TIMEOUT_SECONDS.default: the lint rule wants a literal
			displayOptions: optionByCustomView,
			description: "With 'Back Up First': how long the node waits for Zoho's Bulk Read. A backup not done by then deletes nothing.",
		},
		{
			displayName: 'Capture Record IDs',
			name: 'captureRecordIds',
			type: 'boolean',
			default: false,
			displayOptions: optionByCustomView,
			description:
				"Whether to read the view's record IDs just before the job starts (COQL, API v7 and later) and put them on the item (captured_ids), so that the Zoho Recycle Bin node restores exactly those records",
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			// added means on: the option is there to try the node first
			default: true,
			description:
				'Whether to delete nothing and show what would be deleted instead: a custom view or criteria are still counted (reads only); record IDs are only grouped into calls. Not added: the node deletes.',
		},
		{
			displayName: 'Include Child Territories',
			name: 'includeChildTerritories',
			type: 'boolean',
			default: false,
			displayOptions: optionByCustomView,
			description: "Whether the territory also covers its child territories (used only with a 'Territory')",
		},
		{
			displayName: 'Max Records',
			name: 'maxRecords',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1000,
			description:
				'The most records this node may delete; above it the item fails and nothing is deleted. A custom view is counted first; record IDs are counted over all items together; criteria are counted per item. Not set: no cap for a custom view or record IDs, 1,000 for criteria.',
		},
		{
			displayName: 'Territory',
			name: 'territoryId',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			displayOptions: optionByCustomView,
			description: "Delete only the view's records in this territory (Setup > Territory Management). Not added: every record of the view.",
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchTerritories', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 3652397000000321001',
					validation: [{ type: 'regex', properties: { regex: ZOHO_ID_PATTERN, errorMessage: 'Use the territory ID: 1 to 19 digits' } }],
				},
			],
		},
	]),
];
