import * as vscode from 'vscode';

/** At most this many files are listed for the `@` list (the ranking picks from them). */
export const maxListedFiles = 5_000;

/**
 * A file as the chat (and the model) names it: workspace-relative (with the folder's name in a multi-root
 * workspace), `/` separated; a file outside the workspace by its name only, never by an absolute path.
 */
export function relativePathOf(uri: vscode.Uri): string {
	const path = vscode.workspace.getWorkspaceFolder(uri) === undefined
		? uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString()
		: vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
	// Control characters (a newline in a file name) would break the context block the model reads.
	return path.replace(/\p{Cc}/gu, '\uFFFD');
}

/** `search.exclude` as one glob (VS Code's file search applies `files.exclude` itself). */
function searchExcludeGlob(): string | undefined {
	const setting = vscode.workspace.getConfiguration('search').get<Record<string, unknown>>('exclude') ?? {};
	const globs = Object.entries(setting).filter(([glob, on]) => on === true && !/[{},]/.test(glob)).map(([glob]) => glob);
	return globs.length === 0 ? undefined : `{${globs.join(',')}}`;
}

/** The workspace's files (the user's `files.exclude` and `search.exclude` apply), at most `maxListedFiles`. */
export async function listWorkspaceFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
	if ((vscode.workspace.workspaceFolders?.length ?? 0) === 0) {
		return [];
	}
	return vscode.workspace.findFiles('**/*', searchExcludeGlob(), maxListedFiles, token);
}

/** Files open in editor tabs that belong to the workspace, the active group's first. */
export function openWorkspaceFiles(): vscode.Uri[] {
	const groups = vscode.window.tabGroups;
	const ordered = [groups.activeTabGroup, ...groups.all.filter(g => g !== groups.activeTabGroup)];
	const uris: vscode.Uri[] = [];
	for (const group of ordered) {
		const tabs = [...group.tabs].sort((a, b) => Number(b.isActive) - Number(a.isActive));
		for (const tab of tabs) {
			if (tab.input instanceof vscode.TabInputText && vscode.workspace.getWorkspaceFolder(tab.input.uri) !== undefined) {
				uris.push(tab.input.uri);
			}
		}
	}
	return uris;
}

export type FileRefusal = 'outside' | 'link' | 'notFile' | 'tooLarge' | 'binary' | 'unreadable';

export type ReadResult = { text: string; language: string } | { refused: FileRefusal };

/** Looks at this much of a file for a NUL byte (what git and VS Code do to tell binary files). */
const binaryProbeBytes = 8_000;

/**
 * A workspace file's text for the model, read with `workspace.fs` (so the web host works too): refused when it
 * is outside the workspace, a link, larger than `maxBytes`, or not UTF-8 text. An open editor's unsaved text wins.
 */
export async function readWorkspaceFile(uri: vscode.Uri, maxBytes: number): Promise<ReadResult> {
	if (vscode.workspace.getWorkspaceFolder(uri) === undefined) {
		return { refused: 'outside' };
	}
	const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
	if (open?.isDirty) {
		const text = open.getText();
		return new TextEncoder().encode(text).byteLength > maxBytes ? { refused: 'tooLarge' } : { text, language: open.languageId };
	}
	let stat: vscode.FileStat;
	try {
		stat = await vscode.workspace.fs.stat(uri);
	} catch {
		return { refused: 'unreadable' };
	}
	if ((stat.type & vscode.FileType.SymbolicLink) !== 0) {
		return { refused: 'link' };
	}
	if ((stat.type & vscode.FileType.File) === 0) {
		return { refused: 'notFile' };
	}
	if (stat.size > maxBytes) {
		return { refused: 'tooLarge' };
	}
	let bytes: Uint8Array;
	try {
		bytes = await vscode.workspace.fs.readFile(uri);
	} catch {
		return { refused: 'unreadable' };
	}
	if (bytes.byteLength > maxBytes) {
		return { refused: 'tooLarge' }; // it grew since the stat
	}
	if (bytes.subarray(0, binaryProbeBytes).includes(0)) {
		return { refused: 'binary' };
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { refused: 'binary' };
	}
	return { text, language: open?.languageId ?? languageOf(uri) };
}

/** A fence language from the file's extension (`ts`, `py`), or none. */
function languageOf(uri: vscode.Uri): string {
	const match = /\.([A-Za-z0-9+#-]{1,16})$/.exec(uri.path);
	return match ? match[1].toLowerCase() : '';
}
