import type { AnswerStatus, AttachmentChip, ChatRole, ErrorCardView, ImageView } from '../shared/chatProtocol';

/** Editor context attached to a question; its text goes to the model with the question. */
export interface ContextAttachment extends AttachmentChip {
	language: string;
	text: string;
	/** The text was cut to the size limit. */
	truncated: boolean;
}

export interface StoredMessage {
	id: string;
	role: ChatRole;
	text: string;
	createdAt: number;
	images?: ImageView[];
	attachments?: ContextAttachment[];
	model?: string;
	status?: AnswerStatus;
	error?: ErrorCardView;
}

/** A conversation as the extension keeps it (JSON files under the extension's storage; never tokens). */
export interface Conversation {
	version: 1;
	id: string;
	title: string;
	createdAt: number;
	updatedAt: number;
	messages: StoredMessage[];
}

export interface ConversationSummary {
	id: string;
	title: string;
	updatedAt: number;
	messageCount: number;
}

export function newId(): string {
	return globalThis.crypto.randomUUID();
}

export function emptyConversation(now = Date.now()): Conversation {
	return { version: 1, id: newId(), title: '', createdAt: now, updatedAt: now, messages: [] };
}

/** A title from the first question: its first line, at most 60 characters. */
export function titleFrom(text: string): string {
	const line = text.trim().split('\n')[0]?.trim() ?? '';
	return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

export function summaryOf(conversation: Conversation): ConversationSummary {
	return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, messageCount: conversation.messages.length };
}
