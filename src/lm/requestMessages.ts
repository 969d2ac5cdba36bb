import * as vscode from 'vscode';
import { bytesToBase64 } from '../api/bytes';
import type { ChatMessage, ContentPart, ToolCall } from '../api/types';

/** `LanguageModelChatMessageRole.System` exists at run time (proposed `languageModelSystem`) but not in the 1.104 typings. */
const systemRole = 3;

/** Characters counted for one image when estimating tokens (about what a 512×512 tile costs). */
export const imageCharacterEstimate = 3_000;

/**
 * `vscode.LanguageModelDataPart` (images and other binary data) is not in the 1.104 typings; newer
 * hosts send it as an `unknown` content part, so it is recognised by shape.
 */
export interface DataPart {
	readonly mimeType: string;
	readonly data: Uint8Array;
}

export function isDataPart(part: unknown): part is DataPart {
	return typeof part === 'object' && part !== null
		&& typeof (part as { mimeType?: unknown }).mimeType === 'string'
		&& (part as { data?: unknown }).data instanceof Uint8Array;
}

export interface ConversionOptions {
	/** The model accepts images; otherwise images are replaced by a note. */
	readonly imageInput: boolean;
}

/**
 * VS Code's messages → OpenAI chat messages. Tool calls ride on the assistant message; each tool result
 * becomes its own `role: 'tool'` message, placed before the rest of the user message that carried it
 * (OpenAI wants results right after the assistant's calls).
 */
export function toChatMessages(messages: readonly vscode.LanguageModelChatRequestMessage[], options: ConversionOptions): ChatMessage[] {
	return messages.flatMap(message => convertMessage(message, options));
}

function convertMessage(message: vscode.LanguageModelChatRequestMessage, options: ConversionOptions): ChatMessage[] {
	const parts: ContentPart[] = [];
	const toolCalls: ToolCall[] = [];
	const toolResults: ChatMessage[] = [];
	for (const part of message.content) {
		if (part instanceof vscode.LanguageModelTextPart) {
			parts.push({ type: 'text', text: part.value });
		} else if (part instanceof vscode.LanguageModelToolCallPart) {
			toolCalls.push({ id: part.callId, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input) } });
		} else if (part instanceof vscode.LanguageModelToolResultPart) {
			toolResults.push({ role: 'tool', tool_call_id: part.callId, content: toolResultText(part.content) });
		} else if (isDataPart(part)) {
			const converted = dataPart(part, options);
			if (converted) {
				parts.push(converted);
			}
		}
		// Anything else (thinking parts, prompt-tsx metadata, cache markers) is not sent.
	}
	const role: number = message.role;
	if (role === vscode.LanguageModelChatMessageRole.Assistant) {
		const text = joinText(parts);
		return [{ role: 'assistant', content: text === '' ? null : text, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) }];
	}
	if (role === systemRole) {
		return [{ role: 'system', content: joinText(parts) }];
	}
	if (parts.length === 0) {
		return toolResults;
	}
	const content = parts.every(p => p.type === 'text') ? joinText(parts) : parts;
	return [...toolResults, { role: 'user', content, ...(message.name ? { name: message.name } : {}) }];
}

function dataPart(part: DataPart, options: ConversionOptions): ContentPart | undefined {
	const mime = part.mimeType.toLowerCase();
	if (mime.startsWith('image/')) {
		return options.imageInput
			? { type: 'image_url', image_url: { url: `data:${mime};base64,${bytesToBase64(part.data)}` } }
			: { type: 'text', text: vscode.l10n.t('[An image was left out: this model does not accept images.]') };
	}
	if (mime.startsWith('text/') || mime === 'application/json') {
		return { type: 'text', text: new TextDecoder().decode(part.data) };
	}
	return undefined;
}

function toolResultText(content: readonly unknown[]): string {
	return content.map(part => {
		if (part instanceof vscode.LanguageModelTextPart) {
			return part.value;
		}
		if (part instanceof vscode.LanguageModelPromptTsxPart) {
			return JSON.stringify(part.value);
		}
		return isDataPart(part) && (part.mimeType.startsWith('text/') || part.mimeType === 'application/json') ? new TextDecoder().decode(part.data) : '';
	}).join('');
}

function joinText(parts: readonly ContentPart[]): string {
	return parts.map(p => p.type === 'text' ? p.text : '').join('');
}


/** Characters a message sends, for the token estimate (images count a fixed amount). */
export function messageCharacters(message: vscode.LanguageModelChatRequestMessage): number {
	let characters = 0;
	for (const part of message.content) {
		if (part instanceof vscode.LanguageModelTextPart) {
			characters += part.value.length;
		} else if (part instanceof vscode.LanguageModelToolCallPart) {
			characters += part.name.length + JSON.stringify(part.input).length;
		} else if (part instanceof vscode.LanguageModelToolResultPart) {
			characters += toolResultText(part.content).length;
		} else if (isDataPart(part)) {
			characters += part.mimeType.startsWith('image/') ? imageCharacterEstimate : part.data.byteLength;
		}
	}
	return characters;
}
