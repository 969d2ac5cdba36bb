import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { chat, signIn, useEmulator } from './harness';

/** A real 7x5 RGB PNG, built here independently of the emulator's own encoder. */
function tinyPng(width: number, height: number): Buffer {
	const chunk = (type: string, data: Buffer): Buffer => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]); // CRC not checked by a sniffer
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const rows = Buffer.alloc(height * (1 + width * 3), 0x7f);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
	]);
}

/** SOI, a JFIF APP0 segment, a baseline SOF0 frame header, EOI: enough for dimension parsing. */
function tinyJpeg(width: number, height: number): Buffer {
	const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
	const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
	return Buffer.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

function gif(width: number, height: number): Buffer {
	const screen = Buffer.alloc(7);
	screen.writeUInt16LE(width, 0);
	screen.writeUInt16LE(height, 2);
	return Buffer.concat([Buffer.from('GIF89a', 'latin1'), screen, Buffer.from([0x3b])]);
}

/** RIFF/WEBP with a VP8X (extended) chunk: canvas size minus one, 24-bit little-endian. */
function webpVp8x(width: number, height: number): Buffer {
	const body = Buffer.alloc(10);
	body.writeUIntLE(width - 1, 4, 3);
	body.writeUIntLE(height - 1, 7, 3);
	const chunkHeader = Buffer.concat([Buffer.from('VP8X', 'latin1'), Buffer.from([10, 0, 0, 0])]);
	const payload = Buffer.concat([Buffer.from('WEBP', 'latin1'), chunkHeader, body]);
	const size = Buffer.alloc(4);
	size.writeUInt32LE(payload.length);
	return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, payload]);
}

const dataUrl = (mime: string, bytes: Buffer): string => `data:${mime};base64,${bytes.toString('base64')}`;
const imagePart = (url: string): Record<string, unknown> => ({ type: 'image_url', image_url: { url } });

describe('emulator: vision inputs', () => {
	const emu = useEmulator();
	let access = '';
	beforeEach(async () => {
		access = (await signIn(emu.url)).access_token;
	});

	it('decodes PNG and JPEG data URLs, describes them in the reply and logs them', async () => {
		const png = tinyPng(7, 5);
		const jpeg = tinyJpeg(640, 480);
		const response = await chat(emu.url, access, {
			messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, imagePart(dataUrl('image/png', png)), imagePart(dataUrl('image/jpeg', jpeg))] }],
		});
		assert.equal(response.status, 200);
		const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
		assert.equal(body.choices[0].message.content, [
			'Echo: What is this?',
			`Image 1: png 7x5, ${png.length} bytes (declared image/png)`,
			`Image 2: jpeg 640x480, ${jpeg.length} bytes (declared image/jpeg)`,
		].join('\n'));
		const [entry] = await emu.admin.requests({ path: '/chat/completions' });
		assert.deepEqual(entry.images, [
			{ declaredMime: 'image/png', format: 'png', bytes: png.length, width: 7, height: 5 },
			{ declaredMime: 'image/jpeg', format: 'jpeg', bytes: jpeg.length, width: 640, height: 480 },
		]);
	});

	it('reports the real format when the declared MIME type lies, and GIF/WebP sizes', async () => {
		const response = await chat(emu.url, access, {
			model: 'claude-haiku-4-5',
			messages: [{ role: 'user', content: [
				imagePart(dataUrl('image/jpeg', tinyPng(2, 3))), imagePart(dataUrl('image/gif', gif(33, 44))),
				imagePart(dataUrl('image/webp', webpVp8x(300, 200))), imagePart(dataUrl('image/png', Buffer.from('plain text'))),
			] }],
		});
		assert.equal(response.status, 200);
		const [entry] = await emu.admin.requests({ path: '/chat/completions' });
		assert.deepEqual(entry.images?.map(({ declaredMime, format, width, height }) => `${declaredMime} ${format} ${width}x${height}`), [
			'image/jpeg png 2x3', 'image/gif gif 33x44', 'image/webp webp 300x200', 'image/png unknown 0x0',
		]);
	});

	it('rejects images on a text model without the vision capability', async () => {
		const response = await chat(emu.url, access, {
			model: 'gpt-5-nano', messages: [{ role: 'user', content: [imagePart(dataUrl('image/png', tinyPng(1, 1)))] }],
		});
		assert.equal(response.status, 400);
		const error = ((await response.json()) as { error: { type: string; message: string } }).error;
		assert.equal(error.type, 'invalid_request_error');
		assert.match(error.message, /vision/);
	});

	it('rejects an image_url that is neither a base64 data URL nor http(s)', async () => {
		const response = await chat(emu.url, access, { messages: [{ role: 'user', content: [imagePart('file:///tmp/cat.png')] }] });
		assert.equal(response.status, 400);
		assert.equal(((await response.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
	});
});
