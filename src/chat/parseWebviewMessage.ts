import type { ChatCommandName, ErrorAction, OutgoingImage, WebviewMessage } from '../shared/chatProtocol';
import { chatLimits, maxContextQueryChars, maxShortChars } from './limits';

type Fields = Record<string, unknown>;

const errorActions: readonly ErrorAction[] = ['signIn', 'topUp', 'retry', 'pickModel'];
const commandNames: readonly ChatCommandName[] = ['newConversation', 'showHistory', 'export'];
/** PNG, JPEG, GIF or WebP as base64; nothing else is an image the host forwards. */
const imageDataUrl = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * Validates a message from the webview (which renders model output and so is treated as untrusted):
 * a known `type`, exactly the fields that type has, each of the right type and size. Anything else is
 * `undefined` and ignored by the caller.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
	if (!isFields(value) || typeof value.type !== 'string') {
		return undefined;
	}
	const m = value;
	switch (m.type) {
		case 'ready':
		case 'stop':
		case 'regenerate':
		case 'attachContext':
			return exactKeys(m, []) ? { type: m.type } : undefined;
		case 'send': {
			const images = parseImages(m.images);
			return exactKeys(m, ['text', 'images']) && isText(m.text, chatLimits.maxTextChars) && images !== undefined
				&& (m.text.trim() !== '' || images.length > 0)
				? { type: 'send', text: m.text, images }
				: undefined;
		}
		case 'selectModel':
			return exactKeys(m, ['model']) && isText(m.model, maxShortChars, 1) ? { type: 'selectModel', model: m.model } : undefined;
		case 'openLink':
			return exactKeys(m, ['href']) && isText(m.href, maxShortChars, 1) ? { type: 'openLink', href: m.href } : undefined;
		case 'copy':
			return exactKeys(m, ['text']) && isText(m.text, chatLimits.maxCodeChars) ? { type: 'copy', text: m.text } : undefined;
		case 'insertCode':
			return exactKeys(m, ['code']) && isText(m.code, chatLimits.maxCodeChars) ? { type: 'insertCode', code: m.code } : undefined;
		case 'openCode':
			return exactKeys(m, ['code', 'language']) && isText(m.code, chatLimits.maxCodeChars) && isText(m.language, 100)
				? { type: 'openCode', code: m.code, language: m.language }
				: undefined;
		case 'applyCode':
			return exactKeys(m, ['messageId', 'code']) && isText(m.messageId, 100, 1) && isText(m.code, chatLimits.maxCodeChars)
				? { type: 'applyCode', messageId: m.messageId, code: m.code }
				: undefined;
		case 'contextQuery':
			return exactKeys(m, ['requestId', 'query']) && isCount(m.requestId) && isText(m.query, maxContextQueryChars)
				? { type: 'contextQuery', requestId: m.requestId, query: m.query }
				: undefined;
		case 'pickContext':
			return exactKeys(m, ['id']) && isText(m.id, 100, 1) ? { type: 'pickContext', id: m.id } : undefined;
		case 'estimateTokens':
			return exactKeys(m, ['text', 'images']) && isText(m.text, chatLimits.maxTextChars) && isCount(m.images) && m.images <= chatLimits.maxImages
				? { type: 'estimateTokens', text: m.text, images: m.images }
				: undefined;
		case 'removeAttachment':
			return exactKeys(m, ['id']) && isText(m.id, 100, 1) ? { type: 'removeAttachment', id: m.id } : undefined;
		case 'pinImages':
			return exactKeys(m, ['messageId', 'pinned']) && isText(m.messageId, 100, 1) && typeof m.pinned === 'boolean'
				? { type: 'pinImages', messageId: m.messageId, pinned: m.pinned }
				: undefined;
		case 'errorAction':
			return exactKeys(m, ['action']) && isOneOf(m.action, errorActions) ? { type: 'errorAction', action: m.action } : undefined;
		case 'command':
			return exactKeys(m, ['command']) && isOneOf(m.command, commandNames) ? { type: 'command', command: m.command } : undefined;
		default:
			return undefined;
	}
}

function parseImages(value: unknown): OutgoingImage[] | undefined {
	if (!Array.isArray(value) || value.length > chatLimits.maxImages) {
		return undefined;
	}
	const images: OutgoingImage[] = [];
	for (const item of value) {
		if (!isFields(item) || !hasExactly(item, ['name', 'dataUrl']) || !isText(item.name, 255)
			|| !isText(item.dataUrl, chatLimits.maxImageDataUrlChars) || !imageDataUrl.test(item.dataUrl)) {
			return undefined;
		}
		images.push({ name: item.name, dataUrl: item.dataUrl });
	}
	return images;
}

function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Exactly `type` plus these keys: a message with extra or missing fields is not one the webview sends. */
function exactKeys(m: Fields, keys: readonly string[]): boolean {
	return hasExactly(m, ['type', ...keys]);
}

function hasExactly(fields: Fields, keys: readonly string[]): boolean {
	return Object.keys(fields).length === keys.length && keys.every(key => Object.hasOwn(fields, key));
}

function isText(value: unknown, maxChars: number, minChars = 0): value is string {
	return typeof value === 'string' && value.length >= minChars && value.length <= maxChars;
}

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}
