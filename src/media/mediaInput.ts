import * as vscode from 'vscode';
import { MediaInputError } from './mediaRunner';

export interface TextSpec {
	readonly title: string;
	readonly placeHolder?: string;
	readonly value?: string;
	/** Shown when the text is empty (given empty by a caller, or typed empty). */
	readonly emptyMessage: string;
}

export interface PickItem<T> {
	readonly label: string;
	readonly description?: string;
	readonly value: T;
}

export interface PickSpec<T> {
	readonly title: string;
	readonly items: readonly PickItem<T>[];
	/** Checks a value given by a caller (no UI then). */
	readonly isValid: (value: unknown) => value is T;
	readonly invalidMessage: (value: unknown) => string;
}

/**
 * Asks for what a command needs, unless the caller already gave it: given values are validated
 * (a bad one is a `MediaInputError`, never a silent fallback), missing ones come from an input box or
 * quick pick that remembers the last choice per command. Dismissing a prompt is a cancellation.
 */
export class MediaInput {
	constructor(private readonly state: vscode.Memento) {}

	/** `given` is the caller's value: anything but a non-blank string is refused with `spec.emptyMessage`. */
	async text(given: unknown, spec: TextSpec): Promise<string> {
		if (given !== undefined) {
			const text = typeof given === 'string' ? given.trim() : '';
			if (text === '') {
				throw new MediaInputError(spec.emptyMessage);
			}
			return text;
		}
		const typed = await vscode.window.showInputBox({
			title: spec.title, placeHolder: spec.placeHolder, value: spec.value, ignoreFocusOut: true,
			validateInput: value => (value.trim() === '' ? spec.emptyMessage : undefined),
		});
		if (typed === undefined) {
			throw new vscode.CancellationError();
		}
		return typed.trim();
	}

	/** A value from `spec.items`; the last one picked for this `command` + `key` is offered first. */
	async pick<T extends string | number>(command: string, key: string, given: unknown, spec: PickSpec<T>): Promise<T> {
		if (given !== undefined) {
			if (!spec.isValid(given)) {
				throw new MediaInputError(spec.invalidMessage(given));
			}
			return given;
		}
		if (spec.items.length === 1) {
			return spec.items[0].value;
		}
		const memoryKey = `aipass.media.last.${command}.${key}`;
		const last = this.state.get<T>(memoryKey);
		const items = [...spec.items].sort((a, b) => Number(b.value === last) - Number(a.value === last)).map(item => ({
			label: item.label,
			description: item.value === last ? withLastUsed(item.description) : item.description,
			value: item.value,
		}));
		const picked = await vscode.window.showQuickPick(items, { title: spec.title, ignoreFocusOut: true });
		if (picked === undefined) {
			throw new vscode.CancellationError();
		}
		await this.state.update(memoryKey, picked.value);
		return picked.value;
	}
}

function withLastUsed(description: string | undefined): string {
	const marker = vscode.l10n.t('last used');
	return description === undefined || description === '' ? marker : `${description} · ${marker}`;
}
