import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'aipass.aipass-vscode';

interface Manifest { contributes: { commands: { command: string }[] }; activationEvents: string[] }

describe('extension in a real VS Code host', () => {
	it('is installed under its contract id and activates', async () => {
		const extension = vscode.extensions.getExtension(extensionId);
		assert.ok(extension, `${extensionId} is not loaded`);
		await extension.activate();
		assert.equal(extension.isActive, true);
	});

	it('registers every command it contributes', async () => {
		const extension = vscode.extensions.getExtension(extensionId)!;
		await extension.activate();
		const manifest = extension.packageJSON as Manifest;
		const registered = new Set(await vscode.commands.getCommands(true));
		const missing = manifest.contributes.commands.map(c => c.command).filter(id => !registered.has(id));
		assert.deepEqual(missing, []);
	});

	it('reads its settings from the user settings the runner wrote', () => {
		const config = vscode.workspace.getConfiguration('aipass');
		assert.equal(config.get('baseUrl'), process.env.AIPASS_EMULATOR_URL);
	});

	it('runs in the web/remote host this runner provides', () => {
		assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
		assert.ok(vscode.env.remoteName, 'expected a remote extension host');
	});
});
