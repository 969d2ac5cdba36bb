import type { AttachmentSource } from '../platform/applyRequest';
import type { AnswerStatus, AttachmentChip, ChatRole, ErrorCardView, ImageView } from '../shared/chatProtocol';

/** Editor context attached to a question; its text goes to the model with the question. */
export interface ContextAttachment extends AttachmentChip {
	language: string;
	text: string;
	/** The text was cut to the size limit. */
	truncated: boolean;
	/** The document (and selection) it came from: where Apply puts a code block of the answer. */
	source?: AttachmentSource;
}

/** What an answer cost (USD) and how many tokens it used, once the ledger knows. */
export interface AnswerCost {
	charge: number;
	/** Apportioned between requests that overlapped, not read exactly. */
	estimate: boolean;
	tokens?: number;
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
	cost?: AnswerCost;
	/** User messages: send this message's images with every later question too (otherwise only with its own turn). */
	pinned?: boolean;
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
	/** What its answers cost so far. */
	cost?: { amount: number; estimate: boolean };
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
	const cost = conversationCost(conversation);
	return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, messageCount: conversation.messages.length, ...(cost ? { cost } : {}) };
}

/** The sum of the answers' known charges; undefined while none is known. */
export function conversationCost(conversation: Conversation): { amount: number; estimate: boolean } | undefined {
	const costs = conversation.messages.flatMap(m => m.cost ? [m.cost] : []);
	if (costs.length === 0) {
		return undefined;
	}
	return { amount: Math.round(costs.reduce((sum, c) => sum + c.charge, 0) * 1e6) / 1e6, estimate: costs.some(c => c.estimate) };
}
