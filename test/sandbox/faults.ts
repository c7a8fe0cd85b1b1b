/** Faults the sandbox can inject into CRM API replies, at a seeded rate or queued one by one. */
export const FAULT_KINDS = [
	'rate_limited',
	'rate_limited_retry_after',
	'server_error',
	'bad_gateway',
	'unavailable',
	'connection_reset',
	/** Zoho acts on the request (schedules, deletes), then the connection drops before the reply. */
	'acted_then_reset',
	'slow_reply',
	'expired_token',
	'wrong_scope',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSettings {
	/** Share of CRM API requests that get a fault, 0 to 1. */
	rate: number;
	/** Kinds drawn from when the rate fires. */
	kinds: FaultKind[];
	/** How long a slow reply stalls (real milliseconds); set it above the client's timeout. */
	slowReplyMs: number;
	retryAfterSeconds: number;
	/** The next N refresh-token grants fail with HTTP 500. */
	failingRefreshes: number;
}

export const NO_FAULTS: FaultSettings = {
	rate: 0,
	kinds: ['rate_limited', 'rate_limited_retry_after', 'server_error', 'bad_gateway', 'unavailable', 'connection_reset'],
	slowReplyMs: 35_000,
	retryAfterSeconds: 1,
	failingRefreshes: 0,
};

export class FaultInjector {
	settings: FaultSettings;
	private readonly queued: Array<FaultKind | 'none'> = [];
	private readonly aimed: Array<{ path: RegExp; kind: FaultKind }> = [];
	readonly injected: Record<string, number> = {};

	constructor(
		settings: Partial<FaultSettings>,
		private readonly random: () => number,
	) {
		this.settings = { ...NO_FAULTS, ...settings };
	}

	configure(settings: Partial<FaultSettings>): void {
		this.settings = { ...this.settings, ...settings };
	}

	/** Faults for the next requests, in order, before any drawn at random; 'none' lets one request through. */
	queue(...kinds: Array<FaultKind | 'none'>): void {
		this.queued.push(...kinds);
	}

	/** A fault for the next request whose path matches, whatever comes before it (then the queue and the rate as usual). */
	aim(path: RegExp, kind: FaultKind): void {
		this.aimed.push({ path, kind });
	}

	next(path = ''): FaultKind | undefined {
		const aimed = this.aimed.findIndex((entry) => entry.path.test(path));
		if (aimed !== -1) return this.count(this.aimed.splice(aimed, 1)[0].kind);
		if (this.queued.length > 0) {
			const queued = this.queued.shift()!;
			return queued === 'none' ? undefined : this.count(queued);
		}
		let fault: FaultKind | undefined;
		if (this.settings.rate > 0 && this.random() < this.settings.rate) {
			const { kinds } = this.settings;
			fault = kinds[Math.floor(this.random() * kinds.length)];
		}
		return fault && this.count(fault);
	}

	private count(fault: FaultKind): FaultKind {
		this.injected[fault] = (this.injected[fault] ?? 0) + 1;
		return fault;
	}

	takeRefreshFailure(): boolean {
		if (this.settings.failingRefreshes <= 0) return false;
		this.settings.failingRefreshes -= 1;
		this.injected.failing_refresh = (this.injected.failing_refresh ?? 0) + 1;
		return true;
	}
}
