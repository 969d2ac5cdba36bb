import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { imageFiles } from './imageFiles';
import { type MediaFiles, optionsFrom, tokenOption } from './mediaArgs';
import type { MediaContext } from './mediaContext';
import { IMAGE_SIZES, isImageCount, isImageSize, MAX_IMAGE_COUNT } from '../api/mediaFormats';
import { confirmCost } from './mediaRunner';
import { activeMarkdownTarget, presentImages } from './presentFiles';

const command = Commands.imageGenerate;

/**
 * `aipass.image.generate [options]`: prompt, model (`image_generation`), size and count (1-4) →
 * images saved in the output folder and previewed. Options: `{ prompt, model, size, n, preview,
 * markdownLink, cancellation }`. Returns `{ files }`.
 */
export function generateImage(ctx: MediaContext): (arg?: unknown) => Promise<MediaFiles | undefined> {
	return arg => ctx.runner.command(command, async () => {
		const options = optionsFrom(arg);
		const markdown = activeMarkdownTarget();
		await ctx.output.folder();
		const prompt = await ctx.input.text(options.prompt, {
			title: vscode.l10n.t('Generate Image'),
			placeHolder: vscode.l10n.t('Describe the image, e.g. "a watercolour lighthouse at dawn"'),
			emptyMessage: vscode.l10n.t('Enter a prompt that describes the image.'),
		});
		const model = await ctx.models.choose({ command, method: 'image_generation', requested: options.model, purpose: vscode.l10n.t('image generation') });
		const size = await ctx.input.pick(command, 'size', options.size, {
			title: vscode.l10n.t('Image size'),
			items: IMAGE_SIZES.map(value => ({ label: value, description: sizeLabel(value), value })),
			isValid: isImageSize,
			invalidMessage: value => vscode.l10n.t('"{0}" is not an image size (use e.g. 1024x1024 or auto).', String(value)),
		});
		const n = await ctx.input.pick(command, 'count', options.n, {
			title: vscode.l10n.t('How many images?'),
			items: Array.from({ length: MAX_IMAGE_COUNT }, (_, i) => ({ label: String(i + 1), value: i + 1 })),
			isValid: isImageCount,
			invalidMessage: value => vscode.l10n.t('The number of images must be 1 to {0}, not {1}.', MAX_IMAGE_COUNT, String(value)),
		});
		await confirmCost(ctx.guard, { feature: 'image', model: model.id, used: { units: n }, action: vscode.l10n.t('Generate {0} image(s) with {1}', n, model.id) });
		ctx.log.info(`${command}: ${model.id}, ${size}, n=${n}`);
		const files = await ctx.runner.withProgress(vscode.l10n.t('Generating {0} image(s) with {1}…', n, model.id), tokenOption(options), async (signal, progress) => {
			const images = await ctx.services.client.generateImages({ model: model.id, prompt, n, size }, signal);
			progress.report({ message: vscode.l10n.t('Saving…') });
			const pending = await imageFiles(ctx.services.client, images, prompt, signal);
			signal.throwIfAborted();
			return ctx.output.save(pending);
		});
		await presentImages(files, prompt, markdown, options);
		return { files };
	}, [arg]);
}

function sizeLabel(size: string): string {
	switch (size) {
		case '1024x1024': return vscode.l10n.t('square');
		case '1536x1024': return vscode.l10n.t('landscape');
		case '1024x1536': return vscode.l10n.t('portrait');
		default: return vscode.l10n.t('chosen by the model');
	}
}
