import { type Orientation } from './exifOrientation';

/** 8-bit RGBA pixels, row by row, no padding. */
export interface RgbaImage {
	width: number;
	height: number;
	data: Uint8Array;
}

/** The size that fits inside `maxSide` x `maxSide` keeping the aspect ratio (never enlarges). */
export function fitInside(width: number, height: number, maxSide: number): { width: number; height: number } {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

interface AxisWeights {
	start: Int32Array;
	count: Int32Array;
	/** Weights of each destination pixel, `count[i]` of them from `offset[i]`; they sum to 1. */
	offset: Int32Array;
	weights: Float64Array;
}

/** Area-averaging weights: destination pixel i covers source [i*s, (i+1)*s) with partial edge pixels. */
function axisWeights(source: number, target: number): AxisWeights {
	const scale = source / target;
	const start = new Int32Array(target);
	const count = new Int32Array(target);
	const offset = new Int32Array(target);
	const weights = new Float64Array(target * (Math.ceil(scale) + 2));
	let used = 0;
	for (let i = 0; i < target; i++) {
		const from = i * scale;
		const to = Math.min(source, (i + 1) * scale);
		const first = Math.floor(from);
		const last = Math.min(source - 1, Math.ceil(to) - 1);
		start[i] = first;
		offset[i] = used;
		for (let s = first; s <= last; s++) {
			weights[used++] = (Math.min(s + 1, to) - Math.max(s, from)) / (to - from);
		}
		count[i] = last - first + 1;
	}
	return { start, count, offset, weights };
}

/**
 * Downscales by area averaging (a box filter with exact pixel coverage), with colours weighted by
 * alpha so transparent pixels do not darken edges. Each source row is resampled horizontally once
 * (consecutive destination rows share at most one source row, kept from the row before), then
 * rows are summed vertically, so the extra memory is three rows, not a second full-size image.
 * An opaque picture (`opaque`, when the caller knows) skips the alpha weighting.
 */
export function downscale(image: RgbaImage, width: number, height: number, opaque = false): RgbaImage {
	if (width >= image.width && height >= image.height) {
		return image;
	}
	const xs = axisWeights(image.width, width);
	const ys = axisWeights(image.height, height);
	const out = new Uint8Array(width * height * 4);
	const sum = new Float64Array(width * 4);
	let row = new Float64Array(width * 4);
	let spare = new Float64Array(width * 4);
	let rowIndex = -1;
	const resample = opaque ? resampleOpaqueRow : resampleRow;
	for (let y = 0; y < height; y++) {
		sum.fill(0);
		for (let k = 0; k < ys.count[y]; k++) {
			const source = ys.start[y] + k;
			if (source !== rowIndex) {
				[row, spare] = [spare, row];
				resample(image.data, source * image.width * 4, xs, row);
				rowIndex = source;
			}
			const wy = ys.weights[ys.offset[y] + k];
			for (let i = 0; i < row.length; i++) {
				sum[i] += row[i] * wy;
			}
		}
		const base = y * width * 4;
		for (let x = 0; x < width * 4; x += 4) {
			const alpha = sum[x + 3];
			const unpremultiply = opaque ? 1 : alpha > 0 ? 1 / alpha : 0;
			out[base + x] = Math.round(sum[x] * unpremultiply);
			out[base + x + 1] = Math.round(sum[x + 1] * unpremultiply);
			out[base + x + 2] = Math.round(sum[x + 2] * unpremultiply);
			out[base + x + 3] = opaque ? 255 : Math.round(alpha);
		}
	}
	return { width, height, data: out };
}

/** One source row, horizontally resampled into `row` as alpha-premultiplied RGBA. */
function resampleRow(src: Uint8Array, rowStart: number, xs: AxisWeights, row: Float64Array): void {
	for (let x = 0; x < xs.start.length; x++) {
		let r = 0, g = 0, b = 0, a = 0;
		let p = rowStart + xs.start[x] * 4;
		const end = xs.offset[x] + xs.count[x];
		for (let w = xs.offset[x]; w < end; w++, p += 4) {
			const weight = xs.weights[w] * src[p + 3];
			r += src[p] * weight;
			g += src[p + 1] * weight;
			b += src[p + 2] * weight;
			a += xs.weights[w] * src[p + 3];
		}
		row[x * 4] = r;
		row[x * 4 + 1] = g;
		row[x * 4 + 2] = b;
		row[x * 4 + 3] = a;
	}
}

/** The same for a picture without transparency: plain weighted colour sums. */
function resampleOpaqueRow(src: Uint8Array, rowStart: number, xs: AxisWeights, row: Float64Array): void {
	for (let x = 0; x < xs.start.length; x++) {
		let r = 0, g = 0, b = 0;
		let p = rowStart + xs.start[x] * 4;
		const end = xs.offset[x] + xs.count[x];
		for (let w = xs.offset[x]; w < end; w++, p += 4) {
			const weight = xs.weights[w];
			r += src[p] * weight;
			g += src[p + 1] * weight;
			b += src[p + 2] * weight;
		}
		row[x * 4] = r;
		row[x * 4 + 1] = g;
		row[x * 4 + 2] = b;
	}
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
