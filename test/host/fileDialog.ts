import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Picks `file` in VS Code's own file dialog of the web workbench (a quick input holding a path). The dialog
 * fills in its folder asynchronously, sometimes after we typed: type until the value stays and the folder
 * listing shows the file, then accept.
 */
export async function chooseInFileDialog(page: Page, file: string): Promise<void> {
	const input = page.locator('.quick-input-widget input');
	const listed = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) });
	const deadline = Date.now() + 30_000;
	while (!(await input.inputValue()).startsWith('/')) {
		if (Date.now() > deadline) {
			throw new Error('the file dialog never showed a folder');
		}
		await page.waitForTimeout(100);
	}
	while (!((await input.inputValue()) === file && await listed.isVisible())) {
		if (Date.now() > deadline) {
			throw new Error(`the file dialog never settled on ${file}`);
		}
		if ((await input.inputValue()) !== file) {
			await input.fill(file);
		}
		await page.waitForTimeout(100);
	}
	await input.press('Enter');
}
