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
export async function* parseChatStream(
	body: ReadableStream<Uint8Array>, signal?: AbortSignal, options: StreamReadOptions = {},
): AsyncGenerator<ChatStreamEvent> {
	const frames = new ChatFrameDecoder(options);
	const { onChunk } = options;
	const maxBytes = options.maxBytes ?? Infinity;
	let received = 0;
	const reader = body.getReader();
	const cancel = (): void => {
		reader.cancel().catch(() => undefined);
	};
	signal?.addEventListener('abort', cancel, { once: true });
	let finished = false;
	try {
		for (;;) {
			let chunk: Awaited<ReturnType<typeof reader.read>>;
			try {
				chunk = await reader.read();
			} catch (e) {
				throw signal?.aborted ? stopped(signal, frames.text) : new StreamTruncatedError(
					`chat stream broke off before [DONE]: ${e instanceof Error ? e.message : String(e)}`, frames.text, { cause: e });
			}
			if (signal?.aborted) {
				// The abort listener cancelled the body, which reads as an early EOF.
				throw stopped(signal, frames.text);
			}
			if (chunk.done) {
				finished = true;
				frames.end();
			} else {
				onChunk?.();
				received += chunk.value.byteLength;
				if (received > maxBytes) {
					throw new ResponseTooLargeError(`chat stream grew past the limit of ${maxBytes} bytes`, maxBytes);
				}
				frames.feed(chunk.value);
			}
			// Events of one network chunk are decoded together, then handed out one by one.
			const events = frames.events;
			frames.events = [];
			for (let i = 0; i < events.length; i++) {
				if (signal?.aborted) {
					throw stopped(signal, frames.text);
				}
				yield events[i];
			}
			if (frames.failure !== undefined) {
				throw frames.failure;
			}
			if (frames.ended) {
				return;
			}
			if (chunk.done) {
				throw new StreamTruncatedError('chat stream ended without [DONE]', frames.text);
			}
		}
	} finally {
		signal?.removeEventListener('abort', cancel);
		if (!finished) {
			cancel();
		}
		reader.releaseLock();
	}
}

/** Why the signal stopped the stream: the idle clock (keeps the text so far) or the caller. */
function stopped(signal: AbortSignal, text: string): Error {
	const reason: unknown = signal.reason;
	return reason instanceof TimeoutError
		? new StreamStalledError(`chat stream: ${reason.message}`, text, { cause: reason })
		: new AbortedError('chat stream cancelled');
}
