import type * as vscode from 'vscode';

/**
 * `work`, or a rejection with `reason()` as soon as `signal` aborts: a caller leaves a shared
 * operation without stopping it for the others.
 */
export function leaveOnAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, reason: () => unknown): Promise<T> {
	if (!signal) {
		return work;
	}
	if (signal.aborted) {
		return Promise.reject(reason());
	}
	return new Promise<T>((resolve, reject) => {
		const onAbort = (): void => reject(reason());
		signal.addEventListener('abort', onAbort, { once: true });
		work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}

/**
 * Resolves on the next `event`, or when `untilMs` (epoch ms) passes; rejects with the signal's reason
 * if it aborts first. Never waits past `untilMs`.
 */
export function nextEventOrDeadline(event: vscode.Event<unknown>, untilMs: number, signal: AbortSignal): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		if (signal.aborted) {
			reject(signal.reason);
			return;
		}
		const done = (settle: () => void): void => {
			clearTimeout(timer);
			listener.dispose();
			signal.removeEventListener('abort', onAbort);
			settle();
		};
		const onAbort = (): void => done(() => reject(signal.reason));
		const timer = setTimeout(() => done(resolve), Math.max(0, untilMs - Date.now()));
		const listener = event(() => done(resolve));
		signal.addEventListener('abort', onAbort, { once: true });
	});
}

/** An AbortSignal that aborts (with `reason()`) when the token is cancelled or `cancelAll` fires. */
export function signalOf(token: vscode.CancellationToken, cancelAll: vscode.Event<void>, reason: () => unknown): { readonly signal: AbortSignal; dispose(): void } {
	const controller = new AbortController();
	const abort = (): void => controller.abort(reason());
	if (token.isCancellationRequested) {
		abort();
	}
	const listeners = [token.onCancellationRequested(abort), cancelAll(abort)];
	return { signal: controller.signal, dispose: () => listeners.forEach(l => l.dispose()) };
}
