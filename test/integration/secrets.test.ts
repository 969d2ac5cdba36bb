import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { admin, extensionApi, signOutEverywhere, waitFor } from './helpers';

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
	});
}

describe('secrets stay in SecretStorage', function () {
	this.timeout(60_000);

	it('after a sign-in and a refresh, no token appears in settings, state, logs or any file the host wrote', async () => {
		const runDir = process.env.AIPASS_TEST_RUN_DIR;
		assert.ok(runDir, 'the runner tells where VS Code keeps its files');
		await admin().reset();
		await signOutEverywhere();
		await admin().setConfig({ autoApprove: 'allow' });
		const { testing } = await extensionApi();
		await testing.authProvider.createSession([]);
		await testing.authProvider.getAccessToken({ forceRefresh: true });
		const session = await testing.authProvider.activeSession();
		assert.ok(session);
		const secrets = [session.accessToken, session.refreshToken];
		await vscode.commands.executeCommand('workbench.action.files.saveAll');

		// The extension's own log must be among the scanned files, or the scan proves nothing.
		const logFile = await waitFor('the AI Pass log file', () => filesUnder(runDir).find(f => path.basename(f) === 'AI Pass.log' || f.endsWith('-AI Pass.log')));
		await waitFor('the sign-in to reach the log file', () => readFileSync(logFile, 'utf8').includes('signed in') || undefined);

		const leaks: string[] = [];
		let scanned = 0;
		for (const file of filesUnder(runDir)) {
			if (statSync(file).size > 50 * 1024 * 1024) {
				continue;
			}
			scanned++;
			const content = readFileSync(file).toString('latin1');
			if (secrets.some(secret => content.includes(secret))) {
				leaks.push(path.relative(runDir, file));
			}
		}
		assert.ok(scanned > 10, `scanned ${scanned} files`);
		assert.deepEqual(leaks, []);
		const settings = JSON.stringify(vscode.workspace.getConfiguration('aipass'));
		assert.ok(!secrets.some(secret => settings.includes(secret)));
	});
});
