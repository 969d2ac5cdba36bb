import * as vscode from 'vscode';
import type { NextStep } from '../platform/failureClass';
import type { PreparedImage } from './codec/prepareImage';
import { type PresetId, presetIds } from './presets';
import { type Receipt } from './receipt';

/**
 * The second argument of `aipass.analyzeImage`, so tests and other extensions can skip the pickers:
 * `executeCommand('aipass.analyzeImage', uri, { preset: 'receipt' })`.
 */
export interface AnalyzeImageOptions {
	preset?: PresetId;
	/** The prompt for `custom` (implies it when `preset` is absent), or a replacement for a preset's prompt. */
	prompt?: string;
	/** Must be vision-capable; an unsuitable model fails instead of opening a picker. */
	model?: string;
	/** Read the image from the clipboard text (data URL, base64 or file path) instead of a file. */
	source?: 'clipboard';
	/** Cancels like the progress notification's Cancel button does. */
	cancellation?: vscode.CancellationToken;
}

export type FailureStep = Exclude<NextStep, 'cancelled'>;

export type ImageFacts = Pick<PreparedImage, 'original' | 'sent'>;

export type AnalyzeImageResult =
	| {
		status: 'done';
		/** The read-only Markdown document with the image facts, the model and the answer. */
		uri: vscode.Uri;
		model: string;
		preset: PresetId;
		image: ImageFacts;
		answer: string;
		/** Receipt preset: the validated receipt, formatted. */
		json?: string;
		receipt?: Receipt;
		/** Receipt preset: why the answer holds no valid receipt (also shown to the user). */
		receiptProblem?: string;
	}
	| { status: 'cancelled' }
	/** `next`: what the notification offered (Sign In, Top Up, Retry, Choose Another Model, or nothing). */
	| { status: 'failed'; message: string; next: FailureStep };

/**
 * Menus pass their own extra arguments (the Explorer passes the selected Uris, editor menus an
 * editor identifier), so only a plain object with known fields of the right type counts.
 */
export function readOptions(value: unknown): AnalyzeImageOptions {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof vscode.Uri) {
		return {};
	}
	const raw = value as Record<string, unknown>;
	const options: AnalyzeImageOptions = {};
	if (typeof raw.preset === 'string' && (presetIds as readonly string[]).includes(raw.preset)) {
		options.preset = raw.preset as PresetId;
	}
	if (typeof raw.prompt === 'string' && raw.prompt.trim() !== '') {
		options.prompt = raw.prompt;
	}
	if (typeof raw.model === 'string' && raw.model.trim() !== '') {
		options.model = raw.model.trim();
	}
	if (raw.source === 'clipboard') {
		options.source = 'clipboard';
	}
	if (isCancellationToken(raw.cancellation)) {
		options.cancellation = raw.cancellation;
	}
	return options;
}

function isCancellationToken(value: unknown): value is vscode.CancellationToken {
	return typeof value === 'object' && value !== null
		&& typeof (value as vscode.CancellationToken).isCancellationRequested === 'boolean'
		&& typeof (value as vscode.CancellationToken).onCancellationRequested === 'function';
}

export function readUri(value: unknown): vscode.Uri | undefined {
	return value instanceof vscode.Uri ? value : undefined;
}
