/**
 * The extension in the browser's own web worker extension host (package.json#browser), as vscode.dev and
 * github.dev run it, in the real VS Code web workbench: sign in by clicking through the consent page, ask
 * in the chat view, see the budget in the status bar. Every call to AI Pass is a real cross-origin
 * request from the worker, so the emulator's CORS answers (preflights included) are exercised for real.
 */
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { formatUsd } from '../../src/platform/costFormat';
import { openWorkbench, type Workbench } from '../host/workbench';
import { waitUntil } from './waitUntil';

describe('e2e: VS Code for the Web, extension in the browser\'s web worker host', function () {
	this.timeout(240_000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench({ webWorker: true });
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await workbench?.page.screenshot({ path: 'out/e2e-web-worker-failed.png' });
		}
	});

	after(async () => {
		await workbench?.close();
	});

	it('signs in through the consent page, streams an answer and shows the budget', async () => {
		const { page, context, emulator, server } = workbench;
		const budgetItem = (text: string) => page.locator('.statusbar-item', { hasText: text }).first();

		// Sign in as a person would: the palette, then Allow on AI Pass's page in the tab VS Code opens.
		const popup = context.waitForEvent('page', { timeout: 60_000 });
		await workbench.runCommand('AI Pass: Sign In');
		const consent = await popup;
		await consent.waitForLoadState('domcontentloaded');
		assert.match(consent.url(), /^https:\/\/127\.0\.0\.2:\d+\/oauth2\/authorize\?/);
		await consent.locator('#allow').click();
		await waitUntil('the token exchange', async () => (await emulator.admin.requests({ path: '/oauth2/userinfo' })).some(e => e.status === 200));
		await consent.close();
		await page.bringToFront();
		await workbench.waitForAccount('ada@example.com (AI Pass)');
		await page.keyboard.press('Escape');

		// The budget status bar item, with what the service says is left.
		const before = await emulator.admin.getBudget();
		await budgetItem(formatUsd(before.remainingBudget)).waitFor({ timeout: 60_000 });

		// Ask in the chat view and watch the answer arrive.
		const reply = 'Hello from AI Pass, streamed into VS Code for the Web, one chunk after another.';
		await emulator.admin.setConfig({ chunkDelayMs: 30 });
		await emulator.admin.setChatReply({ content: reply, once: true });
		await workbench.runCommand('AI Pass: Open Chat');
		const view: FrameLocator = page.frameLocator('iframe.webview[src*="extensionId=aipass.aipass-vscode"]').frameLocator('iframe#active-frame');
		const input = view.locator('textarea.input');
		await input.waitFor({ timeout: 60_000 });
		await input.fill('Say hello');
		await input.press('Enter');
		const answer = view.locator('.message.assistant').last();
		await waitUntil('the answer to finish', async () => (await answer.getAttribute('aria-busy')) === 'false');
		assert.equal(((await answer.locator('.markdown').textContent()) ?? '').trim(), reply);

		// The paid call settled: the status bar follows the service's new figure.
		const after = await waitUntil('the charge to be booked', async () => {
			const budget = await emulator.admin.getBudget();
			return budget.remainingBudget < before.remainingBudget ? budget : undefined;
		});
		await budgetItem(formatUsd(after.remainingBudget)).waitFor({ timeout: 60_000 });
		await page.screenshot({ path: 'out/e2e-web-worker.png' });

		// Proof of the host: the calls came cross-origin from the workbench's page (the Node host sends no
		// Origin), so each bearer call passed the emulator's CORS preflight first.
		const [chat] = await emulator.admin.requests({ path: '/chat/completions' });
		assert.equal(chat?.headers.origin, server.origin);
		assert.match(chat?.headers.authorization ?? '', /^Bearer /);
		const [summary] = await emulator.admin.requests({ path: '/api/v1/usage/me/summary' });
		assert.equal(summary?.headers.origin, server.origin);
	});
});
