import * as vscode from 'vscode';
import type { ModelInfo, UploadFile } from '../api/types';
import { Commands } from '../platform/commands';
import { baseName } from './fileNames';
import { imageFiles } from './imageFiles';
import { fileArgs, type MediaFiles, tokenOption } from './mediaArgs';
import type { MediaContext } from './mediaContext';
import { EDITABLE_IMAGES, extensionOf, isImageCount, isImageSize, MAX_EDIT_IMAGE_BYTES, MAX_IMAGE_COUNT } from '../api/mediaFormats';
import { confirmCost, MediaInputError } from './mediaRunner';
import { activeMarkdownTarget, presentImages } from './presentFiles';

const command = Commands.imageEdit;
const multiImage = (model: ModelInfo): boolean => model.capabilities.includes('multi_image');

/**
 * `aipass.image.edit [uri] [selectedUris | options] [options]`: one or more images + prompt + model
 * (`image_edit`; several images need a `multi_image` model) → edited images saved like generated ones.
 * Options: `{ images, prompt, model, size, n, preview, markdownLink, cancellation }`. Returns `{ files }`.
 */
export function editImage(ctx: MediaContext): (first?: unknown, second?: unknown, third?: unknown) => Promise<MediaFiles | undefined> {
	return (first, second, third) => ctx.runner.command(command, async () => {
		const { uris: given, options } = fileArgs(first, second, third, 'images');
		const markdown = activeMarkdownTarget();
		const uris = given.length > 0 ? given : await pickImages();
		for (const uri of uris) {
			if (EDITABLE_IMAGES[extensionOf(uri.path)] === undefined) {
				throw new MediaInputError(vscode.l10n.t('{0} is not an image AI Pass can edit (PNG, JPEG, WebP or GIF).', basename(uri)));
			}
		}
		for (const uri of uris) {
			await refuseLarge(uri);
		}
		await ctx.output.folder();
		const n = options.n === undefined || isImageCount(options.n) ? options.n : invalid(vscode.l10n.t('The number of images must be 1 to {0}.', MAX_IMAGE_COUNT));
		const size = options.size === undefined || isImageSize(options.size) ? options.size : invalid(vscode.l10n.t('"{0}" is not an image size.', String(options.size)));
		const prompt = await ctx.input.text(options.prompt, {
			title: vscode.l10n.t('Edit {0}', uris.length === 1 ? basename(uris[0]) : vscode.l10n.t('{0} images', uris.length)),
			placeHolder: vscode.l10n.t('Describe the change, e.g. "make the sky stormy"'),
			emptyMessage: vscode.l10n.t('Enter a prompt that describes the edit.'),
		});
		const model = await ctx.models.choose({
			command, method: 'image_edit', requested: options.model, purpose: vscode.l10n.t('image editing'),
			...(uris.length > 1 ? {
				accept: multiImage,
				rejected: (m: ModelInfo) => vscode.l10n.t('The model {0} edits one image at a time. Select one image, or choose a model that takes several.', m.id),
			} : {}),
		});
		await confirmCost(ctx.guard, { feature: 'image', model: model.id, used: { units: n ?? 1 }, action: vscode.l10n.t('Edit {0} image(s) with {1}', uris.length, model.id) });
		ctx.log.info(`${command}: ${model.id}, ${uris.length} image(s)`);
		const files = await ctx.runner.withProgress(vscode.l10n.t('Editing with {0}…', model.id), tokenOption(options), async (signal, progress) => {
			const images = await Promise.all(uris.map(readImage));
			signal.throwIfAborted();
			const edited = await ctx.services.client.editImages({ model: model.id, prompt, images, ...(n === undefined ? {} : { n }), ...(size === undefined ? {} : { size }) }, signal);
			progress.report({ message: vscode.l10n.t('Saving…') });
			const pending = await imageFiles(ctx.services.client, edited, prompt, signal);
			signal.throwIfAborted();
			return ctx.output.save(pending);
		});
		await presentImages(files, prompt, markdown, options);
		return { files };
	}, [first, second, third]);
}

async function pickImages(): Promise<vscode.Uri[]> {
	const picked = await vscode.window.showOpenDialog({
		title: vscode.l10n.t('Images to edit'),
		canSelectMany: true,
		defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
		filters: { [vscode.l10n.t('Images')]: Object.keys(EDITABLE_IMAGES) },
	});
	if (picked === undefined || picked.length === 0) {
		throw new vscode.CancellationError();
	}
	return picked;
}

/** Checked with `stat` before anything is read (and again on the bytes read, should the file have grown). */
async function refuseLarge(uri: vscode.Uri, size?: number): Promise<void> {
	const bytes = size ?? (await vscode.workspace.fs.stat(uri)).size;
	if (bytes > MAX_EDIT_IMAGE_BYTES) {
		throw new MediaInputError(vscode.l10n.t('{0} is {1} MB; AI Pass edits images up to {2} MB. Use a smaller image.',
			basename(uri), (bytes / 1024 / 1024).toFixed(1), MAX_EDIT_IMAGE_BYTES / 1024 / 1024));
	}
}

async function readImage(uri: vscode.Uri): Promise<UploadFile> {
	await refuseLarge(uri);
	const data = await vscode.workspace.fs.readFile(uri);
	await refuseLarge(uri, data.byteLength);
	return { data, filename: basename(uri), mime: EDITABLE_IMAGES[extensionOf(uri.path)] ?? 'image/png' };
}

function basename(uri: vscode.Uri): string {
	return baseName(uri.path);
}

function invalid(message: string): never {
	throw new MediaInputError(message);
}
