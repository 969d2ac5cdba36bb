/** Byte helpers that work in Node and in browsers (no `Buffer`). */

export function base64ToBytes(base64: string): Uint8Array {
	const binary = atob(base64.replace(/\s+/g, ''));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) {
		bytes[i] = binary.charCodeAt(i);
	}
	return bytes;
}

/** Standard base64 of any byte view, through `btoa` in slices (no `Buffer`, no argument-count overflow). */
export function bytesToBase64(bytes: Uint8Array): string {
	const SLICE = 0x8000;
	let binary = '';
	for (let start = 0; start < bytes.length; start += SLICE) {
		binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
	}
	return btoa(binary);
}

/** Recognises the image formats image models return; `fallback` otherwise. */
export function sniffImageMime(bytes: Uint8Array, fallback = 'image/png'): string {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) {
		return 'image/png';
	}
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
		return 'image/jpeg';
	}
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) {
		return 'image/gif';
	}
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) {
		return 'image/webp';
	}
	return fallback;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return prefix.every((byte, i) => bytes[i] === byte);
}

/** A Blob for a multipart upload; copies into a fresh ArrayBuffer so any Uint8Array view works. */
export function toBlob(data: Uint8Array, mime: string): Blob {
	const copy = new Uint8Array(data.byteLength);
	copy.set(data);
	return new Blob([copy], { type: mime });
}
