/** 8-bit RGBA pixels, row by row, no padding. */
export interface RgbaImage {
	width: number;
	height: number;
	data: Uint8Array;
	/** Every alpha is 255, known without looking (no scan for transparency needed). */
	opaque?: boolean;
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

/** The horizontal weights padded to the same number of taps for every destination pixel (zeros after its own). */
interface Taps {
	taps: number;
	/** Index of each destination pixel's first source value in a row of `stride` values per pixel. */
	first: Int32Array;
	weights: Float64Array;
}

function paddedTaps(axis: AxisWeights, stride: number): Taps {
	let taps = 1;
	for (const count of axis.count) {
		taps = Math.max(taps, count);
	}
	const first = new Int32Array(axis.start.length);
	const weights = new Float64Array(axis.start.length * taps);
	for (let x = 0; x < first.length; x++) {
		first[x] = axis.start[x] * stride;
		weights.set(axis.weights.subarray(axis.offset[x], axis.offset[x] + axis.count[x]), x * taps);
	}
	return { taps, first, weights };
}

/**
 * Downscales by area averaging (a box filter with exact pixel coverage), fed one source row at a
 * time, top to bottom, so a decoder can stream rows in without the full-size picture ever
 * existing. Each source row is added, weighted, in one linear pass over its bytes into the (one
 * or two) destination rows it covers, gathered at source width; a destination row, once
 * complete, is resampled horizontally. Colours are weighted by alpha so transparent pixels do
 * not darken edges; an opaque source (RGB, or `opaque` when the caller knows) skips that
 * weighting and the alpha channel. Never enlarges (each axis at most its source size).
 */
export class RowScaler {
	private readonly ys: AxisWeights;
	private readonly xs: Taps;
	private readonly out: Uint8Array;
	/** The destination row being gathered and the one after it, at source width: R, G, B (and, premultiplying, A) sums. */
	private current: Float64Array;
	private next: Float64Array;
	private readonly stride: 3 | 4;
	private sourceRow = 0;
	private targetRow = 0;

	constructor(private readonly sourceWidth: number, private readonly sourceHeight: number, readonly width: number, readonly height: number, opaque: boolean) {
		if (width > sourceWidth || height > sourceHeight || width < 1 || height < 1) {
			throw new Error(`cannot scale ${sourceWidth}x${sourceHeight} to ${width}x${height}`);
		}
		this.stride = opaque ? 3 : 4;
		this.ys = axisWeights(sourceHeight, height);
		this.xs = paddedTaps(axisWeights(sourceWidth, width), this.stride);
		this.out = new Uint8Array(width * height * 4);
		// Room past the row's end for the zero-weight taps of the last pixels.
		const length = (sourceWidth + this.xs.taps) * this.stride;
		this.current = new Float64Array(length);
		this.next = new Float64Array(length);
	}

	/** The next source row: `channels` 3 (RGB, opaque) or 4 (RGBA) bytes per pixel from `start`. */
	push(src: Uint8Array, start: number, channels: 3 | 4): void {
		const { ys } = this;
		const y = this.sourceRow++;
		const target = this.targetRow;
		if (target >= this.height) {
			throw new Error(`more than ${this.sourceHeight} rows were given`);
		}
		// Scaling down, a source row lies in destination row `target` and at most the one after it.
		const weight = ys.weights[ys.offset[target] + y - ys.start[target]];
		const following = target + 1 < this.height && ys.start[target + 1] <= y ? ys.weights[ys.offset[target + 1] + y - ys.start[target + 1]] : 0;
		const pixels = this.sourceWidth;
		if (this.stride === 4) {
			addPremultiplied(src, start, pixels, weight, following, this.current, this.next);
		} else if (channels === 3) {
			addRgb(src, start, pixels * 3, weight, following, this.current, this.next);
		} else {
			addOpaqueRgba(src, start, pixels, weight, following, this.current, this.next);
		}
		if (y === ys.start[target] + ys.count[target] - 1) {
			if (this.stride === 4) {
				this.flushPremultiplied(target);
			} else {
				this.flushOpaque(target);
			}
			const done = this.current;
			done.fill(0);
			this.current = this.next;
			this.next = done;
			this.targetRow++;
		}
	}

	/** The downscaled picture, once every source row was pushed. */
	result(): RgbaImage {
		if (this.sourceRow !== this.sourceHeight) {
			throw new Error(`${this.sourceRow} of ${this.sourceHeight} rows were given`);
		}
		return { width: this.width, height: this.height, data: this.out, ...(this.stride === 3 ? { opaque: true } : {}) };
	}

	private flushOpaque(target: number): void {
		const { current: acc, out, width } = this;
		const { taps, first, weights } = this.xs;
		let o = target * width * 4;
		if (taps === 3) {
			for (let x = 0, w = 0; x < width; x++, w += 3, o += 4) {
				const p = first[x];
				const w0 = weights[w], w1 = weights[w + 1], w2 = weights[w + 2];
				out[o] = acc[p] * w0 + acc[p + 3] * w1 + acc[p + 6] * w2 + 0.5;
				out[o + 1] = acc[p + 1] * w0 + acc[p + 4] * w1 + acc[p + 7] * w2 + 0.5;
				out[o + 2] = acc[p + 2] * w0 + acc[p + 5] * w1 + acc[p + 8] * w2 + 0.5;
				out[o + 3] = 255;
			}
			return;
		}
		for (let x = 0, w = 0; x < width; x++, o += 4) {
			let r = 0, g = 0, b = 0;
			for (let t = 0, p = first[x]; t < taps; t++, w++, p += 3) {
				const weight = weights[w];
				r += acc[p] * weight;
				g += acc[p + 1] * weight;
				b += acc[p + 2] * weight;
			}
			out[o] = r + 0.5;
			out[o + 1] = g + 0.5;
			out[o + 2] = b + 0.5;
			out[o + 3] = 255;
		}
	}

	private flushPremultiplied(target: number): void {
		const { current: acc, out, width } = this;
		const { taps, first, weights } = this.xs;
		for (let x = 0, w = 0, o = target * width * 4; x < width; x++, o += 4) {
			let r = 0, g = 0, b = 0, a = 0;
			for (let t = 0, p = first[x]; t < taps; t++, w++, p += 4) {
				const weight = weights[w];
				r += acc[p] * weight;
				g += acc[p + 1] * weight;
				b += acc[p + 2] * weight;
				a += acc[p + 3] * weight;
			}
			const unpremultiply = a > 0 ? 1 / a : 0;
			out[o] = r * unpremultiply + 0.5;
			out[o + 1] = g * unpremultiply + 0.5;
			out[o + 2] = b * unpremultiply + 0.5;
			out[o + 3] = a + 0.5;
		}
	}
}

/** RGB bytes, weighted, into the R, G, B sums of one destination row (`following` 0) or two: one linear pass. */
function addRgb(src: Uint8Array, from: number, length: number, weight: number, following: number, acc: Float64Array, next: Float64Array): void {
	if (following === 0) {
		for (let i = 0; i < length; i++) {
			acc[i] += src[from + i] * weight;
		}
		return;
	}
	for (let i = 0; i < length; i++) {
		const value = src[from + i];
		acc[i] += value * weight;
		next[i] += value * following;
	}
}

/** RGBA bytes known to be opaque: the same, skipping alpha. */
function addOpaqueRgba(src: Uint8Array, from: number, pixels: number, weight: number, following: number, acc: Float64Array, next: Float64Array): void {
	for (let x = 0, p = from, o = 0; x < pixels; x++, p += 4, o += 3) {
		const r = src[p], g = src[p + 1], b = src[p + 2];
		acc[o] += r * weight;
		acc[o + 1] += g * weight;
		acc[o + 2] += b * weight;
		next[o] += r * following;
		next[o + 1] += g * following;
		next[o + 2] += b * following;
	}
}

/** RGBA bytes into alpha-premultiplied sums (colour times alpha, and alpha), weighted. */
function addPremultiplied(src: Uint8Array, from: number, pixels: number, weight: number, following: number, acc: Float64Array, next: Float64Array): void {
	for (let x = 0, p = from, o = 0; x < pixels; x++, p += 4, o += 4) {
		const r = src[p], g = src[p + 1], b = src[p + 2];
		const alpha = src[p + 3] * weight;
		acc[o] += r * alpha;
		acc[o + 1] += g * alpha;
		acc[o + 2] += b * alpha;
		acc[o + 3] += alpha;
		const later = src[p + 3] * following;
		next[o] += r * later;
		next[o + 1] += g * later;
		next[o + 2] += b * later;
		next[o + 3] += later;
	}
}
