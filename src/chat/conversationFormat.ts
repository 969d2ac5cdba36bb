import type {
	AnswerStatus, ConversationView, ErrorAction, ErrorCardKind, ErrorCardView, ImageView, MessageView,
} from '../shared/chatProtocol';
import { MAX_RETRY_AFTER_SECONDS } from '../api/limits';
import type { ContextAttachment, Conversation, ConversationSummary, StoredMessage } from './conversation';

type Fields = Record<string, unknown>;

const statuses: readonly AnswerStatus[] = ['streaming', 'done', 'stopped', 'error'];
const cardKinds: readonly ErrorCardKind[] = ['signIn', 'budget', 'rateLimited', 'invalidModel', 'network', 'interrupted', 'other'];
const actions: readonly ErrorAction[] = ['signIn', 'topUp', 'retry', 'pickModel'];
const imageDataUrl = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads a stored conversation back, or undefined when the file is not one (a damaged or foreign file
 * is skipped, never trusted: its text ends up in the webview). An answer that was still streaming
 * when VS Code closed comes back as stopped.
 */
export function parseConversation(value: unknown): Conversation | undefined {
	if (!isFields(value) || value.version !== 1 || !isString(value.id) || typeof value.title !== 'string'
		|| !isNumber(value.createdAt) || !isNumber(value.updatedAt) || !Array.isArray(value.messages)) {
		return undefined;
	}
	const messages: StoredMessage[] = [];
	for (const item of value.messages) {
		const message = parseMessage(item);
		if (message === undefined) {
			return undefined;
		}
		messages.push(message.status === 'streaming' ? { ...message, status: 'stopped' } : message);
	}
	return { version: 1, id: value.id, title: value.title, createdAt: value.createdAt, updatedAt: value.updatedAt, messages };
}

export function parseSummaries(value: unknown): ConversationSummary[] {
	const list = isFields(value) && Array.isArray(value.conversations) ? value.conversations : [];
	return list.filter((item): item is ConversationSummary => isFields(item) && isString(item.id) && typeof item.title === 'string'
		&& isNumber(item.updatedAt) && isNumber(item.messageCount)
		&& (item.cost === undefined || (isFields(item.cost) && isNumber(item.cost.amount) && item.cost.amount >= 0 && typeof item.cost.estimate === 'boolean')));
}

function parseMessage(value: unknown): StoredMessage | undefined {
	if (!isFields(value) || !isString(value.id) || (value.role !== 'user' && value.role !== 'assistant')
		|| typeof value.text !== 'string' || !isNumber(value.createdAt)) {
		return undefined;
	}
	const message: StoredMessage = { id: value.id, role: value.role, text: value.text, createdAt: value.createdAt };
	if (Array.isArray(value.images)) {
		message.images = value.images.filter((image): image is ImageView =>
			isFields(image) && typeof image.name === 'string' && typeof image.dataUrl === 'string' && imageDataUrl.test(image.dataUrl));
	}
	if (Array.isArray(value.attachments)) {
		message.attachments = value.attachments.filter(isAttachment);
	}
	if (isString(value.model)) {
		message.model = value.model;
	}
	if (typeof value.status === 'string' && (statuses as readonly string[]).includes(value.status)) {
		message.status = value.status as AnswerStatus;
	}
	const error = parseErrorCard(value.error);
	if (error !== undefined) {
		message.error = error;
	}
	const cost = value.cost;
	if (isFields(cost) && isNumber(cost.charge) && cost.charge >= 0 && typeof cost.estimate === 'boolean') {
		message.cost = { charge: cost.charge, estimate: cost.estimate, ...(isNumber(cost.tokens) && cost.tokens >= 0 ? { tokens: cost.tokens } : {}) };
	}
	if (value.pinned === true) {
		message.pinned = true;
	}
	return message;
}

function isAttachment(value: unknown): value is ContextAttachment {
	return isFields(value) && isString(value.id) && typeof value.label === 'string' && (value.kind === 'selection' || value.kind === 'file' || value.kind === 'problems')
		&& typeof value.language === 'string' && typeof value.text === 'string' && typeof value.truncated === 'boolean';
}

function parseErrorCard(value: unknown): ErrorCardView | undefined {
	if (!isFields(value) || typeof value.kind !== 'string' || !(cardKinds as readonly string[]).includes(value.kind)
		|| typeof value.title !== 'string' || typeof value.message !== 'string' || !Array.isArray(value.actions)) {
		return undefined;
	}
	return {
		kind: value.kind as ErrorCardKind,
		title: value.title,
		message: value.message,
		actions: value.actions.filter((a): a is ErrorAction => typeof a === 'string' && (actions as readonly string[]).includes(a)),
		// A restored card keeps its deadline: the countdown goes on where it was (usually long over).
		...(typeof value.retryAt === 'number' && Number.isFinite(value.retryAt) ? { retryAt: value.retryAt } : {}),
	};
}

/**
 * A card as the webview gets it: the host's deadline becomes the seconds left right now, so a redraw
 * or a reloaded view continues the countdown instead of restarting it (and no clocks are compared).
 */
export function cardView(card: ErrorCardView, now = Date.now()): ErrorCardView {
	const { retryAt, retryAfterSeconds: _ignored, ...rest } = card;
	if (retryAt === undefined) {
		return rest;
	}
	const left = Math.ceil((retryAt - now) / 1000);
	return left > 0 ? { ...rest, retryAfterSeconds: Math.min(left, MAX_RETRY_AFTER_SECONDS) } : rest;
}

/** What the webview gets: attachments without their text. */
export function toView(conversation: Conversation): ConversationView {
	return { id: conversation.id, title: conversation.title, messages: conversation.messages.map(messageView) };
}

export function messageView(message: StoredMessage): MessageView {
	const view: MessageView = { id: message.id, role: message.role, text: message.text };
	if (message.images?.length) {
		view.images = message.images;
	}
	if (message.attachments?.length) {
		view.attachments = message.attachments.map(({ id, label, kind }) => ({ id, label, kind }));
	}
	if (message.model !== undefined) {
		view.model = message.model;
	}
	if (message.status !== undefined) {
		view.status = message.status;
	}
	if (message.error !== undefined) {
		view.error = cardView(message.error);
	}
	if (message.pinned === true && message.images?.length) {
		view.pinned = true;
	}
	return view;
}

function isFields(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
	return typeof value === 'string' && value !== '';
}

function isNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}
