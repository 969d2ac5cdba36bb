import * as vscode from 'vscode';
import { MediaInputError } from './mediaRunner';

/** The active editor's non-blank selections joined by newlines; `emptyMessage` when there are none. */
export function selectedText(emptyMessage: string): string {
	const editor = vscode.window.activeTextEditor;
	const text = editor?.selections.map(selection => editor.document.getText(selection)).filter(part => part.trim() !== '').join('\n').trim() ?? '';
	if (text === '') {
		throw new MediaInputError(emptyMessage);
	}
	return text;
}
