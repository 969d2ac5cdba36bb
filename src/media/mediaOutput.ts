import * as vscode from 'vscode';
import type { Config } from '../config';
import type { Logger } from '../log';
import { numberedName } from './fileNames';
import { MediaInputError } from './mediaRunner';

/** A file to write once every byte of the result is in memory. */
export interface PendingFile {
	/** File name with extension, e.g. `a-cat-20260812-153012.png`. */
	readonly name: string;
	readonly data: Uint8Array;
}

/**
 * The workspace folder media is saved into (`aipass.media.outputFolder`, relative to the first
 * workspace folder). Files are written only at the end of a command, all or none.
 */
export class MediaOutput {
	constructor(private readonly config: Config, private readonly log: Logger) {}

	/** The output folder; throws a user-facing error when there is no workspace or the setting escapes it. */
	folder(): vscode.Uri {
		const root = vscode.workspace.workspaceFolders?.[0];
		if (root === undefined) {
			throw new MediaInputError(vscode.l10n.t('Open a folder first: AI Pass saves generated media into the workspace.'));
		}
		const segments = this.config.mediaOutputFolder.replace(/\\/g, '/').split('/').filter(s => s !== '' && s !== '.');
		if (segments.includes('..')) {
			throw new MediaInputError(vscode.l10n.t('The setting aipass.media.outputFolder must name a folder inside the workspace.'));
		}
		return vscode.Uri.joinPath(root.uri, ...segments);
	}

	/** Writes every file under a free name; if one write fails, removes the ones already written. */
	async save(files: readonly PendingFile[]): Promise<vscode.Uri[]> {
		const folder = this.folder();
		await vscode.workspace.fs.createDirectory(folder);
		const written: vscode.Uri[] = [];
		try {
			for (const file of files) {
				const uri = await this.freeUri(folder, file.name, written);
				await vscode.workspace.fs.writeFile(uri, file.data);
				written.push(uri);
			}
		} catch (error) {
			await Promise.all(written.map(uri => vscode.workspace.fs.delete(uri).then(undefined, (e: unknown) => this.log.warn(`could not remove ${uri.path}: ${String(e)}`))));
			throw error;
		}
		this.log.info(`saved ${written.length} file(s) in ${folder.path}`);
		return written;
	}

	private async freeUri(folder: vscode.Uri, name: string, taken: readonly vscode.Uri[]): Promise<vscode.Uri> {
		for (let attempt = 1; ; attempt++) {
			const uri = vscode.Uri.joinPath(folder, numberedName(name, attempt));
			if (!taken.some(t => t.toString() === uri.toString()) && !(await exists(uri))) {
				return uri;
			}
		}
	}
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch (error) {
		if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
			return false;
		}
		throw error;
	}
}
