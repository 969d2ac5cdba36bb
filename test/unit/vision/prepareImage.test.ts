import assert from 'node:assert/strict';
import { decode as decodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { DEFAULT_MAX_BYTES, type PreparedImage, prepareImage } from '../../../src/vision/codec/prepareImage';
import { inspectImage } from '../../emulator/imageInfo';
import {
	BLUE, GREEN, RED, type Rgb, WHITE, gifOf, jpegOf, noise, photo, pngOf, quadrantColor, quadrants, transparentShapes, webpOf, wasm,
} from './fixtures';

/** Decodes what would be sent with a decoder of its own and checks it against the declared facts. */
function decodeSent(prepared: PreparedImage): { width: number; height: number; data: Uint8Array } {
	const [, mime, base64] = /^data:([^;]+);base64,(.*)$/.exec(prepared.dataUrl) ?? [];
	assert.equal(mime, prepared.sent.mime);
	const bytes = Buffer.from(base64, 'base64');
	assert.deepEqual(new Uint8Array(bytes), prepared.data, 'the data URL holds exactly the prepared bytes');
	assert.equal(bytes.length, prepared.sent.bytes);
	assert.ok(bytes.length <= DEFAULT_MAX_BYTES, `${bytes.length} bytes is over the ${DEFAULT_MAX_BYTES}-byte budget`);
	const record = inspectImage(bytes, mime);
	assert.equal(`image/${record.format}`, mime, 'the magic bytes match the declared type');
	assert.deepEqual([record.width, record.height], [prepared.sent.width, prepared.sent.height]);
	if (mime === 'image/jpeg') {
		const image = decodeJpeg(bytes, { useTArray: true, tolerantDecoding: false });
		return { width: image.width, height: image.height, data: image.data };
	}
	const png = decodePng(bytes);
	return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer) };
}

function near(actual: Rgb, expected: Rgb, tolerance = 40): boolean {
	return actual.every((value, i) => Math.abs(value - expected[i]) <= tolerance);
}

describe('image preparation (WebAssembly codecs, generated fixtures)', function () {
	this.timeout(120_000);

	it('brings a >3 MB noisy PNG under the budget as a JPEG found by the quality search', async () => {
		const png = pngOf(noise(1200, 1000, { seed: 3 }), { rgb: true });
		assert.ok(png.length > 3 * 1024 * 1024, `fixture is only ${png.length} bytes`);
		const prepared = await prepareImage(png, { wasm });
		assert.deepEqual(prepared.original, { format: 'png', mime: 'image/png', bytes: png.length, width: 1200, height: 1000, orientation: 1 });
		assert.equal(prepared.sent.mime, 'image/jpeg');
		assert.equal(prepared.sent.reencoded, true);
		assert.ok(prepared.sent.quality !== undefined && prepared.sent.quality < 85, `quality ${prepared.sent.quality}: the search should have lowered it`);
		const decoded = decodeSent(prepared);
		assert.ok(decoded.width <= 1200 && decoded.width / decoded.height > 1.19 && decoded.width / decoded.height < 1.21, 'aspect ratio kept');
	});

	it('downscales a 12-megapixel JPEG to 2048 px on the long side, within the budget', async () => {
		const jpeg = jpegOf(photo(4000, 3000), 92);
		assert.ok(jpeg.length > 2 * 1024 * 1024, `fixture is only ${jpeg.length} bytes`);
		const prepared = await prepareImage(jpeg, { wasm });
		assert.equal(prepared.original.bytes, jpeg.length);
		assert.deepEqual([prepared.original.width, prepared.original.height], [4000, 3000]);
		const decoded = decodeSent(prepared);
		assert.deepEqual([decoded.width, decoded.height], [2048, 1536]);
		// Area averaging keeps the gradient: the left edge stays dark red, the right edge bright red.
		const redAt = (x: number) => decoded.data[(768 * decoded.width + x) * 4];
		assert.ok(redAt(10) < 40 && redAt(2038) > 215, `red channel ${redAt(10)} .. ${redAt(2038)}`);
	});

	it('sends the first frame of an animated GIF, re-encoded', async () => {
		const gif = gifOf(300, 200, GREEN, BLUE);
		const prepared = await prepareImage(gif, { wasm });
		assert.equal(prepared.original.format, 'gif');
		assert.equal(prepared.sent.reencoded, true);
		const decoded = decodeSent(prepared);
		assert.deepEqual([decoded.width, decoded.height], [300, 200]);
		assert.ok(near(quadrantColor(decoded, 'tl'), GREEN), `first frame is green, got ${quadrantColor(decoded, 'tl').join(',')}`);
	});

	it('decodes a large WebP with libwebp (wasm) and re-encodes it; a small one goes as it is', async () => {
		const big = await webpOf(photo(2600, 1300), 95);
		const prepared = await prepareImage(big, { wasm });
		assert.deepEqual([prepared.original.format, prepared.original.width, prepared.original.height], ['webp', 2600, 1300]);
		assert.deepEqual([decodeSent(prepared).width, prepared.sent.height], [2048, 1024]);
		assert.equal('ImageData' in globalThis, false, 'no global ImageData left behind in the shared host');

		const small = await webpOf(photo(640, 480), 80);
		const same = await prepareImage(small, { wasm });
		assert.equal(same.sent.reencoded, false);
		assert.equal(same.sent.mime, 'image/webp');
		assert.deepEqual(same.data, small);
		assert.match(same.dataUrl, /^data:image\/webp;base64,UklGR/);
	});

	it('keeps PNG with transparency when it fits, and falls back to JPEG when it cannot', async () => {
		const shapes = pngOf(transparentShapes(3000, 2000));
		const kept = await prepareImage(shapes, { wasm });
		assert.equal(kept.sent.mime, 'image/png');
		const decoded = decodeSent(kept);
		assert.deepEqual([decoded.width, decoded.height], [2048, 1365]);
		assert.equal(decoded.data[(30 * decoded.width + 100) * 4 + 3], 0, 'a transparent square is still transparent');
		assert.equal(decoded.data[(30 * decoded.width + 30) * 4 + 3], 255, 'an opaque square is still opaque');

		const noisy = pngOf(noise(2200, 1200, { alpha: true, seed: 9 }));
		const flattened = await prepareImage(noisy, { wasm });
		assert.equal(flattened.sent.mime, 'image/jpeg');
		decodeSent(flattened);
	});

	it('sends a small opaque PNG unchanged (screenshots stay sharp)', async () => {
		const png = pngOf(photo(400, 300), { rgb: true });
		assert.ok(png.length < DEFAULT_MAX_BYTES);
		const prepared = await prepareImage(png, { wasm });
		assert.equal(prepared.sent.reencoded, false);
		assert.deepEqual(prepared.data, png);
	});

	it('always re-encodes JPEGs, which drops EXIF metadata such as GPS', async () => {
		const small = jpegOf(photo(200, 100));
		const withExif = new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x0a, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x47, 0x50, ...small.subarray(2)]);
		const prepared = await prepareImage(withExif, { wasm });
		assert.equal(prepared.sent.reencoded, true);
		assert.equal(Buffer.from(prepared.data).includes(Buffer.from('Exif')), false);
		assert.deepEqual([decodeSent(prepared).width, prepared.sent.height], [200, 100]);
	});

	it('honours a smaller budget and side limit', async () => {
		const prepared = await prepareImage(jpegOf(photo(1600, 1200)), { wasm, maxBytes: 60_000, maxSide: 1024 });
		assert.ok(prepared.sent.bytes <= 60_000, `${prepared.sent.bytes} bytes`);
		assert.ok(Math.max(prepared.sent.width, prepared.sent.height) <= 1024);
	});

	it('keeps colours right when downscaling a quadrant picture', async () => {
		const prepared = await prepareImage(pngOf(quadrants(400, 200)), { wasm, maxSide: 100 });
		const decoded = decodeSent(prepared);
		assert.ok(near(quadrantColor(decoded, 'tl'), RED) && near(quadrantColor(decoded, 'br'), WHITE));
	});
});
