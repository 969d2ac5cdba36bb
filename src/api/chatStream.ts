import { ChatFrameDecoder } from './chatFrames';
import { AbortedError, StreamTruncatedError } from './errors';
import { type ChatStreamEvent, type StreamOptions } from './types';

/**
 * Turns a chat-completions SSE body into events (frame rules: `ChatFrameDecoder`). A frame with a
 * top-level `error` throws `StreamError`; EOF before `[DONE]` throws `StreamTruncatedError`; both
 * carry all text received so far. An abort cancels the body at once and throws `AbortedError`;
 * leaving the loop early also cancels the body.
 */
export async function* parseChatStream(
	body: ReadableStream<Uint8Array>, signal?: AbortSignal, options: StreamOptions = {},
): AsyncGenerator<ChatStreamEvent> {
	const frames = new ChatFrameDecoder(options);
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
				throw signal?.aborted ? new AbortedError('chat stream cancelled') : new StreamTruncatedError(
					`chat stream broke off before [DONE]: ${e instanceof Error ? e.message : String(e)}`, frames.text, { cause: e });
			}
			if (signal?.aborted) {
				// The abort listener cancelled the body, which reads as an early EOF.
				throw new AbortedError('chat stream cancelled');
			}
			if (chunk.done) {
				finished = true;
				frames.end();
			} else {
				frames.feed(chunk.value);
			}
			// Events of one network chunk are decoded together, then handed out one by one.
			const events = frames.events;
			frames.events = [];
			for (let i = 0; i < events.length; i++) {
				if (signal?.aborted) {
					throw new AbortedError('chat stream cancelled');
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
