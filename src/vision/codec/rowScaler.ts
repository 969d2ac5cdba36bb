/** 8-bit RGBA pixels, row by row, no padding. */
export interface RgbaImage {
	width: number;
	height: number;
	data: Uint8Array;
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
 * Downscales by area averaging (a box filter with exact pixel coverage), fed one source row at a
 * time, top to bottom: each row is resampled horizontally once and added to the one or two
 * destination rows it covers, so a decoder can stream rows in without the full-size picture ever
 * existing. Colours are weighted by alpha so transparent pixels do not darken edges; an opaque
 * source (`opaque`, when the caller knows) skips that weighting.
 */
export class RowScaler {
	private readonly xs: AxisWeights;
	private readonly ys: AxisWeights;
	private readonly out: Uint8Array;
	private readonly row: Float64Array;
	private readonly sum: Float64Array;
	private sourceRow = 0;
	private targetRow = 0;

	constructor(sourceWidth: number, private readonly sourceHeight: number, readonly width: number, readonly height: number, private readonly opaque: boolean) {
		this.xs = axisWeights(sourceWidth, width);
		this.ys = axisWeights(sourceHeight, height);
		this.out = new Uint8Array(width * height * 4);
		this.row = new Float64Array(width * 4);
		this.sum = new Float64Array(width * 4);
	}

	/** The next source row: `channels` 3 (RGB, opaque) or 4 (RGBA) bytes per pixel from `start`. */
	push(src: Uint8Array, start: number, channels: 3 | 4): void {
		const { ys, row, sum } = this;
		if (channels === 3 || this.opaque) {
			resampleOpaqueRow(src, start, channels, this.xs, row);
		} else {
			resampleRow(src, start, this.xs, row);
		}
		const y = this.sourceRow++;
		while (this.targetRow < this.height && ys.start[this.targetRow] <= y) {
			const target = this.targetRow;
			const k = y - ys.start[target];
			if (k < ys.count[target]) {
				const weight = ys.weights[ys.offset[target] + k];
				if (channels === 3 || this.opaque) {
					for (let i = 0; i < row.length; i += 4) {
						sum[i] += row[i] * weight;
						sum[i + 1] += row[i + 1] * weight;
						sum[i + 2] += row[i + 2] * weight;
					}
				} else {
					for (let i = 0; i < row.length; i++) {
						sum[i] += row[i] * weight;
					}
				}
			}
			if (k < ys.count[target] - 1) {
				return; // this destination row needs more source rows
			}
			this.flush(target, channels === 3 || this.opaque);
			this.targetRow++;
		}
	}

	/** The downscaled picture, once every source row was pushed. */
	result(): RgbaImage {
		if (this.sourceRow !== this.sourceHeight) {
			throw new Error(`${this.sourceRow} of ${this.sourceHeight} rows were given`);
		}
		return { width: this.width, height: this.height, data: this.out };
	}

	private flush(target: number, opaque: boolean): void {
		const { sum, out } = this;
		const base = target * this.width * 4;
		for (let x = 0; x < sum.length; x += 4) {
			const alpha = sum[x + 3];
			const unpremultiply = opaque ? 1 : alpha > 0 ? 1 / alpha : 0;
			out[base + x] = Math.round(sum[x] * unpremultiply);
			out[base + x + 1] = Math.round(sum[x + 1] * unpremultiply);
			out[base + x + 2] = Math.round(sum[x + 2] * unpremultiply);
			out[base + x + 3] = opaque ? 255 : Math.round(alpha);
		}
		sum.fill(0);
	}
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

/** The same for a picture without transparency (3 or 4 bytes per pixel): plain weighted colour sums. */
function resampleOpaqueRow(src: Uint8Array, rowStart: number, channels: 3 | 4, xs: AxisWeights, row: Float64Array): void {
	const { start, count, offset, weights } = xs;
	const width = start.length;
	for (let x = 0, o = 0; x < width; x++, o += 4) {
		let r = 0, g = 0, b = 0;
		let p = rowStart + start[x] * channels;
		const end = offset[x] + count[x];
		for (let w = offset[x]; w < end; w++, p += channels) {
			const weight = weights[w];
			r += src[p] * weight;
			g += src[p + 1] * weight;
			b += src[p + 2] * weight;
		}
		row[o] = r;
		row[o + 1] = g;
		row[o + 2] = b;
	}
}
