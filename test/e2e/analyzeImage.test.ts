import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chooseInFileDialog } from '../host/fileDialog';
import { openWorkbench, type Workbench } from '../host/workbench';
import { photo, pngOf } from '../unit/vision/fixtures';

async function waitForQuickInput(page: Page, title: string): Promise<void> {
	await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
}

/** The Markdown preview renders inside nested webview iframes; finds `text` in any frame. */
async function waitForPreviewText(page: Page, text: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		for (const frame of page.frames()) {
			if (await frame.locator('body', { hasText: text }).count().catch(() => 0)) {
				return;
			}
		}
		if (Date.now() > deadline) {
			throw new Error(`no frame shows "${text}"`);
		}
		await page.waitForTimeout(250);
	}
}

describe('e2e: Analyze Image from the command palette and the Explorer', function () {
	this.timeout(240_000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench();
		await workbench.signIn();
	});

	after(async () => {
		await workbench?.close();
	});

	it('palette → file dialog → Receipt → JSON: the preview shows the receipt and Copy JSON is offered', async () => {
		const { page, server, emulator } = workbench;
		const file = path.join(server.workspaceDir, 'receipt.png');
		writeFileSync(file, pngOf(photo(360, 480), { rgb: true }));
		const receipt = { amount: 18.4, currency: 'USD', date: '2025-05-30', merchant: 'Corner Café', category: 'restaurant', confidence: 0.91 };
		await emulator.admin.setChatReply({ content: `\`\`\`json\n${JSON.stringify(receipt)}\n\`\`\``, once: true });

		await workbench.runCommand('AI Pass: Analyze Image…');
		// In the browser the clipboard is read only on request (it asks for permission), so the source comes first.
		await waitForQuickInput(page, 'Analyze Image');
		assert.equal(await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Image from the clipboard…' }).count(), 1);
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Choose an image file…' }).click();
		// VS Code's own file dialog in the browser: a quick input holding a path.
		await chooseInFileDialog(page, file);
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Receipt → JSON' }).click({ timeout: 30_000 });

		await waitForPreviewText(page, '"merchant": "Corner Café"');
		await workbench.runCommand('Notifications: Show Notifications');
		const notification = page.locator('.notifications-center .notification-list-item', { hasText: 'Receipt data extracted from receipt.png.' });
		await notification.waitFor({ timeout: 30_000 });
		assert.equal(await notification.locator('.monaco-button', { hasText: 'Copy JSON' }).count(), 1);
		await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
		await page.screenshot({ path: 'out/e2e-analyze-image.png' });
		await page.keyboard.press('Escape');
		const [request] = await emulator.admin.requests({ path: '/chat/completions' });
		assert.equal(request.images?.[0]?.declaredMime, 'image/png');
	});

	it('Explorer context menu of an image file → Describe', async () => {
		const { page, server, emulator } = workbench;
		writeFileSync(path.join(server.workspaceDir, 'diagram.png'), pngOf(photo(200, 120), { rgb: true }));
		await emulator.admin.clearRequests();
		await workbench.runCommand('View: Show Explorer');
		const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'diagram.png' });
		await row.waitFor({ timeout: 30_000 });
		await row.click({ button: 'right' });
		// A click right after the menu opens can be swallowed (the menu ignores the opening mouse-up): focus the item, press Enter.
		await page.locator('.monaco-menu .action-label', { hasText: 'Analyze Image…' }).hover();
		await page.locator('.monaco-menu .action-item.focused', { hasText: 'Analyze Image…' }).waitFor({ timeout: 10_000 });
		await page.keyboard.press('Enter');
		await waitForQuickInput(page, 'Analyze Image');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Describe' }).first().click();
		await waitForPreviewText(page, 'Echo: Describe this image');
		const [request] = await emulator.admin.requests({ path: '/chat/completions' });
		assert.deepEqual([request.images?.[0]?.width, request.images?.[0]?.height], [200, 120]);
	});
});
