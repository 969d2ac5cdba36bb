/**
 * The yardstick for the chat view's open time: the smallest webview view an extension can contribute
 * (the shape of vscode-extension-samples' webview-view-sample: its own activity bar container, a nonce
 * script, one input), written to a temporary folder and loaded next to AI Pass in the same workbench.
 * Its page marks `referenceMark` the moment its input exists, as the chat marks `aipass-chat-interactive`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const referenceCommandTitle = 'Bench Reference: Open Webview View';
export const referenceMark = 'reference-interactive';

const manifest = {
	name: 'bench-reference-view', publisher: 'bench', version: '0.0.1', engines: { vscode: '^1.104.0' },
	main: './extension.js', activationEvents: ['onStartupFinished'],
	contributes: {
		viewsContainers: { activitybar: [{ id: 'benchReference', title: 'Bench Reference', icon: '$(beaker)' }] },
		views: { benchReference: [{ type: 'webview', id: 'benchReference.view', name: 'Reference' }] },
		commands: [{ command: 'benchReference.open', title: referenceCommandTitle }],
	},
};

const extension = `const vscode = require('vscode');
exports.activate = context => {
	context.subscriptions.push(vscode.window.registerWebviewViewProvider('benchReference.view', {
		resolveWebviewView(view) {
			const nonce = require('crypto').randomBytes(16).toString('base64');
			view.webview.options = { enableScripts: true };
			view.webview.html = '<!DOCTYPE html><html><head><meta charset="UTF-8">'
				+ '<meta http-equiv="Content-Security-Policy" content="default-src \\'none\\'; script-src \\'nonce-' + nonce + '\\'">'
				+ '</head><body><script nonce="' + nonce + '">'
				+ 'performance.mark("reference-script");'
				+ 'const input = document.createElement("textarea"); input.className = "input"; document.body.append(input);'
				+ 'performance.mark(${JSON.stringify(referenceMark)});'
				+ '</script></body></html>';
		},
	}));
	context.subscriptions.push(vscode.commands.registerCommand('benchReference.open', () => vscode.commands.executeCommand('benchReference.view.focus')));
};
`;

/** Writes the extension under `parent` and returns its folder. */
export function writeReferenceExtension(parent: string): string {
	const folder = path.join(parent, 'bench.bench-reference-view-0.0.1');
	mkdirSync(folder, { recursive: true });
	writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, '\t'));
	writeFileSync(path.join(folder, 'extension.js'), extension);
	return folder;
}
