import type { IExecuteFunctions } from 'n8n-workflow';

import { JOB_ID, parseZohoId } from '../shared/ids';
import { InvalidInput, readModuleTarget, readParameter, shown, type ModuleTarget } from '../shared/input';

export function parseJobId(raw: unknown): string {
	return parseZohoId(raw, JOB_ID);
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

export interface StatusCheck extends ModuleTarget {
	jobId: string;
}

export function readStatusCheck(context: IExecuteFunctions, itemIndex: number): StatusCheck {
	const { module, apiVersion } = readModuleTarget(context, itemIndex);
	return { module, jobId: readParameter(context, 'jobId', 'Job ID', itemIndex, '', parseJobId), apiVersion };
}
