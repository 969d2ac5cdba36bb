import type { ChatMessage } from './types';

/** What one image adds to a request, in tokens (a rough figure, for estimates only). */
export const imageTokens = 1_000;

/** A rough token count of text (4 characters a token), for estimates before a request is sent. */
export function textTokens(text: string): number {
	return Math.ceil(text.length / 4);
}

/** The estimated input tokens of chat messages (text and images). */
export function messageTokens(messages: readonly ChatMessage[]): number {
	let tokens = 0;
	for (const message of messages) {
		if (typeof message.content === 'string') {
			tokens += textTokens(message.content);
		} else if (Array.isArray(message.content)) {
			for (const part of message.content) {
				tokens += part.type === 'text' ? textTokens(part.text) : imageTokens;
			}
		}
	}
	return tokens;
}
