import type { INodeProperties } from 'n8n-workflow';

import { moduleLocator, optionsCollection } from '../shared/moduleLocator';

const forList = { show: { operation: ['list'] } };
const forRestore = { show: { operation: ['restore'] } };

export const recycleBinProperties: INodeProperties[] = [
	{
		displayName:
			'Zoho CRM keeps deleted records in its recycle bin for 60 days. This node lists and restores them; it never deletes from the bin. Emptying the bin in Zoho CRM, or 60 days passing, removes them for good.',
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
				name: 'List Deleted Records',
				value: 'list',
				action: 'List deleted records',
				description: "A module's records in the recycle bin, deleted within a time window: one item per record",
			},
			{
				name: 'Restore',
				value: 'restore',
				action: 'Restore deleted records',
				description: 'Bring records back from the recycle bin: by ID, or everything one mass delete job deleted',
			},
		],
		default: 'list',
	},
	{
		displayName: 'Restore',
		name: 'restoreBy',
		type: 'options',
		noDataExpression: true,
		displayOptions: forRestore,
		options: [
			{
				name: 'Everything One Job Deleted',
				value: 'job',
				description:
					'Every record of the job\'s module that the connected user deleted between the job\'s scheduled_at and its end, read from the input item (the Zoho Mass Delete node\'s, or the status node\'s after it). Zoho runs it as a background job.',
			},
			{
				name: 'Record IDs',
				value: 'ids',
				description: 'The records whose IDs the items give (the IDs List outputs), 200 per call. Up to 1,000 records with their notes and attachments come back at once, more as a background job.',
			},
		],
		default: 'job',
	},
	{
		displayName:
			'Reads the job from the input item: module and scheduled_at, and the checked_at of a finished status check. Use the credential that started the job: the records its user deleted in that time are restored.',
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
		description: 'Only records deleted at or after this time. By default the scheduled_at of a Zoho Mass Delete item; empty for no lower bound.',
	},
	{
		displayName: 'Deleted Before',
		name: 'deletedBefore',
		type: 'dateTime',
		default: '',
		displayOptions: forList,
		description: 'Only records deleted at or before this time; empty for no upper bound',
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
	optionsCollection([]),
];
