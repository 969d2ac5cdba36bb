import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId } from './helpers';
import { hostInfo } from './hostInfo';

describe('the extension host running these suites', () => {
	const host = hostInfo();

	it(`is the one this pass asked for (uiKind ${host.uiKind}, typeof process ${host.process})`, () => {
		// The runner's web pass builds the suites with AIPASS_EXPECT_HOST=webWorker; the Node pass leaves it unset.
		assert.equal(host.kind, process.env.AIPASS_EXPECT_HOST || 'node');
		assert.equal(host.uiKind, 'Web', 'both hosts sit behind the web workbench here');
		// getExtension sees only extensions of the caller's own host: the extension runs beside these suites,
		// as UI (the browser's worker) or Workspace (the server's Node host).
		const extension = vscode.extensions.getExtension(extensionId);
		assert.ok(extension, 'the extension runs in the same host as the suites');
		assert.equal(extension.extensionKind, host.kind === 'webWorker' ? vscode.ExtensionKind.UI : vscode.ExtensionKind.Workspace);
	});
});
