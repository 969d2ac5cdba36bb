import * as vscode from 'vscode';

/** Points the extension at the emulator whichever runner started VS Code (web runner or @vscode/test-cli). */
before(async () => {
	const emulatorUrl = process.env.AIPASS_EMULATOR_URL;
	if (!emulatorUrl) {
		throw new Error('AIPASS_EMULATOR_URL is not set: start the emulator (npm run emulator) and pass its URL');
	}
	const config = vscode.workspace.getConfiguration('aipass');
	if (config.get('baseUrl') !== emulatorUrl) {
		await config.update('baseUrl', emulatorUrl, vscode.ConfigurationTarget.Global);
	}
	if (!config.get('clientId')) {
		await config.update('clientId', 'client_vscode_test', vscode.ConfigurationTarget.Global);
	}
});
