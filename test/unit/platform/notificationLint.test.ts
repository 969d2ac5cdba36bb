import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

/** The project's lint rule that keeps every notification message on notificationText (eslint.config.mjs). */
const eslint = new ESLint({ cwd: path.resolve(__dirname, '../../..') });

async function notificationProblems(body: string): Promise<number> {
	const code = `import * as vscode from 'vscode';\nimport { notificationText } from '../platform/notificationText';\nexport function f(name: string, model: string, progress: vscode.Progress<{ message?: string }>): void {\n${body}\n}\n`;
	const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../../../src/media/lintSample.ts') });
	return result.messages.filter(m => m.ruleId === 'no-restricted-syntax').length;
}

describe('lint: notification messages go through notificationText', function () {
	this.timeout(60_000);

	const refused = [
		`void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', name));`,
		`void vscode.window.showErrorMessage(name);`,
		`void vscode.window.showWarningMessage(\`Saved \${name}\`);`,
		`void vscode.window.showErrorMessage(String(name), 'Retry');`,
		`void vscode.window.showInformationMessage(vscode.l10n.t(name));`,
		`void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Analyzing {0}', name) }, async () => undefined);`,
		`void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: name }, async () => undefined);`,
		`progress.report({ message: vscode.l10n.t('Waiting for {0}…', model) });`,
		`progress.report({ message: model });`,
	];
	for (const body of refused) {
		it(`refuses ${body}`, async () => {
			assert.equal(await notificationProblems(body), 1);
		});
	}

	const allowed = [
		`void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of AI Pass.'));`,
		`void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Saved {0}.', name)), vscode.l10n.t('Open'));`,
		`void vscode.window.showErrorMessage(notificationText(name));`,
		`void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t('Analyzing {0}', name)) }, async () => undefined);`,
		`progress.report({ message: vscode.l10n.t('Reading the image…') });`,
		`progress.report({ message: notificationText(model) });`,
	];
	for (const body of allowed) {
		it(`allows ${body}`, async () => {
			assert.equal(await notificationProblems(body), 0);
		});
	}
});
