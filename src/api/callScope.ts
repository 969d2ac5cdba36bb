import { AbortedError, type AiPassError, isAiPassError, NetworkError, TimeoutError } from './errors';

/**
 * The life of one API call: merges the caller's signal with the timeout into one signal for
 * `fetch`, and turns whatever was thrown into a typed error that says which of them fired.
 */
export class CallScope {
	private readonly controller = new AbortController();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private timedOut = false;
	private readonly onCallerAbort = (): void => this.controller.abort(this.caller?.reason);

	constructor(private readonly caller: AbortSignal | undefined, private readonly timeoutMs: number) {
		if (caller?.aborted) {
			this.controller.abort(caller.reason);
		} else {
			caller?.addEventListener('abort', this.onCallerAbort, { once: true });
		}
		if (timeoutMs > 0) {
			this.timer = setTimeout(() => {
				this.timedOut = true;
				this.controller.abort(new Error(`timed out after ${timeoutMs} ms`));
			}, timeoutMs);
		}
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

	/** Streams stop the clock once the response has started. */
	stopTimer(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	/** Classifies `e`: timeout and cancellation win over whatever the fetch machinery threw. */
	translate(e: unknown, route: string): AiPassError {
		if (this.timedOut) {
			return isAiPassError(e) && e.kind === 'timeout'
				? e
				: new TimeoutError(`${route}: no answer within ${this.timeoutMs} ms`, { cause: e });
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
		this.stopTimer();
		this.caller?.removeEventListener('abort', this.onCallerAbort);
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
