import * as vscode from 'vscode';
import { Commands } from './commands';
import type { WayOut } from './errors';
import { classifyFailure, type FailureClass } from './failureClass';
import type { Logger } from './log';
import { notificationText } from './notificationText';

export type ProgressReporter = vscode.Progress<{ message?: string; increment?: number }>;

/** Where an operation shows its progress, under which (localized) title. */
export interface OperationProgress {
	readonly title: string;
	/** Default: a notification with a Cancel button. */
	readonly location?: vscode.ProgressLocation;
}

export interface SignalOptions {
	/** The caller's token (a command option, a language model request): cancels like the Cancel button. */
	readonly cancellation?: vscode.CancellationToken;
	/** Shows progress while `work` runs; without it, `work` gets a reporter that shows nothing. */
	readonly progress?: OperationProgress;
	/** Another reason to stop (e.g. "cancel every media operation"). */
	readonly signal?: AbortSignal;
}

export type OperationWork<T> = (signal: AbortSignal, progress: ProgressReporter) => Promise<T>;

const silentProgress: ProgressReporter = { report: () => undefined };

/**
 * `work` with one `AbortSignal` that the caller's token, the progress notification's Cancel button and
 * `options.signal` all abort; every listener is disposed when `work` settles. Rejects with
 * `vscode.CancellationError` once cancelled, whatever `work` threw then.
 */
export async function withAbortSignal<T>(options: SignalOptions, work: OperationWork<T>): Promise<T> {
	const controller = new AbortController();
	const abort = (): void => controller.abort();
	const listeners: vscode.Disposable[] = [];
	if (options.cancellation) {
		listeners.push(options.cancellation.onCancellationRequested(abort));
		if (options.cancellation.isCancellationRequested) {
			abort();
		}
	}
	if (options.signal) {
		const outer = options.signal;
		outer.addEventListener('abort', abort);
		listeners.push({ dispose: () => outer.removeEventListener('abort', abort) });
		if (outer.aborted) {
			abort();
		}
	}
	const guarded = async (progress: ProgressReporter): Promise<T> => {
		try {
			if (controller.signal.aborted) {
				throw new vscode.CancellationError();
			}
			return await work(controller.signal, progress);
		} catch (error) {
			throw controller.signal.aborted ? new vscode.CancellationError() : error;
		}
	};
	try {
		const progress = options.progress;
		if (progress === undefined) {
			return await guarded(silentProgress);
		}
		const location = progress.location ?? vscode.ProgressLocation.Notification;
		return await vscode.window.withProgress({ location, title: notificationText(progress.title), cancellable: location === vscode.ProgressLocation.Notification }, async (reporter, uiToken) => {
			const ui = uiToken.onCancellationRequested(abort);
			try {
				return await guarded(reporter);
			} finally {
				ui.dispose();
			}
		});
	} finally {
		listeners.forEach(listener => listener.dispose());
	}
}

/** A failure as the runner handled it (for the caller's own observers and the tests). */
export interface FailureReport {
	readonly operation: string;
	readonly error: unknown;
	readonly failure: FailureClass;
	/** The sentence shown ('' when cancelled). */
	readonly message: string;
	/** The buttons offered with it, in order. */
	readonly actions: readonly string[];
}

export interface RunOptions extends SignalOptions {
	/** For the log, e.g. the command id. */
	readonly name: string;
	readonly log: Logger;
	/** The AI Pass wallet (Top Up opens it). */
	readonly dashboardUrl: () => string;
	/** Choose Another Model: the caller's model chooser; without it that step offers no button. */
	readonly chooseModel?: () => void;
	/** The caller's sentence for its own errors (image problems, a failed video…); else the classified one. */
	readonly describe?: (error: unknown) => string | undefined;
	/** The caller's own way out of this error (e.g. Resume for a video job); it replaces the classified button. */
	readonly wayOut?: (error: unknown) => WayOut | undefined;
	/** A problem with what the user asked for: logged as a warning, not an error. */
	readonly isInputError?: (error: unknown) => boolean;
	/** Told of every failure and cancellation, before the notification is answered. */
	readonly onFailure?: (report: FailureReport) => void;
}

export type OperationResult<T> =
	| { readonly status: 'done'; readonly value: T }
	| { readonly status: 'cancelled' }
	| { readonly status: 'failed'; readonly message: string; readonly failure: FailureClass };

/**
 * Runs one operation (see `withAbortSignal`) and never throws: a failure is classified once
 * (`classifyFailure`); a cancellation is only logged; anything else is logged and shown in a
 * notification whose button is the next step: Sign In, Top Up, Retry (runs `work` again, as a new
 * operation), Choose Another Model (the caller's chooser), or the caller's own way out.
 */
export async function runOperation<T>(options: RunOptions, work: OperationWork<T>): Promise<OperationResult<T>> {
	try {
		return { status: 'done', value: await withAbortSignal(options, work) };
	} catch (error) {
		const failure = classifyFailure(error, vscode.l10n);
		if (failure.kind === 'cancelled') {
			options.log.info(`${options.name}: cancelled`);
			options.onFailure?.({ operation: options.name, error, failure, message: '', actions: [] });
			return { status: 'cancelled' };
		}
		const message = options.describe?.(error) ?? failure.message;
		const detail = `${options.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
		if (options.isInputError?.(error)) {
			options.log.warn(detail);
		} else {
			options.log.error(detail);
		}
		const wayOuts = nextStepButtons(failure, options, () => void runOperation(options, work));
		const custom = options.wayOut?.(error);
		const buttons = custom ? [custom] : wayOuts;
		options.onFailure?.({ operation: options.name, error, failure, message, actions: buttons.map(button => button.label) });
		showFailure(message, buttons);
		return { status: 'failed', message, failure };
	}
}

/** The button for a classified failure (none for `none` and `cancelled`, or Choose Another Model without a chooser). */
export function nextStepButtons(failure: FailureClass, options: Pick<RunOptions, 'dashboardUrl' | 'chooseModel'>, retry: () => void): WayOut[] {
	switch (failure.kind) {
		case 'signIn':
			return [{ label: vscode.l10n.t('Sign In'), run: () => void vscode.commands.executeCommand(Commands.signIn) }];
		case 'topUp':
			return [{ label: vscode.l10n.t('Top Up'), run: () => void vscode.env.openExternal(vscode.Uri.parse(options.dashboardUrl())) }];
		case 'retry':
			return [{ label: vscode.l10n.t('Retry'), run: retry }];
		case 'chooseModel': {
			const choose = options.chooseModel;
			return choose ? [{ label: vscode.l10n.t('Choose Another Model'), run: choose }] : [];
		}
		default:
			return [];
	}
}

/** An error notification with `buttons`; the one pressed runs. Not awaited: a notification may stay open for long. */
export function showFailure(message: string, buttons: readonly WayOut[]): void {
	void vscode.window.showErrorMessage(notificationText(message), ...buttons.map(button => button.label)).then(choice => {
		buttons.find(button => button.label === choice)?.run();
	});
}
