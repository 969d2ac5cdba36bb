import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import { localizedUserMessage } from '../platform/errorMessages';
import { isCancellation } from '../platform/errors';

/**
 * An API client failure as the language model API reports it, with the client's user message:
 * budget → `Blocked` (the API's "quota limits exceeded"), no usable sign-in → `NoPermissions`, unknown
 * model → `NotFound`, cancellation → `CancellationError`; anything else an `Error` with the user message.
 */
export function toLanguageModelError(error: unknown): Error {
	if (isCancellation(error) || (isAiPassError(error) && error.kind === 'aborted')) {
		return new vscode.CancellationError();
	}
	if (!isAiPassError(error)) {
		return error instanceof Error ? error : new Error(String(error));
	}
	switch (error.kind) {
		case 'budgetExhausted':
			return vscode.LanguageModelError.Blocked(localizedUserMessage(error));
		case 'notSignedIn':
		case 'authExpired':
		case 'forbidden':
			return vscode.LanguageModelError.NoPermissions(localizedUserMessage(error));
		case 'invalidModel':
			return vscode.LanguageModelError.NotFound(localizedUserMessage(error));
		default:
			return new Error(localizedUserMessage(error), { cause: error });
	}
}
