import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import { classifyFailure } from '../platform/failureClass';

/**
 * An API client failure as the language model API reports it, from the operation runner's
 * classification: Top Up → `Blocked` (the API's "quota limits exceeded"), Sign In → `NoPermissions`,
 * Choose Another Model → `NotFound`, cancellation → `CancellationError`; anything else an `Error` with
 * the classified message (the caller decides whether to retry).
 */
export function toLanguageModelError(error: unknown): Error {
	const failure = classifyFailure(error, vscode.l10n);
	if (failure.kind === 'cancelled') {
		return new vscode.CancellationError();
	}
	if (!isAiPassError(error)) {
		return error instanceof Error ? error : new Error(String(error));
	}
	switch (failure.kind) {
		case 'topUp':
			return vscode.LanguageModelError.Blocked(failure.message);
		case 'signIn':
			return vscode.LanguageModelError.NoPermissions(failure.message);
		case 'chooseModel':
			return vscode.LanguageModelError.NotFound(failure.message);
		default:
			return new Error(failure.message, { cause: error });
	}
}
