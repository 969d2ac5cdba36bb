import { type MultipartPart, multipartField } from './body';
import { chargeFor, COSTS, debit } from './budget';
import { type Ctx, type ResourceCall, jsonObject, nowSeconds, sendInvalidRequest, sendJson } from './http';
import { sniffImageFormat } from './imageInfo';
import { storeMedia } from './media';
import { demoImagePng, demoSize } from './demoImage';
import { colourFor, sha256, solidPng } from './mediaBytes';
import { type ModelDefinition, resolveModel } from './models';

const QUALITIES = new Set(['auto', 'low', 'medium', 'high', 'standard', 'hd']);
const IMAGE_SIDE = 64;

interface ImageOptions {
	n: number;
	size: string;
	responseFormat: 'url' | 'b64_json';
}

/** POST /images/generations (spec §8.4). */
export function handleImageGeneration(ctx: Ctx, call: ResourceCall): void {
	const body = jsonObject(ctx);
	if (!body) {
		sendInvalidRequest(ctx, 'The request body must be a JSON object.');
		return;
	}
	const model = resolveModel(ctx, body.model, call.route, 'image_generation');
	if (!model) {
		return;
	}
	if (typeof body.prompt !== 'string' || body.prompt.trim() === '') {
		sendInvalidRequest(ctx, 'prompt is required.');
		return;
	}
	const options = imageOptions(model, (name) => body[name]);
	if (typeof options === 'string') {
		sendInvalidRequest(ctx, options);
		return;
	}
	debit(ctx.state, call.token.sub, chargeFor(ctx.state, model.id, { units: options.n }, COSTS.image * options.n));
	sendImages(ctx, options, body.prompt, body.prompt);
}

/** POST /images/edits and /images/variations (spec §8.5, §8.6): multipart, `image` may repeat. */
export function handleImageEdit(ctx: Ctx, call: ResourceCall): void {
	const variation = call.route === '/images/variations';
	if (ctx.body.kind !== 'multipart') {
		sendInvalidRequest(ctx, `${call.route} expects a multipart/form-data body.`);
		return;
	}
	const parts = ctx.body.parts;
	const field = (name: string): string | undefined => multipartField(parts, name);
	const model = resolveModel(ctx, field('model'), call.route, variation ? 'image_variation' : 'image_edit');
	if (!model) {
		return;
	}
	const images = parts.filter((part) => (part.name === 'image' || part.name === 'image[]') && part.data !== null);
	const prompt = field('prompt') ?? '';
	const masks = parts.filter((part) => part.name === 'mask' && part.data !== null);
	const problem = editProblem(images, masks, variation ? 1 : model.maxImages ?? 1, call.route, model.id)
		?? (!variation && prompt.trim() === '' ? 'prompt is required.' : null);
	if (problem !== null) {
		sendInvalidRequest(ctx, problem);
		return;
	}
	const options = imageOptions(model, field);
	if (typeof options === 'string') {
		sendInvalidRequest(ctx, options);
		return;
	}
	debit(ctx.state, call.token.sub, chargeFor(ctx.state, model.id, { units: options.n }, (variation ? COSTS.image : COSTS.imageEdit) * options.n));
	const seed = prompt + sha256(...images.map((image) => image.data ?? Buffer.alloc(0))).toString('hex');
	sendImages(ctx, options, seed, variation ? null : prompt);
}

function editProblem(images: readonly MultipartPart[], masks: readonly MultipartPart[], limit: number, route: string, model: string): string | null {
	if (images.length === 0) {
		return 'image is required (a PNG, JPEG, GIF or WebP file).';
	}
	if (images.length > limit) {
		return `Model ${model} accepts at most ${limit} image(s) on ${route}; got ${images.length}.`;
	}
	const bad = [...images, ...masks].find((file) => file.data === null || sniffImageFormat(file.data) === 'unknown');
	return bad ? `${bad.name} (${bad.filename ?? 'unnamed'}) is not a PNG, JPEG, GIF or WebP image.` : null;
}

function imageOptions(model: ModelDefinition, get: (name: string) => unknown): ImageOptions | string {
	const rawN = get('n') ?? 1;
	const n = typeof rawN === 'string' && /^\d+$/.test(rawN) ? Number(rawN) : rawN;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10) {
		return 'n must be an integer between 1 and 10.';
	}
	const size = get('size') ?? '1024x1024';
	if (typeof size !== 'string' || !/^(\d{2,5}x\d{2,5}|auto)$/.test(size)) {
		return 'size must look like 1024x1024 (or be "auto").';
	}
	const quality = get('quality');
	if (quality !== undefined && (typeof quality !== 'string' || !QUALITIES.has(quality))) {
		return `quality must be one of ${[...QUALITIES].join(', ')}.`;
	}
	const format = get('response_format') ?? 'url';
	if (format !== 'url' && format !== 'b64_json') {
		return 'response_format must be "url" or "b64_json".';
	}
	return { n, size, responseFormat: model.b64Only ? 'b64_json' : format };
}

/**
 * Small real PNGs whose colour comes from the seed; in demo mode a gradient with the prompt drawn in,
 * at the requested size. `url`s point at the emulator's /__media/.
 */
function sendImages(ctx: Ctx, options: ImageOptions, seed: string, revisedPrompt: string | null): void {
	const data = Array.from({ length: options.n }, (_, index) => {
		const png = ctx.state.config.demo
			? demoPng(options.size, revisedPrompt ?? 'Variation', `${seed}#${index}`)
			: solidPng(IMAGE_SIDE, IMAGE_SIDE, colourFor(`${seed}#${index}`));
		const image = options.responseFormat === 'b64_json'
			? { b64_json: png.toString('base64') }
			: { url: storeMedia(ctx, 'png', 'image/png', png) };
		return revisedPrompt === null ? image : { ...image, revised_prompt: revisedPrompt };
	});
	sendJson(ctx, 200, { created: nowSeconds(), data, size: options.size });
}

function demoPng(size: string, caption: string, seed: string): Buffer {
	const { width, height } = demoSize(size);
	return demoImagePng(width, height, caption, seed);
}
