/**
 * VS Code's clipboard API reads text only: an image copied as pixels is invisible to extensions.
 * What the text can hold is an image as a data URL or bare base64, or a path to an image file;
 * this recognises those (pure: no `vscode`, so it is unit-tested in plain Node).
 */
export type ClipboardImage =
	| { kind: 'bytes'; bytes: Uint8Array; origin: 'dataUrl' | 'base64' }
	| { kind: 'path'; path: string }
	| { kind: 'fileUri'; uri: string }
	/** A data URL whose decoded size is over the limit (not decoded). */
	| { kind: 'tooLarge'; bytes: number };

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp)$/i;
const DATA_URL = /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9=._+-]+)*;base64,([A-Za-z0-9+/=\s]+)$/i;
const BARE_BASE64 = /^[A-Za-z0-9+/\s]+={0,2}$/;
/** Magic numbers of the formats this feature reads; bare base64 must decode to one of them. */
const MAGIC: readonly (readonly number[])[] = [[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x52, 0x49, 0x46, 0x46]];

/** `maxBytes` bounds the decoded size (a data URL can be arbitrarily long). */
export function parseClipboardImage(text: string, maxBytes: number): ClipboardImage | undefined {
	const trimmed = text.trim();
	if (trimmed === '') {
		return undefined;
	}
	const dataUrl = DATA_URL.exec(trimmed);
	if (dataUrl) {
		const size = base64Size(dataUrl[1]);
		if (size > maxBytes) {
			return { kind: 'tooLarge', bytes: size };
		}
		const bytes = decodeBase64(dataUrl[1], maxBytes);
		return bytes && bytes.length > 0 ? { kind: 'bytes', bytes, origin: 'dataUrl' } : undefined;
	}
	if (trimmed.length >= 64 && BARE_BASE64.test(trimmed)) {
		const bytes = decodeBase64(trimmed, maxBytes);
		return bytes && MAGIC.some(magic => magic.every((value, i) => bytes[i] === value)) ? { kind: 'bytes', bytes, origin: 'base64' } : undefined;
	}
	return parsePath(trimmed);
}

function parsePath(text: string): ClipboardImage | undefined {
	if (text.includes('\n')) {
		return undefined;
	}
	const unquoted = text.replace(/^(["'])(.*)\1$/, '$2');
	if (!IMAGE_EXTENSION.test(unquoted)) {
		return undefined;
	}
	if (/^file:\/\//i.test(unquoted)) {
		return { kind: 'fileUri', uri: unquoted };
	}
	const absolute = unquoted.startsWith('/') || /^[A-Za-z]:[\\/]/.test(unquoted) || unquoted.startsWith('\\\\');
	const relative = !/^[a-z][a-z0-9+.-]*:/i.test(unquoted);
	return absolute || relative ? { kind: 'path', path: unquoted } : undefined;
}

/** Decoded size of base64 text, without decoding it. */
function base64Size(base64: string): number {
	let length = 0;
	let padding = 0;
	for (let i = 0; i < base64.length; i++) {
		const ch = base64.charCodeAt(i);
		if (ch === 0x3d) {
			padding++;
		} else if (ch > 0x20) {
			length++;
		}
	}
	return Math.floor(((length + padding) * 3) / 4) - padding;
}

/** `atob` exists in Node 16+ and in browsers alike; undefined when malformed or over `maxBytes`. */
export function decodeBase64(base64: string, maxBytes: number): Uint8Array | undefined {
	if (base64Size(base64) > maxBytes) {
		return undefined;
	}
	const compact = base64.replace(/\s+/g, '');
	try {
		const binary = atob(compact);
		const bytes = new Uint8Array(binary.length);
		for (let i = 0; i < binary.length; i++) {
			bytes[i] = binary.charCodeAt(i);
		}
		return bytes;
	} catch {
		// atob throws on characters outside the alphabet or a bad length: not base64 after all.
		return undefined;
	}
}
