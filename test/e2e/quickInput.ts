import type { Page } from 'playwright-core';

/** Waits for the quick input titled `title`, then types `text` (if any) and presses Enter. */
export async function answer(page: Page, title: string, text?: string): Promise<void> {
	const titled = page.locator('.quick-input-widget .quick-input-title', { hasText: title });
	await titled.waitFor({ timeout: 30_000 });
	const input = page.locator('.quick-input-widget input');
	if (text !== undefined) {
		await input.fill(text);
	}
	await input.press('Enter');
	// The next step reuses the widget: wait until this question is gone before anyone types again.
	await page.locator('.quick-input-widget', { has: titled }).waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => titled.waitFor({ state: 'detached', timeout: 30_000 }));
}

/** The workbench runs with the smoke-test driver, which shows no toasts: open the notification center instead. */
export async function showNotifications(page: Page): Promise<void> {
	if (!(await page.locator('.notifications-center.visible').isVisible())) {
		await page.locator('[id="status.notifications"]').click();
	}
	await page.locator('.notifications-center.visible').waitFor({ timeout: 30_000 });
}
