import { base64ToBytes, sniffImageMime, toBlob } from './bytes';
import { parseUsage } from './chat';
import { InvalidResponseError } from './errors';
import { isRecord, optionalNumber, optionalString } from './json';
import {
	type EmbeddingsResult, type GeneratedImage, type ImageEditRequest, type ImageVariationRequest, type Transcription,
	type TranscriptionRequest,
} from './types';

/** Normalises `{data:[{url?, b64_json?, revised_prompt?}]}`: models differ in which field they fill. */
export function parseImages(json: unknown, route: string): GeneratedImage[] {
	const data = isRecord(json) ? json.data : undefined;
	if (!Array.isArray(data)) {
		throw new InvalidResponseError(`${route}: no "data" array in the answer`);
	}
	return data.map((item, i): GeneratedImage => {
		const entry = isRecord(item) ? item : {};
		const revisedPrompt = optionalString(entry.revised_prompt);
		const extra = revisedPrompt === undefined ? {} : { revisedPrompt };
		const b64 = optionalString(entry.b64_json) ?? dataUrlPayload(optionalString(entry.url));
		if (b64 !== undefined) {
			const bytes = decodeBase64(b64, route);
			return { kind: 'b64', data: bytes, mime: sniffImageMime(bytes), ...extra };
		}
		const url = optionalString(entry.url);
		if (url === undefined || url === '') {
			throw new InvalidResponseError(`${route}: image ${i} has neither "url" nor "b64_json"`);
		}
		return { kind: 'url', url, ...extra };
	});
}

/** A `data:…;base64,` URL carries the bytes inline: treat it like `b64_json`. */
function dataUrlPayload(url: string | undefined): string | undefined {
	const match = url === undefined ? null : /^data:[^,]*;base64,/.exec(url);
	return match === null || url === undefined ? undefined : url.slice(match[0].length);
}

function decodeBase64(base64: string, route: string): Uint8Array {
	try {
		return base64ToBytes(base64);
	} catch (e) {
		throw new InvalidResponseError(`${route}: invalid base64 image data`, { cause: e });
	}
}

export function imageEditForm(request: ImageEditRequest): FormData {
	const form = fields({
		model: request.model, prompt: request.prompt, n: request.n, size: request.size,
		quality: request.quality, response_format: request.response_format,
	});
	for (const image of request.images) {
		form.append('image', toBlob(image.data, image.mime), image.filename);
	}
	return form;
}

export function imageVariationForm(request: ImageVariationRequest): FormData {
	const form = fields({ model: request.model, n: request.n, size: request.size, response_format: request.response_format });
	form.append('image', toBlob(request.image.data, request.image.mime), request.image.filename);
	return form;
}

export function transcriptionForm(request: TranscriptionRequest): FormData {
	const form = fields({
		model: request.model, language: request.language, prompt: request.prompt, response_format: request.response_format,
	});
	form.append('file', toBlob(request.file.data, request.file.mime), request.file.filename);
	return form;
}

function fields(values: Record<string, string | number | undefined>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(values)) {
		if (value !== undefined) {
			form.append(name, String(value));
		}
	}
	return form;
}

/** `text`, `srt` and `vtt` answers are the transcript itself; `json`/`verbose_json` wrap it. */
export function parseTranscription(raw: string, format: TranscriptionRequest['response_format'], route: string): Transcription {
	if (format === 'text' || format === 'srt' || format === 'vtt') {
		return { text: raw, raw };
	}
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch (e) {
		throw new InvalidResponseError(`${route}: the transcription is not JSON`, { cause: e });
	}
	const text = isRecord(json) ? optionalString(json.text) : undefined;
	if (!isRecord(json) || text === undefined) {
		throw new InvalidResponseError(`${route}: no "text" in the transcription`);
	}
	const language = optionalString(json.language);
	const duration = optionalNumber(json.duration);
	return { text, raw, ...(language === undefined ? {} : { language }), ...(duration === undefined ? {} : { duration }) };
}

export function parseEmbeddings(json: unknown, route: string): EmbeddingsResult {
	const data = isRecord(json) ? json.data : undefined;
	if (!isRecord(json) || !Array.isArray(data)) {
		throw new InvalidResponseError(`${route}: no "data" array in the answer`);
	}
	const entries = data.map((item, i) => {
		const entry = isRecord(item) ? item : {};
		return { index: optionalNumber(entry.index) ?? i, vector: parseVector(entry.embedding, route) };
	});
	entries.sort((a, b) => a.index - b.index);
	const usage = parseUsage(json.usage);
	return { vectors: entries.map((entry) => entry.vector), model: optionalString(json.model) ?? '', ...(usage ? { usage } : {}) };
}

function parseVector(value: unknown, route: string): number[] {
	if (Array.isArray(value) && value.every((x) => typeof x === 'number')) {
		return value;
	}
	if (typeof value === 'string') {
		// encoding_format "base64": little-endian float32s.
		const bytes = base64ToBytes(value);
		return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4)));
	}
	throw new InvalidResponseError(`${route}: an embedding is neither a number array nor base64`);
}
