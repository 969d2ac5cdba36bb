import * as vscode from 'vscode';
import { sniffImageMime } from '../api/bytes';
import type { AiPassClient } from '../api/client';
import { isAiPassError } from '../api/errors';
import type { GeneratedImage } from '../api/types';
import { fileTimestamp, mediaFileName, slugify } from './fileNames';
import { imageExtension } from '../api/mediaFormats';
import type { PendingFile } from './mediaOutput';
import { MediaInputError } from './mediaRunner';

/**
 * The bytes of every generated image (`b64_json` decoded by the client, `url`s downloaded by the client
 * without any token, like from a CDN, under its size cap and clocks), named after the prompt. Nothing
 * is written here.
 */
export async function imageFiles(
	client: Pick<AiPassClient, 'downloadImage'>, images: readonly GeneratedImage[], prompt: string, signal: AbortSignal,
): Promise<PendingFile[]> {
	if (images.length === 0) {
		throw new MediaInputError(vscode.l10n.t('AI Pass returned no image. Try another prompt or model.'));
	}
	const slug = slugify(prompt, 'image');
	const stamp = fileTimestamp(new Date());
	const bytes = await Promise.all(images.map(image => (image.kind === 'b64' ? Promise.resolve(image.data) : download(client, image.url, signal))));
	return bytes.map((data, i) => ({ name: mediaFileName(slug, stamp, imageExtension(sniffImageMime(data)), i, bytes.length), data }));
}

async function download(client: Pick<AiPassClient, 'downloadImage'>, url: string, signal: AbortSignal): Promise<Uint8Array> {
	const parsed = URL.canParse(url) ? new URL(url) : undefined;
	if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
		throw new MediaInputError(vscode.l10n.t('AI Pass returned an image address the extension cannot download.'));
	}
	try {
		return (await client.downloadImage(parsed.href, signal)).data;
	} catch (error) {
		// An HTTP failure of an image host is not AI Pass's: say which download failed.
		if (isAiPassError(error) && error.status !== undefined) {
			throw new MediaInputError(vscode.l10n.t('Could not download the generated image (HTTP {0}). Try again.', error.status));
		}
		throw error;
	}
}
