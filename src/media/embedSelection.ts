import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { fileTimestamp, mediaFileName, slugify } from './fileNames';
import { type MediaOptions, optionsFrom, tokenOption } from './mediaArgs';
import type { MediaContext } from './mediaContext';
import { textTokens } from '../api/tokenEstimate';
import { confirmCost, MediaInputError } from './mediaRunner';
import { selectedText } from './selection';
import { notificationText } from '../platform/notificationText';

const command = Commands.embeddingsEmbedSelection;
type Output = 'clipboard' | 'file';

export interface EmbeddingResult {
	readonly model: string;
	readonly dimensions: number;
	readonly output: Output;
	/** The JSON file written (`output: 'file'`), else empty. */
	readonly files: vscode.Uri[];
}

/**
 * `aipass.embeddings.embedSelection [options]`: the selection (or `text`) → /embeddings (model from
 * `embeddings` models) → the vector copied as a JSON array, or saved as `{model, dimensions, input,
 * embedding}` in the output folder. Options: `{ text, model, output: 'clipboard'|'file', cancellation }`.
 */
export function embedSelection(ctx: MediaContext): (arg?: unknown) => Promise<EmbeddingResult | undefined> {
	return arg => ctx.runner.command(command, async () => {
		const options: MediaOptions = typeof arg === 'string' ? { text: arg } : optionsFrom(arg);
		const input = options.text === undefined ? selectedText(noText()) : await ctx.input.text(options.text, { title: '', emptyMessage: noText() });
		if (options.output !== undefined && !isOutput(options.output)) {
			throw new MediaInputError(invalidOutput(options.output));
		}
		if (options.output !== 'clipboard') {
			await ctx.output.folder();
		}
		const model = await ctx.models.choose({ command, method: 'embeddings', requested: options.model, purpose: vscode.l10n.t('embeddings') });
		await confirmCost(ctx.guard, { feature: 'embeddings', model: model.id, used: { tokensIn: textTokens(input), tokensOut: 0 }, action: vscode.l10n.t('Embed {0} characters with {1}', input.length, model.id) });
		const result = await ctx.runner.withProgress(vscode.l10n.t('Embedding with {0}…', model.id), tokenOption(options), signal =>
			ctx.services.client.embeddings({ model: model.id, input }, signal));
		const embedding = result.vectors[0];
		if (embedding === undefined || embedding.length === 0) {
			throw new MediaInputError(vscode.l10n.t('AI Pass returned no embedding. Try again.'));
		}
		const usedModel = result.model || model.id;
		ctx.log.info(`${command}: ${usedModel}, ${embedding.length} dimensions`);
		const output = await ctx.input.pick<Output>(command, 'output', options.output, {
			title: vscode.l10n.t('{0} dimensions from {1}: what now?', embedding.length, usedModel),
			items: [
				{ label: vscode.l10n.t('Copy the Vector'), description: vscode.l10n.t('JSON array on the clipboard'), value: 'clipboard' },
				{ label: vscode.l10n.t('Save as JSON File'), description: vscode.l10n.t('model, dimensions, input and embedding'), value: 'file' },
			],
			isValid: isOutput,
			invalidMessage: invalidOutput,
		});
		if (output === 'clipboard') {
			await vscode.env.clipboard.writeText(JSON.stringify(embedding));
			void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Copied a {0}-dimension embedding to the clipboard.', embedding.length)));
			return { model: usedModel, dimensions: embedding.length, output, files: [] };
		}
		const json = JSON.stringify({ model: usedModel, dimensions: embedding.length, input, embedding }, null, 2);
		const name = mediaFileName(slugify(input, 'embedding'), fileTimestamp(new Date()), 'embedding.json');
		const files = await ctx.output.save([{ name, data: new TextEncoder().encode(json) }]);
		void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Saved the embedding as {0}.', vscode.workspace.asRelativePath(files[0], false))));
		return { model: usedModel, dimensions: embedding.length, output, files };
	}, [arg]);
}

function isOutput(value: unknown): value is Output {
	return value === 'clipboard' || value === 'file';
}

function invalidOutput(value: unknown): string {
	return vscode.l10n.t('"{0}" is not an output; use "clipboard" or "file".', String(value));
}

function noText(): string {
	return vscode.l10n.t('Select the text to embed first.');
}
