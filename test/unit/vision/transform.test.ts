import assert from 'node:assert/strict';
import { decode as decodeJpeg } from 'jpeg-js';
import { encodeJpeg, toBase64 } from '../../../src/vision/codec/encoders';
import { RowScaler } from '../../../src/vision/codec/rowScaler';
import { applyOrientation, downscale, fitInside } from '../../../src/vision/codec/transform';
import { noise, wasm } from './fixtures';

describe('pixel transforms', () => {
	it('downscale averages the covered area exactly', () => {
		const image = { width: 4, height: 2, data: new Uint8Array([
			0, 0, 0, 255, 100, 100, 100, 255, 200, 0, 0, 255, 200, 0, 0, 255,
			100, 100, 100, 255, 0, 0, 0, 255, 0, 0, 200, 255, 0, 0, 200, 255,
		]) };
		const out = downscale(image, 2, 1);
		assert.deepEqual([...out.data], [50, 50, 50, 255, 100, 0, 100, 255]);
	});

	it('weights colour by alpha, so transparent pixels do not tint the edge', () => {
		const image = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 255, 0, 0, 255, 0]) };
		assert.deepEqual([...downscale(image, 1, 1).data], [255, 0, 0, 128]);
	});

	it('keeps a flat colour flat at fractional scales (weights sum to 1)', () => {
		const data = new Uint8Array(7 * 5 * 4);
		for (let i = 0; i < data.length; i += 4) {
			data.set([10, 200, 77, 255], i);
		}
		const out = downscale({ width: 7, height: 5, data }, 3, 2);
		for (let i = 0; i < out.data.length; i += 4) {
			assert.deepEqual([...out.data.subarray(i, i + 4)], [10, 200, 77, 255]);
		}
	});

	it('the opaque fast path gives the same pixels as the alpha-weighted one for an opaque picture', () => {
		const image = noise(301, 203, { seed: 8 });
		for (const [width, height] of [[150, 101], [97, 64], [300, 202], [154, 104]]) { // [154, 104]: three taps per pixel, the unrolled path
			assert.deepEqual(downscale(image, width, height, true).data, downscale(image, width, height).data, `${width}x${height}`);
		}
	});

	it('marks what it made from RGB rows as opaque, and refuses to enlarge', () => {
		const scaler = new RowScaler(3, 2, 2, 1, true);
		const rgb = new Uint8Array([10, 20, 30, 10, 20, 30, 10, 20, 30]);
		scaler.push(rgb, 0, 3);
		scaler.push(rgb, 0, 3);
		assert.deepEqual(scaler.result(), { width: 2, height: 1, data: new Uint8Array([10, 20, 30, 255, 10, 20, 30, 255]), opaque: true });
		assert.throws(() => new RowScaler(3, 2, 4, 2, true), /cannot scale 3x2 to 4x2/);
	});

	it('fitInside never enlarges and keeps the aspect ratio', () => {
		assert.deepEqual(fitInside(4000, 3000, 2048), { width: 2048, height: 1536 });
		assert.deepEqual(fitInside(300, 200, 2048), { width: 300, height: 200 });
		assert.deepEqual(fitInside(10, 5000, 2048), { width: 4, height: 2048 });
	});

	it('orientation 6 then 8 gives back the stored pixels', () => {
		const image = noise(5, 3, { seed: 4 });
		const turned = applyOrientation(image, 6);
		assert.deepEqual([turned.width, turned.height], [3, 5]);
		assert.deepEqual(applyOrientation(turned, 8).data, image.data);
	});

	it('base64 matches Node\'s for every padding case', () => {
		for (const length of [0, 1, 2, 3, 4, 5, 30_000, 24_577]) {
			const bytes = noise(length, 1).data.subarray(0, length);
			assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'), `length ${length}`);
		}
	});

	it('encodes JPEG where there is no Buffer (browser web worker), leaving no global behind', async () => {
		const saved = globalThis.Buffer;
		let jpeg: Uint8Array;
		Reflect.deleteProperty(globalThis, 'Buffer');
		try {
			jpeg = await encodeJpeg(noise(16, 8, { seed: 5 }), 80, wasm);
			assert.equal('Buffer' in globalThis, false);
			assert.equal('ImageData' in globalThis, false);
		} finally {
			globalThis.Buffer = saved;
		}
		assert.deepEqual([jpeg[0], jpeg[1]], [0xff, 0xd8]);
		assert.deepEqual([decodeJpeg(jpeg, { useTArray: true }).width, decodeJpeg(jpeg, { useTArray: true }).height], [16, 8]);
	});
});
