import assert from 'node:assert/strict';
import { GifWriter } from 'omggif';
import { nodeInflate } from '../../../src/vision/codec/nodeInflate';
import { expectedPngDataSize } from '../../../src/vision/codec/pngGuard';
import { decodePngDownscaled } from '../../../src/vision/codec/pngStream';
import { downscale } from '../../../src/vision/codec/transform';
import { decodePngWasm } from '../../../src/vision/codec/wasmModules';
import { prepareImage } from '../../../src/vision/codec/prepareImage';
import { noise, wasm } from './fixtures';
import { deflatedZeros, type PngLayout, pngBomb, pngFile, pngWithEveryFilter, rawScanlines } from './pngFiles';
import { problemOf } from './problemOf';

const GIB = 1024 * 1024 * 1024;

describe('decoding is bounded by what the header declares (decompression bombs)', function () {
	this.timeout(120_000);
	let gigabyte: Uint8Array;

	before(async () => {
		gigabyte = await deflatedZeros(GIB);
	});

	it('a ~1 MB PNG whose zlib stream inflates to 1 GiB under a 1000x1000 header: refused, inflation stopped at the declared size', async () => {
		const bomb = pngBomb(1000, 1000, gigabyte);
		assert.ok(bomb.length < 1.5 * 1024 * 1024, `${bomb.length} bytes`);
		assert.deepEqual(await problemOf(bomb), { kind: 'inflatesBeyondHeader', format: 'png', width: 1000, height: 1000 });
	});

	it('the same stream under a huge declared size: refused from the header, nothing inflated', async () => {
		assert.deepEqual(await problemOf(pngBomb(60_000, 60_000, gigabyte)), { kind: 'tooManyPixels', width: 60_000, height: 60_000, maxMegapixels: 100 });
	});

	it('one byte of pixel data past the declared size is refused; one byte short is corrupt', async () => {
		const layout: PngLayout = { width: 40, height: 30, bitDepth: 8, colorType: 6 };
		assert.equal((await problemOf(pngFile(layout, 0, 1))).kind, 'inflatesBeyondHeader');
		const short = { ...layout, height: 31 };
		const truncated = pngFile(layout);
		// The header says 31 rows, the data holds 30.
		const lying = Buffer.from(truncated);
		lying.writeUInt32BE(short.height, 20);
		lying.writeUInt32BE(crc(lying.subarray(12, 29)), 29);
		assert.equal((await problemOf(lying)).kind, 'corrupt');
	});

	it('the declared size is right for every colour type, bit depth and interlacing (genuine files decode)', async () => {
		const layouts: PngLayout[] = [];
		for (const [colorType, depths] of [[0, [1, 2, 4, 8, 16]], [2, [8, 16]], [3, [1, 2, 4, 8]], [4, [8, 16]], [6, [8, 16]]] as const) {
			for (const bitDepth of depths) {
				for (const interlaced of [false, true]) {
					layouts.push({ width: 13, height: 7, bitDepth, colorType, interlaced });
				}
			}
		}
		for (const layout of layouts) {
			assert.equal(expectedPngDataSize({ ...layout, interlaced: layout.interlaced === true }), rawScanlines(layout, 0).length, JSON.stringify(layout));
			const prepared = await prepareImage(pngFile(layout), { wasm });
			assert.deepEqual([prepared.original.width, prepared.original.height], [13, 7], JSON.stringify(layout));
		}
		// A 1x1 interlaced image has empty Adam7 passes.
		const tiny: PngLayout = { width: 1, height: 1, bitDepth: 8, colorType: 6, interlaced: true };
		assert.equal((await prepareImage(pngFile(tiny), { wasm })).original.width, 1);
	});

	it('large RGB/RGBA PNGs decoded row by row into their downscaled size match the full decode (every row filter)', async () => {
		for (const channels of [3, 4] as const) {
			const png = pngWithEveryFilter(noise(301, 203, { seed: channels, alpha: channels === 4 }), channels);
			const streamed = await decodePngDownscaled(png, { width: 150, height: 101 });
			const full = await decodePngWasm(png, wasm);
			assert.ok(streamed, `${channels} channels: streamable`);
			assert.deepEqual(streamed.data, downscale(full, 150, 101, channels === 3).data, `${channels} channels`);
		}
		assert.equal(await decodePngDownscaled(pngFile({ width: 40, height: 30, bitDepth: 16, colorType: 6 }), { width: 20, height: 15 }), undefined, '16-bit goes to the wasm decoder');
		const bomb = pngBomb(3000, 3000, gigabyte);
		assert.equal((await problemOf(bomb)).kind, 'inflatesBeyondHeader', 'the streamed path is bounded too');
	});

	it('the Node worker\'s zlib inflater is bounded the same way, for both decoding paths', async () => {
		const inflate = nodeInflate;
		const refused = async (bytes: Uint8Array) => {
			try {
				await prepareImage(bytes, { wasm, inflate });
			} catch (error) {
				return (error as { problem?: { kind: string } }).problem?.kind;
			}
			return 'accepted';
		};
		assert.equal(await refused(pngBomb(1000, 1000, gigabyte)), 'inflatesBeyondHeader');
		assert.equal(await refused(pngBomb(3000, 3000, gigabyte)), 'inflatesBeyondHeader');
		const layout: PngLayout = { width: 40, height: 30, bitDepth: 8, colorType: 6 };
		assert.equal(await refused(pngFile(layout, 0, 1)), 'inflatesBeyondHeader');
		const big = pngWithEveryFilter(noise(2100, 300, { seed: 6 }), 3);
		const viaNode = await prepareImage(big, { wasm, inflate });
		const viaStream = await prepareImage(big, { wasm });
		assert.deepEqual(viaNode.data, viaStream.data, 'same pixels, same JPEG');
		assert.equal(await refused(big.subarray(0, big.length - 40)), 'corrupt');
	});

	it('a GIF whose first frame lies outside the declared screen is refused before its pixels are decoded', async () => {
		const buffer = new Uint8Array(64 * 1024);
		const writer = new GifWriter(buffer, 10, 10, { palette: [0xff0000, 0x00ff00] });
		writer.addFrame(0, 0, 200, 100, new Array<number>(200 * 100).fill(0));
		const problem = await problemOf(buffer.slice(0, writer.end()));
		assert.equal(problem.kind, 'corrupt');
		assert.match(problem.kind === 'corrupt' ? problem.detail : '', /outside the 10x10 image/);
	});
});

function crc(bytes: Uint8Array): number {
	let value = 0xffffffff;
	for (const byte of bytes) {
		value ^= byte;
		for (let k = 0; k < 8; k++) {
			value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
		}
	}
	return (value ^ 0xffffffff) >>> 0;
}
