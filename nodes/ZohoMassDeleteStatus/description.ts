import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { editorRerunNotice } from '../shared/editorRuns';
import { moduleLocator, optionsCollection } from '../shared/moduleLocator';
import { WAIT_OPTION_LIMITS } from './statusCheckInput';

/**
 * Outputs follow the Output Mode parameter and the Loop Timeout option, as in n8n's Switch node. Stringified
 * into an expression, so it must stay self-contained (no imports, no newer syntax). Names match STATUS_OUTPUT_NAMES.
 */
export const configuredOutputs = (parameters: INodeParameters) => {
	// a named output: without a display name the editor shows an "Undefined Branch" tab
	if (parameters.outputMode === 'single') return [{ type: 'main', displayName: 'Status' }];
	const byStatus = [
		{ type: 'main', displayName: 'Completed' },
		{ type: 'main', displayName: 'Running' },
		{ type: 'main', displayName: 'Failed' },
	];
	const options = (parameters.options || {}) as { loopTimeout?: unknown };
	return options.loopTimeout ? byStatus.concat([{ type: 'main', displayName: 'Timed Out' }]) : byStatus;
};

export const statusProperties: INodeProperties[] = [
	editorRerunNotice,
	// after a Zoho Mass Delete node, nothing to fill in: the module its item names
	{ ...moduleLocator('The module the mass delete was started in. By default the module of the Zoho Mass Delete item before this node.'), default: { mode: 'name', value: '={{ $json.module }}' } },
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '={{ $json.job_id }}',
		required: true,
		placeholder: 'e.g. 3652397000009565021',
		description:
			'The job ID Zoho returned when the mass delete started: by default the one of the Zoho Mass Delete item before this node. Keep it as text: 19-digit IDs do not fit a number.',
	},
	{
		displayName: 'Output Mode',
		name: 'outputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'One Output per Status',
				value: 'byStatus',
				description: "Completed, Running, Failed, and Timed Out with a 'Loop Timeout'",
			},
			{
				name: 'Single Output',
				value: 'single',
				description: 'Every item on one output; branch on is_finished and is_success yourself',
			},
		],
		default: 'byStatus',
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep checking until the job is COMPLETED or FAILED. The n8n worker stays busy while waiting, so for jobs longer than a few minutes loop through a Wait node whose amount is the next_check_in_seconds field instead: it frees the worker between checks.',
	},
	optionsCollection([
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: WAIT_OPTION_LIMITS.pollInterval.min, maxValue: WAIT_OPTION_LIMITS.pollInterval.max },
			default: 5, // WAIT_OPTION_LIMITS.pollInterval.default: the lint rule wants a literal
			description:
				'Shortest gap between two checks, waiting in the node or in a Wait-node loop. The node spaces checks by the job\'s own progress, and each check costs one Zoho API credit.',
		},
		{
			displayName: 'Longest Gap (Seconds)',
			name: 'maxGap',
			type: 'number',
			typeOptions: { minValue: WAIT_OPTION_LIMITS.maxGap.min, maxValue: WAIT_OPTION_LIMITS.maxGap.max },
			default: 180, // WAIT_OPTION_LIMITS.maxGap.default: the lint rule wants a literal
			description:
				'Longest gap between two checks, waiting in the node or in a Wait-node loop, so a job that slows down or fails part way is noticed within it',
		},
		{
			displayName: 'Loop Timeout (Minutes)',
			name: 'loopTimeout',
			type: 'number',
			typeOptions: { minValue: WAIT_OPTION_LIMITS.loopTimeout.min, maxValue: WAIT_OPTION_LIMITS.loopTimeout.max },
			default: 120, // WAIT_OPTION_LIMITS.loopTimeout.default: the lint rule wants a literal
			description:
				'Adds a Timed Out output: a job still running this long after the waiting began (the first check, or when the Zoho Mass Delete node scheduled it) leaves there instead of on Running, so a Wait-node loop ends by itself',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: WAIT_OPTION_LIMITS.timeout.min, maxValue: WAIT_OPTION_LIMITS.timeout.max },
			default: 600, // WAIT_OPTION_LIMITS.timeout.default: the lint rule wants a literal
			displayOptions: { show: { '/waitForCompletion': [true] } },
			description:
				'How long the node waits in all. A job still running then leaves on Running with wait_timed_out set, so a loop can pick it up again.',
		},
	]),
];
