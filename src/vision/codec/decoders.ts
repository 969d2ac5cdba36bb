import { GifReader } from 'omggif';
import { type ImageFormat } from './imageFormat';
import { checkPngDataSize, type Inflater } from './pngGuard';
import { type RgbaImage } from './transform';
import { decodeJpegWasm, decodePngWasm, decodeWebpWasm, type WasmLoader } from './wasmModules';

/**
 * Decodes to 8-bit RGBA; throws a plain Error on damaged data (the caller labels it). The caller
 * has checked the header's pixel count; each decoder's output is bounded by that header:
 * libjpeg and libwebp allocate from it, PNG's pixel data is checked to inflate to exactly it
 * (stopping early), and the GIF frame must lie inside the declared screen.
 */
export async function decodeToRgba(bytes: Uint8Array, format: ImageFormat, wasm: WasmLoader, inflate?: Inflater): Promise<RgbaImage> {
	switch (format) {
		case 'jpeg':
			return decodeJpegWasm(bytes, wasm);
		case 'png':
			await checkPngDataSize(bytes, inflate);
			return decodePngWasm(bytes, wasm);
		case 'gif':
			return decodeGifFirstFrame(bytes);
		case 'webp':
			return decodeWebpWasm(bytes, wasm);
	}
}

function decodeGifFirstFrame(bytes: Uint8Array): RgbaImage {
	const reader = new GifReader(bytes);
	if (reader.numFrames() === 0) {
		throw new Error('the GIF has no frame');
	}
	const frame = reader.frameInfo(0);
	if (frame.data_offset + frame.data_length > bytes.length) {
		throw new Error('the first frame is cut short');
	}
	if (frame.x + frame.width > reader.width || frame.y + frame.height > reader.height) {
		throw new Error(`the first frame (${frame.width}x${frame.height} at ${frame.x},${frame.y}) lies outside the ${reader.width}x${reader.height} image`);
	}
	const data = new Uint8Array(reader.width * reader.height * 4);
	reader.decodeAndBlitFrameRGBA(0, data);
	return { width: reader.width, height: reader.height, data };
}
