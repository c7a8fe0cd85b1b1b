import { readCarriedCheck } from '../../nodes/ZohoMassDeleteStatus/carriedCheck';
import { loopState, type LoopSettings } from '../../nodes/shared/waiting/loopState';
import { parkFriendlyGap, planNextCheck, WAIT_LIMITS, type Observation } from '../../nodes/shared/waiting/waitSchedule';

const S = 1000;
const MIN = 60 * S;
const settings: LoopSettings = { minGapMs: 5 * S, maxGapMs: 180 * S };
const running = (at: number, processed: number, total = 6000): Observation => ({ at, status: 'RUNNING', processed, total });

describe('park-friendly gaps', () => {
	it('the threshold is n8n\'s Wait node\'s: 65 s', () => {
		expect(WAIT_LIMITS.parkThresholdMs).toBe(65 * S);
	});

	it.each([
		['a finish due in 20 s stays short (the worker is held briefly)', { gapMs: 20 * S, aimedAtFinish: true }, 20 * S],
		['a finish due in 64 s stays at 64 s', { gapMs: 64 * S, aimedAtFinish: true }, 64 * S],
		['a re-measure gap of 5 s becomes 65 s, so the Wait parks', { gapMs: 5 * S, aimedAtFinish: false }, 65 * S],
		['a back-off gap of 30 s becomes 65 s', { gapMs: 30 * S, aimedAtFinish: false }, 65 * S],
		['a gap of 65 s or more is kept', { gapMs: 120 * S, aimedAtFinish: false }, 120 * S],
	])('%s', (_name, next, expected) => {
		expect(parkFriendlyGap(next, 180 * S)).toBe(expected);
	});

	it('a longest gap under 65 s wins: the user chose to hold the worker', () => {
		expect(parkFriendlyGap({ gapMs: 5 * S, aimedAtFinish: false }, 30 * S)).toBe(30 * S);
	});

	it('never past the deadline: the last check lands on it', () => {
		expect(parkFriendlyGap({ gapMs: 180 * S, aimedAtFinish: false }, 180 * S, 40 * S)).toBe(40 * S);
		expect(parkFriendlyGap({ gapMs: 180 * S, aimedAtFinish: false }, 180 * S, -5 * S)).toBe(1 * S);
	});

	it('the longest gap caps a far finish, and such a gap is not "aimed"', () => {
		const far = planNextCheck([running(0, 0, 100_000), running(60 * S, 100, 100_000)], 5 * S, 180 * S);
		expect(far).toEqual({ gapMs: 180 * S, aimedAtFinish: false });
		const near = planNextCheck([running(0, 0), running(60 * S, 3000)], 5 * S, 180 * S);
		expect(near.aimedAtFinish).toBe(true);
		expect(near.gapMs).toBeCloseTo(60 * S * 1.03, 6);
	});
});

describe('the check an item carries', () => {
	const now = Date.parse('2026-12-01T12:10:00.000Z');
	const previous = {
		Status: 'RUNNING',
		Total_Count: 6000,
		Deleted_Count: 1200,
		Failed_Count: 0,
		job_id: '3652397000009565021',
		module: 'Leads',
		checked_at: '2026-12-01T12:08:00.000Z',
		check_count: 3,
		waiting_since: '2026-12-01T12:00:00.000Z',
	};

	it('this node\'s own output come round the loop: the previous observation, the count and the start', () => {
		expect(readCarriedCheck(previous, '3652397000009565021', 'Leads', now)).toEqual({
			observation: { at: Date.parse('2026-12-01T12:08:00.000Z'), status: 'RUNNING', processed: 1200, total: 6000 },
			checkCount: 3,
			waitingSince: Date.parse('2026-12-01T12:00:00.000Z'),
		});
	});

	it('the start node\'s item: scheduled_at, nothing processed yet, no checks so far', () => {
		const started = { job_id: '3652397000009565021', module: 'Leads', custom_view_id: '1', scheduled_at: '2026-12-01T12:09:00.000Z' };
		expect(readCarriedCheck(started, '3652397000009565021', 'Leads', now)).toEqual({
			observation: { at: Date.parse('2026-12-01T12:09:00.000Z'), status: 'RUNNING', processed: 0 },
			checkCount: 0,
			waitingSince: Date.parse('2026-12-01T12:09:00.000Z'),
			scheduledAt: Date.parse('2026-12-01T12:09:00.000Z'),
		});
		// and this node's output carries it round the loop
		expect(readCarriedCheck({ ...previous, scheduled_at: started.scheduled_at }, '3652397000009565021', 'Leads', now)?.scheduledAt).toBe(Date.parse(started.scheduled_at));
	});

	it.each([
		['another job', { ...previous, job_id: '3652397000009565022' }],
		['another module', { ...previous, module: 'Contacts' }],
		['a job ID as a number', { ...previous, job_id: Number(previous.job_id) }],
		['a garbled checked_at', { ...previous, checked_at: 'yesterday-ish' }],
		['a checked_at in the future', { ...previous, checked_at: '2026-12-01T13:00:00.000Z' }],
		['no counts', { job_id: previous.job_id, module: 'Leads', checked_at: previous.checked_at }],
		['an unrelated item', { id: '3652397000006064023' }],
	])('carries nothing from %s', (_name, json) => {
		expect(readCarriedCheck(json as never, '3652397000009565021', 'Leads', now)).toBeUndefined();
	});

	it('a garbled check_count or waiting_since falls back to sensible values', () => {
		const carried = readCarriedCheck({ ...previous, check_count: 'many', waiting_since: '2026-12-01T12:09:00.000Z' }, previous.job_id, 'Leads', now)!;
		expect(carried.checkCount).toBe(1);
		// waiting cannot begin after the check it carries
		expect(carried.waitingSince).toBe(Date.parse(previous.checked_at));
	});
});

describe('the loop state an item leaves with', () => {
	const carried = { observation: running(0, 1200), checkCount: 3, waitingSince: -10 * MIN };

	it('from the second pass on, the next check is aimed just after the predicted finish', () => {
		// 1,200 records a minute: 4,800 left after 2 minutes take 4 more minutes, capped at the longest gap
		const state = loopState(carried, [running(60 * S, 2400)], false, settings);
		expect(state.history).toHaveLength(2);
		expect(state.fields).toMatchObject({ check_count: 4, waiting_since: new Date(-10 * MIN).toISOString(), next_check_in_seconds: 180 });
		const nearer = loopState(carried, [running(240 * S, 5400)], false, settings);
		// 600 left at 1,050 a minute: about 34 s, short because the finish is near
		expect(nearer.fields.next_check_in_seconds).toBe(Math.ceil((600 / (4200 / 240)) * 1.03));
	});

	it('the first pass, with nothing carried: one reading, no rate, so 65 s (the Wait parks)', () => {
		const state = loopState(undefined, [running(0, 300)], false, settings);
		expect(state.fields).toMatchObject({ check_count: 1, next_check_in_seconds: 65, checked_at: new Date(0).toISOString(), next_check_at: new Date(65 * S).toISOString() });
	});

	it('counts that went backwards mean another run: nothing is carried', () => {
		const state = loopState(carried, [running(60 * S, 100)], false, settings);
		expect(state.history).toHaveLength(1);
		expect(state.fields).toMatchObject({ check_count: 1, waiting_since: new Date(60 * S).toISOString() });
	});

	it('a finished job gets no next check', () => {
		const state = loopState(carried, [{ ...running(60 * S, 6000), status: 'COMPLETED' }], true, settings);
		expect(state.fields).not.toHaveProperty('next_check_in_seconds');
		expect(state.fields).not.toHaveProperty('next_check_at');
		expect(state.timedOut).toBe(false);
	});

	it('with a loop timeout: still running past it is timed out; before it, the gap stops at the deadline', () => {
		const withTimeout = { ...settings, loopTimeoutMs: 12 * MIN };
		const late = loopState(carried, [running(2 * MIN, 1300)], false, withTimeout);
		expect(late.timedOut).toBe(true);
		expect(late.fields).toMatchObject({ loop_timed_out: true });
		expect(late.fields).not.toHaveProperty('next_check_in_seconds');
		const early = loopState(carried, [running(100 * S, 1250)], false, withTimeout);
		expect(early.timedOut).toBe(false);
		expect(early.fields).toMatchObject({ loop_timed_out: false, next_check_in_seconds: 20 });
		// a finished job is never timed out, however late
		expect(loopState(carried, [{ ...running(60 * MIN, 6000), status: 'COMPLETED' }], true, withTimeout).timedOut).toBe(false);
	});

	it('next_check_in_seconds is a whole number of at least 1', () => {
		const soon = loopState(carried, [running(60 * S, 5999)], false, { ...settings, minGapMs: 1 * S });
		expect(Number.isInteger(soon.fields.next_check_in_seconds)).toBe(true);
		expect(soon.fields.next_check_in_seconds).toBeGreaterThanOrEqual(1);
	});
});
