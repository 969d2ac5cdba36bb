/** Time and timing for the budget scheduler. Pure: no `vscode`. */

/** The time source the scheduler runs on: the real one in the extension, a hand-driven one in tests. */
export interface SchedulerClock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SchedulerTiming {
	/** Quiet time after the last paid request before fetching (a burst causes one fetch). */
	readonly paidDebounceMs: number;
	/** A burst of triggers never delays the fetch longer than this after its first trigger. */
	readonly maxDebounceWaitMs: number;
	/** Quiet time after the window regains focus (focus flapping causes one fetch). */
	readonly focusDebounceMs: number;
	/** Regaining focus refreshes only when the last fetch is at least this old. */
	readonly focusMinAgeMs: number;
	/** First retry after a failure; doubles with each further failure. */
	readonly backoffBaseMs: number;
	/** Retries never wait longer than max(this, the poll interval). */
	readonly backoffMaxMs: number;
	/** A server's Retry-After is honoured up to this long. */
	readonly maxRetryAfterMs: number;
}

export const defaultTiming: SchedulerTiming = {
	paidDebounceMs: 1_500,
	maxDebounceWaitMs: 10_000,
	focusDebounceMs: 1_000,
	focusMinAgeMs: 30_000,
	backoffBaseMs: 30_000,
	backoffMaxMs: 30 * 60_000,
	maxRetryAfterMs: 5 * 60_000,
};

/**
 * The wait before retry number `failures` (1 = the first failure): base·2^(failures−1), capped at
 * max(backoffMaxMs, the poll interval), and never sooner than the server's Retry-After (itself
 * capped at maxRetryAfterMs).
 */
export function backoffDelay(failures: number, intervalMs: number, retryAfterMs: number, timing: SchedulerTiming): number {
	const cap = Math.max(timing.backoffMaxMs, intervalMs);
	const exponential = Math.min(timing.backoffBaseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30), cap);
	return Math.max(exponential, cappedRetryAfter(retryAfterMs, timing));
}

export function cappedRetryAfter(retryAfterMs: number, timing: SchedulerTiming): number {
	return Math.min(Math.max(0, retryAfterMs), timing.maxRetryAfterMs);
}
