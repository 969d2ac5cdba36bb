import assert from 'node:assert/strict';
import { truncateSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MediaFiles } from '../../src/media/mediaArgs';
import type { TranscriptResult } from '../../src/media/transcribe';
import { sineWav } from '../emulator/mediaBytes';
import { extensionApi, isSettled } from './helpers';
import {
	closeEditors, editorWithSelection, exhaustBudget, listFolder, multipartParts, outputFolder, recordFailures, removeIfPresent,
	routeRequests, signInForMedia, startsWith, writeWorkspaceFile,
} from './mediaHelpers';

/** Accepts whatever quick pick is showing until the command settles (a no-op while none is open). */
async function acceptQuickPicks<T>(running: Thenable<T>): Promise<T> {
	const promise = Promise.resolve(running);
	while (!(await isSettled(promise))) {
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	return promise;
}

const budgetMessage = 'Your AI Pass budget is used up. Top up your wallet at AI Pass to continue.';

describe('media: read aloud (aipass.speech.readAloud)', function () {
	this.timeout(60_000);
	let recorder: Awaited<ReturnType<typeof recordFailures>>;

	beforeEach(async () => {
		await signInForMedia();
		await closeEditors();
		await removeIfPresent(outputFolder());
		recorder = await recordFailures();
	});

	afterEach(async () => {
		recorder.dispose();
		const config = vscode.workspace.getConfiguration('aipass');
		await config.update('speech.voice', undefined, vscode.ConfigurationTarget.Global);
		await config.update('speech.format', undefined, vscode.ConfigurationTarget.Global);
	});

	it('reads the selection with the voice and format settings, saves a WAV and plays it in a locked-down webview', async () => {
		const config = vscode.workspace.getConfiguration('aipass');
		await config.update('speech.voice', 'nova', vscode.ConfigurationTarget.Global);
		await config.update('speech.format', 'wav', vscode.ConfigurationTarget.Global);
		await editorWithSelection('Hello from AI Pass.');
		const result = await vscode.commands.executeCommand<MediaFiles>('aipass.speech.readAloud', { model: 'tts-1' });
		assert.ok(result, JSON.stringify(recorder.failures));
		const [file] = result.files;
		assert.match(file.path, /\/aipass-media\/hello-from-ai-pass-\d{8}-\d{6}\.wav$/);
		const bytes = await vscode.workspace.fs.readFile(file);
		assert.ok(startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8), 'a RIFF/WAVE file');
		assert.ok(bytes.byteLength > 44);
		const [request] = await routeRequests('/audio/speech');
		assert.deepEqual(request.body, { model: 'tts-1', input: 'Hello from AI Pass.', voice: 'nova', response_format: 'wav' });

		const { testing } = await extensionApi();
		const panel = testing.media?.player.currentPanel;
		assert.ok(panel, 'the player is open');
		assert.equal(testing.media?.player.currentFile?.toString(), file.toString());
		assert.deepEqual(panel.webview.options.localResourceRoots?.map(uri => uri.toString()), [outputFolder().toString()]);
		assert.equal(panel.webview.options.enableScripts ?? false, false);
		const html = panel.webview.html;
		const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1].replace(/&#39;/g, '\'');
		assert.match(csp ?? '', new RegExp(`^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'; media-src ${panel.webview.cspSource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
		assert.ok(html.includes('<audio controls'));
		assert.ok(html.includes(`src="${panel.webview.asWebviewUri(file).toString()}"`), 'the audio element plays the saved file');
		assert.ok(!/<script/i.test(html));
	});

	it('reads a text argument; the model quick pick offers the last model used for this command first', async () => {
		const { testing } = await extensionApi();
		const memory = 'aipass.media.last.aipass.speech.readAloud.model';
		for (const remembered of ['gpt-4o-mini-tts', 'tts-1']) {
			await testing.context.globalState.update(memory, remembered);
			const running = vscode.commands.executeCommand<MediaFiles>('aipass.speech.readAloud', 'Just a string.');
			const result = await acceptQuickPicks(running);
			assert.ok(result, JSON.stringify(recorder.failures));
			assert.ok(startsWith(await vscode.workspace.fs.readFile(result.files[0]), 'ID3'), 'mp3 by default');
			assert.equal(testing.context.globalState.get(memory), remembered);
		}
		const requests = await routeRequests('/audio/speech');
		assert.deepEqual(requests.map(r => (r.body as Record<string, unknown>).model), ['gpt-4o-mini-tts', 'tts-1']);
		assert.deepEqual(requests.map(r => (r.body as Record<string, unknown>).voice), ['alloy', 'alloy']);
		assert.deepEqual(requests.map(r => (r.body as Record<string, unknown>).input), ['Just a string.', 'Just a string.']);
		assert.equal((await listFolder()).length, 2);
	});

	it('refuses no selection, too much text and a bad voice, before any request', async () => {
		await vscode.commands.executeCommand('aipass.speech.readAloud');
		await editorWithSelection('x'.repeat(4097));
		await vscode.commands.executeCommand('aipass.speech.readAloud', { model: 'tts-1' });
		await vscode.commands.executeCommand('aipass.speech.readAloud', { text: 'hi', model: 'tts-1', voice: 'robot' });
		await vscode.commands.executeCommand('aipass.speech.readAloud', { text: 'hi', model: 'whisper-1' });
		const messages = recorder.failures.map(f => f.message);
		assert.equal(messages.length, 4, JSON.stringify(recorder.failures));
		assert.match(messages[0], /Select the text to read aloud first/);
		assert.match(messages[1], /at most 4096 characters at a time; the selection has 4097/);
		assert.match(messages[2], /"robot" is not a voice/);
		assert.match(messages[3], /"whisper-1" is not an AI Pass model for speech/);
		assert.equal((await routeRequests('/audio/speech')).length, 0);
		assert.deepEqual(await listFolder(), []);
	});

	it('402: shows the budget message and writes nothing', async () => {
		await exhaustBudget();
		assert.equal(await vscode.commands.executeCommand('aipass.speech.readAloud', { text: 'hi', model: 'tts-1' }), undefined);
		assert.deepEqual(recorder.failures.map(f => f.message), [budgetMessage]);
		assert.equal((await routeRequests('/audio/speech'))[0]?.status, 402);
		assert.deepEqual(await listFolder(), []);
	});
});

describe('media: transcribe audio (aipass.audio.transcribe)', function () {
	this.timeout(60_000);
	let recorder: Awaited<ReturnType<typeof recordFailures>>;
	let clip: vscode.Uri;
	const wav = sineWav(0.5);

	beforeEach(async () => {
		await signInForMedia();
		await closeEditors();
		await removeIfPresent(outputFolder());
		clip = await writeWorkspaceFile('clip.wav', wav);
		recorder = await recordFailures();
	});

	afterEach(() => recorder.dispose());

	it('uploads the file as multipart and opens the plain-text transcript in an untitled editor', async () => {
		const result = await vscode.commands.executeCommand<TranscriptResult>('aipass.audio.transcribe', clip, { model: 'whisper-1', language: 'en', format: 'text' });
		assert.ok(result, JSON.stringify(recorder.failures));
		assert.equal(result.text, `Transcribed clip.wav (${wav.length} bytes).\n`);
		assert.equal(result.document.scheme, 'untitled');
		const editor = vscode.window.activeTextEditor;
		assert.equal(editor?.document.uri.toString(), result.document.toString());
		assert.equal(editor?.document.getText(), result.text);
		assert.equal(editor?.document.languageId, 'plaintext');
		const [request] = await routeRequests('/audio/transcriptions');
		const parts = multipartParts(request);
		assert.deepEqual(parts.filter(p => p.value !== undefined).map(p => [p.name, p.value]).sort(), [['language', 'en'], ['model', 'whisper-1'], ['response_format', 'text']]);
		assert.deepEqual(parts.filter(p => p.name === 'file').map(p => [p.filename, p.type, p.size]), [['clip.wav', 'audio/wav', wav.length]]);
		assert.deepEqual(await listFolder(), [], 'a transcript is never written to the workspace');
	});

	it('takes the Explorer\'s (uri, selectedUris) and gives JSON or subtitles; no language means detect', async () => {
		const json = await vscode.commands.executeCommand<TranscriptResult>('aipass.audio.transcribe', clip, [clip], { model: 'whisper-1', language: '', format: 'json' });
		assert.ok(json, JSON.stringify(recorder.failures));
		assert.deepEqual(Object.keys(JSON.parse(json.text) as object).sort(), ['duration', 'language', 'text']);
		assert.equal(vscode.window.activeTextEditor?.document.languageId, 'json');
		const vtt = await vscode.commands.executeCommand<TranscriptResult>('aipass.audio.transcribe', clip, { model: 'whisper-1', language: 'de', format: 'vtt' });
		assert.match(vtt?.text ?? '', /^WEBVTT\n\n00:00:00\.000 --> /);
		const requests = await routeRequests('/audio/transcriptions');
		assert.deepEqual(requests.map(r => multipartParts(r).find(p => p.name === 'language')?.value), [undefined, 'de']);
	});

	it('refuses unsupported types and files over 25 MB without reading or sending them, and bad options', async () => {
		const flac = await writeWorkspaceFile('talk.flac', 'fLaC');
		const big = await writeWorkspaceFile('big.mp3', 'ID3');
		truncateSync(big.fsPath, 25 * 1024 * 1024 + 1);
		await vscode.commands.executeCommand('aipass.audio.transcribe', flac, { model: 'whisper-1', language: 'en', format: 'text' });
		await vscode.commands.executeCommand('aipass.audio.transcribe', big, { model: 'whisper-1', language: 'en', format: 'text' });
		await vscode.commands.executeCommand('aipass.audio.transcribe', clip, { model: 'whisper-1', language: 'english', format: 'text' });
		await vscode.commands.executeCommand('aipass.audio.transcribe', clip, { model: 'whisper-1', language: 'en', format: 'docx' });
		await vscode.commands.executeCommand('aipass.audio.transcribe', clip, { model: 'tts-1', language: 'en', format: 'text' });
		const messages = recorder.failures.map(f => f.message);
		assert.equal(messages.length, 5, JSON.stringify(recorder.failures));
		assert.match(messages[0], /talk\.flac is not an audio file AI Pass can transcribe\. Use one of: mp3, mp4, mpeg, mpga, m4a, wav, webm, ogg/);
		assert.match(messages[1], /big\.mp3 is 25\.0 MB; AI Pass transcribes files up to 25 MB/);
		assert.match(messages[2], /"english" is not an ISO-639-1 language code/);
		assert.match(messages[3], /"docx" is not a transcript format/);
		assert.match(messages[4], /"tts-1" is not an AI Pass model for transcription/);
		assert.equal((await routeRequests('/audio/transcriptions')).length, 0);
		await vscode.workspace.fs.delete(big);
	});

	it('402: shows the budget message and opens nothing', async () => {
		await exhaustBudget();
		const untitled = (): string[] => vscode.workspace.textDocuments.filter(d => d.uri.scheme === 'untitled').map(d => d.uri.toString());
		const before = untitled();
		assert.equal(await vscode.commands.executeCommand('aipass.audio.transcribe', clip, { model: 'whisper-1', language: 'en', format: 'text' }), undefined);
		assert.deepEqual(recorder.failures.map(f => f.message), [budgetMessage]);
		assert.equal((await routeRequests('/audio/transcriptions'))[0]?.status, 402);
		assert.deepEqual(untitled(), before, 'no transcript editor');
		assert.deepEqual(await listFolder(), []);
	});
});
