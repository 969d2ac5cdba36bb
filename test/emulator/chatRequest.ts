import { isRecord } from './body';
import { inspectImage } from './imageInfo';
import { type ImageRecord } from './types';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*);base64,([A-Za-z0-9+/=\s]*)$/;

/** What the emulator needs from a validated chat request. */
export interface ChatRequest {
	stream: boolean;
	includeUsage: boolean;
	toolNames: string[];
	/** Characters of text in every message (the chat cost and usage are computed from it). */
	promptChars: number;
	lastUserText: string;
	lastUserImages: ImageRecord[];
	/** The bytes of `lastUserImages` (empty buffers for http(s) URLs), for the demo mode's descriptions. */
	lastUserImageData: Buffer[];
	/** Every image of the request, for the request log. */
	images: ImageRecord[];
}

/** Validates an OpenAI chat body (everything but `model`); returns the request or an error message. */
export function parseChatRequest(body: Record<string, unknown>): ChatRequest | string {
	const options = parseOptions(body);
	if (typeof options === 'string') {
		return options;
	}
	const messages = body.messages;
	if (!Array.isArray(messages) || messages.length === 0) {
		return 'messages must be a non-empty array.';
	}
	const request: ChatRequest = { ...options, promptChars: 0, lastUserText: '', lastUserImages: [], lastUserImageData: [], images: [] };
	for (const [index, message] of messages.entries()) {
		const parsed = parseMessage(message, `messages[${index}]`);
		if (typeof parsed === 'string') {
			return parsed;
		}
		request.promptChars += parsed.text.length;
		request.images.push(...parsed.images);
		if (parsed.role === 'user') {
			request.lastUserText = parsed.text;
			request.lastUserImages = parsed.images;
			request.lastUserImageData = parsed.imageData;
		}
	}
	return request;
}

function parseOptions(body: Record<string, unknown>): Pick<ChatRequest, 'stream' | 'includeUsage' | 'toolNames'> | string {
	const { stream = false, stream_options: streamOptions, temperature, max_tokens: maxTokens, tools = [] } = body;
	if (typeof stream !== 'boolean') {
		return 'stream must be a boolean.';
	}
	if (streamOptions !== undefined && (!stream || !isRecord(streamOptions))) {
		return "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
	}
	if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 2)) {
		return 'temperature must be a number between 0 and 2.';
	}
	if (maxTokens !== undefined && !(typeof maxTokens === 'number' && Number.isInteger(maxTokens) && maxTokens > 0)) {
		return 'max_tokens must be a positive integer.';
	}
	if (!Array.isArray(tools)) {
		return 'tools must be an array.';
	}
	const toolNames: string[] = [];
	for (const tool of tools) {
		const fn = isRecord(tool) && tool.type === 'function' && isRecord(tool.function) ? tool.function : null;
		if (!fn || typeof fn.name !== 'string' || fn.name === '') {
			return 'Each tool must be {"type":"function","function":{"name":...}}.';
		}
		toolNames.push(fn.name);
	}
	return { stream, includeUsage: isRecord(streamOptions) && streamOptions.include_usage === true, toolNames };
}

interface ParsedMessage {
	role: string;
	text: string;
	images: ImageRecord[];
	imageData: Buffer[];
}

function parseMessage(message: unknown, where: string): ParsedMessage | string {
	if (!isRecord(message) || typeof message.role !== 'string' || !ROLES.has(message.role)) {
		return `${where} must be an object whose role is system, user, assistant or tool.`;
	}
	const { role, content } = message;
	if (role === 'tool' && typeof message.tool_call_id !== 'string') {
		return `${where}.tool_call_id is required for role tool.`;
	}
	if (typeof content === 'string') {
		return { role, text: content, images: [], imageData: [] };
	}
	if ((content === null || content === undefined) && role === 'assistant' && Array.isArray(message.tool_calls)) {
		return { role, text: '', images: [], imageData: [] };
	}
	if (!Array.isArray(content)) {
		return `${where}.content must be a string or an array of content parts.`;
	}
	const texts: string[] = [];
	const images: ImageRecord[] = [];
	const imageData: Buffer[] = [];
	for (const [index, part] of content.entries()) {
		const at = `${where}.content[${index}]`;
		if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') {
			texts.push(part.text);
		} else if (isRecord(part) && part.type === 'image_url' && isRecord(part.image_url) && typeof part.image_url.url === 'string') {
			const image = decodeImage(part.image_url.url, at);
			if (typeof image === 'string') {
				return image;
			}
			images.push(image.record);
			imageData.push(image.data);
		} else {
			return `${at} must be {"type":"text","text":...} or {"type":"image_url","image_url":{"url":...}}.`;
		}
	}
	return { role, text: texts.join('\n'), images, imageData };
}

/** A base64 data URL is decoded and inspected; an http(s) URL is recorded but not fetched. */
function decodeImage(url: string, where: string): { record: ImageRecord; data: Buffer } | string {
	if (/^https?:\/\//i.test(url)) {
		return { record: { declaredMime: null, format: 'unknown', bytes: 0, width: 0, height: 0, url }, data: Buffer.alloc(0) };
	}
	const match = DATA_URL.exec(url);
	if (!match) {
		return `${where}.image_url.url must be a base64 data URL (data:<mime>;base64,...) or an http(s) URL.`;
	}
	const data = Buffer.from(match[3].replace(/\s+/g, ''), 'base64');
	if (data.length === 0) {
		return `${where}.image_url.url holds no image data.`;
	}
	return { record: inspectImage(data, match[1] === '' ? null : match[1].toLowerCase()), data };
}
