import { type ImageFormat, type ImageRecord } from './types';

interface Size {
	width: number;
	height: number;
}

const NO_SIZE: Size = { width: 0, height: 0 };

/** The real format of image bytes, from their magic numbers. */
export function sniffImageFormat(bytes: Buffer): ImageFormat {
	if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
		return 'png';
	}
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
		return 'jpeg';
	}
	const head = bytes.subarray(0, 6).toString('latin1');
	if (head === 'GIF87a' || head === 'GIF89a') {
		return 'gif';
	}
	if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
		return 'webp';
	}
	return 'unknown';
}

/** Width and height from the image headers; 0x0 when the header is truncated or unknown. */
function imageSize(bytes: Buffer, format: ImageFormat): Size {
	try {
		switch (format) {
			case 'png':
				return bytes.length >= 24 ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : NO_SIZE;
			case 'gif':
				return bytes.length >= 10 ? { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) } : NO_SIZE;
			case 'jpeg':
				return jpegSize(bytes);
			case 'webp':
				return webpSize(bytes);
			default:
				return NO_SIZE;
		}
	} catch {
		// A RangeError from a truncated header.
		return NO_SIZE;
	}
}

export function inspectImage(bytes: Buffer, declaredMime: string | null): ImageRecord {
	const format = sniffImageFormat(bytes);
	return { declaredMime, format, bytes: bytes.length, ...imageSize(bytes, format) };
}

/** Walks the JPEG segments up to the first SOFn frame header. */
function jpegSize(bytes: Buffer): Size {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) {
			return NO_SIZE;
		}
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset++;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isFrame) {
			return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
		}
		offset += 2 + bytes.readUInt16BE(offset + 2);
	}
	return NO_SIZE;
}

/** VP8 (lossy), VP8L (lossless) and VP8X (extended) headers. */
function webpSize(bytes: Buffer): Size {
	const chunk = bytes.toString('latin1', 12, 16);
	if (chunk === 'VP8 ') {
		return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
	}
	if (chunk === 'VP8L') {
		const bits = bytes.readUInt32LE(21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') {
		return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
	}
	return NO_SIZE;
}
