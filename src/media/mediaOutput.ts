import * as vscode from 'vscode';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/log';
import { confinedFolder, createExclusive, FolderEscapesWorkspaceError } from '../platform/outputFiles';
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

	/**
	 * The output folder, checked before any paid call: throws a user-facing error when there is no
	 * workspace or the setting (or a link on the way) leads outside it. Creates nothing.
	 */
	async folder(): Promise<vscode.Uri> {
		return this.confined(false);
	}

	/**
	 * Writes every file under a free name, each created exclusively (an existing file is never
	 * overwritten), in a folder whose real path is inside the workspace; if one write fails, removes
	 * the ones already written.
	 */
	async save(files: readonly PendingFile[]): Promise<vscode.Uri[]> {
		const folder = await this.confined(true);
		const written: vscode.Uri[] = [];
		try {
			for (const file of files) {
				written.push(await this.createFree(folder, file));
			}
		} catch (error) {
			await Promise.all(written.map(uri => vscode.workspace.fs.delete(uri).then(undefined, (e: unknown) => this.log.warn(`could not remove ${uri.path}: ${String(e)}`))));
			throw error;
		}
		this.log.info(`saved ${written.length} file(s) in ${folder.path}`);
		return written;
	}

	private async confined(create: boolean): Promise<vscode.Uri> {
		const { root, segments } = this.location();
		try {
			return await confinedFolder(root, segments, create);
		} catch (error) {
			if (error instanceof FolderEscapesWorkspaceError) {
				this.log.warn(`refused output folder ${error.folder.path}: it resolves outside the workspace`);
				throw new MediaInputError(vscode.l10n.t('The output folder {0} is a link that leads outside the workspace: AI Pass writes only inside the workspace. Change aipass.media.outputFolder or remove the link.', vscode.workspace.asRelativePath(error.folder, false)));
			}
			throw error;
		}
	}

	private location(): { root: vscode.Uri; segments: string[] } {
		const root = vscode.workspace.workspaceFolders?.[0];
		if (root === undefined) {
			throw new MediaInputError(vscode.l10n.t('Open a folder first: AI Pass saves generated media into the workspace.'));
		}
		const segments = this.config.mediaOutputFolder.replace(/\\/g, '/').split('/').filter(s => s !== '' && s !== '.');
		if (segments.includes('..')) {
			throw new MediaInputError(vscode.l10n.t('The setting aipass.media.outputFolder must name a folder inside the workspace.'));
		}
		return { root: root.uri, segments };
	}

	/** The first free name `a.png`, `a (2).png`…, taken by creating the file exclusively. */
	private async createFree(folder: vscode.Uri, file: PendingFile): Promise<vscode.Uri> {
		for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
			const uri = vscode.Uri.joinPath(folder, numberedName(file.name, attempt));
			if (await createExclusive(uri, file.data)) {
				return uri;
			}
		}
		throw new MediaInputError(vscode.l10n.t('Could not find a free file name for {0} in the output folder.', file.name));
	}
}

const MAX_NAME_ATTEMPTS = 1000;
