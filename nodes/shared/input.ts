import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

export const API_VERSIONS = ['v8', 'v7', 'v6'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** Module API names: letters, digits and underscores. Also keeps paths like ../settings out of the URL. */
export const MODULE_API_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]*$';
const MODULE_API_NAME = new RegExp(MODULE_API_NAME_PATTERN);
const MAX_MODULE_NAME_LENGTH = 100;

/** A parameter value that cannot be used; becomes an error naming the field and the item. */
export class InvalidInput extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

/** A count as messages and summaries write it: 100,000. */
export const counted = (count: number) => count.toLocaleString('en-US');

export function shown(value: unknown): string {
	const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function parseModuleName(raw: unknown): string {
	const field = 'Module';
	const name = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof name !== 'string' || !name) {
		throw new InvalidInput(field, 'is empty', 'Pick the module the mass delete runs in.');
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

/** A parser for a fixed set of choices (an options parameter, or an expression that must give one of them). */
/** A resource locator's value ({__rl, mode, value}, as n8n saves one, in a collection too), or a plain value (an expression's, or saved before the field was a locator). */
export function locatorValue(raw: unknown): unknown {
	return raw !== null && typeof raw === 'object' && '__rl' in raw ? (raw as { value?: unknown }).value : raw;
}

export function parseChoice<T extends string>(field: string, allowed: readonly T[]) {
	return (raw: unknown): T => {
		const value = typeof raw === 'string' ? raw.trim() : raw;
		if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
		throw new InvalidInput(field, `must be one of ${allowed.join(', ')}, got ${shown(raw)}`);
	};
}

export const parseApiVersion = parseChoice('API Version', API_VERSIONS);

const ITEM_SUFFIX = /\[item \d+\]$/;

/** n8n's copy rule: a message about one item ends with the item, [item N]. */
export function withItem(message: string, itemIndex: number | undefined): string {
	return itemIndex === undefined || ITEM_SUFFIX.test(message) ? message : `${message} [item ${itemIndex}]`;
}

/** A parameter's name in copy goes in quotes ('Max Records'); so does the name before "entry 2 of 3". */
function quotedField(field: string): string {
	const named = /^([A-Z][A-Za-z ]*?[A-Za-z])( entry \d+ of \d+)?$/.exec(field);
	return named ? `'${named[1]}'${named[2] ?? ''}` : field;
}

export function invalidInputError(
	context: IExecuteFunctions,
	error: InvalidInput,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${quotedField(error.field)} ${error.message} [item ${itemIndex}]`, {
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

/** The parts every mass delete request is addressed by. */
export interface ModuleTarget {
	module: string;
	apiVersion: ApiVersion;
}

/** One call addresses one module of one API version. */
export const moduleTargetKey = ({ apiVersion, module }: ModuleTarget) => `${apiVersion}/${module}`;

export function readModuleTarget(context: IExecuteFunctions, itemIndex: number): ModuleTarget {
	return {
		module: readParameter(context, 'module', 'Module', itemIndex, '', parseModuleName, true),
		apiVersion: readParameter(context, 'options.apiVersion', 'API Version', itemIndex, 'v8', parseApiVersion),
	};
}
