import * as vscode from 'vscode';
import { isAiPassError, RateLimitedError } from '../api/errors';
import { localizedUserMessage } from '../platform/errorMessages';
import type { ErrorCardView } from '../shared/chatProtocol';

/** What a failed answer shows: a card that says what happened and offers the next step. */
export function errorCard(error: unknown): ErrorCardView {
	if (!isAiPassError(error)) {
		const detail = error instanceof Error ? error.message : String(error);
		return { kind: 'other', title: vscode.l10n.t('Something went wrong'), message: detail, actions: ['retry'] };
	}
	const message = localizedUserMessage(error);
	switch (error.kind) {
		case 'notSignedIn':
		case 'authExpired':
			return { kind: 'signIn', title: vscode.l10n.t('Sign in to AI Pass to chat'), message, actions: ['signIn', 'retry'] };
		case 'budgetExhausted':
			return { kind: 'budget', title: vscode.l10n.t('Out of AI Pass budget'), message, actions: ['topUp', 'retry'] };
		case 'rateLimited': {
			// An absolute deadline (already capped by the client): every later redraw counts down to it.
			const retryAt = error instanceof RateLimitedError ? error.retryAt : undefined;
			return {
				kind: 'rateLimited', title: vscode.l10n.t('Too many requests'), message, actions: ['retry'],
				...(retryAt === undefined ? {} : { retryAt }),
			};
		}
		case 'invalidModel':
			return { kind: 'invalidModel', title: vscode.l10n.t('This model is not available'), message, actions: ['pickModel', 'retry'] };
		case 'network':
		case 'timeout':
		case 'server':
			return { kind: 'network', title: vscode.l10n.t('Could not get an answer'), message, actions: ['retry'] };
		case 'streamTruncated':
		case 'streamError':
			return { kind: 'interrupted', title: vscode.l10n.t('The answer was cut off'), message, actions: ['retry'] };
		default:
			return { kind: 'other', title: vscode.l10n.t('AI Pass could not answer'), message, actions: ['retry'] };
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
