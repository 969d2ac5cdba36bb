import { AbortedError, type AiPassError, isAiPassError, NetworkError, TimeoutError } from './errors';

/** How long a call may wait. 0 disables a clock. */
export interface CallTimeouts {
	/** From sending the request until the response headers arrive. */
	headersMs: number;
	/** Once the body is being read: the longest silence between two chunks. */
	idleMs: number;
}

/**
 * The life of one API call: merges the caller's signal with two clocks (time to headers, then silence
 * between body chunks) into one signal for `fetch`, and turns whatever was thrown into a typed error
 * that says which of them fired. A clock that fires aborts with a `TimeoutError` as the signal's reason.
 */
export class CallScope {
	private readonly controller = new AbortController();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private timedOut: TimeoutError | undefined;
	private phase: 'headers' | 'body' = 'headers';
	private lastChunkAt = 0;
	private readonly onCallerAbort = (): void => this.controller.abort(this.caller?.reason);

	constructor(private readonly caller: AbortSignal | undefined, private readonly timeouts: CallTimeouts, private readonly route: string) {
		if (caller?.aborted) {
			this.controller.abort(caller.reason);
		} else {
			caller?.addEventListener('abort', this.onCallerAbort, { once: true });
		}
		this.arm(timeouts.headersMs, () => `${route}: no answer within ${timeouts.headersMs} ms`);
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	/** Throws the typed error if the call was cancelled or timed out meanwhile. */
	throwIfAborted(route: string): void {
		if (this.signal.aborted) {
			throw this.translate(new AbortedError(), route);
		}
	}

	/** The headers arrived: from now on the clock measures the silence between body chunks. */
	startBody(): void {
		this.phase = 'body';
		this.lastChunkAt = performance.now();
		clearTimeout(this.timer);
		this.timer = undefined;
		this.armIdle(this.timeouts.idleMs);
	}

	/** A body chunk arrived (cheap: the idle timer is re-armed lazily when it fires). */
	touch(): void {
		this.lastChunkAt = performance.now();
	}

	/** Classifies `e`: timeout and cancellation win over whatever the fetch machinery threw. */
	translate(e: unknown, route: string): AiPassError {
		if (this.timedOut !== undefined) {
			return isAiPassError(e) && (e.kind === 'timeout' || e.kind === 'streamTruncated') ? e : new TimeoutError(this.timedOut.message, { cause: e });
		}
		if (this.caller?.aborted) {
			return isAiPassError(e) && e.kind === 'aborted' ? e : new AbortedError(`${route}: cancelled`);
		}
		if (isAiPassError(e)) {
			return e;
		}
		const detail = e instanceof Error ? describeCause(e) : String(e);
		return new NetworkError(`${route}: ${detail}`, { cause: e });
	}

	dispose(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.caller?.removeEventListener('abort', this.onCallerAbort);
	}

	/** One timer for the whole body: when it fires early (chunks came meanwhile) it waits out the rest. */
	private armIdle(idleMs: number): void {
		if (idleMs <= 0) {
			return;
		}
		const check = (): void => {
			const quiet = performance.now() - this.lastChunkAt;
			if (quiet >= idleMs) {
				this.fire(`${this.route}: no data for ${idleMs} ms`);
			} else {
				this.timer = setTimeout(check, idleMs - quiet);
			}
		};
		this.timer = setTimeout(check, idleMs);
	}

	private arm(ms: number, message: () => string): void {
		if (ms > 0) {
			this.timer = setTimeout(() => this.fire(message()), ms);
		}
	}

	private fire(message: string): void {
		if (this.signal.aborted) {
			return;
		}
		this.timedOut = new TimeoutError(message, { idle: this.phase === 'body' });
		this.controller.abort(this.timedOut);
	}
}

/** `fetch failed` alone says nothing; undici keeps the reason (ECONNREFUSED…) in `cause`. */
function describeCause(e: Error): string {
	const cause: unknown = e.cause;
	if (cause instanceof Error) {
		const code = (cause as Error & { code?: unknown }).code;
		return `${e.message} (${typeof code === 'string' ? code : cause.message})`;
	}
	return e.message;
}
