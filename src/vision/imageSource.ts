import * as vscode from 'vscode';
import { parseClipboardImage } from './clipboardImage';

/** Files larger than this are refused from their size alone, before a byte is read. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const imageExtensions = ['png', 'jpg', 'jpeg', 'gif', 'webp'];
const IMAGE_PATH = /\.(png|jpe?g|gif|webp)$/i;

export type ImageSource =
	| { kind: 'file'; uri: vscode.Uri; name: string }
	| { kind: 'bytes'; bytes: Uint8Array; name: string };

/** A user-facing refusal (the message is already localised). */
export class AnalyzeImageError extends Error {
	override readonly name = 'AnalyzeImageError';
}

export function fileSource(uri: vscode.Uri): ImageSource {
	return { kind: 'file', uri, name: uri.path.split('/').pop() || uri.toString() };
}

/**
 * Where the image comes from when the command has no Uri: the image open in the active editor, the
 * clipboard (when it holds an image as text or a path to one), or a file picker. In the browser,
 * reading the clipboard makes the browser ask for permission, so there it is read only on request.
 */
export async function chooseImage(fromClipboard: boolean): Promise<ImageSource | undefined> {
	if (fromClipboard) {
		return requireClipboardImage();
	}
	const peek = vscode.env.uiKind === vscode.UIKind.Desktop;
	const clipboard = peek ? await clipboardSource() : undefined;
	const active = activeImageTab();
	if (clipboard === undefined && active === undefined && peek) {
		return pickFile();
	}
	type Item = vscode.QuickPickItem & { source: () => Promise<ImageSource | undefined> };
	const items: Item[] = [
		...(active ? [{ label: `$(file-media) ${active.name}`, description: vscode.l10n.t('open in the editor'), source: async () => active }] : []),
		...(clipboard ? [{ label: `$(clippy) ${clipboard.name}`, description: vscode.l10n.t('from the clipboard'), source: async () => clipboard }] : []),
		{ label: `$(folder-opened) ${vscode.l10n.t('Choose an image file…')}`, source: pickFile },
		...(peek ? [] : [{
			label: `$(clippy) ${vscode.l10n.t('Image from the clipboard…')}`,
			description: vscode.l10n.t('a data URL, base64 or a file path copied as text'),
			source: requireClipboardImage,
		}]),
	];
	const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Analyze Image'), placeHolder: vscode.l10n.t('Which image?') });
	return picked?.source();
}

async function requireClipboardImage(): Promise<ImageSource> {
	const clipboard = await clipboardSource();
	if (clipboard === undefined) {
		throw new AnalyzeImageError(vscode.l10n.t('The clipboard holds no image. VS Code lets extensions read only text from the clipboard: copy an image as a data URL, as base64 or as a file path.'));
	}
	return clipboard;
}

async function pickFile(): Promise<ImageSource | undefined> {
	const [uri] = await vscode.window.showOpenDialog({
		canSelectMany: false,
		openLabel: vscode.l10n.t('Analyze'),
		title: vscode.l10n.t('Analyze Image'),
		filters: { [vscode.l10n.t('Images')]: imageExtensions },
		defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
	}) ?? [];
	return uri === undefined ? undefined : fileSource(uri);
}

function activeImageTab(): ImageSource | undefined {
	const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
	const uri = input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText ? input.uri : undefined;
	return uri !== undefined && IMAGE_PATH.test(uri.path) ? fileSource(uri) : undefined;
}

async function clipboardSource(): Promise<ImageSource | undefined> {
	const found = parseClipboardImage(await vscode.env.clipboard.readText(), MAX_FILE_BYTES);
	switch (found?.kind) {
		case undefined:
			return undefined;
		case 'tooLarge':
			throw new AnalyzeImageError(vscode.l10n.t('The image in the clipboard is {0}; the limit is {1}.', formatBytes(found.bytes), formatBytes(MAX_FILE_BYTES)));
		case 'bytes':
			return { kind: 'bytes', bytes: found.bytes, name: vscode.l10n.t('clipboard image ({0})', formatBytes(found.bytes.length)) };
		case 'fileUri':
			return existingFile(vscode.Uri.parse(found.uri));
		case 'path': {
			const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
			const isAbsolute = /^([/\\]|[A-Za-z]:[\\/])/.test(found.path);
			const uri = isAbsolute ? vscode.Uri.file(found.path) : folder && vscode.Uri.joinPath(folder, found.path);
			return uri && existingFile(uri);
		}
	}
}

/** A path in the clipboard counts only if it names a file that exists where the extension runs. */
async function existingFile(uri: vscode.Uri): Promise<ImageSource | undefined> {
	try {
		const stat = await vscode.workspace.fs.stat(uri);
		return stat.type & vscode.FileType.File ? fileSource(uri) : undefined;
	} catch {
		// Not there (the path may name a file on another machine in a remote window): not an offer.
		return undefined;
	}
}

/**
 * The image's bytes through `workspace.fs` (local, remote and virtual file systems alike), after
 * checking the size with `stat`: an oversized or empty file is refused without reading it.
 */
export async function readImage(source: ImageSource): Promise<Uint8Array> {
	if (source.kind === 'bytes') {
		return source.bytes;
	}
	await checkFileSize(source.uri);
	return vscode.workspace.fs.readFile(source.uri);
}

export async function checkFileSize(uri: vscode.Uri): Promise<void> {
	const stat = await vscode.workspace.fs.stat(uri);
	if (stat.type & vscode.FileType.Directory) {
		throw new AnalyzeImageError(vscode.l10n.t('{0} is a folder, not an image.', uri.path.split('/').pop() ?? ''));
	}
	if (stat.size > MAX_FILE_BYTES) {
		throw new AnalyzeImageError(vscode.l10n.t('{0} is {1}; images over {2} are not read.', uri.path.split('/').pop() ?? '', formatBytes(stat.size), formatBytes(MAX_FILE_BYTES)));
	}
	if (stat.size === 0) {
		throw new AnalyzeImageError(vscode.l10n.t('{0} is empty (0 bytes).', uri.path.split('/').pop() ?? ''));
	}
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) {
		return `${bytes} B`;
	}
	const kb = bytes / 1024;
	return kb < 1024 ? `${kb.toFixed(kb < 10 ? 1 : 0)} KB` : `${(kb / 1024).toFixed(1)} MB`;
}
