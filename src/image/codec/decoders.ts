import { decode as decodePngData, type DecodedPng } from 'fast-png';
import { decode as decodeJpegData } from 'jpeg-js';
import { GifReader } from 'omggif';
import { type ImageFormat } from './imageFormat';
import { type RgbaImage } from './transform';
import { decodeWebp, type WasmSource } from './webpDecoder';

/** Decodes to 8-bit RGBA; throws a plain Error on damaged data (the caller labels it). */
export async function decodeToRgba(bytes: Uint8Array, format: ImageFormat, webpWasm: WasmSource, maxMegapixels: number): Promise<RgbaImage> {
	switch (format) {
		case 'jpeg':
			return decodeJpeg(bytes, maxMegapixels);
		case 'png':
			return pngToRgba(decodePngData(bytes, { checkCrc: true }));
		case 'gif':
			return decodeGifFirstFrame(bytes);
		case 'webp':
			return decodeWebp(bytes, webpWasm);
	}
}

function decodeJpeg(bytes: Uint8Array, maxMegapixels: number): RgbaImage {
	// Strict: a truncated or damaged file fails instead of decoding to a half-grey picture.
	const image = decodeJpegData(bytes, {
		useTArray: true, formatAsRGBA: true, tolerantDecoding: false, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: 1024,
	});
	return { width: image.width, height: image.height, data: image.data };
}

function decodeGifFirstFrame(bytes: Uint8Array): RgbaImage {
	const reader = new GifReader(bytes);
	if (reader.numFrames() === 0) {
		throw new Error('the GIF has no frame');
	}
	const frame = reader.frameInfo(0);
	if (frame.data_offset + frame.data_length > bytes.length) {
		throw new Error('the first frame is cut short');
	}
	const data = new Uint8Array(reader.width * reader.height * 4);
	reader.decodeAndBlitFrameRGBA(0, data);
	return { width: reader.width, height: reader.height, data };
}

/** Any PNG colour type and bit depth (1-16, palette with tRNS, grey with alpha) to 8-bit RGBA. */
export function pngToRgba(png: DecodedPng): RgbaImage {
	const { width, height, depth, channels, palette, transparency } = png;
	const pixels = width * height;
	const expected = depth < 8 ? Math.ceil((width * channels * depth) / 8) * height : pixels * channels;
	if (png.data.length < expected) {
		throw new Error(`the pixel data is cut short (${png.data.length} of ${expected} samples)`);
	}
	if (depth === 8 && !palette && (channels === 4 || (channels === 3 && !transparency?.length))) {
		return { width, height, data: channels === 4 ? Uint8Array.from(png.data.subarray(0, expected)) : rgbToRgba(png.data, pixels) };
	}
	const sample = sampleReader(png.data, width * channels, depth);
	const scale = palette ? 1 : 255 / (2 ** depth - 1);
	const lut = palette ? paletteTable(palette) : undefined;
	const out = new Uint8Array(pixels * 4);
	for (let y = 0, o = 0; y < height; y++) {
		for (let x = 0; x < width; x++, o += 4) {
			const at = x * channels;
			if (lut) {
				const entry = sample(y, at) * 4;
				out[o] = lut[entry];
				out[o + 1] = lut[entry + 1];
				out[o + 2] = lut[entry + 2];
				out[o + 3] = lut[entry + 3];
				continue;
			}
			const first = sample(y, at);
			const grey = channels <= 2;
			const r = first, g = grey ? first : sample(y, at + 1), b = grey ? first : sample(y, at + 2);
			const alpha = channels === 2 || channels === 4 ? sample(y, at + channels - 1) * scale : keyedAlpha(transparency, r, g, b, grey);
			out[o] = Math.round(r * scale);
			out[o + 1] = Math.round(g * scale);
			out[o + 2] = Math.round(b * scale);
			out[o + 3] = Math.round(alpha);
		}
	}
	return { width, height, data: out };
}

function rgbToRgba(data: DecodedPng['data'], pixels: number): Uint8Array {
	const out = new Uint8Array(pixels * 4);
	for (let i = 0, o = 0; i < pixels * 3; i += 3, o += 4) {
		out[o] = data[i];
		out[o + 1] = data[i + 1];
		out[o + 2] = data[i + 2];
		out[o + 3] = 255;
	}
	return out;
}

/** 256 RGBA entries; indices past the palette read as opaque black. */
function paletteTable(palette: number[][]): Uint8Array {
	const lut = new Uint8Array(256 * 4);
	for (let i = 0; i < 256; i++) {
		const color = palette[i] ?? [0, 0, 0];
		lut.set([color[0], color[1], color[2], color[3] ?? 255], i * 4);
	}
	return lut;
}

/** tRNS for grey and truecolour images names one colour that is fully transparent. */
function keyedAlpha(transparency: Uint16Array | undefined, r: number, g: number, b: number, grey: boolean): number {
	if (transparency === undefined || transparency.length === 0) {
		return 255;
	}
	const match = grey ? transparency[0] === r : transparency[0] === r && transparency[1] === g && transparency[2] === b;
	return match ? 0 : 255;
}

/** Sample `index` of row `y`, whatever the bit depth (sub-byte rows are padded to a whole byte). */
function sampleReader(data: DecodedPng['data'], samplesPerRow: number, depth: number): (y: number, index: number) => number {
	if (depth >= 8) {
		return (y, index) => data[y * samplesPerRow + index];
	}
	const bytesPerRow = Math.ceil((samplesPerRow * depth) / 8);
	const mask = (1 << depth) - 1;
	return (y, index) => {
		const bit = index * depth;
		const byte = data[y * bytesPerRow + (bit >> 3)];
		return (byte >> (8 - depth - (bit & 7))) & mask;
	};
}
