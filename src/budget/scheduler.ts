import type { UsageSummary } from '../api/types';
import { backoffDelay, cappedRetryAfter, defaultTiming, type SchedulerClock, type SchedulerTiming } from './schedulerTiming';

/** Why a fetch started (logged, and shown while it runs). */
export type RefreshReason = 'start' | 'poll' | 'retry' | 'forced' | 'paidRequest' | 'focus';

export type FetchResult = { readonly ok: true; readonly summary: UsageSummary } | { readonly ok: false; readonly error: unknown };

export interface BudgetSchedulerOptions {
	readonly clock: SchedulerClock;
	/** One usage summary request; the signal aborts it when the scheduler stops. */
	readonly fetchSummary: (signal: AbortSignal) => Promise<UsageSummary>;
	readonly intervalMs: number;
	readonly focused: boolean;
	readonly timing?: Partial<SchedulerTiming>;
	/** How long the server asked us to wait after this error (Retry-After), if it did. */
	readonly retryAfterMs?: (error: unknown) => number | undefined;
	readonly onFetchStart?: (reason: RefreshReason) => void;
	readonly onFetchEnd: (result: FetchResult, reason: RefreshReason) => void;
}

/**
 * Decides when to ask for the usage summary: every poll interval while active (signed in) and focused,
 * soon after paid requests and focus changes (debounced), with exponential backoff after failures and
 * never more than one request in flight. Pure: no `vscode`, time and HTTP are injected.
 */
export class BudgetScheduler {
	private readonly timing: SchedulerTiming;
	private intervalMs: number;
	private active = false;
	private focused: boolean;
	/** Bumped by every stop, so the result of an aborted fetch is ignored. */
	private generation = 0;
	private inFlight: { promise: Promise<void>; abort: AbortController } | undefined;
	/** A paid request settled while a fetch was in flight: its figures may predate the debit. */
	private followUp = false;
	/** A paid request settled while unfocused: refresh as soon as focus returns. */
	private dirty = false;
	private lastFetchAt: number | undefined;
	private failures = 0;
	private retryAfterMs = 0;
	/** The server's Retry-After as a deadline: no fetch of any kind (but a forced one) starts before it. */
	private notBefore = 0;
	private pollTimer: unknown;
	private pollDue: { at: number; reason: RefreshReason } | undefined;
	private debounce: { timer: unknown; reason: RefreshReason; firstAt: number; dueAt: number } | undefined;
	private stopped = false;

	constructor(private readonly options: BudgetSchedulerOptions) {
		this.timing = { ...defaultTiming, ...options.timing };
		this.intervalMs = options.intervalMs;
		this.focused = options.focused;
	}

	get isActive(): boolean { return this.active; }
	get isFocused(): boolean { return this.focused; }
	get isFetching(): boolean { return this.inFlight !== undefined; }
	get pollIntervalMs(): number { return this.intervalMs; }
	get consecutiveFailures(): number { return this.failures; }
	/** When the next fetch is due and why, if one is scheduled (none while paused or fetching). */
	get nextFetch(): { readonly at: number; readonly reason: RefreshReason } | undefined {
		return this.debounce ? { at: this.debounce.dueAt, reason: this.debounce.reason } : this.pollDue;
	}
	/** When the last fetch ended. */
	get lastFetchTime(): number | undefined { return this.lastFetchAt; }
	/** A paid request settled while unfocused; its refresh waits for focus. */
	get waitingForFocus(): boolean { return this.dirty; }

	/** Signed in (start at once) or signed out (abort and forget everything). */
	setActive(active: boolean): void {
		if (this.stopped || active === this.active) {
			return;
		}
		this.reset();
		this.active = active;
		this.reschedule();
	}

	/** Another account, service or session: forget the history and fetch again now. */
	restart(): void {
		if (this.active) {
			this.setActive(false);
			this.setActive(true);
		}
	}

	setFocused(focused: boolean): void {
		if (this.stopped || focused === this.focused) {
			return;
		}
		this.focused = focused;
		if (!focused) {
			// A paid request still waiting for its refresh is done when focus returns.
			this.dirty ||= this.debounce?.reason === 'paidRequest';
			this.clearTimers();
			return;
		}
		const age = this.lastFetchAt === undefined ? Infinity : this.options.clock.now() - this.lastFetchAt;
		if (this.active && (this.dirty || age >= this.timing.focusMinAgeMs)) {
			this.debounceFetch('focus', this.timing.focusDebounceMs);
		} else {
			this.reschedule();
		}
	}

	setIntervalMs(intervalMs: number): void {
		if (intervalMs !== this.intervalMs) {
			this.intervalMs = intervalMs;
			this.reschedule();
		}
	}

	/** A paid request settled: the balance moved. Coalesced with the requests around it. */
	paidRequestSettled(): void {
		if (this.stopped || !this.active) {
			return;
		}
		if (!this.focused) {
			this.dirty = true;
			return;
		}
		if (this.inFlight) {
			this.followUp = true;
			return;
		}
		this.debounceFetch('paidRequest', this.timing.paidDebounceMs);
	}

	/** Fetches now, whatever the schedule and focus; joins the request already in flight. */
	refresh(): Promise<void> {
		if (this.stopped || !this.active) {
			return Promise.resolve();
		}
		return this.inFlight?.promise ?? this.start('forced');
	}

	/** Resolves when no fetch is in flight (the current one, and a follow-up it started, have ended). */
	async settled(): Promise<void> {
		while (this.inFlight) {
			await this.inFlight.promise;
		}
	}

	dispose(): void {
		this.reset();
		this.active = false;
		this.stopped = true;
	}

	private reset(): void {
		this.generation++;
		this.inFlight?.abort.abort();
		this.inFlight = undefined;
		this.clearTimers();
		this.followUp = false;
		this.dirty = false;
		this.lastFetchAt = undefined;
		this.failures = 0;
		this.retryAfterMs = 0;
		this.notBefore = 0;
	}

	private clearTimers(): void {
		if (this.pollTimer !== undefined) {
			this.options.clock.clearTimeout(this.pollTimer);
			this.pollTimer = undefined;
			this.pollDue = undefined;
		}
		if (this.debounce) {
			this.options.clock.clearTimeout(this.debounce.timer);
			this.debounce = undefined;
		}
	}

	/** Arms the one poll timer for the next due fetch (or none while paused, fetching or debouncing). */
	private reschedule(): void {
		if (this.pollTimer !== undefined) {
			this.options.clock.clearTimeout(this.pollTimer);
			this.pollTimer = undefined;
			this.pollDue = undefined;
		}
		if (this.stopped || !this.active || !this.focused || this.inFlight || this.debounce) {
			return;
		}
		const { clock } = this.options;
		const [dueAt, reason]: [number, RefreshReason] = this.lastFetchAt === undefined
			? [clock.now(), 'start']
			: this.failures > 0 ? [this.lastFetchAt + backoffDelay(this.failures, this.intervalMs, this.retryAfterMs, this.timing), 'retry'] : [this.lastFetchAt + this.intervalMs, 'poll'];
		this.pollDue = { at: dueAt, reason };
		this.pollTimer = clock.setTimeout(() => {
			this.pollTimer = undefined;
			this.pollDue = undefined;
			void this.start(reason);
		}, Math.max(0, dueAt - clock.now()));
	}

	/** Trailing debounce: each trigger pushes the fetch back, but not past the first trigger + max wait. */
	private debounceFetch(reason: RefreshReason, quietMs: number): void {
		const { clock } = this.options;
		const firstAt = this.debounce?.firstAt ?? clock.now();
		if (this.debounce) {
			clock.clearTimeout(this.debounce.timer);
		}
		const debounced = Math.min(quietMs, Math.max(0, firstAt + this.timing.maxDebounceWaitMs - clock.now()));
		// Paid requests and focus never bring a fetch forward past the server's Retry-After.
		const delay = Math.max(debounced, this.notBefore - clock.now());
		const timer = clock.setTimeout(() => {
			this.debounce = undefined;
			if (this.inFlight) {
				this.followUp = true;
			} else {
				void this.start(reason);
			}
		}, delay);
		this.debounce = { timer, reason, firstAt, dueAt: clock.now() + delay };
		this.reschedule();
	}

	private start(reason: RefreshReason): Promise<void> {
		this.clearTimers();
		this.followUp = false;
		this.dirty = false;
		const generation = this.generation;
		const abort = new AbortController();
		this.options.onFetchStart?.(reason);
		const promise = this.options.fetchSummary(abort.signal).then(
			(summary): FetchResult => ({ ok: true, summary }),
			(error: unknown): FetchResult => ({ ok: false, error }),
		).then(result => this.finish(result, reason, generation));
		this.inFlight = { promise, abort };
		return promise;
	}

	private finish(result: FetchResult, reason: RefreshReason, generation: number): void {
		if (generation !== this.generation) {
			return;
		}
		this.inFlight = undefined;
		this.lastFetchAt = this.options.clock.now();
		if (result.ok) {
			this.failures = 0;
			this.retryAfterMs = 0;
			this.notBefore = 0;
		} else {
			this.failures++;
			this.retryAfterMs = this.options.retryAfterMs?.(result.error) ?? 0;
			this.notBefore = this.lastFetchAt + cappedRetryAfter(this.retryAfterMs, this.timing);
		}
		this.options.onFetchEnd(result, reason);
		if (generation !== this.generation) {
			return; // The listener stopped or restarted us.
		}
		// A paid request that settled during a successful fetch may not be in its figures: one more.
		// (After a failure the backoff decides; the balance is marked stale anyway.)
		if (this.followUp && result.ok && this.focused) {
			void this.start('paidRequest');
			return;
		}
		this.dirty ||= this.followUp && !this.focused;
		this.followUp = false;
		this.reschedule();
	}
}
