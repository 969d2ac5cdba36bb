import * as vscode from 'vscode';
import { relativePathOf } from './contextFiles';
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
	const name = relativePathOf(document.uri);
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

/** At most this many diagnostics go into `@problems`. */
const maxProblems = 200;

/** The diagnostics of a document as plain text (`path:line:column severity: message (source code)`); undefined when there are none. */
export function problemsText(uri: vscode.Uri, path: string): string | undefined {
	const diagnostics = vscode.languages.getDiagnostics(uri);
	if (diagnostics.length === 0) {
		return undefined;
	}
	const severity = ['error', 'warning', 'info', 'hint'];
	const sorted = [...diagnostics].sort((a, b) => a.severity - b.severity || a.range.start.compareTo(b.range.start));
	const lines = sorted.slice(0, maxProblems).map(d => {
		const code = typeof d.code === 'object' ? d.code.value : d.code;
		const origin = [d.source, code].filter(part => part !== undefined && part !== '').join(' ');
		return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity[d.severity]}: ${d.message.replace(/\s*\n\s*/g, ' ')}${origin ? ` (${origin})` : ''}`;
	});
	if (sorted.length > maxProblems) {
		lines.push(`… ${sorted.length - maxProblems} more`);
	}
	return lines.join('\n');
}
