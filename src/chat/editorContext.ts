import * as vscode from 'vscode';
import { type ContextAttachment, newId } from './conversation';

/** More than this is cut (the model's context is limited, and so is the user's budget). */
const maxContextChars = 100_000;

/**
 * Remembers the last text editor the user worked in: while the chat (a webview) has focus, VS Code's
 * `activeTextEditor` is undefined for the editor panel, yet "Insert at Cursor" must reach that editor.
 */
export class LastEditor implements vscode.Disposable {
	private editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
	private readonly subscription = vscode.window.onDidChangeActiveTextEditor(editor => {
		if (editor !== undefined) {
			this.editor = editor;
		}
	});

	get current(): vscode.TextEditor | undefined {
		const active = vscode.window.activeTextEditor;
		if (active) {
			return active;
		}
		const last = this.editor;
		return last !== undefined && vscode.window.visibleTextEditors.includes(last) ? last : undefined;
	}

	dispose(): void {
		this.subscription.dispose();
	}
}

/** The editor's selection (or the whole file when nothing is selected) as context for the next question. */
export function contextFromEditor(editor: vscode.TextEditor): ContextAttachment {
	const document = editor.document;
	const selection = editor.selection;
	const name = vscode.workspace.asRelativePath(document.uri, false) || document.uri.path.split('/').pop() || document.uri.toString();
	const whole = selection.isEmpty;
	const text = whole ? document.getText() : document.getText(selection);
	const label = whole ? name : `${name}:${selection.start.line + 1}-${selection.end.line + 1}`;
	return {
		id: newId(),
		kind: whole ? 'file' : 'selection',
		label,
		language: document.languageId,
		text: text.length > maxContextChars ? text.slice(0, maxContextChars) : text,
		truncated: text.length > maxContextChars,
		source: {
			uri: document.uri.toString(),
			...(whole ? {} : { range: [selection.start.line, selection.start.character, selection.end.line, selection.end.character] as const }),
		},
	};
}
