import * as vscode from 'vscode';
import { isAiPassError } from './api/errors';
import { messageForUser } from './errorMessages';
import type { Logger } from './log';

/** Cancellation is silent; everything else is logged and shown once, in words a user can act on. */
export function showError(error: unknown, log: Logger): void {
	if (isCancellation(error)) {
		log.info('cancelled');
		return;
	}
	const message = messageForUser(error);
	log.error(error instanceof Error ? error : String(error));
	void vscode.window.showErrorMessage(message);
}

export function isCancellation(error: unknown): boolean {
	return error instanceof vscode.CancellationError
		|| (isAiPassError(error) && error.kind === 'aborted')
		|| (error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError' || error.name === 'CancellationError'));
}
