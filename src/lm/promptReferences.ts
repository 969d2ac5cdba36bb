import * as vscode from 'vscode';
import type { Logger } from '../platform/log';

/** Per attachment; larger files are cut (the prompt is paid from the user's budget). */
const maxCharacters = 50_000;
/** A file larger than this is not read at all (checked with `stat` first): it could not be sent whole anyway. */
export const MAX_REFERENCE_BYTES = 2 * 1024 * 1024;

export interface ReferencesContext {
	/** The attachments as prompt text, if any could be read. */
	readonly context?: string;
	/** One sentence per attachment that was refused (too large), for the user. */
	readonly refused: readonly string[];
}

/**
 * The `#file`, selection and text attachments of a request as context for the model. Files are
 * `stat`ed before they are read: one over `MAX_REFERENCE_BYTES` is refused with a sentence that says
 * so. Attachments that cannot be read as text (folders, binary files, images) are skipped and logged.
 */
export async function referencesContext(references: readonly vscode.ChatPromptReference[], log: Logger): Promise<ReferencesContext> {
	const blocks: string[] = [];
	const refused: string[] = [];
	// VS Code lists references last-in-prompt first; the model reads them in prompt order.
	for (const reference of [...references].reverse()) {
		try {
			const block = await describe(reference);
			if (block instanceof RefusedReference) {
				log.warn(`an attachment (${reference.id}) was not read: ${block.size} bytes`);
				refused.push(block.message);
			} else if (block !== undefined) {
				blocks.push(block);
			}
		} catch (error) {
			log.warn(`an attachment (${reference.id}) could not be read: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return { ...(blocks.length === 0 ? {} : { context: `Attached context:\n\n${blocks.join('\n\n')}` }), refused };
}

class RefusedReference {
	constructor(readonly message: string, readonly size: number) {}
}

async function describe(reference: vscode.ChatPromptReference): Promise<string | RefusedReference | undefined> {
	const { value } = reference;
	if (typeof value === 'string') {
		return fence(reference.modelDescription ?? reference.id, value);
	}
	if (value instanceof vscode.Uri) {
		const tooLarge = await refuseLarge(value);
		if (tooLarge !== undefined) {
			return tooLarge;
		}
		const bytes = await vscode.workspace.fs.readFile(value);
		return bytes.includes(0) ? undefined : fence(label(value), new TextDecoder().decode(bytes.subarray(0, MAX_REFERENCE_BYTES)));
	}
	if (value instanceof vscode.Location) {
		// An open document is already in memory; any other is loaded whole by openTextDocument.
		const open = vscode.workspace.textDocuments.some(document => document.uri.toString() === value.uri.toString());
		const tooLarge = open ? undefined : await refuseLarge(value.uri);
		if (tooLarge !== undefined) {
			return tooLarge;
		}
		const document = await vscode.workspace.openTextDocument(value.uri);
		const { start, end } = value.range;
		return fence(`${label(value.uri)}:${start.line + 1}-${end.line + 1}`, document.getText(value.range));
	}
	return undefined;
}

async function refuseLarge(uri: vscode.Uri): Promise<RefusedReference | undefined> {
	const { size } = await vscode.workspace.fs.stat(uri);
	if (size <= MAX_REFERENCE_BYTES) {
		return undefined;
	}
	const message = vscode.l10n.t('{0} was not attached: it is {1} MB, and attachments are read up to {2} MB.',
		label(uri), (size / 1024 / 1024).toFixed(1), MAX_REFERENCE_BYTES / 1024 / 1024);
	return new RefusedReference(message, size);
}

function label(uri: vscode.Uri): string {
	return vscode.workspace.asRelativePath(uri, false);
}

function fence(title: string, text: string): string {
	const body = text.length > maxCharacters ? `${text.slice(0, maxCharacters)}\n… (cut at ${maxCharacters} characters)` : text;
	const ticks = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map(m => m[0].length + 1)));
	return `${title}\n${ticks}\n${body}\n${ticks}`;
}
