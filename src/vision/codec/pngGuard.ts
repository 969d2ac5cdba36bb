/**
 * Decompression-bomb guard for PNG: the IDAT stream must inflate to exactly the bytes the header
 * declares. Inflation stops as soon as it passes that size, so a 1 MB file whose zlib stream
 * would inflate to gigabytes costs no more than a genuine image of its declared size.
 * Uses the platform's `DecompressionStream` (native zlib in Node, the browser's in a web worker).
 */
import { ImageInputError } from './imageErrors';

interface ReadResult { done: boolean; value?: Uint8Array }
interface StreamPair {
	writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void>; abort(reason?: unknown): Promise<void> } };
	readable: { getReader(): { read(): Promise<ReadResult>; cancel(reason?: unknown): Promise<void> } };
}
type DecompressionStreamConstructor = new (format: 'deflate') => StreamPair;

export interface PngHeader {
	width: number;
	height: number;
	bitDepth: number;
	colorType: number;
	interlaced: boolean;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** Filtered scanlines (one filter byte per row) for the declared size, per Adam7 pass when interlaced. */
export function expectedPngDataSize(header: PngHeader): number {
	const channels = CHANNELS[header.colorType];
	if (channels === undefined || ![1, 2, 4, 8, 16].includes(header.bitDepth)) {
		throw new Error(`colour type ${header.colorType} with bit depth ${header.bitDepth} is not valid PNG`);
	}
	const rowBytes = (width: number) => Math.ceil((width * channels * header.bitDepth) / 8);
	if (!header.interlaced) {
		return header.height * (1 + rowBytes(header.width));
	}
	let total = 0;
	for (const [x0, y0, dx, dy] of ADAM7) {
		const width = Math.ceil((header.width - x0) / dx);
		const height = Math.ceil((header.height - y0) / dy);
		if (width > 0 && height > 0) {
			total += height * (1 + rowBytes(width));
		}
	}
	return total;
}

/** Reads IHDR and the IDAT payloads (chunk lengths checked against the file, nothing inflated). */
export function pngChunks(bytes: Uint8Array): { header: PngHeader; idat: Uint8Array[] } {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let header: PngHeader | undefined;
	const idat: Uint8Array[] = [];
	for (let offset = 8; offset + 8 <= bytes.length;) {
		const length = view.getUint32(offset);
		const type = String.fromCharCode(bytes[offset + 4], bytes[offset + 5], bytes[offset + 6], bytes[offset + 7]);
		const start = offset + 8;
		if (start + length + 4 > bytes.length) {
			throw new Error(`the ${type} chunk is cut short`);
		}
		if (type === 'IHDR' && length >= 13) {
			header = {
				width: view.getUint32(start), height: view.getUint32(start + 4), bitDepth: bytes[start + 8], colorType: bytes[start + 9], interlaced: bytes[start + 12] === 1,
			};
		} else if (type === 'IDAT') {
			idat.push(bytes.subarray(start, start + length));
		} else if (type === 'IEND') {
			break;
		}
		offset = start + length + 4;
	}
	if (header === undefined) {
		throw new Error('no IHDR chunk');
	}
	if (idat.length === 0) {
		throw new Error('no pixel data (IDAT)');
	}
	return { header, idat };
}

/** Throws unless the pixel data inflates to exactly the declared size; stops inflating at the first byte past it. */
export async function checkPngDataSize(bytes: Uint8Array, inflate?: Inflater): Promise<void> {
	const { header, idat } = pngChunks(bytes);
	await inflatePixelData(header, idat, () => undefined, inflate);
}

/**
 * Inflates a zlib stream given in pieces, handing its output to `take` in order while the total
 * stays within `limit`, and returns the total; past `limit` it stops inflating at once and
 * returns a number above it. Throws on damaged data. The default uses the platform's
 * `DecompressionStream`; the Node worker passes one on Node's zlib (fewer, larger pieces).
 */
export type Inflater = (compressed: readonly Uint8Array[], limit: number, take: (piece: Uint8Array) => void) => Promise<number>;

export const streamInflater: Inflater = async (compressed, limit, take) => {
	const Decompression = (globalThis as unknown as { DecompressionStream: DecompressionStreamConstructor }).DecompressionStream;
	const stream = new Decompression('deflate');
	const writer = stream.writable.getWriter();
	const reader = stream.readable.getReader();
	const writing = (async () => {
		for (const chunk of compressed) {
			await writer.write(chunk);
		}
		await writer.close();
	})();
	writing.catch(() => undefined); // Bad zlib data fails the reader too, which reports it.
	let total = 0;
	for (let result = await reader.read(); !result.done && result.value !== undefined; result = await reader.read()) {
		total += result.value.length;
		if (total > limit) {
			const stop = new Error('inflated past the limit');
			await Promise.all([reader.cancel(stop).catch(() => undefined), writer.abort(stop).catch(() => undefined)]);
			return total;
		}
		take(result.value);
	}
	return total;
};

/**
 * Inflates the IDAT stream, handing each piece of output to `take` in order, and throws unless it
 * comes to exactly the size the header declares; inflation stops at the first byte past it.
 */
export async function inflatePixelData(header: PngHeader, idat: readonly Uint8Array[], take: (piece: Uint8Array) => void, inflate: Inflater = streamInflater): Promise<void> {
	const expected = expectedPngDataSize(header);
	let total: number;
	try {
		total = await inflate(idat, expected, take);
	} catch (error) {
		throw new Error(`the compressed pixel data is damaged (${error instanceof Error ? error.message : String(error)})`, { cause: error });
	}
	if (total > expected) {
		throw new ImageInputError({ kind: 'inflatesBeyondHeader', format: 'png', width: header.width, height: header.height },
			`png: the pixel data inflates to more than the ${expected} bytes its ${header.width}x${header.height} header declares; stopped there`);
	}
	if (total < expected) {
		throw new Error(`the pixel data is cut short (${total} of ${expected} bytes)`);
	}
}
