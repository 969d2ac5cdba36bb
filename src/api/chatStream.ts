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
 */
export function parseChatStream(
	body: ReadableStream<Uint8Array>, signal?: AbortSignal, options: StreamReadOptions = {},
): AsyncIterableIterator<ChatStreamEvent> {
	return new ChatStreamReader(body, signal, options);
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * The iterator behind `parseChatStream`. Hand-written rather than an async generator: the events of
 * one network chunk are decoded together and handed out from a resolved promise each, which saves the
 * generator's extra turns per event on the hot path (see test/bench/sse.bench.ts).
 */
class ChatStreamReader implements AsyncIterableIterator<ChatStreamEvent> {
	private readonly frames: ChatFrameDecoder;
	private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
	private readonly maxBytes: number;
	private batch: ChatStreamEvent[] = [];
	private index = 0;
	private received = 0;
	/** The body reached EOF. */
	private finished = false;
	private closed = false;
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

	next(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
		if (this.index < this.batch.length && !this.closed) {
			if (this.signal?.aborted) {
				return this.fail(stopped(this.signal, this.frames.text));
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

	/** The last chunk's events are all handed out: apply its ending, or read the next chunk. */
	private async advance(): Promise<IteratorResult<ChatStreamEvent, undefined>> {
		if (this.closed) {
			return DONE;
		}
		try {
			for (;;) {
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
				await this.read();
				if (this.batch.length > 0) {
					return { value: this.batch[this.index++], done: false };
				}
			}
		} catch (e) {
			this.close();
			throw e;
		}
	}

	private async read(): Promise<void> {
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
		this.batch = frames.events;
		this.index = 0;
		frames.events = [];
	}

	private fail(error: unknown): Promise<never> {
		this.close();
		return Promise.reject(error);
	}

	private close(): void {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.batch = [];
		this.signal?.removeEventListener('abort', this.cancel);
		if (!this.finished) {
			this.cancel();
		}
		this.reader.releaseLock();
	}
}

/** Why the signal stopped the stream: the idle clock (keeps the text so far) or the caller. */
function stopped(signal: AbortSignal, text: string): Error {
	const reason: unknown = signal.reason;
	return reason instanceof TimeoutError
		? new StreamStalledError(`chat stream: ${reason.message}`, text, { cause: reason })
		: new AbortedError('chat stream cancelled');
}
