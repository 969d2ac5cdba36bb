import * as vscode from 'vscode';
import { isAiPassError } from './api/errors';
import type { Logger } from './log';
import { notificationText } from './platform/notificationText';

/** Cancellation is silent; everything else is logged and shown once, in words a user can act on. */
export function showError(error: unknown, log: Logger): void {
	if (isCancellation(error)) {
		log.info('cancelled');
		return;
	}
	const message = isAiPassError(error) ? error.userMessage : error instanceof Error ? error.message : String(error);
	log.error(error instanceof Error ? error : String(error));
	void vscode.window.showErrorMessage(notificationText(message));
}

export function isCancellation(error: unknown): boolean {
	return error instanceof vscode.CancellationError
		|| (isAiPassError(error) && error.kind === 'aborted')
		|| (error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError' || error.name === 'CancellationError'));
}
