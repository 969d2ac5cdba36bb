import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { baseName } from './fileNames';
import { fileArgs, isUri, tokenOption } from './mediaArgs';
import type { MediaContext } from './mediaContext';
import {
	extensionOf, isLanguageCode, isTranscriptFormat, MAX_TRANSCRIPTION_BYTES, TRANSCRIBABLE_AUDIO, TRANSCRIPT_FORMATS, type TranscriptFormat,
} from '../api/mediaFormats';
import { confirmCost, MediaInputError } from './mediaRunner';

const command = Commands.audioTranscribe;

export interface TranscriptResult {
	readonly text: string;
	/** The untitled editor holding the transcript. */
	readonly document: vscode.Uri;
}

/**
 * `aipass.audio.transcribe [uri] [selectedUris | options] [options]`: an audio file (checked by extension,
 * at most 25 MB, checked before reading) → /audio/transcriptions → a new untitled editor. Options:
 * `{ uri, model, language ('' = detect), format: 'text'|'srt'|'vtt'|'json', cancellation }`.
 */
export function transcribeAudio(ctx: MediaContext): (first?: unknown, second?: unknown, third?: unknown) => Promise<TranscriptResult | undefined> {
	return (first, second, third) => ctx.runner.command(command, async () => {
		const { uris, options } = fileArgs(first, second, third, 'uri');
		// From the Explorer, the file that was right-clicked (the first argument) wins over the rest of the selection.
		const uri = (isUri(first) ? first : uris[0]) ?? await pickAudio();
		const name = baseName(uri.path);
		const mime = TRANSCRIBABLE_AUDIO[extensionOf(name)];
		if (mime === undefined) {
			throw new MediaInputError(vscode.l10n.t('{0} is not an audio file AI Pass can transcribe. Use one of: {1}.', name, Object.keys(TRANSCRIBABLE_AUDIO).join(', ')));
		}
		const { size } = await vscode.workspace.fs.stat(uri);
		if (size > MAX_TRANSCRIPTION_BYTES) {
			throw new MediaInputError(vscode.l10n.t('{0} is {1} MB; AI Pass transcribes files up to 25 MB. Split or compress it first.', name, (size / 1024 / 1024).toFixed(1)));
		}
		const model = await ctx.models.choose({ command, method: 'audio_transcription', requested: options.model, purpose: vscode.l10n.t('transcription') });
		const language = await askLanguage(options.language);
		const format = await ctx.input.pick<TranscriptFormat>(command, 'format', options.format, {
			title: vscode.l10n.t('Transcript format'),
			items: TRANSCRIPT_FORMATS.map(value => ({ label: value, description: formatLabel(value), value })),
			isValid: isTranscriptFormat,
			invalidMessage: value => vscode.l10n.t('"{0}" is not a transcript format. Use one of: {1}.', String(value), TRANSCRIPT_FORMATS.join(', ')),
		});
		await confirmCost(ctx.guard, { feature: 'transcription', model: model.id, used: { units: size }, action: vscode.l10n.t('Transcribe {0} with {1}', name, model.id) });
		ctx.log.info(`${command}: ${model.id}, ${format}, ${size} bytes`);
		const text = await ctx.runner.withProgress(vscode.l10n.t('Transcribing {0}…', name), tokenOption(options), async signal => {
			const data = await vscode.workspace.fs.readFile(uri);
			signal.throwIfAborted();
			const transcript = await ctx.services.client.transcribe({
				file: { data, filename: name, mime }, model: model.id, response_format: format, ...(language === '' ? {} : { language }),
			}, signal);
			return format === 'json' ? prettyJson(transcript.raw) : transcript.text;
		});
		const document = await vscode.workspace.openTextDocument({ content: text, language: format === 'json' ? 'json' : 'plaintext' });
		await vscode.window.showTextDocument(document, { preview: false });
		return { text, document: document.uri };
	}, [first, second, third]);
}

async function askLanguage(given: unknown): Promise<string> {
	if (given !== undefined) {
		const code = typeof given === 'string' ? given.trim().toLowerCase() : undefined;
		if (code === undefined || (code !== '' && !isLanguageCode(code))) {
			throw new MediaInputError(vscode.l10n.t('"{0}" is not an ISO-639-1 language code such as "en".', String(given)));
		}
		return code;
	}
	const typed = await vscode.window.showInputBox({
		title: vscode.l10n.t('Spoken language (optional)'),
		placeHolder: vscode.l10n.t('ISO-639-1 code such as en or de; leave empty to detect'),
		ignoreFocusOut: true,
		validateInput: value => (value.trim() === '' || isLanguageCode(value.trim().toLowerCase()) ? undefined : vscode.l10n.t('Use a two-letter code such as en, or leave empty.')),
	});
	if (typed === undefined) {
		throw new vscode.CancellationError();
	}
	return typed.trim().toLowerCase();
}

async function pickAudio(): Promise<vscode.Uri> {
	const picked = await vscode.window.showOpenDialog({
		title: vscode.l10n.t('Audio file to transcribe'),
		canSelectMany: false,
		defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
		filters: { [vscode.l10n.t('Audio')]: Object.keys(TRANSCRIBABLE_AUDIO) },
	});
	if (picked?.[0] === undefined) {
		throw new vscode.CancellationError();
	}
	return picked[0];
}

function formatLabel(format: TranscriptFormat): string {
	switch (format) {
		case 'text': return vscode.l10n.t('plain text');
		case 'srt': return vscode.l10n.t('SubRip subtitles');
		case 'vtt': return vscode.l10n.t('WebVTT subtitles');
		case 'json': return vscode.l10n.t('JSON with language and duration');
	}
}

function prettyJson(raw: string): string {
	try {
		return JSON.stringify(JSON.parse(raw), null, 2);
	} catch {
		// The client already parsed it once; keep the raw text if it somehow is not JSON.
		return raw;
	}
}
