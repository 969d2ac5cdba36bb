/**
 * Apply and Edit Selection in the real VS Code web workbench (real Chromium), driven like a person:
 * the chat's Apply button, the diff editor's Accept / Reject in its title bar, the keyboard for Undo and
 * Save. The files are read from disk after File: Save, so what is checked is what the user would keep.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { Workbench } from '../host/workbench';
import { openSignedInChat } from './chatViewFrame';
import { answer, showNotifications } from './quickInput';
import { waitUntil } from './waitUntil';

const original = [
	'export function add(a: number, b: number): number {',
	'\treturn a - b;',
	'}',
	'',
	'export function twice(x: number): number {',
	'\treturn x * 2;',
	'}',
	'',
].join('\n');

describe('e2e: Apply and Edit Selection with diff review', function () {
	this.timeout(240_000);
	let workbench: Workbench;
	let view: FrameLocator;
	let file = '';

	const diffEditor = () => workbench.page.locator('.monaco-diff-editor').first();
	/** What the diff editor shows (side by side or inline, as its width decides). */
	const diffText = async () => (await diffEditor().innerText()).replace(/\u00a0/g, ' ');
	const titleAction = (label: string) => workbench.page.locator(`.editor-actions .action-label[aria-label^="${label}"]`).first();
	const proposalTabs = () => workbench.page.locator('.tabs-container .tab', { hasText: 'AI Pass proposal' });
	const onDisk = (name: string) => readFileSync(path.join(workbench.server.workspaceDir, name), 'utf8');

	/** Writes the file, opens it with Go to File and selects the text of line 2 (without its indentation). */
	const openAndSelectLine2 = async (name: string, text: string): Promise<void> => {
		const { page, server } = workbench;
		mkdirSync(path.dirname(path.join(server.workspaceDir, name)), { recursive: true });
		writeFileSync(path.join(server.workspaceDir, name), text);
		await workbench.runCommand('Go to File...');
		const input = page.locator('.quick-input-widget input');
		// An absolute path is looked up directly (no file search index that may not have seen the new file yet).
		await input.fill(path.join(server.workspaceDir, name));
		await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(name) }).first().waitFor({ timeout: 30_000 });
		await input.press('Enter');
		await page.locator('.tabs-container .tab.active', { hasText: path.basename(name) }).waitFor({ timeout: 30_000 });
		await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
		await page.keyboard.press('Control+g');
		// Go to Line: a quick input whose value starts with ':'.
		const goTo = page.locator('.quick-input-widget input');
		await waitUntil('Go to Line', async () => (await goTo.inputValue()).startsWith(':'));
		await goTo.fill(':2');
		await goTo.press('Enter');
		await goTo.waitFor({ state: 'hidden', timeout: 30_000 });
		await page.keyboard.press('Home');
		await page.keyboard.press('Shift+End');
		await page.locator('.editor-instance .monaco-editor .selected-text').first().waitFor({ timeout: 30_000 });
	};

	/** Attaches the selection, asks, and presses Apply on the answer's only code block. */
	const askAndApply = async (reply: string): Promise<void> => {
		const { emulator } = workbench;
		await emulator.admin.setChatReply({ content: reply, once: true });
		const answers = await view.locator('.message.assistant').count();
		const input = view.locator('textarea.input');
		await input.fill('Fix this, please.');
		await input.press('Enter');
		await waitUntil('the new answer', async () => (await view.locator('.message.assistant').count()) > answers);
		const last = view.locator('.message.assistant').last();
		await waitUntil('the answer to finish', async () => (await last.getAttribute('aria-busy')) === 'false');
		await last.locator('button[data-action="applyCode"]').click();
		await diffEditor().waitFor({ timeout: 60_000 });
	};

	const attachSelection = async (): Promise<void> => {
		await workbench.runCommand('AI Pass: Attach Selection to Chat');
		await view.locator('.composer-chips .chip', { hasText: `${path.basename(file)}:2-2` }).waitFor({ timeout: 30_000 });
	};

	/** Accept, then the state Accept ends in: the diff closed and the target's own editor active. */
	const accept = async (name: string): Promise<void> => {
		await titleAction('Accept Proposed Change').click();
		await proposalTabs().first().waitFor({ state: 'detached', timeout: 30_000 });
		await workbench.page.locator('.tabs-container .tab.active', { hasText: path.basename(name) }).filter({ hasNotText: 'proposal' }).waitFor({ timeout: 30_000 });
	};

	/** File: Save, then the file on disk is `expected` (auto save may have written it already). */
	const saveAndRead = async (expected: string): Promise<void> => {
		await workbench.runCommand('File: Save');
		await workbench.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 30_000 });
		await waitUntil('the saved file', async () => onDisk(file) === expected, 30_000).catch(() => undefined);
		assert.equal(onDisk(file), expected);
	};

	before(async () => {
		({ workbench, view } = await openSignedInChat());
	});

	beforeEach(async () => {
		file = `src/calc${Date.now() % 100000}.ts`;
		await workbench.emulator.admin.setConfig({ chunkDelayMs: 0 });
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await workbench?.page.screenshot({ path: `out/e2e-apply-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png` });
		}
		await workbench?.runCommand('View: Close All Editors');
	});

	after(async () => {
		await workbench?.close();
	});

	it('Apply on a block for the attached selection: the diff shows it, Accept writes it exactly, one Undo restores the file', async () => {
		const { page } = workbench;
		await openAndSelectLine2(file, original);
		await attachSelection();
		await askAndApply('Use a plus:\n\n```ts\nreturn a + b;\n```\n');
		await proposalTabs().first().waitFor({ timeout: 30_000 });
		await waitUntil('the proposal in the diff', async () => (await diffText()).includes('return a + b;'));
		await page.screenshot({ path: 'out/e2e-apply-diff.png' });
		await accept(file);
		await saveAndRead(original.replace('\treturn a - b;', '\treturn a + b;'));
		await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+z');
		await waitUntil('the editor to show the undone text', async () => (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ').includes('return a - b;'));
		await workbench.runCommand('File: Save');
		await waitUntil('one Undo to bring the whole file back, on disk', async () => onDisk(file) === original);
	});

	it('Reject leaves the file untouched', async () => {
		await openAndSelectLine2(file, original);
		await attachSelection();
		await askAndApply('```ts\nreturn 0;\n```');
		await titleAction('Reject Proposed Change').click();
		await proposalTabs().first().waitFor({ state: 'detached', timeout: 30_000 });
		assert.equal(onDisk(file), original);
		assert.equal(await workbench.page.locator('.tabs-container .tab.dirty').count(), 0, 'no editor has unsaved changes');
	});

	it('a file edited after the proposal was made is refused, and Propose Again makes a fresh one', async () => {
		const { page, server } = workbench;
		await openAndSelectLine2(file, original);
		await attachSelection();
		await askAndApply('```ts\nreturn a + b;\n```');
		const edited = original.replace('x * 2', 'x + x');
		writeFileSync(path.join(server.workspaceDir, file), edited);
		await waitUntil('the edit to reach the open document', async () => (await diffText()).includes('x + x'));
		await titleAction('Accept Proposed Change').click();
		await showNotifications(page);
		const item = page.locator('.notifications-center .notification-list-item', { hasText: 'changed after the proposal was made' });
		await item.waitFor({ timeout: 30_000 });
		assert.equal(onDisk(file), edited, 'nothing was applied');
		await item.locator('.monaco-button', { hasText: 'Propose Again' }).click();
		await proposalTabs().first().waitFor({ timeout: 30_000 });
		await workbench.settle();
		await accept(file);
		await saveAndRead(edited.replace('\treturn a - b;', '\treturn a + b;'));
	});

	it('a block that names a new path creates the file on Accept', async () => {
		const created = `src/new${Date.now() % 100000}/hello.ts`;
		await askAndApply(`Create it:\n\n\`\`\`ts ${created}\nexport const hello = 'world';\n\`\`\`\n`);
		await workbench.page.locator('.tabs-container .tab', { hasText: 'new file' }).first().waitFor({ timeout: 30_000 });
		assert.equal(existsSync(path.join(workbench.server.workspaceDir, created)), false, 'nothing exists before Accept');
		await accept(created);
		await waitUntil('the new file on disk', async () => existsSync(path.join(workbench.server.workspaceDir, created)) && onDisk(created).length > 0);
		assert.equal(onDisk(created), "export const hello = 'world';\n");
	});

	it('Edit Selection: instruction, streamed rewrite, diff review, Accept', async () => {
		const { emulator, page } = workbench;
		await openAndSelectLine2(file, original);
		await emulator.admin.setChatReply({ content: '```ts\nreturn b + a;\n```', once: true });
		await workbench.runCommand('AI Pass: Edit Selection with AI Pass');
		await answer(page, 'Edit with AI Pass', 'swap the operands and add');
		await diffEditor().waitFor({ timeout: 60_000 });
		const bodies = (await emulator.admin.requests({ path: '/chat/completions' })).map(e => JSON.stringify(e.body));
		assert.ok(bodies.at(-1)?.includes('swap the operands and add') && bodies.at(-1)?.includes('return a - b;'), 'the instruction and the selection were sent');
		await accept(file);
		await saveAndRead(original.replace('\treturn a - b;', '\treturn b + a;'));
	});

	it('Edit Selection cancelled mid-stream leaves the file untouched and opens no diff', async () => {
		const { emulator, page } = workbench;
		await openAndSelectLine2(file, original);
		await emulator.admin.setConfig({ chunkDelayMs: 250 });
		const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
		await emulator.admin.setChatReply({ content: `\`\`\`ts\nreturn ${words};\n\`\`\``, once: true });
		await workbench.runCommand('AI Pass: Edit Selection with AI Pass');
		await answer(page, 'Edit with AI Pass', 'make it long');
		await showNotifications(page);
		const progress = page.locator('.notifications-center .notification-list-item', { hasText: 'AI Pass is editing' });
		await progress.waitFor({ timeout: 30_000 });
		await waitUntil('some of the rewrite to arrive', async () => /\d+ lines written/.test(await progress.innerText()));
		await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
		await progress.waitFor({ state: 'detached', timeout: 30_000 });
		// Something that surely happens after the cancellation is handled: a diff would be open by then.
		await workbench.runCommand('View: Show Explorer');
		await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
		assert.equal(await proposalTabs().count(), 0, 'no proposal was opened');
		assert.equal(onDisk(file), original);
		assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, 'the editor has no unsaved changes');
	});
});
