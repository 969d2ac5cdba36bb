/**
 * `@` context in the chat composer, in the real VS Code web workbench (real Chromium), typed like a person:
 * `@` + part of a file name opens the host's list, the keyboard (or the mouse) chooses, the chip shows its
 * size, the token estimate grows, and the emulator's request log shows what reached the model.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { Workbench } from '../host/workbench';
import { chatFrame, openSignedInChat } from './chatViewFrame';
import { waitUntil } from './waitUntil';

const marker = 'AT_CONTEXT_MARKER_7f3a';
const sessionSource = [
	`// ${marker}`,
	'export class ChatSession {',
	...Array.from({ length: 120 }, (_, i) => `\tstep${i}(): number { return ${i} * 2; }`),
	'}',
	'',
].join('\n');
const secretMarker = 'REMOVED_CHIP_MARKER_91c';
const hostileName = '<img src=x onerror="window.__atXss=1">.md';

describe('e2e: @ context in the chat composer (real workbench)', function () {
	this.timeout(240_000);
	let workbench: Workbench;
	let view: FrameLocator;

	const input = () => view.locator('textarea.input');
	const list = () => view.locator('.context-list[role="listbox"]');
	const chips = () => view.locator('.composer-chips .chip');
	const estimate = async (): Promise<number> => Number(await view.locator('.token-estimate').getAttribute('data-tokens'));
	/** The last chat request's messages as one text. */
	const lastRequestText = async (): Promise<string> => {
		const bodies = await workbench.emulator.admin.requests({ path: '/chat/completions' });
		const last = bodies.at(-1)?.body as { messages: { content: unknown }[] } | undefined;
		assert.ok(last, 'a chat request was sent');
		return last.messages.map(m => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
	};
	const sendAndWait = async (): Promise<void> => {
		const answers = await view.locator('.message.assistant').count();
		await input().press('Enter');
		await waitUntil('the new answer', async () => (await view.locator('.message.assistant').count()) > answers);
		await waitUntil('the answer to finish', async () => (await view.locator('.message.assistant').last().getAttribute('aria-busy')) === 'false');
	};

	before(async () => {
		({ workbench, view } = await openSignedInChat());
		const root = workbench.server.workspaceDir;
		mkdirSync(path.join(root, 'src'), { recursive: true });
		mkdirSync(path.join(root, 'notes'), { recursive: true });
		writeFileSync(path.join(root, 'src', 'chatSession.ts'), sessionSource);
		writeFileSync(path.join(root, 'src', 'chatController.ts'), 'export const controller = 1;\n');
		writeFileSync(path.join(root, 'notes', 'secretPlan.md'), `# Plan\n${secretMarker}\n`);
		writeFileSync(path.join(root, 'huge.log'), 'x'.repeat(300 * 1024));
		writeFileSync(path.join(root, 'large.txt'), 'y'.repeat(200 * 1024));
		writeFileSync(path.join(root, 'notes', hostileName), 'hostile\n');
		await waitUntil('a first token estimate', async () => (await view.locator('.token-estimate').getAttribute('data-tokens')) !== null);
	});

	// Each test starts from an empty composer: no text, no chip, no open list, nothing left in the workbench.
	beforeEach(async () => {
		await workbench.settle();
		await input().fill('');
		while ((await chips().count()) > 0) {
			const count = await chips().count();
			await chips().first().locator('button.chip-remove').click();
			await waitUntil('a chip to go', async () => (await chips().count()) < count);
		}
		await list().waitFor({ state: 'hidden', timeout: 10_000 });
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await workbench?.page.screenshot({ path: `out/e2e-at-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png` });
		}
	});

	after(async () => {
		await workbench?.close();
	});

	it('@ + part of a file name, chosen with the keyboard, becomes a sized chip whose text the model receives', async () => {
		await workbench.emulator.admin.clearRequests();
		await input().click();
		await input().pressSequentially('Explain @chatSes');
		const first = list().locator('[role="option"]').first();
		await waitUntil('the list to offer chatSession.ts first', async () => (await list().isVisible()) && ((await first.textContent()) ?? '').includes('chatSession.ts'));
		assert.equal(await first.getAttribute('aria-selected'), 'true');
		assert.equal(await input().getAttribute('aria-activedescendant'), await first.getAttribute('id'), 'the message box points at the active option');
		assert.equal(await input().getAttribute('aria-expanded'), 'true');
		const before = await estimate();
		await view.locator('body').screenshot({ path: 'out/e2e-at-list.png' });

		await input().press('Enter');
		const chip = chips().filter({ hasText: 'chatSession.ts' });
		await chip.waitFor({ timeout: 30_000 });
		assert.equal(await list().isVisible(), false, 'the list closed');
		assert.equal(await input().inputValue(), 'Explain ', 'the @query left the message box');
		assert.equal(await chip.locator('.chip-label').textContent(), 'src/chatSession.ts', 'workspace-relative, never absolute');
		assert.match((await chip.locator('.chip-size').textContent()) ?? '', /^\d+(\.\d)? KB · ~\d+(\.\d)?k? tokens$/);
		const fileTokens = Math.ceil(sessionSource.length / 4);
		await waitUntil('the estimate to include the file', async () => (await estimate()) >= before + fileTokens);
		await view.locator('.composer').screenshot({ path: 'out/e2e-at-chip.png' });

		await sendAndWait();
		const sent = await lastRequestText();
		assert.ok(sent.includes(marker), 'the file text reached the model');
		assert.ok(sent.includes('src/chatSession.ts'), 'named by its workspace-relative path');
		assert.ok(!sent.includes(workbench.server.workspaceDir), 'no absolute path');
		assert.equal(await chips().count(), 0, 'chips go with the question sent');
	});

	it('a chip chosen with the mouse and removed again is not sent', async () => {
		await workbench.emulator.admin.clearRequests();
		await input().click();
		await input().pressSequentially('What is the plan? @secretP');
		const option = list().locator('[role="option"]', { hasText: 'secretPlan.md' });
		await option.waitFor({ timeout: 30_000 });
		await option.click();
		const chip = chips().filter({ hasText: 'secretPlan.md' });
		await chip.waitFor({ timeout: 30_000 });
		await chip.locator('button.chip-remove').click();
		await waitUntil('the chip to go', async () => (await chips().count()) === 0);
		await sendAndWait();
		assert.ok(!(await lastRequestText()).includes(secretMarker), 'a removed chip is not sent');
	});

	it('Escape closes the list and keeps the text; Up/Down move; the @ button offers @selection and @problems', async () => {
		await input().fill('');
		await input().click();
		await input().pressSequentially('compare @chat');
		await waitUntil('two chat files listed', async () => (await list().locator('[role="option"]').count()) >= 2);
		const options = list().locator('[role="option"]');
		await input().press('ArrowDown');
		assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
		await input().press('ArrowUp');
		assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
		await input().press('Escape');
		await list().waitFor({ state: 'hidden', timeout: 10_000 });
		assert.equal(await input().inputValue(), 'compare @chat', 'Escape keeps the text');

		await input().fill('');
		await view.locator('button.attach-context').click(); // the @ button opens the same list
		assert.equal(await input().inputValue(), '@');
		await waitUntil('@selection and @problems', async () => {
			const labels = await list().locator('.context-option-label').allTextContents();
			return labels.includes('@selection') && labels.includes('@problems');
		});
		await input().press('Escape');
		await input().fill('');
	});

	it('a hostile file name is shown as text in the list and on the chip, never as markup', async () => {
		await input().click();
		await input().pressSequentially('@onerror');
		const option = list().locator('[role="option"]', { hasText: hostileName });
		await option.waitFor({ timeout: 30_000 });
		assert.equal(await option.locator('.context-option-label').textContent(), hostileName);
		await input().press('Enter');
		const chip = chips().filter({ hasText: hostileName });
		await chip.waitFor({ timeout: 30_000 });
		assert.equal(await chip.locator('.chip-label').textContent(), `notes/${hostileName}`);
		assert.equal(await view.locator('.composer img').count(), 0, 'no element made from the name');
		const frame = await chatFrame(workbench.page);
		assert.equal(await frame.evaluate('window.__atXss'), undefined);
		await chip.locator('button.chip-remove').click();
		await waitUntil('the chip to go', async () => (await chips().count()) === 0);
	});

	it('a file over the size limit is not attached, and the composer says why', async () => {
		await input().click();
		await input().pressSequentially('@huge.l');
		const option = list().locator('[role="option"]', { hasText: 'huge.log' });
		await option.waitFor({ timeout: 30_000 });
		await input().press('Tab');
		await view.locator('.composer .notice', { hasText: 'huge.log is larger than 256 KB' }).waitFor({ timeout: 30_000 });
		assert.equal(await chips().count(), 0);
		await input().fill('');
	});

	it('the estimate turns into a warning when the question is over aipass.chat.maxContextTokens (32,000)', async () => {
		const estimateElement = view.locator('.token-estimate');
		assert.equal(await estimateElement.evaluate(e => e.classList.contains('over')), false);
		await input().click();
		await input().pressSequentially('@large.t');
		await list().locator('[role="option"]', { hasText: 'large.txt' }).waitFor({ timeout: 30_000 });
		await input().press('Enter');
		const chip = chips().filter({ hasText: 'large.txt' });
		await chip.waitFor({ timeout: 30_000 });
		await waitUntil('the warning style', async () => estimateElement.evaluate(e => e.classList.contains('over')));
		assert.ok((await estimate()) > 32_000);
		assert.match((await estimateElement.getAttribute('title')) ?? '', /more than aipass\.chat\.maxContextTokens \(32,000\)/);
		const frame = await chatFrame(workbench.page);
		const colour = await frame.evaluate<string>("getComputedStyle(document.querySelector('.token-estimate')).color");
		const normal = await frame.evaluate<string>("getComputedStyle(document.querySelector('.toolbar')).color");
		assert.notEqual(colour, normal, 'a theme warning colour');
		await view.locator('.composer').screenshot({ path: 'out/e2e-at-over.png' });
		await chip.locator('button.chip-remove').click();
		await waitUntil('the warning to go', async () => !(await estimateElement.evaluate(e => e.classList.contains('over'))));
	});
});
