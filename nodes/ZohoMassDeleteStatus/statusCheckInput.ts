import type { IExecuteFunctions } from 'n8n-workflow';

import { JOB_ID, parseZohoId } from '../shared/ids';
import { InvalidInput, readModuleTarget, readParameter, shown, type ModuleTarget } from '../shared/input';

export function parseJobId(raw: unknown): string {
	return parseZohoId(raw, JOB_ID);
}

/**
 * Seconds (loopTimeout: minutes). The upper bounds keep an in-node wait from holding a worker for hours: longer jobs
 * belong in a Wait-node loop. The longest gap's default still notices a job failing part way within 3 minutes.
 */
export const WAIT_OPTION_LIMITS = {
	pollInterval: { min: 1, max: 600, default: 5 },
	timeout: { min: 1, max: 3600, default: 600 },
	maxGap: { min: 10, max: 3600, default: 180 },
	loopTimeout: { min: 1, max: 43_200, default: 120 },
};

function secondsParser(field: string, limits: { min: number; max: number }) {
	return (raw: unknown): number => {
		const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < limits.min || seconds > limits.max) {
			const unit = field === 'Loop Timeout' ? 'minutes' : 'seconds';
			throw new InvalidInput(field, `must be a number of ${unit} from ${limits.min} to ${limits.max}, got ${shown(raw)}`);
		}
		return seconds;
	};
}

export interface WaitSettings {
	pollIntervalMs: number;
	timeoutMs: number;
	maxGapMs: number;
	/** Set only when the Loop Timeout option is. */
	loopTimeoutMs?: number;
}

export function readWaitSettings(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	const { pollInterval, timeout, maxGap } = WAIT_OPTION_LIMITS;
	const seconds = (name: keyof typeof WAIT_OPTION_LIMITS, field: string, fallback: unknown) =>
		readParameter(context, `options.${name}`, field, itemIndex, fallback, (raw) =>
			raw === undefined || raw === null ? undefined : secondsParser(field, WAIT_OPTION_LIMITS[name])(raw),
		);
	// not set: no loop timeout (n8n wants a defined fallback)
	const loopMinutes = seconds('loopTimeout', 'Loop Timeout', null);
	return {
		pollIntervalMs: seconds('pollInterval', 'Poll Interval', pollInterval.default)! * 1000,
		timeoutMs: seconds('timeout', 'Timeout', timeout.default)! * 1000,
		maxGapMs: seconds('maxGap', 'Longest Gap', maxGap.default)! * 1000,
		loopTimeoutMs: loopMinutes === undefined ? undefined : loopMinutes * 60_000,
	};
}

/**
 * Reads the wait settings per item, or once per execution when the Options hold no expression: they are then the
 * same for every item, and reading four parameters per item is most of what a check costs beyond the call itself.
 */
export function waitSettingsReader(context: IExecuteFunctions): (itemIndex: number) => WaitSettings {
	const raw = context.getNode().parameters.options;
	const fixed = raw !== null && typeof raw === 'object' && !JSON.stringify(raw).includes('"=');
	let kept: WaitSettings | undefined;
	return (itemIndex) => (fixed ? (kept ??= readWaitSettings(context, itemIndex)) : readWaitSettings(context, itemIndex));
}

/** Whether the node has its fourth output: outputs follow the parameters, the same way for every item. */
export function hasTimedOutOutput(context: IExecuteFunctions): boolean {
	const options = context.getNodeParameter('options', 0, {}) as { loopTimeout?: unknown };
	return context.getNodeParameter('outputMode', 0) !== 'single' && Boolean(options.loopTimeout);
}

export interface StatusCheck extends ModuleTarget {
	jobId: string;
}

export function readStatusCheck(context: IExecuteFunctions, itemIndex: number): StatusCheck {
	const { module, apiVersion } = readModuleTarget(context, itemIndex);
	return { module, jobId: readParameter(context, 'jobId', 'Job ID', itemIndex, '', parseJobId), apiVersion };
}
