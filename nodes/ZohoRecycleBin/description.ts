import type { INodeProperties } from 'n8n-workflow';

import { editorRerunNotice } from '../shared/editorRuns';
import { moduleLocator, optionsCollection } from '../shared/moduleLocator';

const forList = { show: { operation: ['list'] } };
const forRestore = { show: { operation: ['restore'] } };

export const recycleBinProperties: INodeProperties[] = [
	{ ...editorRerunNotice, displayOptions: { show: { operation: ['restore', 'checkRestore'] } } },
	{
		displayName:
			'Zoho CRM keeps deleted records in its recycle bin for 60 days. This node gets them and restores them; it never deletes from the bin. Emptying the bin in Zoho CRM, or 60 days passing, removes them for good.',
		name: 'recycleBinNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Get Many Deleted Records',
				value: 'list',
				action: 'Get many deleted records',
				description: "Get a module's records in the recycle bin, deleted within a time window",
			},
			{
				name: 'Get Restore Progress',
				value: 'checkRestore',
				action: 'Get restore progress',
				description: 'Get which restored records are still in the bin: Restored or Pending',
			},
			{
				name: 'Restore Deleted Records',
				value: 'restore',
				action: 'Restore deleted records',
				description: 'Restore records from the recycle bin: by ID, or those one job deleted',
			},
		],
		default: 'list',
	},
	{
		displayName: 'Records to Restore',
		name: 'restoreBy',
		type: 'options',
		noDataExpression: true,
		displayOptions: forRestore,
		options: [
			{
				name: 'Everything One Job Deleted',
				value: 'job',
				description: 'The records of the job the input item names, each checked before restoring',
			},
			{
				name: 'Record IDs',
				value: 'ids',
				description: 'The records whose IDs the input items give, 200 a call',
			},
		],
		default: 'job',
	},
	{
		displayName:
			'Reads the job from the input item: module and scheduled_at, the checked_at of a finished status check, and captured_ids when the delete captured them. Use the credential that started the job: only records its user deleted in that module and time (and, with captured_ids, only those) are restored.',
		name: 'jobNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['restore'], restoreBy: ['job'] } },
	},
	{ ...moduleLocator('The module whose deleted records are listed'), displayOptions: forList },
	{
		displayName: 'Deleted After',
		name: 'deletedAfter',
		type: 'dateTime',
		default: '={{ $json.scheduled_at }}',
		displayOptions: forList,
		description: 'Only records deleted at or after this time: by default, when the Zoho Mass Delete before this node started. Empty: no lower bound.',
	},
	{
		displayName: 'Deleted Before',
		name: 'deletedBefore',
		type: 'dateTime',
		default: '',
		displayOptions: forList,
		description: 'Only records deleted at or before this time. Empty: no upper bound.',
	},
	{
		displayName: 'Deleted by Me Only',
		name: 'onlyDeletedByMe',
		type: 'boolean',
		default: false,
		displayOptions: forList,
		description: 'Whether to list only the records the connected Zoho user deleted',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: forList,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { operation: ['list'], returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Record IDs',
		name: 'recordIds',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		displayOptions: { show: { operation: ['restore'], restoreBy: ['ids'] } },
		placeholder: 'e.g. 3652397000006064023, 3652397000006064024',
		description:
			'The IDs of the deleted records to restore, as List outputs them: one ID or a list per item (an array, or text separated by commas, spaces or new lines). The IDs of all items are restored together, each once.',
	},
	{
		displayName: 'Record IDs',
		name: 'restoredIds',
		type: 'string',
		default: '={{ $json.pending_ids ?? $json.restored_ids ?? $json.id }}',
		displayOptions: { show: { operation: ['checkRestore'] } },
		placeholder: 'e.g. 3652397000006064023, 3652397000006064024',
		description:
			'The records a restore sent back: by default those a job restore restored (restored_ids), a record a restore by ID answered for (ID), or what the last check found still pending (pending_ids) round a loop. The IDs of all items are checked together.',
	},
	optionsCollection([]),
];
