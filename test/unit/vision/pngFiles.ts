/**
 * PNG files built chunk by chunk (Node's zlib for the pixel data): any colour type, bit depth and
 * interlacing, and decompression bombs whose zlib stream inflates far past what the header says.
 */
import { constants, deflateSync, createDeflate } from 'node:zlib';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) {
		c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	}
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'latin1');
	out.set(data, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

export interface PngLayout {
	width: number;
	height: number;
	bitDepth: number;
	colorType: 0 | 2 | 3 | 4 | 6;
	interlaced?: boolean;
}

function ihdr(layout: PngLayout): Buffer {
	const data = Buffer.alloc(13);
	data.writeUInt32BE(layout.width, 0);
	data.writeUInt32BE(layout.height, 4);
	data[8] = layout.bitDepth;
	data[9] = layout.colorType;
	data[12] = layout.interlaced ? 1 : 0;
	return chunk('IHDR', data);
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** Scanlines of filter type 0 whose bytes are all `fill` (per Adam7 pass when interlaced). */
export function rawScanlines(layout: PngLayout, fill: number): Uint8Array {
	const rowBytes = (width: number) => Math.ceil((width * CHANNELS[layout.colorType] * layout.bitDepth) / 8);
	const passes = layout.interlaced
		? ADAM7.map(([x0, y0, dx, dy]) => [Math.ceil((layout.width - x0) / dx), Math.ceil((layout.height - y0) / dy)])
		: [[layout.width, layout.height]];
	const rows: Buffer[] = [];
	for (const [width, height] of passes) {
		if (width <= 0 || height <= 0) {
			continue;
		}
		for (let y = 0; y < height; y++) {
			const row = Buffer.alloc(1 + rowBytes(width), fill);
			row[0] = 0;
			rows.push(row);
		}
	}
	return Buffer.concat(rows);
}

/** A valid PNG of the layout; palette images get a 2-entry palette (index 0 red). */
export function pngFile(layout: PngLayout, fill = 0, extraData = 0): Uint8Array {
	const raw = Buffer.concat([rawScanlines(layout, fill), Buffer.alloc(extraData)]);
	const palette = layout.colorType === 3 ? [chunk('PLTE', new Uint8Array([255, 0, 0, 0, 0, 255]))] : [];
	return Buffer.concat([Buffer.from(SIGNATURE), ihdr(layout), ...palette, chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** A zlib stream of `inflatedBytes` zeros at the best ratio (about 1 MB per GB), made without holding the zeros. */
export async function deflatedZeros(inflatedBytes: number): Promise<Uint8Array> {
	const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION });
	const parts: Buffer[] = [];
	deflate.on('data', (part: Buffer) => parts.push(part));
	const ended = new Promise(resolve => deflate.on('end', resolve));
	const zeros = Buffer.alloc(1 << 20);
	for (let left = inflatedBytes; left > 0; left -= zeros.length) {
		if (!deflate.write(left >= zeros.length ? zeros : zeros.subarray(0, left))) {
			await new Promise(resolve => deflate.once('drain', resolve));
		}
	}
	deflate.end();
	await ended;
	return Buffer.concat(parts);
}

/** A decompression bomb: an 8-bit RGBA header of `width` x `height` over the given zlib stream. */
export function pngBomb(width: number, height: number, zlibStream: Uint8Array): Uint8Array {
	const layout: PngLayout = { width, height, bitDepth: 8, colorType: 6 };
	return Buffer.concat([Buffer.from(SIGNATURE), ihdr(layout), chunk('IDAT', zlibStream), chunk('IEND', new Uint8Array(0))]);
}

/** An 8-bit RGB or RGBA PNG of `pixels` (RGBA input) whose rows use filter types 0-4 in turn. */
export function pngWithEveryFilter(pixels: { width: number; height: number; data: Uint8Array }, channels: 3 | 4): Uint8Array {
	const { width, height, data } = pixels;
	const stride = width * channels;
	const rows: Buffer[] = [];
	let previous = new Uint8Array(stride);
	for (let y = 0; y < height; y++) {
		const row = new Uint8Array(stride);
		for (let x = 0; x < width; x++) {
			row.set(data.subarray((y * width + x) * 4, (y * width + x) * 4 + channels), x * channels);
		}
		const filter = y % 5;
		const out = Buffer.alloc(stride + 1);
		out[0] = filter;
		for (let i = 0; i < stride; i++) {
			const a = i >= channels ? row[i - channels] : 0;
			const b = previous[i];
			const c = i >= channels ? previous[i - channels] : 0;
			const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
			out[i + 1] = (row[i] - predictor) & 0xff;
		}
		rows.push(out);
		previous = row;
	}
	const layout: PngLayout = { width, height, bitDepth: 8, colorType: channels === 3 ? 2 : 6 };
	return Buffer.concat([Buffer.from(SIGNATURE), ihdr(layout), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', new Uint8Array(0))]);
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
