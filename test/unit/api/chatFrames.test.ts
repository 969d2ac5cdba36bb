import assert from 'node:assert/strict';
import { ChatFrameDecoder } from '../../../src/api/chatFrames';
import { parseChatStream } from '../../../src/api/chatStream';
import { ResponseTooLargeError, StreamError, StreamTruncatedError } from '../../../src/api/errors';
import { type ChatStreamEvent, type StreamWarning } from '../../../src/api/types';
import { collect } from './helpers';

const encoder = new TextEncoder();

const delta = (content: string): string =>
	`data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const ENDING = `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n` +
	`data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\ndata: [DONE]\n\n`;

/** A body that delivers each part as one chunk. */
function bodyOf(parts: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
	let i = 0;
	return new ReadableStream({
		pull(controller) {
			if (i < parts.length) {
				const part = parts[i++];
				controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
			} else {
				controller.close();
			}
		},
	});
}

const texts = (events: readonly ChatStreamEvent[]): string[] => events.flatMap((event) => (event.type === 'delta' ? [event.text] : []));
/** Read through a call: the checks below look at the same decoder before and after it is fed. */
const failureOf = (decoder: ChatFrameDecoder): unknown => decoder.failure;
const kinds = (events: readonly ChatStreamEvent[]): string[] => events.map((event) => event.type);

describe('api: chat stream frames, batched per network chunk', () => {
	it('a chunk carrying many events yields each of them, in order, then the ending', async () => {
		const words = Array.from({ length: 500 }, (_, i) => `w${i} `);
		const { events, error } = await collect(parseChatStream(bodyOf([words.map(delta).join('') + ENDING])));
		assert.equal(error, undefined);
		assert.deepEqual(texts(events), words);
		assert.deepEqual(kinds(events).slice(-3), ['finish', 'usage', 'done']);
	});

	it('an event split across chunks (inside its JSON and inside a multi-byte character) arrives whole', async () => {
		const bytes = encoder.encode(delta('before ') + delta('Köln 🙂 漢字') + delta(' after') + ENDING);
		const emoji = bytes.indexOf(0xf0);
		const json = bytes.indexOf(0x7b, encoder.encode(delta('before ')).length);
		// Cuts: in the middle of the emoji's four bytes, just after the `{` of the second frame, between the two LFs.
		const blank = encoder.encode(delta('before ') + delta('Köln 🙂 漢字')).length - 1;
		const cuts = [json + 1, emoji + 2, blank].sort((a, b) => a - b);
		const parts = [0, ...cuts].map((start, i) => bytes.subarray(start, i < cuts.length ? cuts[i] : bytes.length));
		const { events, error } = await collect(parseChatStream(bodyOf(parts)));
		assert.equal(error, undefined);
		assert.deepEqual(texts(events), ['before ', 'Köln 🙂 漢字', ' after']);
	});

	it('a malformed line and a malformed frame between good ones are skipped and reported; the good ones around them stay', async () => {
		const warnings: StreamWarning[] = [];
		const body = bodyOf([`${delta('one ')}garbage\n\n${delta('two ')}data: {not json\n\n${delta('three')}`, ENDING]);
		const { events, error } = await collect(parseChatStream(body, undefined, { onWarning: (w) => warnings.push(w) }));
		assert.equal(error, undefined);
		assert.deepEqual(texts(events), ['one ', 'two ', 'three']);
		assert.deepEqual(warnings.map((w) => [w.reason, w.sample, w.skipped]), [['invalidLine', 'garbage', 1], ['malformedJson', '{not json', 2]]);
	});

	it('keeps the text of every chunk for the partial text of an error frame or a cut-off stream', async () => {
		const error = (await collect(parseChatStream(bodyOf([delta('a') + delta('b'), delta('c') + 'data: {"error":{"message":"boom"}}\n\n'])))).error;
		assert.ok(error instanceof StreamError, String(error));
		assert.equal(error.partialText, 'abc');
		const cut = (await collect(parseChatStream(bodyOf([delta('a') + delta('b'), delta('c'), delta('d').slice(0, 20)])))).error;
		assert.ok(cut instanceof StreamTruncatedError, String(cut));
		assert.equal(cut.partialText, 'abc');
	});

	it('refuses a line that never ends past the event limit, and nothing after it counts', () => {
		const decoder = new ChatFrameDecoder({}, 1000);
		decoder.feed(encoder.encode(delta('kept')));
		decoder.feed(encoder.encode(`data: ${'x'.repeat(600)}`));
		assert.equal(failureOf(decoder), undefined, 'under the limit so far');
		decoder.feed(encoder.encode('x'.repeat(600)));
		assert.ok(failureOf(decoder) instanceof ResponseTooLargeError, String(failureOf(decoder)));
		decoder.feed(encoder.encode(`\n\n${delta('ignored')}`));
		decoder.end();
		assert.deepEqual(texts(decoder.events), ['kept']);
		assert.equal(decoder.text, 'kept');
	});

	it('refuses an event whose data lines add up past the limit while it waits for its end; a frame just under it is fine', () => {
		const many = new ChatFrameDecoder({}, 1000);
		many.feed(encoder.encode('data: 0123456789012345678901234567890123456789\n'.repeat(15)));
		assert.equal(failureOf(many), undefined, 'under the limit so far');
		many.feed(encoder.encode('data: 0123456789012345678901234567890123456789\n'.repeat(15)));
		assert.ok(failureOf(many) instanceof ResponseTooLargeError, String(failureOf(many)));
		const big = new ChatFrameDecoder({}, 1000);
		big.feed(encoder.encode(delta('y'.repeat(900))));
		assert.equal(failureOf(big), undefined);
		assert.deepEqual(texts(big.events), ['y'.repeat(900)]);
	});
});
