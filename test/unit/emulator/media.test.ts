import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { api, signIn, useEmulator } from './harness';

interface ImagesResponse { created: number; data: Array<{ url?: string; b64_json?: string; revised_prompt?: string }> }

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks a PNG really decodes: IHDR size, and an IDAT that inflates to height * (1 + width * 3). */
function assertDecodablePng(bytes: Buffer): void {
	assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE));
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	const idatLength = bytes.readUInt32BE(33);
	assert.equal(bytes.toString('latin1', 37, 41), 'IDAT');
	assert.equal(inflateSync(bytes.subarray(41, 41 + idatLength)).length, height * (1 + width * 3));
}

function pngFile(name: string): File {
	const bytes = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(24)]);
	return new File([new Uint8Array(bytes)], name, { type: 'image/png' });
}

describe('emulator: embeddings, images, audio', () => {
	const emu = useEmulator();
	let access = '';
	beforeEach(async () => {
		access = (await signIn(emu.url)).access_token;
	});
	const post = (path: string, body: unknown): Promise<Response> => api(emu.url, access, path, { method: 'POST', body: JSON.stringify(body) });
	const postForm = (path: string, form: FormData): Promise<Response> => api(emu.url, access, path, { method: 'POST', body: form });

	it('embeds strings as deterministic unit vectors of the model dimension', async () => {
		const response = await post('/embeddings', { model: 'text-embedding-3-small', input: ['alpha', 'beta', 'alpha'] });
		assert.equal(response.status, 200);
		const body = (await response.json()) as { object: string; model: string; data: Array<{ object: string; index: number; embedding: number[] }>; usage: unknown };
		assert.equal(body.object, 'list');
		assert.equal(body.model, 'text-embedding-3-small');
		assert.deepEqual(body.data.map((item) => [item.object, item.index, item.embedding.length]), [['embedding', 0, 1536], ['embedding', 1, 1536], ['embedding', 2, 1536]]);
		assert.ok(Math.abs(Math.hypot(...body.data[0].embedding) - 1) < 1e-9);
		assert.deepEqual(body.data[0].embedding, body.data[2].embedding);
		assert.notDeepEqual(body.data[0].embedding, body.data[1].embedding);
		const large = (await (await post('/embeddings', { model: 'text-embedding-3-large', input: 'alpha' })).json()) as { data: Array<{ embedding: number[] }> };
		assert.equal(large.data[0].embedding.length, 3072);
	});

	it('imagen-4-ultra answers url images served from /__media/ without auth', async () => {
		const response = await post('/images/generations', { model: 'imagen-4-ultra', prompt: 'a red fox', n: 2, size: '512x512' });
		assert.equal(response.status, 200);
		const body = (await response.json()) as ImagesResponse;
		assert.equal(body.data.length, 2);
		const [first] = body.data;
		assert.equal(first.b64_json, undefined);
		assert.equal(first.revised_prompt, 'a red fox');
		assert.ok(first.url?.startsWith(`${emu.url}/__media/`));
		const image = await fetch(first.url ?? '');
		assert.equal(image.headers.get('content-type'), 'image/png');
		assertDecodablePng(Buffer.from(await image.arrayBuffer()));
		const b64 = (await (await post('/images/generations', { model: 'imagen-4-ultra', prompt: 'a red fox', response_format: 'b64_json' })).json()) as ImagesResponse;
		assert.ok(b64.data[0].b64_json);
	});

	it('nano-banana-2 always answers b64_json', async () => {
		const body = (await (await post('/images/generations', { model: 'nano-banana-2', prompt: 'a cat', response_format: 'url' })).json()) as ImagesResponse;
		assert.equal(body.data[0].url, undefined);
		assertDecodablePng(Buffer.from(body.data[0].b64_json ?? '', 'base64'));
	});

	it('rejects an empty prompt with 400', async () => {
		const response = await post('/images/generations', { model: 'imagen-4-ultra', prompt: '  ' });
		assert.equal(response.status, 400);
		assert.equal(((await response.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
	});

	it('edits with a repeated image field and logs every part', async () => {
		const form = new FormData();
		form.append('model', 'gpt-image-2-edit');
		form.append('prompt', 'merge them');
		form.append('image', pngFile('a.png'));
		form.append('image', pngFile('b.png'));
		form.append('quality', 'low');
		const response = await postForm('/images/edits', form);
		assert.equal(response.status, 200);
		const body = (await response.json()) as ImagesResponse;
		assert.ok(body.data[0].url);
		const [entry] = await emu.admin.requests({ path: '/images/edits' });
		assert.deepEqual(entry.body, [
			{ name: 'model', filename: null, type: null, size: 16, value: 'gpt-image-2-edit' },
			{ name: 'prompt', filename: null, type: null, size: 10, value: 'merge them' },
			{ name: 'image', filename: 'a.png', type: 'image/png', size: 32 },
			{ name: 'image', filename: 'b.png', type: 'image/png', size: 32 },
			{ name: 'quality', filename: null, type: null, size: 3, value: 'low' },
		]);
	});

	it('rejects several images on a single-image model, and non-image bytes', async () => {
		const several = new FormData();
		several.append('model', 'dall-e-2');
		several.append('prompt', 'x');
		several.append('image', pngFile('a.png'));
		several.append('image', pngFile('b.png'));
		const tooMany = await postForm('/images/edits', several);
		assert.equal(tooMany.status, 400);
		assert.match(((await tooMany.json()) as { error: { message: string } }).error.message, /at most 1 image/);

		const text = new FormData();
		text.append('model', 'nano-banana-2-edit');
		text.append('prompt', 'x');
		text.append('image', new File(['not an image'], 'notes.png', { type: 'image/png' }));
		const notImage = await postForm('/images/edits', text);
		assert.equal(notImage.status, 400);
		assert.match(((await notImage.json()) as { error: { message: string } }).error.message, /notes\.png.*not a PNG/);
	});

	it('speaks wav as a real RIFF/WAVE file and other formats with their content type', async () => {
		const wav = await post('/audio/speech', { model: 'tts-1', input: 'Hello', voice: 'alloy', response_format: 'wav' });
		assert.equal(wav.status, 200);
		assert.equal(wav.headers.get('content-type'), 'audio/wav');
		const bytes = Buffer.from(await wav.arrayBuffer());
		assert.equal(bytes.toString('latin1', 0, 4), 'RIFF');
		assert.equal(bytes.toString('latin1', 8, 16), 'WAVEfmt ');
		assert.equal(bytes.readUInt16LE(20), 1);
		assert.equal(bytes.readUInt32LE(40), bytes.length - 44);
		for (const [format, type] of [['mp3', 'audio/mpeg'], ['opus', 'audio/ogg'], ['aac', 'audio/aac'], ['flac', 'audio/flac'], ['pcm', 'audio/pcm']]) {
			const response = await post('/audio/speech', { model: 'gpt-4o-mini-tts', input: 'Hello', voice: 'nova', response_format: format });
			assert.equal(response.headers.get('content-type'), type, format);
			assert.ok((await response.arrayBuffer()).byteLength > 0);
		}
	});

	it('rejects bad speech requests', async () => {
		for (const body of [
			{ model: 'tts-1', input: 'x', voice: 'robot' },
			{ model: 'tts-1', input: 'x', voice: 'alloy', speed: 5 },
			{ model: 'tts-1', input: '', voice: 'alloy' },
			{ model: 'tts-1', input: 'x', voice: 'alloy', response_format: 'ogg' },
		]) {
			const response = await post('/audio/speech', body);
			assert.equal(response.status, 400, JSON.stringify(body));
			await response.body?.cancel();
		}
	});

	describe('transcriptions', () => {
		const transcribe = (filename: string, fields: Record<string, string> = {}): Promise<Response> => {
			const form = new FormData();
			form.append('model', 'whisper-1');
			form.append('file', new File([new Uint8Array(1600)], filename, { type: 'audio/wav' }));
			for (const [key, value] of Object.entries(fields)) {
				form.append(key, value);
			}
			return postForm('/audio/transcriptions', form);
		};

		it('answers json by default and verbose_json with segments', async () => {
			assert.deepEqual(await (await transcribe('memo.wav')).json(), { text: 'Transcribed memo.wav (1600 bytes).', language: 'en', duration: 0.5 });
			const verbose = (await (await transcribe('memo.m4a', { response_format: 'verbose_json', language: 'fr' })).json()) as Record<string, unknown>;
			assert.equal(verbose.text, 'Transcribed memo.m4a (1600 bytes).');
			assert.equal(verbose.language, 'fr');
			assert.ok(Array.isArray(verbose.segments) && verbose.segments.length === 1);
		});

		it('answers text, srt and vtt', async () => {
			assert.equal(await (await transcribe('a.mp3', { response_format: 'text' })).text(), 'Transcribed a.mp3 (1600 bytes).\n');
			assert.equal(await (await transcribe('a.ogg', { response_format: 'srt' })).text(), '1\n00:00:00,000 --> 00:00:00,500\nTranscribed a.ogg (1600 bytes).\n\n');
			const vtt = await transcribe('a.webm', { response_format: 'vtt' });
			assert.match(vtt.headers.get('content-type') ?? '', /^text\/vtt/);
			assert.equal(await vtt.text(), 'WEBVTT\n\n00:00:00.000 --> 00:00:00.500\nTranscribed a.webm (1600 bytes).\n\n');
		});

		it('rejects unsupported file extensions', async () => {
			const response = await transcribe('voice.aiff');
			assert.equal(response.status, 400);
			assert.match(((await response.json()) as { error: { message: string } }).error.message, /Unsupported file format/);
		});
	});
});
