import * as vscode from 'vscode';
import type { Logger } from '../log';

/** Per attachment; larger files are cut (the prompt is paid from the user's budget). */
const maxCharacters = 50_000;

/**
 * The `#file`, selection and text attachments of a request as context for the model. Attachments that
 * cannot be read as text (folders, binary files, images) are skipped and logged.
 */
export async function referencesContext(references: readonly vscode.ChatPromptReference[], log: Logger): Promise<string | undefined> {
	const blocks: string[] = [];
	// VS Code lists references last-in-prompt first; the model reads them in prompt order.
	for (const reference of [...references].reverse()) {
		try {
			const block = await describe(reference);
			if (block !== undefined) {
				blocks.push(block);
			}
		} catch (error) {
			log.warn(`an attachment (${reference.id}) could not be read: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return blocks.length === 0 ? undefined : `Attached context:\n\n${blocks.join('\n\n')}`;
}

async function describe(reference: vscode.ChatPromptReference): Promise<string | undefined> {
	const { value } = reference;
	if (typeof value === 'string') {
		return fence(reference.modelDescription ?? reference.id, value);
	}
	if (value instanceof vscode.Uri) {
		const bytes = await vscode.workspace.fs.readFile(value);
		return bytes.includes(0) ? undefined : fence(label(value), new TextDecoder().decode(bytes));
	}
	if (value instanceof vscode.Location) {
		const document = await vscode.workspace.openTextDocument(value.uri);
		const { start, end } = value.range;
		return fence(`${label(value.uri)}:${start.line + 1}-${end.line + 1}`, document.getText(value.range));
	}
	return undefined;
}

function label(uri: vscode.Uri): string {
	return vscode.workspace.asRelativePath(uri, false);
}

function fence(title: string, text: string): string {
	const body = text.length > maxCharacters ? `${text.slice(0, maxCharacters)}\n… (cut at ${maxCharacters} characters)` : text;
	const ticks = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map(m => m[0].length + 1)));
	return `${title}\n${ticks}\n${body}\n${ticks}`;
}
