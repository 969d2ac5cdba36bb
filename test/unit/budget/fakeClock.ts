import { type SchedulerClock } from '../../../src/budget/schedulerTiming';

interface Timer { at: number; seq: number; callback: () => void }

/**
 * A hand-driven clock for the scheduler (time is the one thing a test cannot wait for honestly):
 * `advance` jumps from timer to timer and lets the work each one starts finish before the next.
 */
export class FakeClock implements SchedulerClock {
	private time = 0;
	private seq = 0;
	private readonly timers = new Map<number, Timer>();

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const id = ++this.seq;
		this.timers.set(id, { at: this.time + Math.max(0, ms), seq: id, callback });
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.timers.delete(handle as number);
	}

	/** Timers still armed. */
	get pending(): number {
		return this.timers.size;
	}

	/** Moves time forward by `ms`, firing due timers in order; after each, awaits `settle` (e.g. the fetch it started). */
	async advance(ms: number, settle: () => Promise<void> = () => Promise.resolve()): Promise<void> {
		const target = this.time + ms;
		for (;;) {
			const next = [...this.timers.entries()]
				.filter(([, timer]) => timer.at <= target)
				.sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq)[0];
			if (!next) {
				break;
			}
			const [id, timer] = next;
			this.timers.delete(id);
			this.time = timer.at;
			timer.callback();
			await settle();
		}
		this.time = target;
	}
}
