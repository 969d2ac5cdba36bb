import { encode as encodePngData } from 'fast-png';
import { encode as encodeJpegData } from 'jpeg-js';
import { type RgbaImage } from './transform';

/** Baseline JPEG; transparent pixels are composited onto white first (JPEG has no alpha). */
export function encodeJpeg(image: RgbaImage, quality: number): Uint8Array {
	const data = hasAlpha(image) ? flattenOnWhite(image.data) : image.data;
	const encoded = withBufferFrom(() => encodeJpegData({ width: image.width, height: image.height, data }, quality).data);
	return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

/**
 * jpeg-js's encoder ends with `Buffer.from(bytes)`. Where there is no Buffer (the browser extension
 * host) it gets a stand-in for that one synchronous call, so no global outlives it.
 */
function withBufferFrom<T>(run: () => T): T {
	if ('Buffer' in globalThis) {
		return run();
	}
	Reflect.set(globalThis, 'Buffer', { from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes) });
	try {
		return run();
	} finally {
		Reflect.deleteProperty(globalThis, 'Buffer');
	}
}

export function encodePng(image: RgbaImage): Uint8Array {
	return encodePngData({ width: image.width, height: image.height, data: image.data, channels: 4, depth: 8 }, { zlib: { level: 6 } });
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
