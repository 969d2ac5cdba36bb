import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import * as web from './outputFiles.web';

/**
 * Confined, exclusive writes into a folder below the workspace. On the local disk (`file:`) the real
 * path of every level is resolved, so a committed symbolic link can never send a write outside the
 * workspace, and files are created with O_CREAT|O_EXCL (`wx`), so an existing file (or link) is never
 * overwritten, whoever created it a moment ago. Other file systems use the workspace.fs fallback.
 * The browser build picks outputFiles.web.ts instead (see esbuild's `.web.ts` seams).
 */
export { FolderEscapesWorkspaceError } from './outputFiles.web';

/**
 * Walks `segments` under `root` one level at a time (creating missing levels when `create`); every
 * level that exists must resolve, through any links, inside the real workspace folder. Returns the
 * folder as a URI under `root`.
 */
export async function confinedFolder(root: vscode.Uri, segments: readonly string[], create: boolean): Promise<vscode.Uri> {
	if (root.scheme !== 'file') {
		return web.confinedFolder(root, segments, create);
	}
	const rootReal = await realpath(root.fsPath);
	let folder = root;
	for (const segment of segments) {
		folder = vscode.Uri.joinPath(folder, segment);
		const real = await realFolder(folder.fsPath, create);
		if (real === 'missing') {
			return vscode.Uri.joinPath(root, ...segments); // Nothing below a missing level exists yet.
		}
		if (real === undefined || !isInside(rootReal, real)) {
			throw new web.FolderEscapesWorkspaceError(folder);
		}
	}
	return folder;
}

/** Writes `data` to a new file `uri`; false (and nothing written) when anything already has that name. */
export async function createExclusive(uri: vscode.Uri, data: Uint8Array): Promise<boolean> {
	if (uri.scheme !== 'file') {
		return web.createExclusive(uri, data);
	}
	let handle;
	try {
		handle = await open(uri.fsPath, 'wx');
	} catch (error) {
		if (isCode(error, 'EEXIST')) {
			return false;
		}
		throw error;
	}
	try {
		await handle.writeFile(data);
	} finally {
		await handle.close();
	}
	return true;
}

/**
 * The real path of `dir`, creating it (one level, its parent already checked) when it is missing;
 * undefined for a link that points nowhere (never created through).
 */
async function realFolder(dir: string, create: boolean): Promise<string | undefined | 'missing'> {
	try {
		return await realpath(dir);
	} catch (error) {
		if (!isCode(error, 'ENOENT')) {
			throw error;
		}
	}
	if (!create) {
		return await isLink(dir) ? undefined : 'missing';
	}
	try {
		await mkdir(dir);
	} catch (error) {
		// EEXIST: created meanwhile, or a link that points nowhere (realpath tells which).
		if (!isCode(error, 'EEXIST')) {
			throw error;
		}
	}
	return realpath(dir).catch((error: unknown) => {
		if (isCode(error, 'ENOENT')) {
			return undefined;
		}
		throw error;
	});
}

async function isLink(file: string): Promise<boolean> {
	try {
		return (await lstat(file)).isSymbolicLink();
	} catch (error) {
		if (isCode(error, 'ENOENT')) {
			return false;
		}
		throw error;
	}
}

function isInside(root: string, candidate: string): boolean {
	const relative = path.relative(root, candidate);
	return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function isCode(error: unknown, code: string): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
