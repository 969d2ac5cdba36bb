import * as vscode from 'vscode';
import { classifyFailure, isCancellation as isCancellationLike } from './failureClass';
import type { Logger } from './log';
import { nextStepButtons, showFailure } from './operationRunner';

/** Cancellation is silent; everything else is logged and shown once, in words a user can act on. */
export function showError(error: unknown, log: Logger): void {
	if (isCancellation(error)) {
		log.info('cancelled');
		return;
	}
	log.error(error instanceof Error ? error : String(error));
	showFailure(classifyFailure(error, vscode.l10n).message, []);
}

export function isCancellation(error: unknown): boolean {
	return error instanceof vscode.CancellationError || isCancellationLike(error);
}

/** A way out of a failure that only the caller knows (e.g. Resume for an interrupted video job). */
export interface WayOut {
	readonly label: string;
	readonly run: () => void;
}

/**
 * Shows the classified message of `error` with Sign In or Top Up (the AI Pass wallet at `dashboardUrl`)
 * when one of them helps. Used where there is nothing to retry from here (the caller of a language model
 * request retries).
 */
export function showErrorWithWayOut(error: unknown, dashboardUrl: string): void {
	const failure = classifyFailure(error, vscode.l10n);
	const buttons = failure.kind === 'signIn' || failure.kind === 'topUp' ? nextStepButtons(failure, { dashboardUrl: () => dashboardUrl }, () => undefined) : [];
	showFailure(failure.message, buttons);
}
