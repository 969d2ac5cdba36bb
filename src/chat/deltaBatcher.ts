export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

const defaultTimers: Timers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Coalesces streamed text for the webview: however fast deltas arrive, the text of one message is
 * handed to `flush` at most once per interval (~one animation frame), as one piece with the offset it
 * starts at.
 */
export class DeltaBatcher {
	private pending: { messageId: string; offset: number; text: string } | undefined;
	private timer: unknown;

	constructor(
		private readonly flush: (messageId: string, offset: number, text: string) => void,
		private readonly intervalMs = 16,
		private readonly timers: Timers = defaultTimers,
	) {}

	/** `offset` is the message's length before `text`. */
	push(messageId: string, offset: number, text: string): void {
		if (this.pending !== undefined && this.pending.messageId !== messageId) {
			this.flushNow();
		}
		if (this.pending === undefined) {
			this.pending = { messageId, offset, text };
		} else {
			this.pending.text += text;
		}
		this.timer ??= this.timers.setTimeout(() => {
			this.timer = undefined;
			this.flushNow();
		}, this.intervalMs);
	}

	/** Hands over what is pending now (before a message finishes, or a webview gets the full state). */
	flushNow(): void {
		if (this.timer !== undefined) {
			this.timers.clearTimeout(this.timer);
			this.timer = undefined;
		}
		const pending = this.pending;
		this.pending = undefined;
		if (pending !== undefined && pending.text !== '') {
			this.flush(pending.messageId, pending.offset, pending.text);
		}
	}

	dispose(): void {
		if (this.timer !== undefined) {
			this.timers.clearTimeout(this.timer);
			this.timer = undefined;
		}
		this.pending = undefined;
	}
}
