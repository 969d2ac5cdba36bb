import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';
import { parseUsage } from './chat';
import { describeErrorBody } from './errorBody';
import { type AiPassError, BudgetExhaustedError, ResponseTooLargeError, StreamError } from './errors';
import { SSE_EVENT_CHARS } from './limits';
import { type ChatStreamEvent, type StreamOptions, type StreamWarning } from './types';

const SAMPLE_LENGTH = 200;

type Json = Record<string, unknown>;

/**
 * Decodes SSE text into chat events (this is the per-frame hot path; see test/bench/sse.bench.ts).
 * `[DONE]` ends the stream; comments and named non-message events are ignored; a frame that is not
 * a JSON object is skipped and reported; a frame with a top-level `error` becomes `failure`.
 */
export class ChatFrameDecoder {
	/** Events decoded and not yet taken. */
	events: ChatStreamEvent[] = [];
	/** Delta text so far, one piece per network chunk (joined only when asked). */
	private readonly pieces: string[] = [];
	/** The current chunk's delta texts, joined into `pieces` when the chunk is done (few long-lived strings). */
	private chunkPieces: string[] = [];
	ended = false;
	failure: AiPassError | undefined;
	private skipped = 0;
	private readonly parser: EventSourceParser;
	private readonly decoder = new TextDecoder();

	/**
	 * `maxEventChars` bounds the unfinished line plus the data of the event being read: a stream that
	 * never ends a line or an event fails with `ResponseTooLargeError` there, well before the stream cap.
	 */
	constructor(private readonly options: StreamOptions, maxEventChars = SSE_EVENT_CHARS) {
		this.parser = createParser({
			onEvent: (message) => this.onEvent(message),
			onError: (error: ParseError) => this.onParseError(error, maxEventChars),
			maxBufferSize: maxEventChars,
		});
	}

	/** All delta text so far (the stream errors' `partialText`). */
	get text(): string {
		this.keepChunkText();
		if (this.pieces.length > 1) {
			const joined = this.pieces.join('');
			this.pieces.length = 0;
			this.pieces.push(joined);
		}
		return this.pieces.length === 0 ? '' : this.pieces[0];
	}

	feed(bytes: Uint8Array): void {
		// Nothing after [DONE] or a failure counts (and the parser refuses input once over its limit).
		if (!this.ended && this.failure === undefined) {
			this.parser.feed(this.decoder.decode(bytes, { stream: true }));
			this.keepChunkText();
		}
	}

	/** EOF: a last event without its blank line still counts (lenient, like most clients). */
	end(): void {
		if (!this.ended && this.failure === undefined) {
			this.parser.feed(`${this.decoder.decode()}\n\n`);
			this.keepChunkText();
		}
	}

	private keepChunkText(): void {
		const chunk = this.chunkPieces;
		if (chunk.length > 0) {
			this.pieces.push(chunk.length === 1 ? chunk[0] : chunk.join(''));
			this.chunkPieces = [];
		}
	}

	private onParseError(error: ParseError, limit: number): void {
		if (error.type === 'max-buffer-size-exceeded') {
			this.failure ??= new ResponseTooLargeError(`chat stream: a line or event grew past ${limit} characters`, limit);
		} else {
			this.warn('invalidLine', error.line ?? error.message);
		}
	}

	private onEvent(message: EventSourceMessage): void {
		if (this.ended || this.failure !== undefined || (message.event !== undefined && message.event !== 'message')) {
			return;
		}
		const data = message.data;
		if (data === '[DONE]') {
			this.ended = true;
			this.events.push({ type: 'done' });
			return;
		}
		let frame: unknown;
		try {
			frame = JSON.parse(data);
		} catch {
			this.warn('malformedJson', data);
			return;
		}
		if (!isObject(frame) || Array.isArray(frame)) {
			this.warn('unexpectedFrame', data);
			return;
		}
		if (frame.error !== undefined) {
			const message = `chat stream error: ${describeStreamError(frame.error)}`;
			// A budget refusal mid-stream is the same news as an HTTP 402, whatever the text so far.
			this.failure = describeErrorBody(data, '', []).budgetExceeded ? new BudgetExhaustedError(message) : new StreamError(message, this.text);
			return;
		}
		const choices = frame.choices;
		const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
		if (isObject(choice)) {
			const delta = choice.delta;
			if (isObject(delta)) {
				const content = delta.content;
				if (typeof content === 'string' && content !== '') {
					this.chunkPieces.push(content);
					this.events.push({ type: 'delta', text: content });
				}
				if (delta.tool_calls !== undefined) {
					pushToolCalls(delta.tool_calls, this.events);
				}
			}
			if (typeof choice.finish_reason === 'string') {
				this.events.push({ type: 'finish', reason: choice.finish_reason });
			}
		}
		if (frame.usage !== undefined && frame.usage !== null) {
			const usage = parseUsage(frame.usage);
			if (usage !== undefined) {
				this.events.push({ type: 'usage', usage });
			}
		}
	}

	private warn(reason: StreamWarning['reason'], sample: string): void {
		this.skipped++;
		this.options.onWarning?.({ reason, sample: sample.slice(0, SAMPLE_LENGTH), skipped: this.skipped });
	}
}

/** Hot-path check; reading a missing field of an array is harmless, so arrays pass. */
function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null;
}

function pushToolCalls(calls: unknown, events: ChatStreamEvent[]): void {
	if (!Array.isArray(calls)) {
		return;
	}
	for (const call of calls) {
		if (!isObject(call)) {
			continue;
		}
		const fn = isObject(call.function) ? call.function : {};
		const event: ChatStreamEvent = {
			type: 'toolCall',
			index: typeof call.index === 'number' ? call.index : 0,
			argumentsDelta: typeof fn.arguments === 'string' ? fn.arguments : '',
		};
		if (typeof call.id === 'string') {
			event.id = call.id;
		}
		if (typeof fn.name === 'string') {
			event.name = fn.name;
		}
		events.push(event);
	}
}

function describeStreamError(error: unknown): string {
	if (isObject(error)) {
		const message = typeof error.message === 'string' ? error.message : 'unknown error';
		const code = error.code;
		return typeof code === 'string' || typeof code === 'number' ? `${message} (code ${code})` : message;
	}
	return typeof error === 'string' ? error : JSON.stringify(error);
}
