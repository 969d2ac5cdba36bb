/**
 * The host side of the composer's `@` list, in the real extension host: VS Code's file search, reading through
 * `workspace.fs`, diagnostics, the chat session's limits. Files are written with `workspace.fs` too, so the
 * suite runs in the Node host and in the browser's web worker host (a link out of the workspace, which needs
 * node:fs, is in atContextLinks.test.ts, Node pass only).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contextLimits } from '../../src/chat/contextLimits';
import { ContextPicker, maxSuggestions } from '../../src/chat/contextPicker';
import { type ContextAttachment, newId } from '../../src/chat/conversation';
import type { Logger } from '../../src/platform/log';

import { extensionApi } from './helpers';

const quiet: Logger = { trace: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

describe('@ context: host-side file search, reading and limits (real host, real disk)', function () {
	this.timeout(60_000);
	const root = (): vscode.Uri => {
		const folder = vscode.workspace.workspaceFolders?.[0];
		assert.ok(folder, 'the integration runner opens a workspace folder');
		return folder.uri;
	};
	const created: string[] = [];
	let picker: ContextPicker;

	const write = async (relative: string, content: string | Uint8Array): Promise<vscode.Uri> => {
		const uri = vscode.Uri.joinPath(root(), relative);
		await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
		created.push(relative.split('/')[0]);
		return uri;
	};
	const pick = async (query: string, label: string): Promise<ContextAttachment | { refused: string }> => {
		const items = await picker.suggest(query);
		const item = items?.find(i => i.label === label);
		assert.ok(item, `${label} is offered for "${query}" (got ${items?.map(i => i.label).join(', ')})`);
		return picker.resolve(item.id);
	};

	beforeEach(() => {
		picker = new ContextPicker({ editors: { get current() { return vscode.window.activeTextEditor; } }, log: quiet });
	});

	afterEach(async () => {
		picker.dispose();
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		for (const top of new Set(created.splice(0))) {
			await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), top), { recursive: true, useTrash: false });
		}
	});

	it('finds workspace files by a fuzzy query (file name first), leaves out search.exclude, and returns a bounded list', async () => {
		await write('atctx/alphaWidget.ts', 'export const alpha = 1;\n');
		await write('atctx/widgets/alpha/other.ts', 'export const other = 1;\n');
		await write('node_modules/atctxdep/alphaWidget.ts', 'module.exports = 1;\n');
		for (let i = 0; i < 40; i++) {
			await write(`atctx/many/manyFile${i}.txt`, `file ${i}\n`);
		}
		const items = await picker.suggest('alphaWid');
		assert.ok(items);
		const files = items.filter(i => i.kind === 'file');
		assert.deepEqual([files[0].label, files[0].detail], ['alphaWidget.ts', 'atctx'], 'the file-name match first, its folder workspace-relative');
		assert.ok(!files.some(i => i.detail.includes('node_modules')), 'search.exclude (node_modules) is respected');
		const many = await picker.suggest('manyFile');
		assert.equal(many?.length, maxSuggestions, 'at most maxSuggestions entries');
		assert.ok(many?.every(i => i.label.startsWith('manyFile')));
	});

	it('a newer query supersedes an older one', async () => {
		await write('atctx/superseded.ts', 'x\n');
		const [older, newer] = await Promise.all([picker.suggest('super'), picker.suggest('supersed')]);
		assert.equal(older, undefined, 'the older answer is dropped');
		assert.ok(newer?.some(i => i.label === 'superseded.ts'));
		// The list on screen may be one answer behind the typing: its entries can still be picked.
		const shown = (await picker.suggest('sup'))?.find(i => i.label === 'superseded.ts');
		await picker.suggest('supe');
		assert.ok(shown);
		const picked = await picker.resolve(shown.id);
		assert.ok(!('refused' in picked) && picked.text === 'x\n');
	});

	it('reads a chosen file into an attachment named by its workspace-relative path', async () => {
		await write('atctx/readMe.ts', 'export const readMe = "exact text";\n');
		const attachment = await pick('readMe', 'readMe.ts');
		assert.ok(!('refused' in attachment));
		assert.equal(attachment.kind, 'file');
		assert.equal(attachment.label, 'atctx/readMe.ts');
		assert.equal(attachment.text, 'export const readMe = "exact text";\n');
		assert.equal(attachment.language, 'ts');
	});

	it('refuses a file over the size limit, a binary file and a file outside the workspace', async () => {
		// Both first: the picker lists the workspace once for the queries typed within a few seconds.
		await write('atctx/huge.log', 'x'.repeat(contextLimits.maxItemBytes + 1));
		await write('atctx/blob.dat', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]));
		const huge = await pick('huge.log', 'huge.log');
		assert.ok('refused' in huge);
		assert.equal(huge.refused, 'Not attached: atctx/huge.log is larger than 256 KB.');

		const binary = await pick('blob.dat', 'blob.dat');
		assert.ok('refused' in binary && /is not a text file/.test(binary.refused));

		// Refused before anything is read: the file need not exist.
		const outside = await picker.readFile(vscode.Uri.joinPath(root(), '..', 'outside-secret.txt'));
		assert.ok('refused' in outside && /is outside the workspace/.test(outside.refused), JSON.stringify(outside));
	});

	it('@problems attaches the diagnostics of the active file; @selection its selection', async () => {
		// A file type no language server looks at (a .ts file would get TypeScript's own diagnostics too, some time later).
		const uri = await write('atctx/broken.notes', 'const a: number = "text";\nconst b = 2;\n');
		const document = await vscode.workspace.openTextDocument(uri);
		const editor = await vscode.window.showTextDocument(document);
		const diagnostics = vscode.languages.createDiagnosticCollection('atctx-test');
		try {
			const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 6, 0, 7), "Type 'string' is not assignable to type 'number'.", vscode.DiagnosticSeverity.Error);
			diagnostic.source = 'atctx';
			diagnostic.code = 2322;
			diagnostics.set(uri, [diagnostic]);
			const problems = await pick('problems', '@problems');
			assert.ok(!('refused' in problems));
			assert.equal(problems.kind, 'problems');
			assert.equal(problems.text, "atctx/broken.notes:1:7 error: Type 'string' is not assignable to type 'number'. (atctx 2322)");

			editor.selection = new vscode.Selection(1, 0, 1, 12);
			const selection = await pick('sel', '@selection');
			assert.ok(!('refused' in selection));
			assert.deepEqual([selection.kind, selection.label, selection.text], ['selection', 'atctx/broken.notes:2-2', 'const b = 2;']);

			editor.selection = new vscode.Selection(0, 0, 0, 0);
			const nothing = await pick('sel', '@selection');
			assert.ok('refused' in nothing && /Nothing is selected in atctx\/broken.notes/.test(nothing.refused));
		} finally {
			diagnostics.dispose();
		}
	});

	it('the chat session refuses attachments over the count and total limits, and the estimate counts what is attached', async () => {
		const { testing } = await extensionApi();
		const session = testing.chat?.session;
		assert.ok(session);
		await session.newConversation();
		const small = (text: string): ContextAttachment => ({ id: newId(), kind: 'file', label: 'atctx/small.ts', language: 'ts', text, truncated: false });
		const chipIds: string[] = [];
		try {
			const before = session.estimate('question', 0).tokens;
			assert.equal(session.addAttachment(small('x'.repeat(4000))), undefined);
			assert.equal(session.estimate('question', 0).tokens - before >= 1000, true, 'the attachment is in the estimate');
			for (let i = 1; i < contextLimits.maxItems; i++) {
				assert.equal(session.addAttachment(small('y')), undefined);
			}
			assert.match(session.addAttachment(small('z')) ?? '', /at most 8 items/);
			chipIds.push(...session.state().attachments.map(a => a.id));
			assert.equal(chipIds.length, contextLimits.maxItems);
			assert.match(session.state().attachments[0].size ?? '', /^3\.9 KB · ~1k tokens$/);
			for (const id of chipIds.slice(1)) {
				session.removeAttachment(id);
			}
			const over = session.estimate('q'.repeat(4 * vscode.workspace.getConfiguration('aipass').get<number>('chat.maxContextTokens', 32_000)), 0);
			assert.equal(over.over, true, 'a question over aipass.chat.maxContextTokens is flagged');
			assert.equal(session.estimate('short', 0).over, false);
			const big = 'w'.repeat(contextLimits.maxItemBytes);
			assert.equal(session.addAttachment(small(big)), undefined);
			assert.match(session.addAttachment(small(big)) ?? '', /would be larger than 512 KB together/);
		} finally {
			for (const chip of session.state().attachments) {
				session.removeAttachment(chip.id);
			}
		}
	});
});

