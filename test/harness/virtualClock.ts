import FakeTimers from '@sinonjs/fake-timers';

/**
 * Time that runs with the real clock but can jump, as a parked execution's wait passes without anyone waiting
 * for it. Only Date is virtual, so n8n's Wait node (its waitTill), the status node (checked_at), the sandbox
 * (job progress, token expiry) and n8n's refreshes all see the same time; timers and sockets stay real.
 */
export interface VirtualClock {
	jump(ms: number): void;
	uninstall(): void;
}

export function installVirtualClock(): VirtualClock {
	const clock = FakeTimers.install({ toFake: ['Date'], now: Date.now(), shouldAdvanceTime: true, advanceTimeDelta: 5 });
	return {
		jump: (ms) => {
			if (ms > 0) clock.setSystemTime(Date.now() + ms);
		},
		uninstall: () => clock.uninstall(),
	};
}
