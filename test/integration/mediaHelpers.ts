import * as vscode from 'vscode';
import type { MediaFailure } from '../../src/media/mediaRunner';
import type { LogEntry, LoggedPart } from '../emulator/types';
import { admin, extensionApi, signInFresh } from './helpers';

/** Resets the emulator, signs in as Ada (auto-approved) and empties the request log. */
export async function signInForMedia(): Promise<void> {
	await signInFresh();
	await admin().clearRequests();
}

export function workspaceRoot(): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) {
		throw new Error('the integration runner opens a workspace folder');
	}
	return folder.uri;
}

/** The default output folder, `<workspace>/aipass-media`. */
export function outputFolder(): vscode.Uri {
	return vscode.Uri.joinPath(workspaceRoot(), 'aipass-media');
}

/** Names in a folder, sorted; [] when it does not exist. */
export async function listFolder(folder: vscode.Uri = outputFolder()): Promise<string[]> {
	try {
		return (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).sort();
	} catch (error) {
		if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
			return [];
		}
		throw error;
	}
}

export async function removeIfPresent(uri: vscode.Uri): Promise<void> {
	try {
		await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
	} catch (error) {
		if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
			throw error;
		}
	}
}

export async function writeWorkspaceFile(relative: string, data: Uint8Array | string): Promise<vscode.Uri> {
	const uri = vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
	await vscode.workspace.fs.writeFile(uri, typeof data === 'string' ? new TextEncoder().encode(data) : data);
	return uri;
}

/** Collects the media commands' failures (and cancellations) while a test runs. */
export async function recordFailures(): Promise<{ failures: MediaFailure[]; dispose(): void }> {
	const { testing } = await extensionApi();
	if (!testing.media) {
		throw new Error('the media feature is not in the testing API');
	}
	const failures: MediaFailure[] = [];
	const subscription = testing.media.onDidFail(failure => failures.push(failure));
	return { failures, dispose: () => subscription.dispose() };
}

/** Requests the extension made to a model route (admin requests are never logged). */
export async function routeRequests(suffix: string, method = 'POST'): Promise<LogEntry[]> {
	return (await admin().requests({ path: suffix })).filter(entry => entry.method === method && entry.path.endsWith(suffix));
}

export function multipartParts(entry: LogEntry | undefined): LoggedPart[] {
	const body = entry?.body as { parts?: LoggedPart[] } | LoggedPart[] | null | undefined;
	return Array.isArray(body) ? body : body?.parts ?? [];
}

export function startsWith(bytes: Uint8Array, text: string, offset = 0): boolean {
	return [...text].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));
}

export const PNG_MAGIC = '\x89PNG\r\n\x1a\n';

/** Closes every editor so a test starts from an empty workbench. */
export async function closeEditors(): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Opens text in a new editor and selects all of it (or `selection` when given). */
export async function editorWithSelection(text: string, language = 'plaintext'): Promise<vscode.TextEditor> {
	const document = await vscode.workspace.openTextDocument({ content: text, language });
	const editor = await vscode.window.showTextDocument(document);
	const end = document.lineAt(document.lineCount - 1).range.end;
	editor.selection = new vscode.Selection(new vscode.Position(0, 0), end);
	return editor;
}

export async function exhaustBudget(): Promise<void> {
	await admin().setBudget({ maxBudget: 10, totalCost: 10 });
}
