import assert from 'node:assert/strict';
import {
	ResponseTooLargeError, ServerError, StreamStalledError, StreamTruncatedError, TimeoutError,
} from '../../../src/api/errors';
import { type ChatStreamEvent } from '../../../src/api/types';
import { collect, rejection, useEmulator } from './helpers';

const CHAT = { model: 'gpt-5-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
const MB = 1024 * 1024;

function deltaText(events: readonly ChatStreamEvent[]): string {
	return events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
}

describe('api: every call has a clock', () => {
	const api = useEmulator();

	it('a stream that goes silent mid-answer fails with StreamStalledError, keeping the text that arrived', async () => {
		await api.emulator.admin.setChatReply({ content: 'one two three four five' });
		await api.emulator.admin.fault({ kind: 'stallStream', afterChunks: 2 });
		const { events, error } = await collect(api.makeClient({ limits: { idleTimeoutMs: 200 } }).streamChat(CHAT));
		assert.ok(error instanceof StreamStalledError, `got ${String(error)}`);
		assert.ok(error instanceof StreamTruncatedError, 'the chat keeps partial text of every truncated stream');
		assert.equal(error.partialText, 'one two ');
		assert.equal(deltaText(events), 'one two ');
		assert.match(error.message, /no data for 200 ms/);
		assert.match(error.userMessage, /stopped sending/);
		assert.equal(api.settled, 1);
	});

	it('a slow stream whose chunks keep coming is never cut by the idle clock', async () => {
		await api.emulator.admin.setConfig({ chunkDelayMs: 60 });
		await api.emulator.admin.setChatReply({ content: 'a b c d e f g h' });
		const { events, error } = await collect(api.makeClient({ limits: { idleTimeoutMs: 400 } }).streamChat(CHAT));
		assert.equal(error, undefined);
		assert.equal(deltaText(events), 'a b c d e f g h');
	});

	it('a JSON body that stops half-way fails with an idle TimeoutError', async () => {
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 10, contentLength: 1000, path: '/models' });
		const error = await rejection(api.makeClient({ limits: { idleTimeoutMs: 200 } }).listModels());
		assert.ok(error instanceof TimeoutError, `got ${String(error)}`);
		assert.equal(error.idle, true);
		assert.match(error.message, /models: no data for 200 ms/);
	});

	it('a media generation that never answers times out on its own (longer) clock', async () => {
		await api.emulator.admin.fault({ kind: 'hang', path: '/images/generations' });
		const client = api.makeClient({ limits: { headersTimeoutMs: 30_000, mediaHeadersTimeoutMs: 200 } });
		const error = await rejection(client.generateImages({ model: 'imagen-4-ultra', prompt: 'x' }));
		assert.ok(error instanceof TimeoutError);
		assert.equal(error.idle, false);
		assert.match(error.message, /images\/generations: no answer within 200 ms/);
	});

	it('a usage summary that never answers times out (TimeoutError)', async () => {
		await api.emulator.admin.fault({ kind: 'hang', path: '/usage/me/summary' });
		const error = await rejection(api.makeClient({ limits: { headersTimeoutMs: 200 } }).usageSummary());
		assert.ok(error instanceof TimeoutError);
	});
});

describe('api: every read is bounded', () => {
	const api = useEmulator();

	it('refuses a Content-Length over the cap before reading the body', async () => {
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 1024, contentLength: 50 * 1024 * MB, path: '/models' });
		const error = await rejection(api.makeClient({ limits: { jsonBytes: MB } }).listModels());
		assert.ok(error instanceof ResponseTooLargeError, `got ${String(error)}`);
		assert.match(error.message, /Content-Length 53687091200 is over the limit of 1048576 bytes/);
		assert.match(error.userMessage, /over 1 MB/);
	});

	it('stops reading a body without Content-Length as soon as it passes the cap', async () => {
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 2 ** 31, path: '/models' });
		const error = await rejection(api.makeClient({ limits: { jsonBytes: MB } }).listModels());
		assert.ok(error instanceof ResponseTooLargeError, `got ${String(error)}`);
		assert.match(error.message, /grew past the limit of 1048576 bytes/);
	});

	it('reads only the start of a 2 GB error body', async () => {
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 2 ** 31, status: 503, path: '/models' });
		const error = await rejection(api.client.listModels());
		assert.ok(error instanceof ServerError, `got ${String(error)}`);
		assert.equal(error.status, 503);
	});

	it('caps a chat stream that never ends a line', async () => {
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 2 ** 31, path: '/chat/completions' });
		const { error } = await collect(api.makeClient({ limits: { streamBytes: 2 * MB } }).streamChat(CHAT));
		assert.ok(error instanceof ResponseTooLargeError, `got ${String(error)}`);
		assert.equal(api.settled, 1);
	});

	it('caps a video download', async () => {
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 2 ** 31, path: '/content' });
		const error = await rejection(api.makeClient({ limits: { videoBytes: 4 * MB } }).downloadVideo('video_any'));
		assert.ok(error instanceof ResponseTooLargeError, `got ${String(error)}`);
		assert.equal(error.limitBytes, 4 * MB);
	});

	it('caps a speech answer and an image JSON answer', async () => {
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 2 ** 31, path: '/audio/speech' });
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 2 ** 31, contentLength: 2 ** 31, path: '/images/generations' });
		const client = api.makeClient({ limits: { mediaBytes: MB, imageJsonBytes: MB } });
		assert.ok((await rejection(client.speech({ model: 'tts-1', input: 'hi', voice: 'alloy' }))) instanceof ResponseTooLargeError);
		assert.ok((await rejection(client.generateImages({ model: 'imagen-4-ultra', prompt: 'x' }))) instanceof ResponseTooLargeError);
	});

	it('downloads a generated image by URL without a token, under the media cap', async () => {
		const image = await api.client.downloadImage(`${api.emulator.url}/__media/nothing-here`).catch((e: unknown) => e);
		assert.ok(image instanceof Error, 'an unknown media path is a 404');
		const [log] = await api.emulator.admin.requests({ path: '/__media/' });
		assert.equal(log.headers.authorization, undefined);
		await api.emulator.admin.fault({ kind: 'hugeBody', bytes: 2 ** 31, path: '/__media/big.png' });
		const error = await rejection(api.makeClient({ limits: { mediaBytes: MB } }).downloadImage(`${api.emulator.url}/__media/big.png`));
		assert.ok(error instanceof ResponseTooLargeError, `got ${String(error)}`);
		assert.ok((await rejection(api.client.downloadImage('file:///etc/passwd'))) instanceof Error);
	});
});
