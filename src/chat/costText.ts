import * as vscode from 'vscode';
import { formatCharge, formatCount } from '../platform/costFormat';
import type { ConversationView, MessageView } from '../shared/chatProtocol';
import { type AnswerCost, type Conversation, conversationCost, type StoredMessage } from './conversation';
import { messageView, toView } from './conversationFormat';

/** `$0.0137 · 1,204 tokens`, `≈ $0.0040` */
export function answerCostText(cost: AnswerCost): string {
	const charge = formatCharge(cost.charge, cost.estimate);
	return cost.tokens === undefined ? charge : `${charge} · ${vscode.l10n.t('{0} tokens', formatCount(cost.tokens))}`;
}

/** `Conversation total: $0.0421`, or undefined while no charge is known. */
export function conversationTotalText(conversation: Conversation): string | undefined {
	const cost = conversationCost(conversation);
	return cost === undefined ? undefined : vscode.l10n.t('Conversation total: {0}', formatCharge(cost.amount, cost.estimate));
}

/** The webview's view of a message, with its charge. */
export function messageWithCost(message: StoredMessage): MessageView {
	const view = messageView(message);
	if (message.cost) {
		view.cost = answerCostText(message.cost);
	}
	return view;
}

/** The webview's view of a conversation, with each answer's charge and the total. */
export function conversationWithCost(conversation: Conversation): ConversationView {
	const view = toView(conversation);
	view.messages = conversation.messages.map(messageWithCost);
	const total = conversationTotalText(conversation);
	if (total !== undefined) {
		view.total = total;
	}
	return view;
}
