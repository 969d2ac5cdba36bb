import { GLYPH_ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyphPixel, wrapText } from './bitmapFont';
import { colourFor, rgbPng } from './mediaBytes';

type Rgb = readonly [number, number, number];

/** Demo images are drawn at the requested size up to this many pixels a side. */
export const DEMO_MAX_SIDE = 4096;

/** `1024x1024` → its numbers; `auto` → 1024x1024; each side clamped to [16, DEMO_MAX_SIDE]. */
export function demoSize(size: string): { width: number; height: number } {
	const match = /^(\d+)x(\d+)$/.exec(size);
	const clamp = (value: number): number => Math.min(DEMO_MAX_SIDE, Math.max(16, value));
	return match ? { width: clamp(Number(match[1])), height: clamp(Number(match[2])) } : { width: 1024, height: 1024 };
}

/**
 * A picture that looks generated: a diagonal gradient between two colours taken from the prompt,
 * a soft light, and the prompt itself written across the middle in a bitmap font. The colours come
 * from `seed`, so the same request always gives the same picture.
 */
export function demoImagePng(width: number, height: number, prompt: string, seed = prompt): Buffer {
	const from = colourFor(`${seed}#from`);
	const to = colourFor(`${seed}#to`);
	const stride = 1 + width * 3;
	const raw = Buffer.alloc(stride * height);
	const cx = width * 0.3;
	const cy = height * 0.25;
	const radius = Math.max(width, height) * 0.7;
	for (let y = 0; y < height; y++) {
		const rowStart = y * stride;
		for (let x = 0; x < width; x++) {
			const t = (x / width + y / height) / 2;
			const light = Math.max(0, 1 - Math.hypot(x - cx, y - cy) / radius) * 0.35;
			const at = rowStart + 1 + x * 3;
			for (let channel = 0; channel < 3; channel++) {
				const base = from[channel] + (to[channel] - from[channel]) * t;
				raw[at + channel] = Math.round(base + (255 - base) * light);
			}
		}
	}
	drawCaption(raw, width, height, prompt);
	return rgbPng(width, height, raw);
}

/** The prompt, wrapped and centred, white with a dark shadow so it reads on any gradient. */
function drawCaption(raw: Buffer, width: number, height: number, prompt: string): void {
	const scale = Math.max(1, Math.floor((width * 0.85) / (22 * GLYPH_ADVANCE)));
	const maxChars = Math.max(1, Math.floor((width * 0.9) / (GLYPH_ADVANCE * scale)));
	const lineHeight = (GLYPH_HEIGHT + 3) * scale;
	const maxLines = Math.max(1, Math.floor((height * 0.8) / lineHeight));
	const lines = wrapText(prompt, maxChars, maxLines);
	const top = Math.round((height - lines.length * lineHeight) / 2);
	const shadow = Math.max(1, Math.round(scale / 2));
	for (const [colour, offset] of [[[20, 20, 30], shadow], [[255, 255, 255], 0]] as const) {
		lines.forEach((line, index) => {
			const left = Math.round((width - (line.length * GLYPH_ADVANCE - 1) * scale) / 2);
			drawLine(raw, width, height, line, left + offset, top + index * lineHeight + offset, scale, colour);
		});
	}
}

function drawLine(raw: Buffer, width: number, height: number, line: string, left: number, top: number, scale: number, colour: Rgb): void {
	const stride = 1 + width * 3;
	[...line].forEach((char, charIndex) => {
		for (let row = 0; row < GLYPH_HEIGHT; row++) {
			for (let column = 0; column < GLYPH_WIDTH; column++) {
				if (!glyphPixel(char, column, row)) {
					continue;
				}
				const x0 = left + (charIndex * GLYPH_ADVANCE + column) * scale;
				const y0 = top + row * scale;
				for (let y = Math.max(0, y0); y < Math.min(height, y0 + scale); y++) {
					for (let x = Math.max(0, x0); x < Math.min(width, x0 + scale); x++) {
						raw.set(colour, y * stride + 1 + x * 3);
					}
				}
			}
		}
	});
}
