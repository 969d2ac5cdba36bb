import { type UnsupportedKind } from './imageErrors';

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp';

export const mimeTypes: Readonly<Record<ImageFormat, string>> = {
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
};

export type Sniffed = { format: ImageFormat } | { unsupported: UnsupportedKind };

/** What the bytes are, from their magic numbers (never from the file name). */
export function sniffFormat(bytes: Uint8Array): Sniffed {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
		return { format: 'png' };
	}
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
		return { format: 'jpeg' };
	}
	if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') {
		return { format: 'gif' };
	}
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
		return { format: 'webp' };
	}
	return { unsupported: unsupportedKind(bytes) };
}

function unsupportedKind(bytes: Uint8Array): UnsupportedKind {
	if (ascii(bytes, 4, 8) === 'ftyp') {
		const brand = ascii(bytes, 8, 12);
		return brand === 'avif' || brand === 'avis' ? 'avif' : 'heic';
	}
	if (ascii(bytes, 0, 5) === '%PDF-') {
		return 'pdf';
	}
	if (ascii(bytes, 0, 2) === 'BM') {
		return 'bmp';
	}
	if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') {
		return 'tiff';
	}
	const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
	if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) {
		return 'svg';
	}
	return looksLikeText(bytes.subarray(0, 1024)) ? 'text' : 'unknown';
}

/** No NUL and almost only printable characters (UTF-8 multi-byte sequences count as printable). */
function looksLikeText(sample: Uint8Array): boolean {
	if (sample.length === 0) {
		return false;
	}
	let control = 0;
	for (const byte of sample) {
		if (byte === 0) {
			return false;
		}
		if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) {
			control++;
		}
	}
	return control / sample.length < 0.02;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
	return bytes.length >= magic.length && magic.every((value, index) => bytes[index] === value);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
	return bytes.length < end ? '' : String.fromCharCode(...bytes.subarray(start, end));
}

/** Width and height from the header, before anything is decoded (guards against decompression bombs). */
export function headerSize(bytes: Uint8Array, format: ImageFormat): { width: number; height: number } | undefined {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	try {
		switch (format) {
			case 'png':
				return { width: view.getUint32(16), height: view.getUint32(20) };
			case 'gif':
				return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
			case 'webp':
				return webpSize(bytes, view);
			case 'jpeg':
				return jpegSize(bytes, view);
		}
	} catch {
		// A RangeError: the header is cut short. The decoder reports it as corrupt.
		return undefined;
	}
}

function webpSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
	const chunk = ascii(bytes, 12, 16);
	if (chunk === 'VP8 ') {
		return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
	}
	if (chunk === 'VP8L') {
		const bits = view.getUint32(21, true);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') {
		const uint24 = (at: number) => view.getUint16(at, true) | (view.getUint8(at + 2) << 16);
		return { width: uint24(24) + 1, height: uint24(27) + 1 };
	}
	return undefined;
}

/** Walks the segments up to the first SOFn frame header. */
function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) {
			return undefined;
		}
		const marker = bytes[offset + 1];
		if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
			offset += marker === 0xff ? 1 : 2;
			continue;
		}
		const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isFrame) {
			return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
		}
		offset += 2 + view.getUint16(offset + 2);
	}
	return undefined;
}
