import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import { classifyFailure, type NextStep } from '../platform/failureClass';
import type { ErrorAction, ErrorCardView } from '../shared/chatProtocol';

/**
 * What a failed answer shows: a card that says what happened and offers the next step. The message and
 * the first button come from the operation runner's classification; Retry (send the question again) is
 * always there, since a chat question can be asked again whatever went wrong.
 */
export function errorCard(error: unknown): ErrorCardView {
	const failure = classifyFailure(error, vscode.l10n);
	const actions = cardActions(failure.kind);
	if (!isAiPassError(error)) {
		return { kind: 'other', title: vscode.l10n.t('Something went wrong'), message: failure.message, actions };
	}
	const message = failure.message;
	switch (error.kind) {
		case 'notSignedIn':
		case 'authExpired':
			return { kind: 'signIn', title: vscode.l10n.t('Sign in to AI Pass to chat'), message, actions };
		case 'budgetExhausted':
			return { kind: 'budget', title: vscode.l10n.t('Out of AI Pass budget'), message, actions };
		case 'rateLimited':
			// An absolute deadline (already capped by the client): every later redraw counts down to it.
			return {
				kind: 'rateLimited', title: vscode.l10n.t('Too many requests'), message, actions,
				...(failure.retryAt === undefined ? {} : { retryAt: failure.retryAt }),
			};
		case 'invalidModel':
			return { kind: 'invalidModel', title: vscode.l10n.t('This model is not available'), message, actions };
		case 'network':
		case 'timeout':
		case 'server':
			return { kind: 'network', title: vscode.l10n.t('Could not get an answer'), message, actions };
		case 'streamTruncated':
		case 'streamError':
			return { kind: 'interrupted', title: vscode.l10n.t('The answer was cut off'), message, actions };
		default:
			return { kind: 'other', title: vscode.l10n.t('AI Pass could not answer'), message, actions };
	}
}

/** The card's buttons for a classified failure: its next step first, then Retry. */
function cardActions(step: NextStep): ErrorAction[] {
	switch (step) {
		case 'signIn':
			return ['signIn', 'retry'];
		case 'topUp':
			return ['topUp', 'retry'];
		case 'chooseModel':
			return ['pickModel', 'retry'];
		default:
			return ['retry'];
	}
}

/** Text received before a stream broke off (StreamTruncatedError and StreamError carry it). */
export function partialTextOf(error: unknown): string | undefined {
	if (isAiPassError(error) && (error.kind === 'streamTruncated' || error.kind === 'streamError') && 'partialText' in error) {
		const partial = (error as { partialText: unknown }).partialText;
		return typeof partial === 'string' ? partial : undefined;
	}
	return undefined;
}
