import type { IDataObject } from 'n8n-workflow';

import { continues, type CarriedCheck } from './carriedCheck';
import { parkFriendlyGap, planNextCheck, type Observation } from './waitSchedule';

export interface LoopSettings {
	minGapMs: number;
	maxGapMs: number;
	/** With a loop timeout, a job still running this long after the waiting began leaves on Timed Out. */
	loopTimeoutMs?: number;
}

export interface LoopState {
	/** The item fields that let the next pass (on any worker) carry on: see the README's "Wait-node loop". */
	fields: IDataObject;
	timedOut: boolean;
	/** Every observation the schedule planned from, oldest first. */
	history: Observation[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Pure: this run's observations (oldest first), joined to the check the item carried in, give the fields a
 * loop needs to stop by itself and the next gap, park-friendly, for a Wait node fed {{ $json.next_check_in_seconds }}.
 */
export function loopState(carried: CarriedCheck | undefined, observations: Observation[], finished: boolean, settings: LoopSettings): LoopState {
	const first = observations[0];
	const latest = observations[observations.length - 1];
	const earlier = carried && continues(carried, first) ? carried : undefined;
	const history = earlier ? [earlier.observation, ...observations] : observations;
	const waitingSince = earlier?.waitingSince ?? first.at;
	const timedOut = !finished && settings.loopTimeoutMs !== undefined && latest.at - waitingSince >= settings.loopTimeoutMs;
	const fields: IDataObject = {
		checked_at: iso(latest.at),
		check_count: (earlier?.checkCount ?? 0) + observations.length,
		waiting_since: iso(waitingSince),
	};
	// passed along, so a restore of what the job deleted knows where its deletes begin
	if (carried?.scheduledAt !== undefined) fields.scheduled_at = iso(carried.scheduledAt);
	if (settings.loopTimeoutMs !== undefined) fields.loop_timed_out = timedOut;
	if (!finished && !timedOut) {
		const msToDeadline = settings.loopTimeoutMs === undefined ? undefined : waitingSince + settings.loopTimeoutMs - latest.at;
		const gapMs = parkFriendlyGap(planNextCheck(history, settings.minGapMs, settings.maxGapMs), settings.maxGapMs, msToDeadline);
		const seconds = Math.max(1, Math.ceil(gapMs / 1000));
		fields.next_check_in_seconds = seconds;
		fields.next_check_at = iso(latest.at + seconds * 1000);
	}
	return { fields, timedOut, history };
}
