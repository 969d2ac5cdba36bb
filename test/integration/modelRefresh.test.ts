import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { admin, extensionApi, signInFresh, signOutEverywhere, waitFor } from './helpers';

/**
 * The model catalog owns its invalidation: another account or another service empties it and fires its
 * onDidChange, and the chat's picker and VS Code's language models (vscode.lm) reload from that event
 * alone. The emulator's legacy string catalog tells the two lists apart: in it every chat model may take
 * images (it says nothing about capabilities), while the detailed list says gpt-5-nano does not.
 */
describe('model lists follow the account and the service (ModelCatalog.onDidChange)', function () {
	this.timeout(60_000);
	const aipass = () => vscode.workspace.getConfiguration('aipass');
	let baseUrl: string | undefined;

	before(() => {
		baseUrl = aipass().get<string>('baseUrl');
	});

	afterEach(async () => {
		await aipass().update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
		await admin().setConfig({ modelsShape: 'list' });
	});

	async function detailedListLoaded(): Promise<void> {
		await signInFresh();
		const { chat } = (await extensionApi()).testing;
		await chat.models.reload();
		assert.equal(chat.models.supportsVision('gpt-5-nano'), false, 'the detailed catalog: gpt-5-nano takes no images');
		await admin().setConfig({ modelsShape: 'strings' });
		await admin().clearRequests();
	}

	async function catalogRequests(): Promise<number> {
		return (await admin().requests({ path: '/models' })).length;
	}

	it('sign-out and sign-in reload the chat picker and tell vscode.lm', async () => {
		await detailedListLoaded();
		const { testing } = await extensionApi();
		let lmChanges = 0;
		const listening = testing.lm.provider.onDidChangeLanguageModelChatInformation(() => lmChanges++);
		try {
			await signOutEverywhere();
			assert.ok(lmChanges >= 1, 'vscode.lm was told after the sign-out');
			const afterSignOut = lmChanges;
			await testing.authProvider.createSession([]);
			assert.ok(lmChanges > afterSignOut, 'vscode.lm was told after the sign-in');
			await waitFor('the chat picker to reload from the new catalog', () => testing.chat.models.supportsVision('gpt-5-nano') || undefined);
			assert.ok(await catalogRequests() >= 1, 'the catalog was read again');
		} finally {
			listening.dispose();
		}
	});

	it('a base URL change reloads the chat picker and tells vscode.lm', async () => {
		await detailedListLoaded();
		const { testing } = await extensionApi();
		let lmChanges = 0;
		const listening = testing.lm.provider.onDidChangeLanguageModelChatInformation(() => lmChanges++);
		try {
			// The same service spelled with a trailing slash: a change of the setting, the same sessions.
			await aipass().update('baseUrl', `${baseUrl ?? ''}/`, vscode.ConfigurationTarget.Global);
			await waitFor('the chat picker to reload from the new catalog', () => testing.chat.models.supportsVision('gpt-5-nano') || undefined);
			assert.ok(lmChanges >= 1, 'vscode.lm was told');
			assert.ok(await catalogRequests() >= 1, 'the catalog was read again');
		} finally {
			listening.dispose();
		}
	});
});
