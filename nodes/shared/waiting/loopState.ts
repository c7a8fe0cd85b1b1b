import type { IDataObject } from 'n8n-workflow';

import { parkFriendlyGap, planNextCheck, type Observation } from './waitSchedule';

/** What an input item tells about earlier checks of the same job: the state a Wait-node loop carries round. */
export interface CarriedCheck {
	/** The earlier observation, used as the previous one for the job's rate. */
	observation: Observation;
	/** Checks made so far in this loop (0 when the item is the start node's). */
	checkCount: number;
	/** Epoch ms the waiting began: the first check, or when the job was scheduled. */
	waitingSince: number;
	/** Epoch ms the Zoho Mass Delete node scheduled the job, when an item on the way said: where its deletes begin. */
	scheduledAt?: number;
	/** The records the job's custom view held just before it started, when the start node captured them. */
	capturedIds?: string[];
}

/** Whether a new observation continues the carried one: later, and counts not gone backwards (else a different run). */
export function continues(carried: CarriedCheck, next: Observation): boolean {
	const before = carried.observation;
	return before.at <= next.at && (before.processed ?? 0) <= (next.processed ?? 0);
}

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
	if (carried?.capturedIds !== undefined) fields.captured_ids = carried.capturedIds;
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
