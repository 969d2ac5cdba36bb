import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { openWorkbench, type Workbench } from '../host/workbench';
import { answer, showNotifications } from './quickInput';

/**
 * A cloned repository names files and folders so that a notification built from them would carry a
 * `[label](command:…)` link (VS Code renders it as a link that runs the command). The extension must
 * show the name as text: no link in the real notification, and clicking it opens nothing.
 */
const hostileImage = '[x](command:workbench.action.openSettings).png';
const hostileFolder = '[y](command:workbench.action.openSettings)';

/** The notification's message with the invisible word joiners the helper adds taken out. */
async function visibleText(item: Locator): Promise<string> {
	return (await item.locator('.notification-list-item-message').innerText()).replace(/\u2060/g, '');
}

describe('e2e: hostile file and folder names in notifications', function () {
	this.timeout(240_000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench({ settings: { 'aipass.media.outputFolder': hostileFolder } });
		await workbench.signIn();
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await workbench.page.screenshot({ path: `out/e2e-hostile-failed-${Date.now()}.png` });
		}
	});

	after(async () => {
		await workbench?.close();
	});

	async function assertNoLinkAndClickRunsNothing(item: Locator, name: string): Promise<void> {
		const { page } = workbench;
		assert.ok((await visibleText(item)).includes(name), `the name is shown as it is: ${await visibleText(item)}`);
		assert.equal(await item.locator('.notification-list-item-message a').count(), 0, 'no link in the message');
		await item.locator('.notification-list-item-message').click();
		// Something that surely happens after the click is handled: then the command would have run too.
		await workbench.runCommand('View: Show Explorer');
		await page.locator('.explorer-folders-view').waitFor({ timeout: 30_000 });
		assert.equal(await page.locator('.settings-editor').count(), 0, 'the Settings editor did not open');
		assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Settings' }).count(), 0);
	}

	it('Analyze Image on a file named with a command link: the error names the file, with no link to click', async () => {
		const { page, server } = workbench;
		writeFileSync(path.join(server.workspaceDir, hostileImage), new Uint8Array(0));
		await workbench.runCommand('View: Show Explorer');
		const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: hostileImage });
		await row.waitFor({ timeout: 30_000 });
		await row.click({ button: 'right' });
		await page.locator('.monaco-menu .action-label', { hasText: 'Analyze Image…' }).hover();
		await page.locator('.monaco-menu .action-item.focused', { hasText: 'Analyze Image…' }).waitFor({ timeout: 10_000 });
		await page.keyboard.press('Enter');
		// An empty file is refused before any question: straight to the error notification.
		await showNotifications(page);
		const item = page.locator('.notifications-center .notification-list-item', { hasText: 'is empty (0 bytes).' });
		await item.waitFor({ timeout: 60_000 });
		await page.screenshot({ path: 'out/e2e-hostile-image-name.png' });
		await assertNoLinkAndClickRunsNothing(item, `${hostileImage} is empty (0 bytes).`);
	});

	it('Generate Image into an output folder named with a command link: "Saved the image in …" has no link', async () => {
		const { page, server } = workbench;
		await workbench.runCommand('AI Pass: Generate Image…');
		await answer(page, 'Generate Image', 'a hostile folder');
		await answer(page, 'AI Pass model for image generation', 'nano-banana-2');
		await answer(page, 'Image size');
		await answer(page, 'How many images?');
		await showNotifications(page);
		const item = page.locator('.notifications-center .notification-list-item', { hasText: 'Saved the image in' });
		await item.waitFor({ timeout: 60_000 });
		const folder = path.join(server.workspaceDir, hostileFolder);
		assert.ok(existsSync(folder) && readdirSync(folder).some(name => name.startsWith('a-hostile-folder-')), 'saved in the folder the setting names');
		await page.screenshot({ path: 'out/e2e-hostile-folder-name.png' });
		await assertNoLinkAndClickRunsNothing(item, `Saved the image in ${hostileFolder}.`);
	});
});
