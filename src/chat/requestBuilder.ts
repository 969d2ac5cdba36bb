import type { ChatMessage, ChatRequest, ContentPart } from '../api/types';
import type { ContextAttachment, StoredMessage } from './conversation';

export interface RequestOptions {
	model: string;
	systemPrompt: string;
	/** The model reads images; otherwise earlier images are named in text instead of sent. */
	vision: boolean;
	/** The most (estimated) tokens of conversation to send; older turns are left out. Unlimited when absent. */
	maxContextTokens?: number;
}

export interface BuiltRequest {
	request: ChatRequest;
	/** Earlier questions (with their answers) left out to stay within `maxContextTokens`. */
	omittedTurns: number;
	/** Characters / 4 for text, a flat amount per image sent. */
	estimatedTokens: number;
}

/** What one image costs in tokens at the size the chat sends (about 1,000 px on the long side). */
export const imageTokens = 1_000;

/** The chat request for the conversation so far: system prompt, questions with their context, answers. */
export function buildChatRequest(history: readonly StoredMessage[], options: RequestOptions): ChatRequest {
	return buildContext(history, options).request;
}

/**
 * The request, kept from costing more with every turn: images go only with the question they were
 * asked with (or every time once pinned), and whole turns are left out oldest-first when the
 * conversation exceeds `maxContextTokens`. The question being asked is always sent.
 */
export function buildContext(history: readonly StoredMessage[], options: RequestOptions): BuiltRequest {
	const lastQuestion = history.map(m => m.role).lastIndexOf('user');
	const turns: { messages: ChatMessage[]; tokens: number }[] = [];
	history.forEach((message, index) => {
		if (message.role === 'user' || turns.length === 0) {
			turns.push({ messages: [], tokens: 0 });
		}
		const turn = turns[turns.length - 1];
		const converted = convert(message, options.vision && (index === lastQuestion || message.pinned === true));
		if (converted) {
			turn.messages.push(converted.message);
			turn.tokens += converted.tokens;
		}
	});
	const system: ChatMessage[] = options.systemPrompt.trim() === '' ? [] : [{ role: 'system', content: options.systemPrompt }];
	let budget = (options.maxContextTokens ?? Infinity) - tokensOfText(options.systemPrompt);
	const kept: typeof turns = [];
	for (let i = turns.length - 1; i >= 0; i--) {
		if (kept.length > 0 && turns[i].tokens > budget) {
			break;
		}
		kept.unshift(turns[i]);
		budget -= turns[i].tokens;
	}
	return {
		request: { model: options.model, messages: [...system, ...kept.flatMap(turn => turn.messages)] },
		omittedTurns: turns.length - kept.length,
		estimatedTokens: tokensOfText(options.systemPrompt) + kept.reduce((sum, turn) => sum + turn.tokens, 0),
	};
}

function convert(message: StoredMessage, sendImages: boolean): { message: ChatMessage; tokens: number } | undefined {
	if (message.role === 'assistant') {
		return message.text === '' ? undefined : { message: { role: 'assistant', content: message.text }, tokens: tokensOfText(message.text) };
	}
	const text = [...(message.attachments ?? []).map(contextBlock), message.text].filter(part => part !== '').join('\n\n');
	const images = message.images ?? [];
	if (images.length === 0) {
		return { message: { role: 'user', content: text }, tokens: tokensOfText(text) };
	}
	if (sendImages) {
		const parts: ContentPart[] = text === '' ? [] : [{ type: 'text', text }];
		parts.push(...images.map((image): ContentPart => ({ type: 'image_url', image_url: { url: image.dataUrl } })));
		return { message: { role: 'user', content: parts }, tokens: tokensOfText(text) + images.length * imageTokens };
	}
	const names = images.map(image => `[image: ${image.name}]`).join(' ');
	const content = [text, names].filter(part => part !== '').join('\n\n');
	return { message: { role: 'user', content }, tokens: tokensOfText(content) };
}

function tokensOfText(text: string): number {
	return Math.ceil(text.length / 4);
}

function contextBlock(attachment: ContextAttachment): string {
	const longest = Math.max(2, ...Array.from(attachment.text.matchAll(/`+/g), match => match[0].length));
	const fence = '`'.repeat(longest + 1);
	const note = attachment.truncated ? ' (truncated)' : '';
	return `Context from \`${attachment.label}\`${note}:\n${fence}${attachment.language}\n${attachment.text.replace(/\n$/, '')}\n${fence}`;
}
