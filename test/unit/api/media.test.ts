import assert from 'node:assert/strict';
import { colourFor, solidPng } from '../../emulator/mediaBytes';
import { type LoggedPart } from '../../emulator/types';
import { BadRequestError } from '../../../src/api/errors';
import { type UploadFile } from '../../../src/api/types';
import { rejection, useEmulator } from './helpers';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(name: string, seed: string): UploadFile {
	return { data: new Uint8Array(solidPng(8, 8, colourFor(seed))), filename: name, mime: 'image/png' };
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
	return String.fromCharCode(...bytes.subarray(start, end));
}

describe('api: embeddings, images, audio', () => {
	const api = useEmulator();

	it('embeds several inputs in order, and decodes the base64 encoding to the same vectors', async () => {
		const request = { model: 'text-embedding-3-small', input: ['alpha', 'beta'] };
		const floats = await api.client.embeddings(request);
		assert.equal(floats.model, 'text-embedding-3-small');
		assert.equal(floats.vectors.length, 2);
		assert.equal(floats.vectors[0].length, 1536);
		assert.ok(Math.abs(Math.hypot(...floats.vectors[0]) - 1) < 1e-6, 'unit vectors');
		assert.ok(floats.usage !== undefined && floats.usage.prompt_tokens > 0);
		const packed = await api.client.embeddings({ ...request, encoding_format: 'base64' });
		packed.vectors.forEach((vector, i) => vector.forEach((value, j) => assert.ok(Math.abs(value - floats.vectors[i][j]) < 1e-6)));
	});

	it('returns b64_json images as bytes with a sniffed MIME type (nano-banana-2 answers b64 only)', async () => {
		const images = await api.client.generateImages({ model: 'nano-banana-2', prompt: 'a red fox', n: 2, response_format: 'url' });
		assert.equal(images.length, 2);
		for (const image of images) {
			assert.ok(image.kind === 'b64');
			assert.equal(image.mime, 'image/png');
			assert.deepEqual([...image.data.subarray(0, 8)], PNG_SIGNATURE);
			assert.equal(image.revisedPrompt, 'a red fox');
		}
	});

	it('returns url images as URLs (imagen-4-ultra with response_format url)', async () => {
		const [image] = await api.client.generateImages({ model: 'imagen-4-ultra', prompt: 'a lighthouse', response_format: 'url' });
		assert.ok(image.kind === 'url');
		assert.ok(image.url.startsWith(`${api.emulator.url}/__media/`));
		const fetched = await fetch(image.url);
		assert.equal(fetched.headers.get('content-type'), 'image/png');
	});

	it('sends every edit image as a repeated "image" part of one multipart request', async () => {
		const images = await api.client.editImages({
			model: 'gpt-image-2-edit', prompt: 'merge them', images: [png('a.png', 'a'), png('b.png', 'b')], quality: 'low',
			response_format: 'b64_json',
		});
		assert.equal(images.length, 1);
		assert.equal(images[0].kind, 'b64');
		const [request] = await api.emulator.admin.requests({ path: '/images/edits' });
		const parts = request.body as LoggedPart[];
		const files = parts.filter((part) => part.name === 'image');
		assert.deepEqual(files.map((part) => [part.filename, part.type]), [['a.png', 'image/png'], ['b.png', 'image/png']]);
		const fields = Object.fromEntries(parts.filter((part) => part.filename === null).map((part) => [part.name, part.value]));
		assert.deepEqual(fields, { model: 'gpt-image-2-edit', prompt: 'merge them', quality: 'low', response_format: 'b64_json' });
	});

	it('makes image variations from one multipart image', async () => {
		const images = await api.client.imageVariations({ model: 'dall-e-2', image: png('in.png', 'in'), n: 2, response_format: 'b64_json' });
		assert.equal(images.length, 2);
		const [request] = await api.emulator.admin.requests({ path: '/images/variations' });
		assert.equal((request.body as LoggedPart[]).filter((part) => part.name === 'image').length, 1);
	});

	it('returns speech as bytes with the server MIME type (WAV header)', async () => {
		const audio = await api.client.speech({ model: 'tts-1', input: 'Hello there', voice: 'nova', response_format: 'wav', speed: 1.25 });
		assert.equal(audio.mime, 'audio/wav');
		assert.equal(ascii(audio.data, 0, 4), 'RIFF');
		assert.equal(ascii(audio.data, 8, 12), 'WAVE');
		const [request] = await api.emulator.admin.requests({ path: '/audio/speech' });
		assert.deepEqual(request.body, { model: 'tts-1', input: 'Hello there', voice: 'nova', response_format: 'wav', speed: 1.25 });
	});

	it('transcribes to JSON with language and duration', async () => {
		const file = { data: new Uint8Array(6400), filename: 'note.wav', mime: 'audio/wav' };
		const result = await api.client.transcribe({ file, model: 'whisper-1', language: 'en' });
		assert.equal(result.text, 'Transcribed note.wav (6400 bytes).');
		assert.equal(result.language, 'en');
		assert.equal(result.duration, 0.5);
		assert.deepEqual(JSON.parse(result.raw), { text: result.text, language: 'en', duration: result.duration });
		const [request] = await api.emulator.admin.requests({ path: '/audio/transcriptions' });
		const part = (request.body as LoggedPart[]).find((p) => p.name === 'file');
		assert.deepEqual([part?.filename, part?.type, part?.size], ['note.wav', 'audio/wav', 6400]);
	});

	it('returns srt and text transcriptions as the raw body', async () => {
		const file = { data: new Uint8Array(3200), filename: 'clip.mp3', mime: 'audio/mpeg' };
		const srt = await api.client.transcribe({ file, model: 'whisper-1', response_format: 'srt' });
		assert.match(srt.raw, /^1\n00:00:00,000 --> 00:00:00,500\nTranscribed clip\.mp3 \(3200 bytes\)\.\n/);
		assert.equal(srt.text, srt.raw);
		const text = await api.client.transcribe({ file, model: 'whisper-1', response_format: 'text' });
		assert.equal(text.text, 'Transcribed clip.mp3 (3200 bytes).\n');
	});

	it('maps a rejected upload to BadRequestError with the server message', async () => {
		const file = { data: new Uint8Array(10), filename: 'notes.txt', mime: 'text/plain' };
		const error = await rejection(api.client.transcribe({ file, model: 'whisper-1' }));
		assert.ok(error instanceof BadRequestError);
		assert.match(error.userMessage, /Unsupported file format/);
	});

	it('fires onPaidRequestSettled once per paid call, success or failure', async () => {
		await api.client.embeddings({ model: 'text-embedding-3-small', input: 'x' });
		await rejection(api.client.embeddings({ model: 'nope', input: 'x' }));
		assert.equal(api.settled, 2);
	});
});
