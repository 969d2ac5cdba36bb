import { type RgbaImage } from './transform';
import { encodeJpegWasm, encodePngWasm, type JpegEncodeOptions, type WasmLoader } from './wasmModules';

/**
 * Baseline (sequential) JPEG from mozjpeg with optimised Huffman tables, 4:2:0; transparent pixels
 * are composited onto white first (JPEG has no alpha). Standard Huffman tables are not used: this
 * wasm build writes undecodable data with them for some small images.
 */
export function encodeJpeg(image: RgbaImage, quality: number, wasm: WasmLoader): Promise<Uint8Array> {
	const data = hasAlpha(image) ? flattenOnWhite(image.data) : image.data;
	return encodeJpegWasm({ width: image.width, height: image.height, data }, { ...JPEG_OPTIONS, quality }, wasm);
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

/** Standard base64 with padding; no `Buffer`, so it runs in the browser extension host too. */
export function toBase64(bytes: Uint8Array): string {
	const chunks: string[] = [];
	const CHUNK = 3 * 8192;
	for (let start = 0; start < bytes.length; start += CHUNK) {
		const end = Math.min(bytes.length, start + CHUNK);
		let text = '';
		for (let i = start; i < end; i += 3) {
			const a = bytes[i];
			const b = i + 1 < end ? bytes[i + 1] : 0;
			const c = i + 2 < end ? bytes[i + 2] : 0;
			const triple = (a << 16) | (b << 8) | c;
			text += ALPHABET[triple >> 18] + ALPHABET[(triple >> 12) & 63]
				+ (i + 1 < end ? ALPHABET[(triple >> 6) & 63] : '=')
				+ (i + 2 < end ? ALPHABET[triple & 63] : '=');
		}
		chunks.push(text);
	}
	return chunks.join('');
}
