import * as vscode from 'vscode';
import type { AiPassClient } from '../api/client';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import type { ChatState, HostMessage, OutgoingImage } from '../shared/chatProtocol';
import { type AnswerOutcome, streamAnswer } from './answerStream';
import type { ChatModels } from './chatModels';
import { type ContextAttachment, type Conversation, emptyConversation, newId, type StoredMessage, titleFrom } from './conversation';
import type { ChargeNote, SpendCheck } from '../platform/spendingPorts';
import { conversationTotalText, conversationWithCost, messageWithCost } from './costText';
import { cardView } from './conversationFormat';
import type { ConversationStore } from './conversationStore';
import { DeltaBatcher } from './deltaBatcher';
import { attachmentChip, sizedAttachment } from './contextChips';
import { checkContextLimits, contextSize, formatBytes, type LimitRefusal } from './contextLimits';
import { buildContext } from './requestBuilder';

const lastConversationKey = 'aipass.chat.lastConversation';

/** What the chat needs from the cost feature: charges of its answers, and the question before an expensive one. */
export interface ChatCost {
	readonly charges: { readonly onDidCharge: vscode.Event<readonly ChargeNote[]> };
	readonly guard: SpendCheck;
}

/** Receives what the session broadcasts: the chat view and the editor panel. */
export interface ChatSink {
	post(message: HostMessage): void;
}

/** What a chat session uses: the client, the chat settings, the workspace's memory and the chat log. */
export interface ChatSessionDeps {
	readonly client: AiPassClient;
	readonly config: Pick<Config, 'chatSystemPrompt' | 'chatMaxContextTokens'>;
	readonly workspaceState: vscode.Memento;
	readonly log: Logger;
}

/**
 * The conversation shown in the chat (one, shared by the view and the editor panel) and its one
 * streaming answer at a time. Streamed text reaches the webviews coalesced by a DeltaBatcher; the
 * conversation is saved after each question and each answer.
 */
export class ChatSession implements vscode.Disposable {
	private conversation: Conversation = emptyConversation();
	private attachments: ContextAttachment[] = [];
	private active: { messageId: string; controller: AbortController; done: Promise<void> } | undefined;
	private readonly sinks = new Set<ChatSink>();
	private readonly batcher = new DeltaBatcher((messageId, offset, text) => this.broadcast({ type: 'delta', messageId, offset, text }));
	private readonly log;
	/** Answers whose charge is not known yet, with their conversation (it may no longer be the one shown). */
	private readonly awaitingCharge = new Map<string, Conversation>();
	private readonly costSubscription: vscode.Disposable | undefined;
	/** The spend guard's question is open: a second question waits. */
	private confirming = false;
	/** The last conversation, restored from storage once. */
	readonly restored: Promise<void>;

	constructor(private readonly services: ChatSessionDeps, private readonly store: ConversationStore, private readonly models: ChatModels, private readonly cost?: ChatCost) {
		this.log = services.log;
		this.restored = this.restore();
		this.costSubscription = cost?.charges.onDidCharge(notes => void this.applyCharges(notes));
	}

	get current(): Conversation {
		return this.conversation;
	}

	get busy(): boolean {
		return this.active !== undefined || this.confirming;
	}

	/** Resolves when no answer is streaming. */
	async whenIdle(): Promise<void> {
		while (this.active) {
			await this.active.done;
		}
	}

	addSink(sink: ChatSink): vscode.Disposable {
		this.sinks.add(sink);
		return new vscode.Disposable(() => this.sinks.delete(sink));
	}

	/** Everything a webview needs to draw itself (pending streamed text is sent to the others first). */
	state(): ChatState {
		this.batcher.flushNow();
		return {
			conversation: conversationWithCost(this.conversation),
			models: this.models.models,
			model: this.models.selected,
			attachments: this.attachments.map(attachmentChip),
			busy: this.busy,
		};
	}

	broadcast(message: HostMessage): void {
		for (const sink of this.sinks) {
			sink.post(message);
		}
	}

	async send(text: string, images: OutgoingImage[]): Promise<void> {
		await this.restored;
		if (this.busy) {
			return;
		}
		const model = this.models.selected;
		if (images.length > 0 && !this.models.supportsVision(model)) {
			this.broadcast({ type: 'notice', text: vscode.l10n.t('{0} cannot read images. Choose a model with vision to send images.', model) });
			return;
		}
		const question: StoredMessage = { id: newId(), role: 'user', text, createdAt: Date.now() };
		if (images.length > 0) {
			question.images = images.map(image => ({ name: image.name, dataUrl: image.dataUrl }));
		}
		if (this.attachments.length > 0) {
			question.attachments = this.attachments;
			this.setAttachments([]);
		}
		if (this.conversation.messages.length === 0) {
			this.conversation.title = titleFrom(text) || (images[0]?.name ?? '');
		}
		this.conversation.messages.push(question);
		this.broadcast({ type: 'messageAdded', message: messageWithCost(question) });
		await this.answer();
	}

	stop(): void {
		this.active?.controller.abort();
	}

	/** Answers the last question again (Regenerate on the last answer, Retry on an error card). */
	async regenerate(): Promise<void> {
		await this.restored;
		if (this.busy) {
			return;
		}
		const messages = this.conversation.messages;
		const last = messages[messages.length - 1];
		if (last?.role === 'assistant') {
			messages.pop();
			this.broadcast({ type: 'messageRemoved', messageId: last.id });
		}
		if (messages[messages.length - 1]?.role === 'user') {
			await this.answer();
		}
	}

	async newConversation(): Promise<void> {
		await this.switchTo(emptyConversation());
	}

	/** Shows a stored conversation; false when it cannot be read. */
	async open(id: string): Promise<boolean> {
		if (id === this.conversation.id) {
			return true;
		}
		const conversation = await this.store.load(id);
		if (conversation === undefined) {
			return false;
		}
		await this.switchTo(conversation);
		return true;
	}

	/** Adds context for the next question unless a limit forbids it; then returns why, for the user. */
	addAttachment(attachment: ContextAttachment): string | undefined {
		const refusal = checkContextLimits(this.attachments.map(a => contextSize(a.text).bytes), contextSize(attachment.text).bytes);
		if (refusal !== undefined) {
			this.log.info(`not attached: ${refusal.reason} limit`);
			return refusalText(refusal, attachment.label);
		}
		this.setAttachments([...this.attachments, sizedAttachment(attachment)]);
		return undefined;
	}

	/**
	 * The input tokens a question with this text (and this many images) would be sent with now: the system
	 * prompt, the history kept within `aipass.chat.maxContextTokens`, the attachments and the text, estimated
	 * as the request builder does. `over` when the conversation no longer fits (older turns would be left out).
	 */
	estimate(text: string, images: number): { tokens: number; limit: number; over: boolean } {
		const model = this.models.selected;
		const limit = this.services.config.chatMaxContextTokens;
		const draft: StoredMessage = {
			id: 'draft', role: 'user', text, createdAt: 0,
			...(this.attachments.length > 0 ? { attachments: this.attachments } : {}),
			...(images > 0 ? { images: Array.from({ length: images }, () => ({ name: '', dataUrl: '' })) } : {}),
		};
		const built = buildContext([...this.conversation.messages, draft], {
			model, systemPrompt: this.services.config.chatSystemPrompt, vision: this.models.supportsVision(model), maxContextTokens: limit,
		});
		return { tokens: built.estimatedTokens, limit, over: built.omittedTurns > 0 || built.estimatedTokens > limit };
	}

	/** Pins (or unpins) a question's images: pinned ones go with every later question; saved with the conversation. */
	async pinImages(messageId: string, pinned: boolean): Promise<void> {
		await this.restored;
		const conversation = this.conversation;
		const message = conversation.messages.find(m => m.id === messageId);
		if (message?.role !== 'user' || !message.images?.length) {
			return;
		}
		if (pinned) {
			message.pinned = true;
		} else {
			delete message.pinned;
		}
		this.log.info(`${pinned ? 'pinned' : 'unpinned'} ${message.images.length} image(s)`);
		this.broadcast({ type: 'messagePinned', messageId, pinned });
		await this.save(conversation);
	}

	removeAttachment(id: string): void {
		this.setAttachments(this.attachments.filter(a => a.id !== id));
	}

	dispose(): void {
		this.costSubscription?.dispose();
		this.active?.controller.abort();
		this.batcher.dispose();
		this.sinks.clear();
	}

	private setAttachments(attachments: ContextAttachment[]): void {
		this.attachments = attachments;
		this.broadcast({ type: 'attachments', attachments: attachments.map(attachmentChip) });
	}

	private async switchTo(conversation: Conversation): Promise<void> {
		await this.restored;
		this.stop();
		await this.whenIdle();
		this.conversation = conversation;
		await this.services.workspaceState.update(lastConversationKey, conversation.messages.length > 0 ? conversation.id : undefined);
		this.broadcast({ type: 'conversation', conversation: conversationWithCost(conversation), busy: false });
	}

	private async answer(): Promise<void> {
		const model = this.models.selected;
		const history = [...this.conversation.messages];
		const built = buildContext(history, {
			model,
			systemPrompt: this.services.config.chatSystemPrompt,
			vision: this.models.supportsVision(model),
			maxContextTokens: this.services.config.chatMaxContextTokens,
		});
		if (!(await this.confirmCost(model, built.estimatedTokens))) {
			return;
		}
		if (built.omittedTurns > 0) {
			this.broadcast({ type: 'notice', text: vscode.l10n.t('The {0} oldest turns were left out of this question to keep its cost down (aipass.chat.maxContextTokens).', built.omittedTurns) });
		}
		const answer: StoredMessage = { id: newId(), role: 'assistant', text: '', createdAt: Date.now(), model, status: 'streaming' };
		const conversation = this.conversation;
		conversation.messages.push(answer);
		const controller = new AbortController();
		let settle = (): void => undefined;
		this.active = { messageId: answer.id, controller, done: new Promise<void>(resolve => { settle = resolve; }) };
		this.broadcast({ type: 'messageAdded', message: messageWithCost(answer) });
		this.broadcast({ type: 'busy', busy: true });
		await this.save(conversation);
		let outcome: AnswerOutcome = { status: 'stopped' };
		try {
			const request = built.request;
			this.log.info(`answering with ${model} (${request.messages.length} messages, about ${built.estimatedTokens} tokens${built.omittedTurns > 0 ? `, ${built.omittedTurns} turns left out` : ''})`);
			this.awaitingCharge.set(answer.id, conversation);
			if (this.awaitingCharge.size > 50) {
				this.awaitingCharge.delete(this.awaitingCharge.keys().next().value as string); // A charge that never came.
			}
			outcome = await streamAnswer(this.services.client, request, answer, controller.signal,
				(offset, text) => this.batcher.push(answer.id, offset, text), this.log);
		} finally {
			this.batcher.flushNow();
			this.active = undefined;
			conversation.updatedAt = Date.now();
			answer.status = outcome.status;
			if (outcome.error) {
				answer.error = outcome.error;
			}
			this.broadcast({
				type: 'messageFinished', messageId: answer.id, status: outcome.status, text: answer.text,
				...(outcome.error ? { error: cardView(outcome.error) } : {}),
			});
			this.broadcast({ type: 'busy', busy: false });
			settle();
		}
		await this.save(conversation);
	}

	/** Asks the spend guard (while it asks, a second question waits); a No leaves the question unanswered, with a note. */
	private async confirmCost(model: string, tokensIn: number): Promise<boolean> {
		if (!this.cost) {
			return true;
		}
		this.confirming = true;
		try {
			const send = await this.cost.guard.confirm({ feature: 'chatView', model, used: { tokensIn }, action: vscode.l10n.t('Ask {0}', model) });
			if (!send) {
				this.broadcast({ type: 'notice', text: vscode.l10n.t('Not sent. Regenerate to ask again.') });
			}
			return send;
		} finally {
			this.confirming = false;
		}
	}

	/** Charges of answers became known: stored with the answer, shown if its conversation is. */
	private async applyCharges(notes: readonly ChargeNote[]): Promise<void> {
		for (const note of notes) {
			const conversation = this.awaitingCharge.get(note.tag);
			const message = conversation?.messages.find(m => m.id === note.tag);
			if (!conversation || !message) {
				continue;
			}
			this.awaitingCharge.delete(note.tag);
			message.cost = { charge: note.charge, estimate: note.estimate, ...(note.tokens === undefined ? {} : { tokens: note.tokens }) };
			if (conversation === this.conversation) {
				const view = messageWithCost(message);
				this.broadcast({ type: 'messageCost', messageId: message.id, cost: view.cost ?? '', total: conversationTotalText(conversation) ?? '' });
			}
			await this.save(conversation);
		}
	}

	private async save(conversation: Conversation): Promise<void> {
		try {
			await this.store.save(conversation);
			if (conversation === this.conversation) {
				await this.services.workspaceState.update(lastConversationKey, conversation.id);
			}
		} catch (e) {
			this.log.error(`could not save the conversation: ${e instanceof Error ? e.message : String(e)}`);
		}
	}

	private async restore(): Promise<void> {
		const id = this.services.workspaceState.get<string>(lastConversationKey);
		if (id === undefined) {
			return;
		}
		try {
			const conversation = await this.store.load(id);
			if (conversation !== undefined && this.conversation.messages.length === 0) {
				this.conversation = conversation;
			}
		} catch (e) {
			this.log.error(`could not restore the last conversation: ${e instanceof Error ? e.message : String(e)}`);
		}
	}
}

function refusalText(refusal: LimitRefusal, label: string): string {
	switch (refusal.reason) {
		case 'count':
			return vscode.l10n.t('Not attached: at most {0} items can go with one question. Remove one first.', refusal.limit);
		case 'itemBytes':
			return vscode.l10n.t('Not attached: {0} is larger than {1}.', label, formatBytes(refusal.limit));
		case 'totalBytes':
			return vscode.l10n.t('Not attached: with {0} the attachments would be larger than {1} together. Remove one first.', label, formatBytes(refusal.limit));
	}
}
