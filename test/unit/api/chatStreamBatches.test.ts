import assert from 'node:assert/strict';
import { parseChatStream, parseChatStreamBatches } from '../../../src/api/chatStream';
import { AbortedError, StreamError, StreamStalledError, StreamTruncatedError, TimeoutError } from '../../../src/api/errors';
import { type ChatStreamEvent } from '../../../src/api/types';
import { collect } from './helpers';

const encoder = new TextEncoder();

const delta = (content: string): string =>
	`data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const ENDING = `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n` +
	`data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\ndata: [DONE]\n\n`;
const ERROR_FRAME = 'data: {"error":{"message":"boom"}}\n\n';

/** A body that delivers each part as one chunk; with `open`, it then stays open (a server still thinking). */
function bodyOf(parts: readonly string[], open = false): ReadableStream<Uint8Array> {
	let i = 0;
	return new ReadableStream({
		pull(controller) {
			if (i < parts.length) {
				controller.enqueue(encoder.encode(parts[i++]));
			} else if (open) {
				return new Promise<void>(() => undefined);
			} else {
				controller.close();
			}
			return undefined;
		},
	}, { highWaterMark: 0 });
}

/** One short string per event: `d:text`, or the event's type. */
const shape = (event: ChatStreamEvent): string => (event.type === 'delta' ? `d:${event.text}` : event.type);

describe('api: chat stream batches (one per network chunk)', () => {
	it('a batch is the events of one chunk, in order; a chunk without a whole event makes no batch', async () => {
		const split = delta('c');
		const parts = [delta('a') + delta('b'), split.slice(0, 20), split.slice(20), delta('d') + ENDING];
		const { events: batches, error } = await collect(parseChatStreamBatches(bodyOf(parts)));
		assert.equal(error, undefined);
		assert.deepEqual(batches.map((batch) => batch.events.map(shape)), [
			['d:a', 'd:b'],
			['d:c'],
			['d:d', 'finish', 'usage', 'done'],
		]);
	});

	it('the per-event iterator hands out exactly the batches, flattened', async () => {
		const parts = [delta('one ') + delta('two '), delta('three').slice(0, 9), delta('three').slice(9) + delta(' four') + ENDING];
		const batches = await collect(parseChatStreamBatches(bodyOf(parts)));
		const events = await collect(parseChatStream(bodyOf(parts)));
		assert.equal(events.error, undefined);
		assert.deepEqual(events.events, batches.events.flatMap((batch) => batch.events));
		assert.deepEqual(events.events.map(shape).slice(0, 4), ['d:one ', 'd:two ', 'd:three', 'd: four']);
	});

	it('an error frame in the middle of a chunk: the batch of the events before it, then the error with all text so far', async () => {
		const parts = [delta('a'), delta('b') + delta('c') + ERROR_FRAME + delta('never')];
		const { events: batches, error } = await collect(parseChatStreamBatches(bodyOf(parts)));
		assert.deepEqual(batches.map((batch) => batch.events.map(shape)), [['d:a'], ['d:b', 'd:c']]);
		assert.ok(error instanceof StreamError, String(error));
		assert.equal(error.partialText, 'abc');
	});

	it('EOF without [DONE] after a batch: that batch, then StreamTruncatedError', async () => {
		const { events: batches, error } = await collect(parseChatStreamBatches(bodyOf([delta('x') + delta('y')])));
		assert.deepEqual(batches.map((batch) => batch.events.map(shape)), [['d:x', 'd:y']]);
		assert.ok(error instanceof StreamTruncatedError, String(error));
		assert.equal(error.partialText, 'xy');
	});

	it('abort while the next chunk is awaited: the pending call rejects with AbortedError, the body is cancelled', async () => {
		const abort = new AbortController();
		let cancelled = false;
		const inner = bodyOf([delta('a')], true).getReader();
		const body = new ReadableStream<Uint8Array>({
			pull: async (controller) => {
				const chunk = await inner.read();
				if (chunk.done) {
					controller.close();
				} else {
					controller.enqueue(chunk.value);
				}
			},
			cancel: () => {
				cancelled = true;
			},
		}, { highWaterMark: 0 });
		const batches = parseChatStreamBatches(body, abort.signal);
		const first = await batches.next();
		assert.deepEqual(first.done ? [] : first.value.events.map(shape), ['d:a']);
		const pending = batches.next();
		abort.abort();
		await assert.rejects(pending, AbortedError);
		assert.equal(cancelled, true);
		assert.deepEqual(await batches.next(), { value: undefined, done: true });
	});

	it('abort by the idle clock: StreamStalledError with the text so far', async () => {
		const abort = new AbortController();
		const batches = parseChatStreamBatches(bodyOf([delta('so far')], true), abort.signal);
		await batches.next();
		abort.abort(new TimeoutError('no chunk for 10 ms'));
		const error = await batches.next().then(() => undefined, (e: unknown) => e);
		assert.ok(error instanceof StreamStalledError, String(error));
		assert.equal(error.partialText, 'so far');
	});

	it('looping over a batch stops at an abort between two events, and the next call throws it, even after [DONE] in that chunk', async () => {
		const abort = new AbortController();
		const batches = parseChatStreamBatches(bodyOf([delta('a') + delta('b') + delta('c') + ENDING]), abort.signal);
		const first = await batches.next();
		assert.ok(first.done !== true);
		const seen: string[] = [];
		for (const event of first.value) {
			seen.push(shape(event));
			abort.abort();
		}
		assert.deepEqual(seen, ['d:a']);
		await assert.rejects(batches.next(), AbortedError);
		assert.deepEqual(await batches.next(), { value: undefined, done: true });
	});

	it('a batch looped over without an abort hands out all of its events, and may be looped over again', async () => {
		const batches = parseChatStreamBatches(bodyOf([delta('a') + delta('b') + ENDING]));
		const first = await batches.next();
		assert.ok(first.done !== true);
		assert.deepEqual([...first.value].map(shape), ['d:a', 'd:b', 'finish', 'usage', 'done']);
		assert.deepEqual([...first.value].map(shape), first.value.events.map(shape));
		assert.deepEqual(await batches.next(), { value: undefined, done: true });
	});

	it('per event: an abort between two events of one chunk stops at once (the rest of the chunk is not handed out)', async () => {
		const abort = new AbortController();
		const events = parseChatStream(bodyOf([delta('a') + delta('b') + delta('c')], true), abort.signal);
		const first = await events.next();
		assert.deepEqual(first.done ? undefined : shape(first.value), 'd:a');
		abort.abort();
		await assert.rejects(events.next(), AbortedError);
		assert.deepEqual(await events.next(), { value: undefined, done: true });
	});

	it('leaving the loop early cancels the body', async () => {
		let cancelled = false;
		const inner = bodyOf([delta('a'), delta('b')], true).getReader();
		const body = new ReadableStream<Uint8Array>({
			pull: async (controller) => {
				const chunk = await inner.read();
				if (!chunk.done) {
					controller.enqueue(chunk.value);
				}
			},
			cancel: () => {
				cancelled = true;
			},
		}, { highWaterMark: 0 });
		for await (const batch of parseChatStreamBatches(body)) {
			assert.deepEqual(batch.events.map(shape), ['d:a']);
			break;
		}
		assert.equal(cancelled, true);
	});
});
