import type { ChatMessage, ChatRequest, ContentPart } from '../api/types';
import type { ContextAttachment, StoredMessage } from './conversation';

export interface RequestOptions {
	model: string;
	systemPrompt: string;
	/** The model reads images; otherwise earlier images are named in text instead of sent. */
	vision: boolean;
}

/** The chat request for the conversation so far: system prompt, questions with their context, answers. */
export function buildChatRequest(history: readonly StoredMessage[], options: RequestOptions): ChatRequest {
	const messages: ChatMessage[] = [];
	if (options.systemPrompt.trim() !== '') {
		messages.push({ role: 'system', content: options.systemPrompt });
	}
	for (const message of history) {
		if (message.role === 'assistant') {
			if (message.text !== '') {
				messages.push({ role: 'assistant', content: message.text });
			}
			continue;
		}
		const text = [...(message.attachments ?? []).map(contextBlock), message.text].filter(part => part !== '').join('\n\n');
		const images = message.images ?? [];
		if (images.length === 0) {
			messages.push({ role: 'user', content: text });
		} else if (options.vision) {
			const parts: ContentPart[] = text === '' ? [] : [{ type: 'text', text }];
			parts.push(...images.map((image): ContentPart => ({ type: 'image_url', image_url: { url: image.dataUrl } })));
			messages.push({ role: 'user', content: parts });
		} else {
			const names = images.map(image => `[image: ${image.name}]`).join(' ');
			messages.push({ role: 'user', content: [text, names].filter(part => part !== '').join('\n\n') });
		}
	}
	return { model: options.model, messages };
}

function contextBlock(attachment: ContextAttachment): string {
	const longest = Math.max(2, ...Array.from(attachment.text.matchAll(/`+/g), match => match[0].length));
	const fence = '`'.repeat(longest + 1);
	const note = attachment.truncated ? ' (truncated)' : '';
	return `Context from \`${attachment.label}\`${note}:\n${fence}${attachment.language}\n${attachment.text.replace(/\n$/, '')}\n${fence}`;
}
