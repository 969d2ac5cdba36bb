import * as vscode from 'vscode';
import { sniffImageMime } from '../api/bytes';
import { AbortedError, NetworkError } from '../api/errors';
import type { GeneratedImage } from '../api/types';
import { fileTimestamp, mediaFileName, slugify } from './fileNames';
import { imageExtension } from './mediaFormats';
import type { PendingFile } from './mediaOutput';
import { MediaInputError } from './mediaRunner';

/**
 * The bytes of every generated image (`b64_json` decoded by the client, `url`s downloaded without
 * any token, like from a CDN), named after the prompt. Nothing is written here.
 */
export async function imageFiles(images: readonly GeneratedImage[], prompt: string, signal: AbortSignal): Promise<PendingFile[]> {
	if (images.length === 0) {
		throw new MediaInputError(vscode.l10n.t('AI Pass returned no image. Try another prompt or model.'));
	}
	const slug = slugify(prompt, 'image');
	const stamp = fileTimestamp(new Date());
	const bytes = await Promise.all(images.map(image => (image.kind === 'b64' ? Promise.resolve(image.data) : download(image.url, signal))));
	return bytes.map((data, i) => ({ name: mediaFileName(slug, stamp, imageExtension(sniffImageMime(data)), i, bytes.length), data }));
}

async function download(url: string, signal: AbortSignal): Promise<Uint8Array> {
	const parsed = URL.canParse(url) ? new URL(url) : undefined;
	if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
		throw new MediaInputError(vscode.l10n.t('AI Pass returned an image address the extension cannot download.'));
	}
	let response: Response;
	try {
		response = await fetch(parsed, { signal });
	} catch (error) {
		throw signal.aborted ? new AbortedError('image download cancelled') : new NetworkError(`image download from ${parsed.origin}: ${String(error)}`, { cause: error });
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new MediaInputError(vscode.l10n.t('Could not download the generated image (HTTP {0}). Try again.', response.status));
	}
	try {
		return new Uint8Array(await response.arrayBuffer());
	} catch (error) {
		throw signal.aborted ? new AbortedError('image download cancelled') : new NetworkError(`image download from ${parsed.origin}: ${String(error)}`, { cause: error });
	}
}
