import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import { isCancellation } from '../errors';

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
			return vscode.LanguageModelError.Blocked(error.userMessage);
		case 'notSignedIn':
		case 'authExpired':
		case 'forbidden':
			return vscode.LanguageModelError.NoPermissions(error.userMessage);
		case 'invalidModel':
			return vscode.LanguageModelError.NotFound(error.userMessage);
		default:
			return new Error(error.userMessage, { cause: error });
	}
}
