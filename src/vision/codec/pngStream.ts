import { type Inflater, inflatePixelData, type PngHeader, pngChunks } from './pngGuard';
import { type RgbaImage, RowScaler } from './rowScaler';

/**
 * The common large PNG (8-bit RGB or RGBA, not interlaced: photos, screenshots) decoded and
 * downscaled in one pass: the pixel data is inflated once (bounded, as in pngGuard), each row is
 * unfiltered as soon as it is complete and handed to the downscaler, so the full-size picture is
 * never held. Returns undefined for every other kind of PNG (the WebAssembly decoder takes those).
 */
export async function decodePngDownscaled(bytes: Uint8Array, size: { width: number; height: number }, inflate?: Inflater): Promise<RgbaImage | undefined> {
	const { header, idat } = pngChunks(bytes);
	if (!streamable(header)) {
		return undefined;
	}
	const channels = header.colorType === 2 ? 3 : 4;
	const stride = header.width * channels;
	const scaler = new RowScaler(header.width, header.height, size.width, size.height, channels === 3);
	// Two row buffers, filter byte first, swapped after each row; the first row's "previous" is zeros.
	let current = new Uint8Array(stride + 1);
	let other = new Uint8Array(stride + 1);
	let previous = other.subarray(1);
	let filled = 0;
	await inflatePixelData(header, idat, piece => {
		for (let at = 0; at < piece.length;) {
			const take = Math.min(piece.length - at, current.length - filled);
			current.set(piece.subarray(at, at + take), filled);
			filled += take;
			at += take;
			if (filled === current.length) {
				const pixels = current.subarray(1);
				unfilter(current[0], pixels, previous, channels);
				scaler.push(pixels, 0, channels);
				[current, other] = [other, current];
				previous = pixels;
				filled = 0;
			}
		}
	}, inflate);
	return scaler.result();
}

export function streamable(header: PngHeader): boolean {
	return header.bitDepth === 8 && !header.interlaced && (header.colorType === 2 || header.colorType === 6);
}

/** Reverses one of PNG's five row filters in place (`bpp` bytes per pixel, `up` the previous unfiltered row). */
function unfilter(filter: number, row: Uint8Array, up: Uint8Array, bpp: number): void {
	const length = row.length;
	switch (filter) {
		case 0:
			return;
		case 1:
			for (let i = bpp; i < length; i++) {
				row[i] = (row[i] + row[i - bpp]) & 0xff;
			}
			return;
		case 2:
			for (let i = 0; i < length; i++) {
				row[i] = (row[i] + up[i]) & 0xff;
			}
			return;
		case 3:
			for (let i = 0; i < bpp; i++) {
				row[i] = (row[i] + (up[i] >> 1)) & 0xff;
			}
			for (let i = bpp; i < length; i++) {
				row[i] = (row[i] + ((row[i - bpp] + up[i]) >> 1)) & 0xff;
			}
			return;
		case 4:
			for (let i = 0; i < bpp; i++) {
				row[i] = (row[i] + up[i]) & 0xff;
			}
			for (let i = bpp; i < length; i++) {
				const a = row[i - bpp], b = up[i], c = up[i - bpp];
				const p = a + b - c;
				const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
				row[i] = (row[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
			}
			return;
		default:
			throw new Error(`unknown row filter ${filter}`);
	}
}
