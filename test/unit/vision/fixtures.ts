/**
 * Image fixtures made at test time (nothing binary is committed): noise, photo-like gradients,
 * quadrant patterns, and their PNG, JPEG, GIF and WebP encodings, plus JPEGs with an EXIF orientation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { GifWriter } from 'omggif';
import type { RgbaImage } from '../../../src/vision/codec/transform';
import type { WasmFile, WasmLoader } from '../../../src/vision/codec/wasmModules';

const root = path.resolve(__dirname, '../../..');
const webpDir = path.join(root, 'node_modules/@jsquash/webp/codec');

/** Where each of the codec's WebAssembly files is in node_modules (esbuild.mjs copies them to dist/). */
export const wasmPaths: Readonly<Record<WasmFile, string>> = {
	'mozjpeg_dec.wasm': 'node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
	'mozjpeg_enc.wasm': 'node_modules/@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
	'squoosh_png_bg.wasm': 'node_modules/@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
	'webp_dec.wasm': 'node_modules/@jsquash/webp/codec/dec/webp_dec.wasm',
};

/** The codec's wasm, as the extension reads it (from its own files, never the network). */
export const wasm: WasmLoader = async file => new Uint8Array(readFileSync(path.join(root, wasmPaths[file])));

function random(seed: number): () => number {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state & 0xff;
	};
}

/** Incompressible RGB noise (opaque), or noise with random alpha. */
export function noise(width: number, height: number, options: { seed?: number; alpha?: boolean } = {}): RgbaImage {
	const next = random(options.seed ?? 1);
	const data = new Uint8Array(width * height * 4);
	for (let i = 0; i < data.length; i += 4) {
		data[i] = next();
		data[i + 1] = next();
		data[i + 2] = next();
		data[i + 3] = options.alpha ? next() : 255;
	}
	return { width, height, data };
}

/** Smooth gradients with a little grain: compresses like a photo. */
export function photo(width: number, height: number, seed = 7): RgbaImage {
	const next = random(seed);
	const data = new Uint8Array(width * height * 4);
	for (let y = 0, i = 0; y < height; y++) {
		for (let x = 0; x < width; x++, i += 4) {
			const grain = (next() & 31) - 16;
			data[i] = clamp((x * 255) / width + grain);
			data[i + 1] = clamp((y * 255) / height + grain);
			data[i + 2] = clamp(128 + 100 * Math.sin((x + y) / 40) + grain);
			data[i + 3] = 255;
		}
	}
	return { width, height, data };
}

/** Flat shapes on a transparent background: small as PNG, needs alpha. */
export function transparentShapes(width: number, height: number): RgbaImage {
	const data = new Uint8Array(width * height * 4);
	for (let y = 0, i = 0; y < height; y++) {
		for (let x = 0; x < width; x++, i += 4) {
			const inside = ((x / 100) | 0) % 2 === ((y / 100) | 0) % 2;
			data.set(inside ? [30, 120, 220, 255] : [0, 0, 0, 0], i);
		}
	}
	return { width, height, data };
}

export type Rgb = readonly [number, number, number];
export const RED: Rgb = [255, 0, 0];
export const GREEN: Rgb = [0, 255, 0];
export const BLUE: Rgb = [0, 0, 255];
export const WHITE: Rgb = [255, 255, 255];

/** Top-left red, top-right green, bottom-left blue, bottom-right white. */
export function quadrants(width: number, height: number): RgbaImage {
	const data = new Uint8Array(width * height * 4);
	for (let y = 0, i = 0; y < height; y++) {
		for (let x = 0; x < width; x++, i += 4) {
			const color = y < height / 2 ? (x < width / 2 ? RED : GREEN) : (x < width / 2 ? BLUE : WHITE);
			data.set([...color, 255], i);
		}
	}
	return { width, height, data };
}

/** The colour at the centre of one quadrant of a decoded image. */
export function quadrantColor(image: RgbaImage, quadrant: 'tl' | 'tr' | 'bl' | 'br'): Rgb {
	const x = Math.floor(image.width * (quadrant.endsWith('l') ? 0.25 : 0.75));
	const y = Math.floor(image.height * (quadrant.startsWith('t') ? 0.25 : 0.75));
	const i = (y * image.width + x) * 4;
	return [image.data[i], image.data[i + 1], image.data[i + 2]];
}

export function pngOf(image: RgbaImage, options: { rgb?: boolean } = {}): Uint8Array {
	if (!options.rgb) {
		return encodePng({ width: image.width, height: image.height, data: image.data, channels: 4, depth: 8 });
	}
	const rgb = new Uint8Array(image.width * image.height * 3);
	for (let i = 0, o = 0; i < image.data.length; i += 4, o += 3) {
		rgb.set(image.data.subarray(i, i + 3), o);
	}
	return encodePng({ width: image.width, height: image.height, data: rgb, channels: 3, depth: 8 });
}

export function jpegOf(image: RgbaImage, quality = 90): Uint8Array {
	return new Uint8Array(encodeJpeg({ width: image.width, height: image.height, data: image.data }, quality).data);
}

/** Two frames: the first all `first`, the second all `second` (the first is the one analysed). */
export function gifOf(width: number, height: number, first: Rgb, second: Rgb): Uint8Array {
	const buffer = new Uint8Array(width * height * 2 + 4096);
	const palette = [rgbInt(first), rgbInt(second)];
	const writer = new GifWriter(buffer, width, height, { palette, loop: 0 });
	writer.addFrame(0, 0, width, height, new Array<number>(width * height).fill(0), { delay: 10 });
	writer.addFrame(0, 0, width, height, new Array<number>(width * height).fill(1), { delay: 10 });
	return buffer.slice(0, writer.end());
}

function rgbInt([r, g, b]: Rgb): number {
	return (r << 16) | (g << 8) | b;
}

/** Lossy WebP through libwebp's encoder (same package as the decoder the extension ships). */
export async function webpOf(image: RgbaImage, quality = 90): Promise<Uint8Array> {
	const { default: encode, init } = await import('@jsquash/webp/encode.js');
	const wasm = readFileSync(path.join(webpDir, 'enc/webp_enc.wasm'));
	const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } };
	await (init as unknown as (module: unknown) => Promise<void>)(await wasmApi.compile(wasm));
	const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
	return new Uint8Array(await encode({ data, width: image.width, height: image.height, colorSpace: 'srgb' }, { quality }));
}

/** Inserts an APP1 `Exif` segment holding only IFD0 tag 0x0112 (Orientation) right after SOI. */
export function withOrientation(jpeg: Uint8Array, orientation: number, byteOrder: 'MM' | 'II' = 'MM'): Uint8Array {
	const little = byteOrder === 'II';
	const tiff = new DataView(new ArrayBuffer(26));
	tiff.setUint8(0, byteOrder.charCodeAt(0));
	tiff.setUint8(1, byteOrder.charCodeAt(1));
	tiff.setUint16(2, 42, little);
	tiff.setUint32(4, 8, little); // IFD0 right after the header
	tiff.setUint16(8, 1, little); // one entry
	tiff.setUint16(10, 0x0112, little);
	tiff.setUint16(12, 3, little); // SHORT
	tiff.setUint32(14, 1, little);
	tiff.setUint16(18, orientation, little);
	tiff.setUint32(22, 0, little); // no next IFD
	const payload = [...new TextEncoder().encode('Exif'), 0, 0, ...new Uint8Array(tiff.buffer)];
	const length = payload.length + 2;
	const segment = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
	return new Uint8Array([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}

function clamp(value: number): number {
	return Math.max(0, Math.min(255, Math.round(value)));
}
