import assert from 'node:assert/strict';
import { prepareImage } from '../../../src/vision/codec/prepareImage';
import { gifOf, jpegOf, noise, photo, pngOf, RED, GREEN, webpOf, wasm } from './fixtures';
import { problemOf } from './problemOf';

const text = (value: string) => new TextEncoder().encode(value);

/** A PNG signature and IHDR claiming `width` x `height`, and nothing else. */
function pngHeaderOnly(width: number, height: number): Uint8Array {
	const bytes = new Uint8Array(33);
	bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
	const view = new DataView(bytes.buffer);
	view.setUint32(16, width);
	view.setUint32(20, height);
	bytes.set([8, 6, 0, 0, 0], 24);
	return bytes;
}

describe('image preparation refuses bad input with a reason', function () {
	this.timeout(60_000);

	it('an empty file', async () => {
		assert.deepEqual(await problemOf(new Uint8Array(0)), { kind: 'empty' });
	});

	it('SVG, HEIC, AVIF, PDF, BMP, TIFF: recognised by their content and named', async () => {
		const cases: [Uint8Array, string][] = [
			[text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), 'svg'],
			[text('\uFEFF  <svg viewBox="0 0 1 1"></svg>'), 'svg'],
			[new Uint8Array([0, 0, 0, 0x18, ...text('ftypheic'), 0, 0, 0, 0, ...text('mif1heic')]), 'heic'],
			[new Uint8Array([0, 0, 0, 0x1c, ...text('ftypavif'), 0, 0, 0, 0]), 'avif'],
			[text('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf'],
			[new Uint8Array([...text('BM'), 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]), 'bmp'],
			[new Uint8Array([...text('II*'), 0, 8, 0, 0, 0]), 'tiff'],
		];
		for (const [bytes, detected] of cases) {
			assert.deepEqual(await problemOf(bytes), { kind: 'unsupported', detected }, detected);
		}
	});

	it('a text file renamed .png (the name is never trusted)', async () => {
		assert.deepEqual(await problemOf(text('# Notes\n\nThis is not a picture, whatever its extension says.\n')), { kind: 'unsupported', detected: 'text' });
		assert.deepEqual(await problemOf(new Uint8Array([0, 1, 2, 3, 250, 251, 0, 9])), { kind: 'unsupported', detected: 'unknown' });
	});

	it('truncated JPEG, PNG, GIF and WebP files', async () => {
		const jpeg = jpegOf(photo(300, 200));
		const png = pngOf(photo(300, 200));
		const gif = gifOf(300, 200, RED, GREEN);
		const webp = await webpOf(photo(300, 200));
		for (const [bytes, format] of [[jpeg, 'jpeg'], [png, 'png'], [gif, 'gif'], [webp, 'webp']] as const) {
			for (const keep of [0.5, 0.9]) {
				const problem = await problemOf(bytes.subarray(0, Math.floor(bytes.length * keep)));
				assert.equal(problem.kind, 'corrupt', `${format} cut to ${keep * 100}%: ${JSON.stringify(problem)}`);
				assert.equal(problem.kind === 'corrupt' && problem.format, format);
			}
		}
	});

	it('a header with nothing after it, and damaged pixel data', async () => {
		assert.equal((await problemOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).kind, 'corrupt');
		const png = pngOf(noise(64, 64));
		const damaged = png.slice();
		damaged[Math.floor(damaged.length / 2)] ^= 0xff; // inside IDAT: the CRC no longer matches
		assert.equal((await problemOf(damaged)).kind, 'corrupt');
	});

	it('too many pixels: refused from the header, before anything is decoded', async () => {
		assert.deepEqual(await problemOf(pngHeaderOnly(20_000, 20_000)), { kind: 'tooManyPixels', width: 20_000, height: 20_000, maxMegapixels: 100 });
	});

	it('stops at the next step when the checkpoint throws (cancellation mid-way)', async () => {
		const cancelled = new Error('cancelled by the test');
		let calls = 0;
		await assert.rejects(prepareImage(jpegOf(photo(3000, 2000)), {
			wasm,
			checkpoint: async () => {
				if (++calls === 2) {
					throw cancelled;
				}
			},
		}), (error: unknown) => error === cancelled);
		assert.equal(calls, 2, 'no step ran after the one that was cancelled');
	});
});
