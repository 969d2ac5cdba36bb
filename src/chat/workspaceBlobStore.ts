import * as vscode from 'vscode';
import type { BlobStore } from './conversationStore';

/** Blobs as files in one folder through `vscode.workspace.fs` (works for local, remote and web hosts). */
export class WorkspaceBlobStore implements BlobStore {
	private created: Thenable<void> | undefined;

	constructor(readonly folder: vscode.Uri) {}

	async read(name: string): Promise<Uint8Array | undefined> {
		try {
			return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder, name));
		} catch (e) {
			if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') {
				return undefined;
			}
			throw e;
		}
	}

	async write(name: string, data: Uint8Array): Promise<void> {
		this.created ??= vscode.workspace.fs.createDirectory(this.folder);
		await this.created;
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.folder, name), data);
	}

	async delete(name: string): Promise<void> {
		try {
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.folder, name));
		} catch (e) {
			if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) {
				throw e;
			}
		}
	}
}

/** Per workspace when a folder is open, else the extension's global storage; always a `chat` subfolder. */
export function chatStorageFolder(context: vscode.ExtensionContext): vscode.Uri {
	return vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'chat');
}
