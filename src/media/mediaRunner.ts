import * as vscode from 'vscode';
import { isAiPassError } from '../api/errors';
import { Commands } from '../platform/commands';
import type { SpendCheck, SpendQuestion } from '../cost/spendGuard';
import { localizedUserMessage } from '../platform/errorMessages';
import { isCancellation, showErrorWithWayOut, type WayOut } from '../platform/errors';
import type { Logger } from '../platform/log';
import type { Config } from '../platform/config';
import { notificationText } from '../platform/notificationText';
import { printableVideoId } from './videoJobs';
import { VideoFailedError, VideoInterruptedError } from './videoPolling';

/** A problem with what the user asked for (empty prompt, unsupported file…); `message` is user text. */
export class MediaInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MediaInputError';
	}
}

/** Asks the spend guard; a No is a cancellation (silent, nothing sent). */
export async function confirmCost(guard: SpendCheck, question: SpendQuestion): Promise<void> {
	if (!(await guard.confirm(question))) {
		throw new vscode.CancellationError();
	}
}

/** How a media command ended when it did not succeed (for tests and other observers). */
export interface MediaFailure {
	readonly command: string;
	readonly kind: 'failed' | 'cancelled';
	/** What the user was shown ('' when cancelled). */
	readonly message: string;
	readonly errorName: string;
}

export type ProgressReporter = vscode.Progress<{ message?: string; increment?: number }>;

/**
 * Runs media commands: one cancellable progress notification per long operation (cancelled by its
 * Cancel button, a caller's token, or `cancelAll`), one AbortSignal into the client, and failures
 * classified before they are shown (cancellation silent, 402 with "Top Up").
 */
export class MediaRunner implements vscode.Disposable {
	private readonly running = new Set<AbortController>();
	private readonly failures = new vscode.EventEmitter<MediaFailure>();
	readonly onDidFail = this.failures.event;

	constructor(private readonly services: { readonly config: Pick<Config, 'dashboardUrl'> }, private readonly log: Logger) {}

	/** Runs a command body; any failure is reported and the command returns undefined. */
	async command<T>(command: string, body: () => Promise<T>): Promise<T | undefined> {
		try {
			return await body();
		} catch (error) {
			this.report(command, error);
			return undefined;
		}
	}

	/** `work` under a cancellable notification; rejects with `CancellationError` once cancelled. */
	withProgress<T>(title: string, token: vscode.CancellationToken | undefined, work: (signal: AbortSignal, progress: ProgressReporter) => Promise<T>): Promise<T> {
		const controller = new AbortController();
		this.running.add(controller);
		const external = token?.onCancellationRequested(() => controller.abort());
		if (token?.isCancellationRequested) {
			controller.abort();
		}
		return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: notificationText(title), cancellable: true }, async (progress, uiToken) => {
			const ui = uiToken.onCancellationRequested(() => controller.abort());
			try {
				if (controller.signal.aborted) {
					throw new vscode.CancellationError();
				}
				return await work(controller.signal, progress);
			} catch (error) {
				throw controller.signal.aborted ? new vscode.CancellationError() : error;
			} finally {
				ui.dispose();
			}
		})).finally(() => {
			external?.dispose();
			this.running.delete(controller);
		});
	}

	/** Cancels every media operation in progress. */
	cancelAll(): void {
		for (const controller of this.running) {
			controller.abort();
		}
	}

	dispose(): void {
		this.cancelAll();
		this.failures.dispose();
	}

	private report(command: string, error: unknown): void {
		const errorName = error instanceof Error ? error.name : typeof error;
		if (isCancellation(error) || (isAiPassError(error) && error.kind === 'aborted')) {
			this.log.info(`${command}: cancelled`);
			this.failures.fire({ command, kind: 'cancelled', message: '', errorName });
			return;
		}
		const message = userMessage(error);
		const detail = `${command}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
		if (error instanceof MediaInputError) {
			this.log.warn(detail);
		} else {
			this.log.error(detail);
		}
		this.failures.fire({ command, kind: 'failed', message, errorName });
		const resume: WayOut | undefined = error instanceof VideoInterruptedError
			? { label: vscode.l10n.t('Resume'), run: () => void vscode.commands.executeCommand(Commands.videoResume, { videoId: error.videoId }) }
			: undefined;
		showErrorWithWayOut(message, error, this.services.config.dashboardUrl, resume);
	}
}

function userMessage(error: unknown): string {
	if (isAiPassError(error)) {
		return localizedUserMessage(error);
	}
	if (error instanceof VideoInterruptedError) {
		return vscode.l10n.t('Lost contact with AI Pass while following the video job {0}. It may still finish: resume it with "AI Pass: Resume Video…".',
			printableVideoId(error.videoId));
	}
	if (error instanceof VideoFailedError) {
		return error.detail === undefined
			? vscode.l10n.t('AI Pass could not generate the video. Try again or change the prompt.')
			: vscode.l10n.t('AI Pass could not generate the video: {0}', error.detail);
	}
	return error instanceof Error ? error.message : String(error);
}
