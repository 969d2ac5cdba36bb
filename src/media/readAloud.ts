import * as vscode from 'vscode';
import { Commands } from '../platform/commands';
import { fileTimestamp, mediaFileName, slugify } from './fileNames';
import { type MediaFiles, type MediaOptions, optionsFrom, tokenOption } from './mediaArgs';
import type { MediaContext } from './mediaContext';
import { isSpeechFormat, isSpeechVoice, MAX_SPEECH_CHARACTERS, SPEECH_FORMATS, SPEECH_VOICES } from '../api/mediaFormats';
import { confirmCost, MediaInputError } from './mediaRunner';
import { selectedText } from './selection';

const command = Commands.speechReadAloud;

/**
 * `aipass.speech.readAloud [text | options]`: the selection (or the given text) → /audio/speech with
 * the `aipass.speech.voice` and `aipass.speech.format` settings → an audio file in the output folder,
 * played in a small webview player. Options: `{ text, model, voice, format, play, cancellation }`.
 */
export function readAloud(ctx: MediaContext): (arg?: unknown) => Promise<MediaFiles | undefined> {
	return arg => ctx.runner.command(command, async () => {
		const options: MediaOptions = typeof arg === 'string' ? { text: arg } : optionsFrom(arg);
		const text = options.text === undefined ? selectedText(noText()) : await ctx.input.text(options.text, { title: '', emptyMessage: noText() });
		if (text.length > MAX_SPEECH_CHARACTERS) {
			throw new MediaInputError(vscode.l10n.t('AI Pass reads at most {0} characters at a time; the selection has {1}. Select less text.', MAX_SPEECH_CHARACTERS, text.length));
		}
		const folder = await ctx.output.folder();
		const voice = options.voice ?? ctx.services.config.speechVoice;
		if (!isSpeechVoice(voice)) {
			throw new MediaInputError(vscode.l10n.t('"{0}" is not a voice. Use one of: {1}.', String(voice), SPEECH_VOICES.join(', ')));
		}
		const format = options.format ?? ctx.services.config.speechFormat;
		if (!isSpeechFormat(format)) {
			throw new MediaInputError(vscode.l10n.t('"{0}" is not an audio format. Use one of: {1}.', String(format), Object.keys(SPEECH_FORMATS).join(', ')));
		}
		const model = await ctx.models.choose({ command, method: 'audio_speech', requested: options.model, purpose: vscode.l10n.t('speech') });
		await confirmCost(ctx.guard, { feature: 'speech', model: model.id, used: { units: text.length }, action: vscode.l10n.t('Read {0} characters aloud with {1}', text.length, model.id) });
		ctx.log.info(`${command}: ${model.id}, ${voice}, ${format}, ${text.length} characters`);
		const { file, mime } = await ctx.runner.withProgress(vscode.l10n.t('Reading aloud with {0}…', model.id), tokenOption(options), async signal => {
			const audio = await ctx.services.client.speech({ model: model.id, input: text, voice, response_format: format }, signal);
			if (audio.data.byteLength === 0) {
				throw new MediaInputError(vscode.l10n.t('AI Pass returned no audio. Try again.'));
			}
			signal.throwIfAborted();
			const name = mediaFileName(slugify(text, 'speech'), fileTimestamp(new Date()), SPEECH_FORMATS[format]);
			const [saved] = await ctx.output.save([{ name, data: audio.data }]);
			return { file: saved, mime: audio.mime };
		});
		if (options.play !== false) {
			ctx.player.play(file, mime, folder);
		}
		return { files: [file] };
	}, [arg]);
}

function noText(): string {
	return vscode.l10n.t('Select the text to read aloud first.');
}
