import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ProposalOutcome, proposalScheme } from '../../src/apply/proposals';
import type { ApplyFeature } from '../../src/apply/registerApply';
import { admin, extensionApi, extensionId, signInFresh, waitFor } from './helpers';

async function apply(): Promise<ApplyFeature> {
	const { testing } = await extensionApi();
	assert.ok(testing.apply, 'the extension exposes its apply feature in test mode');
	return testing.apply;
}

function proposalTab(): vscode.Uri | undefined {
	for (const tab of vscode.window.tabGroups.all.flatMap(group => group.tabs)) {
		if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === proposalScheme) {
			return tab.input.modified;
		}
	}
	return undefined;
}

async function freshFile(name: string, text: string): Promise<vscode.Uri> {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the integration run opens a folder');
	const uri = vscode.Uri.joinPath(folder.uri, 'apply-it', `${Date.now()}-${name}`);
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
	return uri;
}

describe('apply: proposals and Edit Selection in the real host', function () {
	this.timeout(90_000);

	beforeEach(async () => {
		await signInFresh();
		await admin().clearRequests();
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	it('the default keybindings (Edit Selection, Open Chat, Attach Selection) collide with none of VS Code\'s own defaults', async () => {
		const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as { contributes: { keybindings: { command: string; key: string; win?: string }[] } };
		const ours = manifest.contributes.keybindings;
		assert.deepEqual(ours.map(k => k.command).sort(), ['aipass.chat.attachSelection', 'aipass.chat.open', 'aipass.editSelection']);
		// VS Code's own default keybindings (this build, this platform), as the "Open Default Keyboard Shortcuts (JSON)" command shows them.
		await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
		const text = await waitFor('the default keybindings', () => {
			const document = vscode.window.activeTextEditor?.document;
			return document !== undefined && document.getText().includes('"key"') ? document.getText() : undefined;
		});
		const entries = [...text.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map(m => ({ key: m[1], command: m[2] }));
		assert.ok(entries.length > 500, `the default keybindings were read (${entries.length})`);
		for (const binding of ours) {
			// On Windows Ctrl+Alt is AltGr, which types characters on many layouts (€ on German AltGr+E): Windows gets
			// Ctrl+K chords instead. The Ctrl chords of VS Code's defaults are the same there, so this table checks them too.
			assert.ok(binding.win !== undefined && !/\bctrl\+(shift\+)?alt\b/.test(binding.win), `${binding.command} has a Windows key without AltGr`);
			for (const key of [binding.key, binding.win]) {
				const clash = entries.filter(e => e.key === key && !e.command.startsWith('aipass.') && !e.command.startsWith('-'));
				assert.deepEqual(clash, [], `${key} is free`);
			}
		}
	});

	it('proposes against the unsaved text of the editor, Accept is one edit and one undo restores the unsaved text', async () => {
		const feature = await apply();
		const uri = await freshFile('unsaved.ts', 'const a = 1;\nconst b = 2;\n');
		const editor = await vscode.window.showTextDocument(uri);
		await editor.edit(edit => edit.insert(new vscode.Position(2, 0), 'const unsaved = 3;\n'));
		const dirty = editor.document.getText();
		const code = 'const a = 10;\nconst b = 2;\nconst unsaved = 3;\n';
		await feature.applyBlock({ code, answer: `\`\`\`ts\n${code}\`\`\``, attached: [], lastEditor: uri.toString() });
		const proposal = await waitFor('the diff editor', proposalTab);
		assert.equal((await vscode.workspace.openTextDocument(proposal)).getText(), code);
		assert.equal(editor.document.getText(), dirty, 'nothing changed before Accept');
		const settled = new Promise<ProposalOutcome>(resolve => feature.proposals.onDidSettle(resolve));
		await vscode.commands.executeCommand('aipass.apply.accept', proposal);
		const outcome = await settled;
		assert.deepEqual([outcome.target.toString(), outcome.outcome], [uri.toString(), 'accepted']);
		const document = await vscode.workspace.openTextDocument(uri);
		assert.equal(document.getText(), code);
		assert.equal(proposalTab(), undefined, 'the diff editor closed');
		await vscode.window.showTextDocument(document);
		await vscode.commands.executeCommand('undo');
		assert.equal(document.getText(), dirty, 'one undo');
	});

	it('a partial snippet is merged by the apply model, billed as "apply"', async () => {
		const feature = await apply();
		const lines = Array.from({ length: 30 }, (_, i) => `export const v${i} = ${i};`);
		const uri = await freshFile('merge.ts', `${lines.join('\n')}\n`);
		await vscode.window.showTextDocument(uri);
		const merged = `${lines.join('\n').replace('v7 = 7', 'v7 = 70')}\n`;
		await admin().setChatReply({ content: `\`\`\`ts\n${merged}\`\`\``, once: true });
		const started = Date.now();
		const snippet = '// ... existing code ...\nexport const v7 = 70;\n// ... existing code ...';
		await vscode.workspace.getConfiguration('aipass').update('apply.model', 'gpt-5-nano', vscode.ConfigurationTarget.Global);
		try {
			await feature.applyBlock({ code: snippet, answer: `\`\`\`ts\n${snippet}\n\`\`\``, attached: [{ uri: uri.toString(), text: lines.join('\n') }] });
		} finally {
			await vscode.workspace.getConfiguration('aipass').update('apply.model', undefined, vscode.ConfigurationTarget.Global);
		}
		const proposal = await waitFor('the diff editor', proposalTab);
		assert.equal((await vscode.workspace.openTextDocument(proposal)).getText(), merged);
		const requests = await admin().requests({ path: '/chat/completions' });
		assert.equal(requests.length, 1);
		const body = requests[0].body as { model: string; stream?: boolean; messages: { content: string }[] };
		assert.equal(body.model, 'gpt-5-nano');
		assert.equal(body.stream, false);
		assert.match(body.messages[1].content, /export const v29 = 29;[\s\S]*Change to merge into it:[\s\S]*v7 = 70/);
		const { testing } = await extensionApi();
		assert.ok(testing.cost, 'the cost feature');
		const record = testing.cost.ledger.records.find(r => r.startedAt >= started && r.model === 'gpt-5-nano');
		assert.equal(record?.feature, 'apply', 'the merge is recorded as a paid call of the feature "apply"');
		await feature.proposals.reject(proposal);
		assert.equal(proposalTab(), undefined);
		assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), `${lines.join('\n')}\n`, 'Reject changed nothing');
	});

	it('a diff closed by hand drops its proposal: Accept then finds nothing to apply', async () => {
		const feature = await apply();
		const uri = await freshFile('closed.ts', 'let x = 1;\n');
		await vscode.window.showTextDocument(uri);
		await feature.applyBlock({ code: 'let x = 2;\n', answer: '```ts\nlet x = 2;\n```', attached: [], lastEditor: uri.toString() });
		const proposal = await waitFor('the diff editor', proposalTab);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		await waitFor('the diff to close', () => proposalTab() === undefined || undefined);
		assert.equal(await feature.proposals.accept(proposal), false);
		assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), 'let x = 1;\n');
	});
});
