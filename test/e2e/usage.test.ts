/**
 * Cost in the real VS Code web workbench: an answer's footer shows what AI Pass debited, and the usage
 * panel renders its charts in the dark default theme (screenshot for the README).
 */
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { openWorkbench, type Workbench } from '../host/workbench';
import { waitUntil } from './waitUntil';

const webviews = 'iframe.webview[src*="extensionId=aipass.aipass-vscode"]';

/** The inner frame of the extension's webview whose page has `selector`. */
async function webviewWith(page: Page, selector: string): Promise<Frame> {
	return waitUntil(`a webview with ${selector}`, async () => {
		for (const handle of await page.locator(webviews).elementHandles()) {
			const outer = await handle.contentFrame();
			const inner = await (await outer?.$('iframe#active-frame'))?.contentFrame();
			if (inner && await inner.$(selector)) {
				return inner;
			}
		}
		return undefined;
	});
}

describe('e2e: what answers cost, and the usage panel', function () {
	this.timeout(240_000);
	let workbench: Workbench;

	before(async () => {
		// The README's screenshot shows the panel in the dark default theme.
		workbench = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
		await workbench.signIn();
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await workbench?.page.screenshot({ path: `out/e2e-usage-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png` });
			// Which webview frames existed (a panel whose content never loaded shows up here).
			console.log(workbench?.page.frames().map(frame => frame.url().slice(0, 160)).join('\n'));
		}
	});

	after(async () => {
		await workbench?.close();
	});

	it('an answer\'s footer shows exactly what AI Pass debited; the usage panel charts it', async () => {
		const { page, emulator } = workbench;
		await emulator.admin.setPrice({ model: 'gpt-5-mini', perRequest: 0.003, inputPerToken: 0.00002, outputPerToken: 0.00006 });
		await emulator.admin.setChatReply({ content: 'A charge is read from your AI Pass usage right after the answer settles, so it is exact.' });
		await workbench.runCommand('AI Pass: Open Chat');
		const chat = await webviewWith(page, 'textarea.input');
		const before = (await emulator.admin.getBudget()).totalCost;
		await chat.locator('textarea.input').fill('What did this answer cost?');
		await chat.locator('textarea.input').press('Enter');
		const footer = chat.locator('.message.assistant .message-cost').last();
		await footer.waitFor({ timeout: 60_000 });
		const debited = Math.round(((await emulator.admin.getBudget()).totalCost - before) * 10_000) / 10_000;
		const text = (await footer.textContent()) ?? '';
		assert.match(text, /^\$0\.\d{4} · [\d,]+ tokens$/);
		assert.equal(text.split(' · ')[0], `$${debited.toFixed(4)}`, 'exactly what the emulator debited');
		assert.equal(await chat.locator('.conversation-total').textContent(), `Conversation total: $${debited.toFixed(4)}`);

		// A second answer from another model, so the chart has more than one model.
		await emulator.admin.setPrice({ model: 'claude-haiku-4-5', perRequest: 0.001, inputPerToken: 0.00001, outputPerToken: 0.00002 });
		// The chat's VS Code-styled model picker (a combobox with a listbox, no native <select>).
		await chat.getByRole('combobox', { name: 'Model' }).click();
		await chat.getByRole('option', { name: 'claude-haiku-4-5' }).click();
		await chat.locator('textarea.input').fill('And with Claude Haiku?');
		await chat.locator('textarea.input').press('Enter');
		await waitUntil('the second answer\'s charge', async () => (await chat.locator('.message.assistant .message-cost').count()) === 2);

		await workbench.runCommand('AI Pass: Show Usage and Spending');
		const usage = await webviewWith(page, 'main.usage');
		await usage.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
		assert.equal(await usage.locator('h1').textContent(), 'AI Pass Usage');
		assert.equal(await usage.locator('svg.chart rect.bar').count(), 30, 'one bar per day');
		const spentToday = Math.round(((await emulator.admin.getBudget()).totalCost - before) * 10_000) / 10_000;
		assert.equal(await usage.locator('.figure-value').first().textContent(), `$${spentToday.toFixed(4)}`, 'spent today');
		assert.ok(await usage.locator('.tone-model .bar-label', { hasText: 'gpt-5-mini' }).count() === 1);
		assert.ok(await usage.locator('.tone-model .bar-label', { hasText: 'claude-haiku-4-5' }).count() === 1);
		assert.ok(await usage.locator('.tone-feature .bar-label', { hasText: 'Chat view' }).count() === 1);
		assert.equal(await usage.locator('table.data').count(), 4, 'a table alternative for every chart');
		// The chat view closed so the panel has the room a reader would give it.
		await workbench.runCommand('View: Close Primary Side Bar');
		await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 30_000 });
		await page.locator('.part.editor').screenshot({ path: 'media/screenshots/usage.png' });
	});
});
