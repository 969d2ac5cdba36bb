/**
 * The image codec's core, run inside a worker (see codecWorker.ts): WebAssembly codecs (mozjpeg,
 * the Rust `png` crate, libwebp) plus a little JavaScript. No native modules, no Node built-ins,
 * so the same code serves a Node worker thread and a browser web worker.
 */
import { decodeToRgba } from './decoders';
import { toBase64 } from './encoders';
import { readJpegOrientation, type Orientation } from './exifOrientation';
import { fitToBudget } from './fitToBudget';
import { ImageInputError, isImageInputError } from './imageErrors';
import { headerSize, type ImageFormat, mimeTypes, sniffFormat } from './imageFormat';
import { type Inflater } from './pngGuard';
import { decodePngDownscaled } from './pngStream';
import { fitInside, swapsAxes } from './transform';
import { type WasmFile, type WasmLoader } from './wasmModules';

export type { WasmFile, WasmLoader };

export interface PrepareOptions {
	/** The encoded image sent to the model is at most this many bytes (before base64). Default 800 KiB. */
	maxBytes?: number;
	/** Longest side of the image sent. Default 2048 px. */
	maxSide?: number;
	/** Images with more pixels than this are refused before decoding (decompression bombs). Default 100. */
	maxMegapixels?: number;
	/** Reads the codec's WebAssembly files (never from the network). */
	wasm: WasmLoader;
	/** How PNG pixel data is inflated (bounded); default the platform's DecompressionStream. */
	inflate?: Inflater;
	/** Awaited between expensive steps; throw from it to stop (cancellation). */
	checkpoint?: () => Promise<void>;
}

export interface PreparedImage {
	original: { format: ImageFormat; mime: string; bytes: number; width: number; height: number; orientation: Orientation };
	/** What goes to the model: `reencoded` is false when the original bytes were small enough to send as they are. */
	sent: { mime: string; bytes: number; width: number; height: number; quality?: number; reencoded: boolean };
	data: Uint8Array;
	dataUrl: string;
}

export const DEFAULT_MAX_BYTES = 800 * 1024;
export const DEFAULT_MAX_SIDE = 2048;
export const DEFAULT_MAX_MEGAPIXELS = 100;

/**
 * Validates image bytes by their magic numbers and a full decode, then returns them ready for a
 * vision request: JPEGs always re-encoded (upright, metadata such as GPS stripped), small PNG and
 * WebP sent as they are, everything else downscaled and re-encoded within `maxBytes`.
 */
export async function prepareImage(bytes: Uint8Array, options: PrepareOptions): Promise<PreparedImage> {
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
	const maxSide = options.maxSide ?? DEFAULT_MAX_SIDE;
	const maxMegapixels = options.maxMegapixels ?? DEFAULT_MAX_MEGAPIXELS;
	const checkpoint = options.checkpoint ?? (() => Promise.resolve());
	if (bytes.length === 0) {
		throw new ImageInputError({ kind: 'empty' }, 'the file is empty');
	}
	const sniffed = sniffFormat(bytes);
	if ('unsupported' in sniffed) {
		throw new ImageInputError({ kind: 'unsupported', detected: sniffed.unsupported }, `not a JPEG, PNG, GIF or WebP image (${sniffed.unsupported})`);
	}
	const { format } = sniffed;
	const header = headerSize(bytes, format);
	if (header === undefined || header.width === 0 || header.height === 0) {
		throw new ImageInputError({ kind: 'corrupt', format, detail: 'no readable image header' }, `${format}: no readable image header`);
	}
	if (header.width * header.height > maxMegapixels * 1e6) {
		throw new ImageInputError({ kind: 'tooManyPixels', ...header, maxMegapixels }, `${header.width}x${header.height} exceeds ${maxMegapixels} MP`);
	}
	await checkpoint();
	const labelled = (e: unknown): never => {
		if (isImageInputError(e)) {
			throw e;
		}
		const detail = e instanceof Error ? e.message : String(e);
		throw new ImageInputError({ kind: 'corrupt', format, detail }, `${format}: ${detail}`, { cause: e });
	};
	// A large PNG of the common kind is decoded straight into its downscaled size (never held full size).
	const streamed = format === 'png' && Math.max(header.width, header.height) > maxSide
		? await decodePngDownscaled(bytes, fitInside(header.width, header.height, maxSide), options.inflate).catch(labelled)
		: undefined;
	const decoded = streamed ?? await decodeToRgba(bytes, format, options.wasm, options.inflate).catch(labelled);
	await checkpoint();
	const orientation = format === 'jpeg' ? readJpegOrientation(bytes) : 1;
	const stored = streamed ? header : decoded;
	const upright = swapsAxes(orientation) ? { width: stored.height, height: stored.width } : { width: stored.width, height: stored.height };
	const original = { format, mime: mimeTypes[format], bytes: bytes.length, ...upright, orientation };
	const sendAsIs = (format === 'png' || format === 'webp') && bytes.length <= maxBytes && Math.max(upright.width, upright.height) <= maxSide;
	if (sendAsIs) {
		return { original, sent: { mime: original.mime, bytes: bytes.length, ...upright, reencoded: false }, data: bytes, dataUrl: dataUrl(original.mime, bytes) };
	}
	const encoded = await fitToBudget(decoded, orientation, { maxBytes, maxSide, wasm: options.wasm, opaque: format === 'jpeg', checkpoint });
	const { data, ...rest } = encoded;
	return { original, sent: { ...rest, bytes: data.length, reencoded: true }, data, dataUrl: dataUrl(encoded.mime, data) };
}

function dataUrl(mime: string, data: Uint8Array): string {
	return `data:${mime};base64,${toBase64(data)}`;
}
