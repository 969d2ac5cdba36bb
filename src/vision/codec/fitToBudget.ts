import { type Orientation } from './exifOrientation';
import { ImageInputError } from './imageErrors';
import { encodeJpeg, encodePng, hasAlpha, opaqueOnWhite } from './encoders';
import { type WasmLoader } from './wasmModules';
import { applyOrientation, downscale, fitInside, type RgbaImage, swapsAxes } from './transform';

export interface Encoded {
	mime: 'image/jpeg' | 'image/png';
	data: Uint8Array;
	width: number;
	height: number;
	/** JPEG quality used (1-100). */
	quality?: number;
}

export interface Budget {
	maxBytes: number;
	maxSide: number;
	wasm: WasmLoader;
	/** The decoder cannot produce transparency (JPEG): skips scanning every pixel for it. */
	opaque?: boolean;
	/** Awaited between expensive steps; throws to stop (cancellation). */
	checkpoint: () => Promise<void>;
}

const FIRST_QUALITY = 85;
const MIN_QUALITY = 30;
const MIN_SIDE = 256;

/**
 * Downscales (longest side at most `maxSide`), applies the orientation and encodes within
 * `maxBytes`: PNG when the picture has transparency and the PNG fits, else JPEG at the highest
 * quality that fits (binary search), shrinking further only when even the lowest quality is too big.
 */
export async function fitToBudget(decoded: RgbaImage, orientation: Orientation, budget: Budget): Promise<Encoded> {
	const swap = swapsAxes(orientation);
	const upright = swap ? { width: decoded.height, height: decoded.width } : { width: decoded.width, height: decoded.height };
	const alpha = budget.opaque !== true && hasAlpha(decoded);
	let side = Math.min(budget.maxSide, Math.max(upright.width, upright.height));
	for (let attempt = 0; ; attempt++) {
		const size = fitInside(upright.width, upright.height, side);
		const turned = applyOrientation(downscale(decoded, swap ? size.height : size.width, swap ? size.width : size.height, !alpha), orientation);
		await budget.checkpoint();
		if (alpha && attempt === 0) {
			const png = await encodePng(turned, budget.wasm);
			if (png.length <= budget.maxBytes) {
				return { mime: 'image/png', data: png, ...size };
			}
			await budget.checkpoint();
		}
		// Composited onto white once for all the JPEG encodes below; known opaque pictures are never scanned.
		const scaled = alpha ? opaqueOnWhite(turned) : { ...turned, opaque: true };
		const first = await encodeJpeg(scaled, FIRST_QUALITY, budget.wasm);
		if (first.length <= budget.maxBytes) {
			return { mime: 'image/jpeg', data: first, quality: FIRST_QUALITY, ...size };
		}
		// Far too big: the quality search cannot close the gap, so shrink in proportion instead.
		const searched = first.length > 3 * budget.maxBytes ? undefined : await searchQuality(scaled, budget);
		if (searched) {
			return { mime: 'image/jpeg', ...searched, ...size };
		}
		if (side <= MIN_SIDE) {
			throw new ImageInputError({ kind: 'cannotFit', maxBytes: budget.maxBytes }, `even ${size.width}x${size.height} at quality ${MIN_QUALITY} exceeds ${budget.maxBytes} bytes`);
		}
		const factor = first.length > 3 * budget.maxBytes ? Math.min(0.9, Math.max(0.4, Math.sqrt((2 * budget.maxBytes) / first.length))) : 0.75;
		side = Math.max(MIN_SIDE, Math.floor(side * factor));
	}
}

/** The highest JPEG quality in [MIN_QUALITY, FIRST_QUALITY) whose output fits, or undefined. */
async function searchQuality(image: RgbaImage, budget: Budget): Promise<{ data: Uint8Array; quality: number } | undefined> {
	let low = MIN_QUALITY;
	let high = FIRST_QUALITY - 1;
	let best: { data: Uint8Array; quality: number } | undefined;
	while (low <= high) {
		await budget.checkpoint();
		const quality = Math.floor((low + high) / 2);
		const data = await encodeJpeg(image, quality, budget.wasm);
		if (data.length <= budget.maxBytes) {
			best = { data, quality };
			low = quality + 1;
		} else {
			high = quality - 1;
		}
	}
	return best;
}
