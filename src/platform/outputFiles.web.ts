import * as vscode from 'vscode';

/**
 * Confined, exclusive writes through `vscode.workspace.fs` (the web worker host, and any file system
 * that is not the local disk). That API cannot resolve a link or create a file exclusively, so a link
 * anywhere below the workspace folder is refused outright, and a free name is checked just before writing.
 */

/** A folder below the workspace that resolves outside it (or, here, is a symbolic link at all). */
export class FolderEscapesWorkspaceError extends Error {
	constructor(readonly folder: vscode.Uri) {
		super(`${folder.path} resolves outside the workspace folder`);
		this.name = 'FolderEscapesWorkspaceError';
	}
}

/**
 * Walks `segments` under `root` one level at a time (creating missing levels when `create`), refusing
 * any level that is a link or not a folder. Returns the folder to write into.
 */
export async function confinedFolder(root: vscode.Uri, segments: readonly string[], create: boolean): Promise<vscode.Uri> {
	let folder = root;
	for (const segment of segments) {
		folder = vscode.Uri.joinPath(folder, segment);
		const type = await fileType(folder);
		if (type === undefined && !create) {
			return vscode.Uri.joinPath(root, ...segments);
		}
		if (type === undefined) {
			await vscode.workspace.fs.createDirectory(folder);
		} else if ((type & vscode.FileType.SymbolicLink) !== 0 || (type & vscode.FileType.Directory) === 0) {
			throw new FolderEscapesWorkspaceError(folder);
		}
	}
	return folder;
}

/** Writes `data` to a new file `uri`; false (and nothing written) when something already has that name. */
export async function createExclusive(uri: vscode.Uri, data: Uint8Array): Promise<boolean> {
	if (await fileType(uri) !== undefined) {
		return false;
	}
	await vscode.workspace.fs.writeFile(uri, data);
	return true;
}

async function fileType(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
	try {
		return (await vscode.workspace.fs.stat(uri)).type;
	} catch (error) {
		if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
			return undefined;
		}
		throw error;
	}
}
