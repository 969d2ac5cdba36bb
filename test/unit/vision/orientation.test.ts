import assert from 'node:assert/strict';
import { decode as decodeJpeg } from 'jpeg-js';
import { readJpegOrientation } from '../../../src/vision/codec/exifOrientation';
import { prepareImage } from '../../../src/vision/codec/prepareImage';
import { BLUE, GREEN, RED, type Rgb, WHITE, jpegOf, quadrantColor, quadrants, wasm, withOrientation } from './fixtures';

type Corners = Record<'tl' | 'tr' | 'bl' | 'br', Rgb>;

/**
 * Stored pixels: red | green over blue | white, 64 x 32. What a viewer shows for each EXIF
 * orientation, worked out by hand from the EXIF 2.3 definitions (not from the code under test).
 */
const upright: Record<number, Corners> = {
	1: { tl: RED, tr: GREEN, bl: BLUE, br: WHITE },
	2: { tl: GREEN, tr: RED, bl: WHITE, br: BLUE }, // mirrored left-right
	3: { tl: WHITE, tr: BLUE, bl: GREEN, br: RED }, // rotated 180°
	4: { tl: BLUE, tr: WHITE, bl: RED, br: GREEN }, // mirrored top-bottom
	5: { tl: RED, tr: BLUE, bl: GREEN, br: WHITE }, // transposed
	6: { tl: BLUE, tr: RED, bl: WHITE, br: GREEN }, // rotated 90° clockwise
	7: { tl: WHITE, tr: GREEN, bl: BLUE, br: RED }, // transversed
	8: { tl: GREEN, tr: WHITE, bl: RED, br: BLUE }, // rotated 90° counter-clockwise
};

function close(actual: Rgb, expected: Rgb): boolean {
	return actual.every((value, i) => Math.abs(value - expected[i]) <= 48);
}

describe('EXIF orientation of JPEGs', () => {
	const stored = jpegOf(quadrants(64, 32), 95);

	for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
		it(`orientation ${orientation}: the picture sent is upright`, async () => {
			const jpeg = withOrientation(stored, orientation);
			assert.equal(readJpegOrientation(jpeg), orientation);
			const prepared = await prepareImage(jpeg, { wasm });
			const swapped = orientation >= 5;
			const size = swapped ? [32, 64] : [64, 32];
			assert.deepEqual([prepared.original.width, prepared.original.height, prepared.original.orientation], [...size, orientation]);
			const sent = decodeJpeg(prepared.data, { useTArray: true });
			assert.deepEqual([sent.width, sent.height], size);
			for (const corner of ['tl', 'tr', 'bl', 'br'] as const) {
				const actual = quadrantColor(sent, corner);
				assert.ok(close(actual, upright[orientation][corner]), `${corner}: expected ${upright[orientation][corner].join(',')}, got ${actual.join(',')}`);
			}
		});
	}

	it('reads little-endian (Intel) EXIF too', () => {
		assert.equal(readJpegOrientation(withOrientation(stored, 6, 'II')), 6);
	});

	it('treats a missing, damaged or out-of-range tag as 1', () => {
		assert.equal(readJpegOrientation(stored), 1);
		assert.equal(readJpegOrientation(withOrientation(stored, 9)), 1);
		const damaged = withOrientation(stored, 6);
		damaged[12] = 0x58; // the TIFF byte-order mark is no longer II or MM
		assert.equal(readJpegOrientation(damaged), 1);
		assert.equal(readJpegOrientation(withOrientation(stored, 6).subarray(0, 20)), 1, 'cut inside the segment');
	});
});
