import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import type { SpendCheck, SpendQuestion } from '../platform/spendingPorts';
import type { NextStep } from '../platform/failureClass';
import type { Logger } from '../platform/log';
import { type ProgressReporter, runOperation, withAbortSignal } from '../platform/operationRunner';
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
	/** The next step the failure was classified as (`cancelled` when cancelled). */
	readonly next: NextStep;
	/** The buttons offered with the message, in order. */
	readonly actions: readonly string[];
}

/**
 * Runs media commands through the operation runner: one cancellable progress notification per long
 * operation (cancelled by its Cancel button, a caller's token, or `cancelAll`), one AbortSignal into the
 * client, and failures classified once (cancellation silent; Top Up, Sign In, Retry or Resume offered).
 */
export class MediaRunner implements vscode.Disposable {
	private readonly failures = new vscode.EventEmitter<MediaFailure>();
	readonly onDidFail = this.failures.event;
	/** Aborted (and replaced) by `cancelAll`: every operation started before then stops. */
	private cancelled = new AbortController();

	constructor(private readonly dashboardUrl: () => string, private readonly log: Logger) {}

	/**
	 * Runs a command body; any failure is reported and the command returns undefined. Retry runs the
	 * body again (the same arguments); Choose Another Model runs the command again without its model.
	 */
	async command<T>(command: string, body: () => Promise<T>, args: readonly unknown[] = []): Promise<T | undefined> {
		const result = await runOperation({
			name: command,
			log: this.log,
			dashboardUrl: this.dashboardUrl,
			describe: mediaMessage,
			isInputError: error => error instanceof MediaInputError,
			wayOut: error => error instanceof VideoInterruptedError
				? { label: vscode.l10n.t('Resume'), run: () => void vscode.commands.executeCommand(Commands.videoResume, { videoId: error.videoId }) }
				: undefined,
			chooseModel: () => void vscode.commands.executeCommand(command, ...withoutModel(args)),
			onFailure: report => this.failures.fire({
				command,
				kind: report.failure.kind === 'cancelled' ? 'cancelled' : 'failed',
				message: report.message,
				errorName: report.error instanceof Error ? report.error.name : typeof report.error,
				next: report.failure.kind,
				actions: report.actions,
			}),
		}, () => body());
		return result.status === 'done' ? result.value : undefined;
	}

	/** `work` under a cancellable notification; rejects with `CancellationError` once cancelled. */
	withProgress<T>(title: string, token: vscode.CancellationToken | undefined, work: (signal: AbortSignal, progress: ProgressReporter) => Promise<T>): Promise<T> {
		return withAbortSignal({ progress: { title }, cancellation: token, signal: this.cancelled.signal }, work);
	}

	/** Cancels every media operation in progress. */
	cancelAll(): void {
		this.cancelled.abort();
		this.cancelled = new AbortController();
	}

	dispose(): void {
		this.cancelAll();
		this.failures.dispose();
	}
}

/** The arguments again, with `model` taken out of an options object (so the command asks for one). */
function withoutModel(args: readonly unknown[]): unknown[] {
	return args.map(arg => {
		if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || arg instanceof vscode.Uri || !('model' in arg)) {
			return arg;
		}
		const rest: Record<string, unknown> = { ...arg };
		delete rest.model;
		return rest;
	});
}

/** Media's own sentences (input problems keep theirs); API failures get the classified one. */
function mediaMessage(error: unknown): string | undefined {
	if (error instanceof VideoInterruptedError) {
		return vscode.l10n.t('Lost contact with AI Pass while following the video job {0}. It may still finish: resume it with "AI Pass: Resume Video…".',
			printableVideoId(error.videoId));
	}
	if (error instanceof VideoFailedError) {
		return error.detail === undefined
			? vscode.l10n.t('AI Pass could not generate the video. Try again or change the prompt.')
			: vscode.l10n.t('AI Pass could not generate the video: {0}', error.detail);
	}
	return undefined;
}
