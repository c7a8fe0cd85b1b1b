import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

export const API_VERSIONS = ['v8', 'v7', 'v6'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** Module API names: letters, digits and underscores. Also keeps paths like ../settings out of the URL. */
export const MODULE_API_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]*$';
const MODULE_API_NAME = new RegExp(MODULE_API_NAME_PATTERN);
const MAX_MODULE_NAME_LENGTH = 100;
/** Zoho IDs are at most 19 digits (they fit a signed 64-bit integer). */
const JOB_ID = /^\d{1,19}$/;
const JOB_ID_HINT = 'Use the job_id Zoho returned when the mass delete was scheduled, e.g. 3652397000009565021.';

export class InvalidInput extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Job IDs stay strings end to end: 19-digit IDs are above 2^53 and a JavaScript number would change them. */
export function parseJobId(raw: unknown): string {
	const field = 'Job ID';
	if (typeof raw === 'number') {
		if (Number.isSafeInteger(raw) && raw >= 0) return String(raw);
		throw new InvalidInput(
			field,
			Number.isInteger(raw) && raw > Number.MAX_SAFE_INTEGER
				? `is a number too large to keep exactly (${shown(raw)})`
				: `must be a whole number of digits, got ${shown(raw)}`,
			'Zoho job IDs have 19 digits, more than a JavaScript number holds exactly. Pass the ID as a string, e.g. {{ $json.job_id }} where job_id is text, not {{ Number(...) }}.',
		);
	}
	if (typeof raw !== 'string') {
		throw new InvalidInput(
			field,
			`must be text made of digits, got ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}`,
			JOB_ID_HINT,
		);
	}
	const jobId = raw.trim();
	if (!jobId) throw new InvalidInput(field, 'is empty', 'Enter the job_id Zoho returned when the mass delete was scheduled.');
	if (!JOB_ID.test(jobId)) {
		throw new InvalidInput(
			field,
			`must be 1 to 19 digits, got ${shown(jobId)}`,
			JOB_ID_HINT,
		);
	}
	return jobId;
}

export function parseModuleName(raw: unknown): string {
	const field = 'Module';
	const name = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof name !== 'string' || !name) {
		throw new InvalidInput(field, 'is empty', 'Pick the module the mass delete was started in.');
	}
	if (name.length > MAX_MODULE_NAME_LENGTH || !MODULE_API_NAME.test(name)) {
		throw new InvalidInput(
			field,
			`must be a module API name (letters, digits and underscores, starting with a letter), got ${shown(name)}`,
			'Pick the module from the list, or type its API name, e.g. Leads, Price_Books or Events (Meetings).',
		);
	}
	return name;
}

export function parseApiVersion(raw: unknown): ApiVersion {
	const version = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof version === 'string' && (API_VERSIONS as readonly string[]).includes(version)) {
		return version as ApiVersion;
	}
	throw new InvalidInput('API Version', `must be one of ${API_VERSIONS.join(', ')}, got ${shown(raw)}`);
}

export function invalidInputError(
	context: IExecuteFunctions,
	error: InvalidInput,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${error.field} ${error.message} [item ${itemIndex}]`, {
		itemIndex,
		description: error.hint,
	});
}

/** Reads and checks one parameter of one item; any problem becomes an error naming the field and the item. */
export function readParameter<T>(
	context: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
	fallback: unknown,
	parse: (raw: unknown) => T,
	extractValue = false,
): T {
	let raw: unknown;
	try {
		raw = context.getNodeParameter(name, itemIndex, fallback, { extractValue });
	} catch (error) {
		throw invalidInputError(
			context,
			new InvalidInput(field, `could not be evaluated: ${(error as Error).message}`),
			itemIndex,
		);
	}
	try {
		return parse(raw);
	} catch (error) {
		if (error instanceof InvalidInput) throw invalidInputError(context, error, itemIndex);
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

/** Seconds. The upper bounds keep an in-node wait from holding a worker for hours: longer jobs belong in a Wait-node loop. */
export const WAIT_OPTION_LIMITS = {
	pollInterval: { min: 1, max: 600, default: 5 },
	timeout: { min: 1, max: 3600, default: 600 },
};

function secondsParser(field: string, limits: { min: number; max: number }) {
	return (raw: unknown): number => {
		const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < limits.min || seconds > limits.max) {
			throw new InvalidInput(field, `must be a number of seconds from ${limits.min} to ${limits.max}, got ${shown(raw)}`);
		}
		return seconds;
	};
}

export interface WaitSettings {
	pollIntervalMs: number;
	timeoutMs: number;
}

export function readWaitSettings(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	const { pollInterval, timeout } = WAIT_OPTION_LIMITS;
	return {
		pollIntervalMs:
			readParameter(context, 'options.pollInterval', 'Poll Interval', itemIndex, pollInterval.default, secondsParser('Poll Interval', pollInterval)) * 1000,
		timeoutMs: readParameter(context, 'options.timeout', 'Timeout', itemIndex, timeout.default, secondsParser('Timeout', timeout)) * 1000,
	};
}

export interface StatusCheck {
	module: string;
	jobId: string;
	apiVersion: ApiVersion;
}

export function readStatusCheck(context: IExecuteFunctions, itemIndex: number): StatusCheck {
	return {
		module: readParameter(context, 'module', 'Module', itemIndex, '', parseModuleName, true),
		jobId: readParameter(context, 'jobId', 'Job ID', itemIndex, '', parseJobId),
		apiVersion: readParameter(context, 'options.apiVersion', 'API Version', itemIndex, 'v8', parseApiVersion),
	};
}
