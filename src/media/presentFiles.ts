import * as vscode from 'vscode';
import { markdownImage, relativePath } from './markdownLink';
import type { MediaOptions } from './mediaArgs';
import { notificationText } from '../platform/notificationText';

/** Where a Markdown link can go: the Markdown editor that was active when the command started. */
export interface MarkdownTarget {
	readonly document: vscode.TextDocument;
	readonly position: vscode.Position;
}

export function activeMarkdownTarget(): MarkdownTarget | undefined {
	const editor = vscode.window.activeTextEditor;
	return editor?.document.languageId === 'markdown' ? { document: editor.document, position: editor.selection.active } : undefined;
}

/**
 * Opens saved files (unless `options.preview === false`) and tells the user where they are. With a
 * Markdown target, offers "Insert Markdown Link"; `options.markdownLink: true` inserts at once.
 */
export async function presentImages(files: readonly vscode.Uri[], alt: string, target: MarkdownTarget | undefined, options: MediaOptions): Promise<void> {
	await openFiles(files, options);
	if (target !== undefined && options.markdownLink === true) {
		await insertMarkdownLinks(target, files, alt);
		return;
	}
	const folder = vscode.workspace.asRelativePath(files[0], false).replace(/\/[^/]*$/, '');
	const message = files.length === 1 ? vscode.l10n.t('Saved the image in {0}.', folder) : vscode.l10n.t('Saved {0} images in {1}.', files.length, folder);
	if (target === undefined || options.markdownLink === false) {
		void vscode.window.showInformationMessage(notificationText(message));
		return;
	}
	const insert = vscode.l10n.t('Insert Markdown Link');
	void vscode.window.showInformationMessage(notificationText(message), insert).then(choice => (choice === insert ? insertMarkdownLinks(target, files, alt) : undefined));
}

export async function openFiles(files: readonly vscode.Uri[], options: MediaOptions): Promise<void> {
	if (options.preview === false) {
		return;
	}
	for (const file of files) {
		await vscode.commands.executeCommand('vscode.open', file, { preview: false });
	}
}

/** Inserts `![alt](relative/path)` for each file at the target position (one per line). */
export async function insertMarkdownLinks(target: MarkdownTarget, files: readonly vscode.Uri[], alt: string): Promise<boolean> {
	const text = files.map(file => markdownImage(alt, linkPath(target.document.uri, file))).join('\n');
	const edit = new vscode.WorkspaceEdit();
	edit.insert(target.document.uri, target.position, text);
	return vscode.workspace.applyEdit(edit);
}

/** Relative to the document's folder when both live on the same file system, else the workspace-relative path. */
function linkPath(document: vscode.Uri, file: vscode.Uri): string {
	if (document.scheme === file.scheme && document.authority === file.authority && document.scheme !== 'untitled') {
		return relativePath(document.path.replace(/\/[^/]*$/, ''), file.path);
	}
	return vscode.workspace.asRelativePath(file, false);
}
