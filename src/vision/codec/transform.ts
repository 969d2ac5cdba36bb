import { type Orientation } from './exifOrientation';
import { type RgbaImage, RowScaler } from './rowScaler';

export type { RgbaImage };

/** The size that fits inside `maxSide` x `maxSide` keeping the aspect ratio (never enlarges). */
export function fitInside(width: number, height: number, maxSide: number): { width: number; height: number } {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The whole picture through a RowScaler (see there); returns it unchanged when it is not larger. */
export function downscale(image: RgbaImage, width: number, height: number, opaque = false): RgbaImage {
	if (width >= image.width && height >= image.height) {
		return image;
	}
	const scaler = new RowScaler(image.width, image.height, width, height, opaque);
	for (let y = 0; y < image.height; y++) {
		scaler.push(image.data, y * image.width * 4, 4);
	}
	return scaler.result();
}

/** Whether an EXIF orientation swaps width and height. */
export function swapsAxes(orientation: Orientation): boolean {
	return orientation >= 5;
}

/** Turns stored pixels into the upright picture the EXIF orientation describes. */
export function applyOrientation(image: RgbaImage, orientation: Orientation): RgbaImage {
	if (orientation === 1) {
		return image;
	}
	const { width: w, height: h, data } = image;
	const swap = swapsAxes(orientation);
	const width = swap ? h : w;
	const height = swap ? w : h;
	const out = new Uint32Array(width * height);
	const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
	const src = new Uint32Array(aligned.buffer, aligned.byteOffset, w * h);
	const at = sourceIndex(orientation, w, h);
	for (let y = 0, i = 0; y < height; y++) {
		for (let x = 0; x < width; x++, i++) {
			out[i] = src[at(x, y)];
		}
	}
	return { width, height, data: new Uint8Array(out.buffer) };
}

/** Where upright pixel (x, y) is in the stored w x h pixels. */
function sourceIndex(orientation: Orientation, w: number, h: number): (x: number, y: number) => number {
	switch (orientation) {
		case 2: return (x, y) => y * w + (w - 1 - x);
		case 3: return (x, y) => (h - 1 - y) * w + (w - 1 - x);
		case 4: return (x, y) => (h - 1 - y) * w + x;
		case 5: return (x, y) => x * w + y;
		case 6: return (x, y) => (h - 1 - x) * w + y;
		case 7: return (x, y) => (h - 1 - x) * w + (w - 1 - y);
		case 8: return (x, y) => x * w + (w - 1 - y);
		default: return (x, y) => y * w + x;
	}
}
