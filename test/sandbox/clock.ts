/**
 * Sandbox time: real time times a speed factor, plus manual jumps. Speed 0 with advance() gives
 * virtual time, so a 30-minute job can be benchmarked in milliseconds.
 */
export class SandboxClock {
	private realStart = Date.now();
	private offsetMs = 0;

	constructor(
		private speed = 1,
		private readonly epochMs = Date.now(),
	) {}

	now(): number {
		return this.epochMs + this.offsetMs + (Date.now() - this.realStart) * this.speed;
	}

	advance(ms: number): void {
		this.offsetMs += ms;
	}

	setSpeed(speed: number): void {
		const current = this.now();
		this.speed = speed;
		this.realStart = Date.now();
		this.offsetMs = current - this.epochMs;
	}

	get currentSpeed(): number {
		return this.speed;
	}
}
