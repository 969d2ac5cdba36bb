import { decode as decodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { GifReader } from 'omggif';
import { type ImageRecord } from './types';

/** Images larger than this are described from their headers only. */
const MAX_MEGAPIXELS = 40;
/** At most this many pixels are looked at (evenly spread), so a large image costs no more than a small one. */
const SAMPLE_PIXELS = 200_000;

type Rgb = [number, number, number];

export interface ColourShare {
	hex: string;
	name: string;
	/** Share of the (sampled, opaque) pixels, 0-1. */
	share: number;
}

export interface PixelStats {
	/** The most common colours, most common first. */
	colours: ColourShare[];
	/** Mean luminance, 0 (black) to 1 (white). */
	brightness: number;
	/** Share of pixels that are not fully opaque. */
	transparent: number;
}

const NAMED: ReadonlyArray<[string, Rgb]> = [
	['black', [0, 0, 0]], ['white', [255, 255, 255]], ['grey', [128, 128, 128]], ['light grey', [200, 200, 200]],
	['dark grey', [64, 64, 64]], ['red', [220, 30, 30]], ['dark red', [128, 0, 0]], ['orange', [255, 140, 0]],
	['yellow', [250, 220, 40]], ['olive', [128, 128, 0]], ['green', [40, 170, 60]], ['dark green', [0, 90, 30]],
	['teal', [0, 128, 128]], ['cyan', [0, 220, 230]], ['sky blue', [120, 190, 240]], ['blue', [30, 80, 220]],
	['navy', [0, 0, 110]], ['purple', [130, 40, 160]], ['magenta', [230, 40, 200]], ['pink', [250, 170, 200]],
	['brown', [130, 80, 40]], ['beige', [230, 215, 180]],
];

/** Colour statistics of PNG, JPEG or GIF bytes; null when the format is another or the data does not decode. */
export function pixelStats(bytes: Buffer, record: ImageRecord): PixelStats | null {
	if (record.width * record.height > MAX_MEGAPIXELS * 1_000_000 || record.width * record.height === 0) {
		return null;
	}
	try {
		const rgba = toRgba(bytes, record.format);
		return rgba ? measure(rgba.data, rgba.width * rgba.height) : null;
	} catch {
		return null; // damaged data: the description says so
	}
}

function toRgba(bytes: Buffer, format: ImageRecord['format']): { width: number; height: number; data: Uint8Array } | null {
	switch (format) {
		case 'jpeg': {
			const image = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 512 });
			return { width: image.width, height: image.height, data: image.data };
		}
		case 'gif': {
			const reader = new GifReader(bytes);
			const data = new Uint8Array(reader.width * reader.height * 4);
			reader.decodeAndBlitFrameRGBA(0, data);
			return { width: reader.width, height: reader.height, data };
		}
		case 'png':
			return pngRgba(bytes);
		default:
			return null;
	}
}

/** 8- and 16-bit PNGs of any channel count, and 8-bit palette PNGs; other depths are not measured. */
function pngRgba(bytes: Buffer): { width: number; height: number; data: Uint8Array } | null {
	const png = decodePng(bytes);
	const { width, height, channels, depth, palette } = png;
	const pixels = width * height;
	if (depth !== 8 && depth !== 16) {
		return null;
	}
	const data = new Uint8Array(pixels * 4);
	const shift = depth === 16 ? 8 : 0;
	for (let i = 0; i < pixels; i++) {
		const at = i * channels;
		let rgba: [number, number, number, number];
		if (palette) {
			const entry = palette[png.data[i]] ?? [0, 0, 0];
			rgba = [entry[0], entry[1], entry[2], entry[3] ?? 255];
		} else {
			const sample = (offset: number): number => png.data[at + offset] >> shift;
			const grey = channels <= 2;
			rgba = [sample(0), grey ? sample(0) : sample(1), grey ? sample(0) : sample(2), channels === 2 ? sample(1) : channels === 4 ? sample(3) : 255];
		}
		data.set(rgba, i * 4);
	}
	return { width, height, data };
}

function measure(data: Uint8Array, pixels: number): PixelStats {
	const step = Math.max(1, Math.floor(pixels / SAMPLE_PIXELS));
	const buckets = new Map<number, { count: number; sum: Rgb }>();
	let seen = 0;
	let opaque = 0;
	let luma = 0;
	for (let i = 0; i < pixels; i += step) {
		seen++;
		const at = i * 4;
		if (data[at + 3] < 255) {
			if (data[at + 3] < 16) {
				continue; // see-through pixels have no colour worth naming
			}
		} else {
			opaque++;
		}
		const r = data[at];
		const g = data[at + 1];
		const b = data[at + 2];
		luma += (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
		const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
		const bucket = buckets.get(key) ?? { count: 0, sum: [0, 0, 0] };
		bucket.count++;
		bucket.sum[0] += r;
		bucket.sum[1] += g;
		bucket.sum[2] += b;
		buckets.set(key, bucket);
	}
	const coloured = [...buckets.values()].reduce((sum, bucket) => sum + bucket.count, 0);
	const colours = [...buckets.values()]
		.sort((a, b) => b.count - a.count)
		.slice(0, 3)
		.map((bucket): ColourShare => {
			const rgb = bucket.sum.map((sum) => Math.round(sum / bucket.count)) as Rgb;
			return { hex: `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`, name: colourName(rgb), share: bucket.count / Math.max(1, coloured) };
		});
	return { colours, brightness: coloured === 0 ? 0 : luma / coloured, transparent: seen === 0 ? 0 : 1 - opaque / seen };
}

/** The nearest of a few everyday colour names. */
export function colourName(rgb: Rgb): string {
	let best = NAMED[0];
	let bestDistance = Infinity;
	for (const named of NAMED) {
		const distance = (named[1][0] - rgb[0]) ** 2 * 0.3 + (named[1][1] - rgb[1]) ** 2 * 0.59 + (named[1][2] - rgb[2]) ** 2 * 0.11;
		if (distance < bestDistance) {
			best = named;
			bestDistance = distance;
		}
	}
	return best[0];
}
