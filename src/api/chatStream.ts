import { ChatFrameDecoder } from './chatFrames';
import { AbortedError, ResponseTooLargeError, StreamStalledError, StreamTruncatedError, TimeoutError } from './errors';
import { type ChatStreamEvent, type StreamOptions } from './types';

/** What the client adds when it reads a stream from the network. */
export interface StreamReadOptions extends StreamOptions {
	/** Hears each network chunk (the idle clock). */
	onChunk?: () => void;
	/** The most bytes the whole stream may carry. */
	maxBytes?: number;
}

/**
 * Turns a chat-completions SSE body into events (frame rules: `ChatFrameDecoder`). A frame with a
 * top-level `error` throws `StreamError`; EOF before `[DONE]` throws `StreamTruncatedError`; both
 * carry all text received so far. An abort cancels the body at once and throws `AbortedError`, or
 * `StreamStalledError` (with the text so far) when the abort's reason is a `TimeoutError`; leaving the
 * loop early also cancels the body. Past `maxBytes` it throws `ResponseTooLargeError`.
 * One event per turn, built on `parseChatStreamBatches`.
 */
export function parseChatStream(
	body: ReadableStream<Uint8Array>, signal?: AbortSignal, options: StreamReadOptions = {},
): AsyncIterableIterator<ChatStreamEvent> {
	return new ChatStreamEvents(new ChatStreamReader(body, signal, options), signal);
}

/**
 * The same stream as `parseChatStream`, one batch per network chunk: the events decoded from that chunk,
 * in order, never empty, each event as `parseChatStream` hands it out. A consumer that loops over a batch
 * synchronously pays one promise turn per chunk instead of one per event. Endings are the same: a
 * failure in a chunk comes after the batch of the events before it; an abort makes the next call throw.
 */
export function parseChatStreamBatches(
	body: ReadableStream<Uint8Array>, signal?: AbortSignal, options: StreamReadOptions = {},
): AsyncIterableIterator<ChatEventBatch> {
	return new ChatStreamReader(body, signal, options);
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * The events of one network chunk (`events`, never empty). Looping over the batch itself stops at once
 * when the stream's signal aborts between two events, as the per-event iterator does; the stream's
 * next call then throws that abort (`AbortedError`, or `StreamStalledError` for the idle clock).
 */
export class ChatEventBatch implements Iterable<ChatStreamEvent> {
	constructor(readonly events: readonly ChatStreamEvent[], private readonly reader: ChatStreamReader, private readonly signal: AbortSignal | undefined) {}

	[Symbol.iterator](): Iterator<ChatStreamEvent, undefined> {
		const { events, reader, signal } = this;
		let index = 0;
		return {
			next: (): IteratorResult<ChatStreamEvent, undefined> => {
				if (index >= events.length) {
					return DONE;
				}
				if (signal?.aborted) {
					reader.stopMidBatch();
					index = events.length;
					return DONE;
				}
				return { value: events[index++], done: false };
			},
		};
	}
}

/** The per-event iterator: hands out a batch's events from resolved promises, checking for an abort before each. */
class ChatStreamEvents implements AsyncIterableIterator<ChatStreamEvent> {
	private batch: readonly ChatStreamEvent[] = [];
	private index = 0;
	private closed = false;

	constructor(private readonly batches: ChatStreamReader, private readonly signal: AbortSignal | undefined) {}

	[Symbol.asyncIterator](): this {
		return this;
	}

	next(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
		if (this.index < this.batch.length && !this.closed) {
			if (this.signal?.aborted) {
				return this.fail(this.batches.stopped(this.signal));
			}
			return Promise.resolve({ value: this.batch[this.index++], done: false });
		}
		return this.advance();
	}

	return(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
		this.close();
		return Promise.resolve(DONE);
	}

	throw(error?: unknown): Promise<IteratorResult<ChatStreamEvent, undefined>> {
		return this.fail(error);
	}

	private async advance(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
		if (this.closed) {
			return DONE;
		}
		try {
			const next = await this.batches.next();
			if (next.done === true) {
				this.close();
				return DONE;
			}
			this.batch = next.value.events;
			this.index = 1;
			return { value: this.batch[0], done: false };
		} catch (e) {
			this.close();
			throw e;
		}
	}

	private fail(error: unknown): Promise<never> {
		this.close();
		return Promise.reject(error);
	}

	private close(): void {
		if (!this.closed) {
			this.closed = true;
			this.batch = [];
			this.batches.close();
		}
	}
}

/**
 * The batch iterator behind both: hand-written rather than an async generator, which would add
 * turns per chunk on the hot path (see test/bench/sse.bench.ts).
 */
class ChatStreamReader implements AsyncIterableIterator<ChatEventBatch> {
	private readonly frames: ChatFrameDecoder;
	private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
	private readonly maxBytes: number;
	private received = 0;
	/** The body reached EOF. */
	private finished = false;
	private closed = false;
	/** A loop over a batch stopped at an abort: the next call throws it. */
	private stoppedMidBatch = false;
	private readonly cancel = (): void => {
		this.reader.cancel().catch(() => undefined);
	};

	constructor(body: ReadableStream<Uint8Array>, private readonly signal: AbortSignal | undefined, private readonly options: StreamReadOptions) {
		this.frames = new ChatFrameDecoder(options);
		this.reader = body.getReader();
		this.maxBytes = options.maxBytes ?? Infinity;
		signal?.addEventListener('abort', this.cancel, { once: true });
	}

	[Symbol.asyncIterator](): this {
		return this;
	}

	/** The next chunk's events; or the stream's ending: done after `[DONE]`, else its error. */
	async next(): Promise<IteratorResult<ChatEventBatch, undefined>> {
		if (this.closed) {
			return DONE;
		}
		try {
			for (;;) {
				if (this.stoppedMidBatch && this.signal !== undefined) {
					throw stopped(this.signal, this.frames.text);
				}
				if (this.frames.failure !== undefined) {
					throw this.frames.failure;
				}
				if (this.frames.ended) {
					this.close();
					return DONE;
				}
				if (this.finished) {
					throw new StreamTruncatedError('chat stream ended without [DONE]', this.frames.text);
				}
				const batch = await this.read();
				if (batch.length > 0) {
					return { value: new ChatEventBatch(batch, this, this.signal), done: false };
				}
			}
		} catch (e) {
			this.close();
			throw e;
		}
	}

	return(): Promise<IteratorResult<ChatEventBatch, undefined>> {
		this.close();
		return Promise.resolve(DONE);
	}

	throw(error?: unknown): Promise<IteratorResult<ChatEventBatch, undefined>> {
		this.close();
		return Promise.reject(error);
	}

	stopMidBatch(): void {
		this.stoppedMidBatch = true;
	}

	/** The error an abort by `signal` ends the stream with. */
	stopped(signal: AbortSignal): Error {
		return stopped(signal, this.frames.text);
	}

	close(): void {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.signal?.removeEventListener('abort', this.cancel);
		if (!this.finished) {
			this.cancel();
		}
		this.reader.releaseLock();
	}

	private async read(): Promise<ChatStreamEvent[]> {
		const { signal, frames } = this;
		let chunk: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
		try {
			chunk = await this.reader.read();
		} catch (e) {
			throw signal?.aborted ? stopped(signal, frames.text) : new StreamTruncatedError(
				`chat stream broke off before [DONE]: ${e instanceof Error ? e.message : String(e)}`, frames.text, { cause: e });
		}
		if (signal?.aborted) {
			// The abort listener cancelled the body, which reads as an early EOF.
			throw stopped(signal, frames.text);
		}
		if (chunk.done) {
			this.finished = true;
			frames.end();
		} else {
			this.options.onChunk?.();
			this.received += chunk.value.byteLength;
			if (this.received > this.maxBytes) {
				throw new ResponseTooLargeError(`chat stream grew past the limit of ${this.maxBytes} bytes`, this.maxBytes);
			}
			frames.feed(chunk.value);
		}
		const batch = frames.events;
		frames.events = [];
		return batch;
	}
}

/** Why the signal stopped the stream: the idle clock (keeps the text so far) or the caller. */
function stopped(signal: AbortSignal, text: string): Error {
	const reason: unknown = signal.reason;
	return reason instanceof TimeoutError
		? new StreamStalledError(`chat stream: ${reason.message}`, text, { cause: reason })
		: new AbortedError('chat stream cancelled');
}
