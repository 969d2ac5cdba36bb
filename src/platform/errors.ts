import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import { Commands } from './commands';
import { messageForUser } from './errorMessages';
import type { Logger } from './log';
import { notificationText } from './notificationText';

/** Cancellation is silent; everything else is logged and shown once, in words a user can act on. */
export function showError(error: unknown, log: Logger): void {
	if (isCancellation(error)) {
		log.info('cancelled');
		return;
	}
	const message = messageForUser(error);
	log.error(error instanceof Error ? error : String(error));
	void vscode.window.showErrorMessage(notificationText(message));
}

export function isCancellation(error: unknown): boolean {
	return error instanceof vscode.CancellationError
		|| (isAiPassError(error) && error.kind === 'aborted')
		|| (error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError' || error.name === 'CancellationError'));
}

/** A way out of a failure that only the caller knows (e.g. Resume for an interrupted video job). */
export interface WayOut {
	readonly label: string;
	readonly run: () => void;
}

/**
 * Shows `message` with the way out that fits `error`: `wayOut` when the caller has one, else a budget
 * refusal offers Top Up (the AI Pass wallet at `dashboardUrl`), a lost sign-in offers Sign In.
 */
export function showErrorWithWayOut(message: string, error: unknown, dashboardUrl: string, wayOut?: WayOut): void {
	const topUp = vscode.l10n.t('Top Up');
	const signIn = vscode.l10n.t('Sign In');
	const kind = isAiPassError(error) ? error.kind : undefined;
	const actions = wayOut ? [wayOut.label] : kind === 'budgetExhausted' ? [topUp] : kind === 'notSignedIn' || kind === 'authExpired' ? [signIn] : [];
	void vscode.window.showErrorMessage(notificationText(message), ...actions).then(choice => {
		if (wayOut && choice === wayOut.label) {
			wayOut.run();
		} else if (choice === topUp) {
			void vscode.env.openExternal(vscode.Uri.parse(dashboardUrl));
		} else if (choice === signIn) {
			void vscode.commands.executeCommand(Commands.signIn);
		}
	});
}
