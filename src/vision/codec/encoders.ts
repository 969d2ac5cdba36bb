import { type RgbaImage } from './transform';
import { encodeJpegWasm, encodePngWasm, type JpegEncodeOptions, type WasmLoader } from './wasmModules';

/**
 * Baseline (sequential) JPEG from mozjpeg with optimised Huffman tables, 4:2:0; transparent pixels
 * are composited onto white first (JPEG has no alpha). Standard Huffman tables are not used: this
 * wasm build writes undecodable data with them for some small images.
 */
export function encodeJpeg(image: RgbaImage, quality: number, wasm: WasmLoader): Promise<Uint8Array> {
	const { data } = opaqueOnWhite(image);
	return encodeJpegWasm({ width: image.width, height: image.height, data }, { ...JPEG_OPTIONS, quality }, wasm);
}

/** The picture as JPEG will show it: transparent pixels composited onto white (once, before several encodes). */
export function opaqueOnWhite(image: RgbaImage): RgbaImage {
	return image.opaque === true || !hasAlpha(image) ? image : { width: image.width, height: image.height, data: flattenOnWhite(image.data), opaque: true };
}

const JPEG_OPTIONS: Omit<JpegEncodeOptions, 'quality'> = {
	baseline: true,
	arithmetic: false,
	progressive: false,
	optimize_coding: true,
	smoothing: 0,
	color_space: 3, // YCbCr
	quant_table: 3, // mozjpeg's default tables (ImageMagick's): smaller files at the same quality
	trellis_multipass: false,
	trellis_opt_zero: false,
	trellis_opt_table: false,
	trellis_loops: 1,
	auto_subsample: true,
	chroma_subsample: 2,
	separate_chroma_quality: false,
	chroma_quality: 75,
};

export function encodePng(image: RgbaImage, wasm: WasmLoader): Promise<Uint8Array> {
	return encodePngWasm(image, wasm);
}

export function hasAlpha(image: RgbaImage): boolean {
	if (image.opaque === true) {
		return false;
	}
	const { data } = image;
	for (let i = 3; i < data.length; i += 4) {
		if (data[i] !== 255) {
			return true;
		}
	}
	return false;
}

function flattenOnWhite(data: Uint8Array): Uint8Array {
	const out = new Uint8Array(data.length);
	for (let i = 0; i < data.length; i += 4) {
		const alpha = data[i + 3] / 255;
		const white = 255 * (1 - alpha);
		out[i] = Math.round(data[i] * alpha + white);
		out[i + 1] = Math.round(data[i + 1] * alpha + white);
		out[i + 2] = Math.round(data[i + 2] * alpha + white);
		out[i + 3] = 255;
	}
	return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The two base64 characters (as ASCII codes, first in the high byte) of every 12-bit value. */
let pairs: Uint16Array | undefined;

/**
 * Standard base64 with padding; no `Buffer`, so it runs in the browser extension host too.
 * Written as ASCII bytes (a table lookup per 12 bits), then read as text in one call.
 */
export function toBase64(bytes: Uint8Array): string {
	if (pairs === undefined) {
		pairs = new Uint16Array(4096);
		for (let i = 0; i < 4096; i++) {
			pairs[i] = (ALPHABET.charCodeAt(i >> 6) << 8) | ALPHABET.charCodeAt(i & 63);
		}
	}
	const table = pairs;
	const whole = bytes.length - (bytes.length % 3);
	const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
	let o = 0;
	for (let i = 0; i < whole; i += 3, o += 4) {
		const triple = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		const high = table[triple >> 12];
		const low = table[triple & 4095];
		out[o] = high >> 8;
		out[o + 1] = high & 255;
		out[o + 2] = low >> 8;
		out[o + 3] = low & 255;
	}
	if (whole < bytes.length) {
		const a = bytes[whole];
		const b = whole + 1 < bytes.length ? bytes[whole + 1] : 0;
		const triple = (a << 16) | (b << 8);
		out[o] = ALPHABET.charCodeAt(triple >> 18);
		out[o + 1] = ALPHABET.charCodeAt((triple >> 12) & 63);
		out[o + 2] = whole + 1 < bytes.length ? ALPHABET.charCodeAt((triple >> 6) & 63) : 61; // '='
		out[o + 3] = 61;
	}
	return new TextDecoder().decode(out);
}
