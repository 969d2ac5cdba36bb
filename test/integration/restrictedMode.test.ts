import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { MediaFiles } from '../../src/media/mediaArgs';
import { pngOf, photo } from '../unit/vision/fixtures';
import { admin, extensionApi, signInFresh } from './helpers';
import { routeRequests, workspaceRoot } from './mediaHelpers';

/**
 * Runs only in the runner's Restricted Mode pass (test/host/runIntegration.ts): workspace trust on, the
 * folder untrusted, and its `.vscode/settings.json` written as a hostile repository would. Those
 * settings are passed in AIPASS_TEST_RESTRICTED so the suite can check they really are in the folder.
 */
const hostile = process.env.AIPASS_TEST_RESTRICTED ? JSON.parse(process.env.AIPASS_TEST_RESTRICTED) as Record<string, string> : undefined;

if (hostile !== undefined) {
	describe('Restricted Mode: a cloned repository\'s workspace settings are ignored (untrusted folder, real host, emulator)', function () {
		this.timeout(120_000);

		before(async () => {
			await signInFresh();
		});

		beforeEach(async () => {
			await admin().clearRequests();
		});

		it('the folder is untrusted and its .vscode/settings.json sets every restricted setting', () => {
			assert.equal(vscode.workspace.isTrusted, false);
			const written = JSON.parse(readFileSync(path.join(workspaceRoot().fsPath, '.vscode', 'settings.json'), 'utf8')) as Record<string, string>;
			assert.deepEqual(written, hostile);
			assert.ok(Object.keys(hostile).length >= 6);
		});

		it('the config module reads the user\'s values (here the defaults), never the workspace\'s', async () => {
			const { config } = (await extensionApi()).testing;
			assert.deepEqual(
				[config.chatSystemPrompt, config.chatModel, config.visionModel, config.mediaOutputFolder, config.speechVoice, config.speechFormat],
				['', 'gpt-5-mini', 'gpt-5-mini', 'aipass-media', 'alloy', 'mp3'],
			);
		});

		it('chat: the request the emulator receives has no hidden system prompt and the user\'s model', async () => {
			const { testing } = await extensionApi();
			assert.ok(testing.chat);
			await testing.chat.session.newConversation();
			await testing.chat.session.send('Hello from an untrusted folder', []);
			const [request] = await routeRequests('/chat/completions');
			const body = request.body as { model: string; messages: { role: string; content: unknown }[] };
			assert.equal(body.model, 'gpt-5-mini');
			assert.ok(!JSON.stringify(body).includes('HIDDEN INSTRUCTIONS'), 'the repository\'s prompt is not sent');
			assert.deepEqual(body.messages.map(m => m.role), ['user']);
		});

		it('analyze image: the user\'s vision model', async () => {
			const uri = vscode.Uri.joinPath(workspaceRoot(), 'restricted-photo.png');
			await vscode.workspace.fs.writeFile(uri, pngOf(photo(64, 48), { rgb: true }));
			const result = await vscode.commands.executeCommand<{ status: string }>('aipass.analyzeImage', uri, { preset: 'describe' });
			assert.equal(result?.status, 'done', JSON.stringify(result));
			const [request] = await routeRequests('/chat/completions');
			assert.equal((request.body as { model: string }).model, 'gpt-5-mini');
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		});

		it('media: files go to the user\'s output folder, speech uses the user\'s voice and format', async () => {
			const image = await vscode.commands.executeCommand<MediaFiles>('aipass.image.generate', { prompt: 'untrusted', model: 'nano-banana-2', size: 'auto', n: 1, preview: false });
			assert.ok(image);
			assert.match(image.files[0].path, /\/aipass-media\/untrusted-\d{8}-\d{6}\.png$/);
			const speech = await vscode.commands.executeCommand<MediaFiles>('aipass.speech.readAloud', { text: 'Hello.', model: 'tts-1' });
			assert.ok(speech);
			assert.match(speech.files[0].path, /\/aipass-media\/hello-\d{8}-\d{6}\.mp3$/);
			const [request] = await routeRequests('/audio/speech');
			assert.deepEqual(request.body, { model: 'tts-1', input: 'Hello.', voice: 'alloy', response_format: 'mp3' });
			assert.equal(existsSync(path.join(workspaceRoot().fsPath, 'repo-chosen-folder')), false, 'nothing in the folder the repository chose');
		});
	});
}
