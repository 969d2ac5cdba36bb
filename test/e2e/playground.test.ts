/**
 * The playground (`npm start`) as a person meets it: the built extension installed into a real VS Code
 * server without the smoke-test driver (so toasts show), the emulator in demo mode, a fresh profile.
 * Also makes the README's screenshot: AIPASS_UPDATE_SCREENSHOTS=1 writes media/screenshots/playground.png.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../host/browser';
import { projectRoot } from '../host/hostPaths';
import { startPlayground, type Playground } from '../host/playgroundSetup';

const chatViewSelector = 'iframe.webview[src*="extensionId=aipass.aipass-vscode"]';

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe().catch(() => false))) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

describe('e2e: the playground (npm start)', function () {
	this.timeout(240_000);
	let runDir: string;
	let playground: Playground;
	let browser: Browser;
	let page: Page;

	/** Opens the Accounts menu until it lists an item matching `label` (sessions reach the UI asynchronously); leaves it open. */
	const openAccountsMenuWith = async (label: RegExp): Promise<void> => {
		const item = page.locator('.monaco-menu .action-label', { hasText: label });
		await waitUntil(`the Accounts menu to list ${label}`, async () => {
			await closeMenu();
			await page.locator('[aria-label^="Accounts"]').first().click();
			return item.first().waitFor({ timeout: 1500 }).then(() => true, () => false);
		});
	};

	/** Closes an open context menu (the Accounts menu) and waits until it is gone. */
	const closeMenu = async (): Promise<void> => {
		const menu = page.locator('.context-view .monaco-menu');
		await waitUntil('the menu to close', async () => {
			if (!(await menu.isVisible())) {
				return true;
			}
			await page.keyboard.press('Escape');
			return menu.waitFor({ state: 'hidden', timeout: 1500 }).then(() => true, () => false);
		});
	};

	/** The emulator's sign-in tabs, once they have handed the callback to VS Code. */
	const closeSignInTabs = async (): Promise<void> => {
		for (const other of page.context().pages().filter(p => p !== page)) {
			await other.close();
		}
	};

	before(async () => {
		runDir = mkdtempSync(path.join(os.tmpdir(), 'aipass-playground-e2e-'));
		playground = await startPlayground({ runDir });
		browser = await launchChromium();
		const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
		page = await context.newPage();
		// A person's browser window keeps its focus after the sign-in tab closes; headless Chromium's does not
		// (and VS Code holds toasts back while its window is unfocused), so the page is told it has focus.
		await (await context.newCDPSession(page)).send('Emulation.setFocusEmulationEnabled', { enabled: true });
		await page.goto(playground.url);
		await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
		await page.locator('.statusbar').waitFor({ timeout: 60_000 });
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await page?.screenshot({ path: path.join(projectRoot, 'out', `e2e-playground-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png`) });
		}
	});

	after(async () => {
		await browser?.close();
		await playground?.stop();
		rmSync(runDir, { recursive: true, force: true });
	});

	it('installs the built extension as an ordinary extension, with a seeded workspace outside the repository', async () => {
		assert.deepEqual(readdirSync(playground.server.extensionsDir).filter(name => name.startsWith('aipass.')), ['aipass.aipass-vscode-0.1.0']);
		assert.ok(path.relative(projectRoot, playground.workspaceDir).startsWith('..'), 'the workspace is not inside the repository');
		assert.doesNotMatch(playground.url, /payload=/, 'no development or test payload');
		await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'images' }).waitFor({ timeout: 60_000 });
		await page.locator('.statusbar-item', { hasText: 'Sign in to AI Pass' }).waitFor({ timeout: 60_000 });
	});

	it('a fresh profile: the Accounts menu offers "Sign in with AI Pass", and that entry signs in', async () => {
		await waitUntil('the Accounts badge', async () => /Sign in requested/.test(await page.locator('[aria-label^="Accounts"]').first().getAttribute('aria-label') ?? ''));
		await openAccountsMenuWith(/Sign in with AI Pass/);
		await page.locator('.monaco-menu .action-label', { hasText: /Sign in with AI Pass/ }).first().click();
		await openAccountsMenuWith(/ada@example\.com \(AI Pass\)/);
		await closeSignInTabs();
		assert.equal(await page.locator('.monaco-menu .action-label', { hasText: /Sign in with AI Pass/ }).count(), 0, 'the request is gone once signed in');
		await closeMenu();
	});

	it('shows toasts (no smoke-test driver) and a demo answer with code: the README screenshot', async () => {
		await closeMenu();
		await page.locator('.activitybar [aria-label="AI Pass"]').first().click();
		const view = page.frameLocator(chatViewSelector).frameLocator('iframe#active-frame');
		const input = view.locator('textarea.input');
		await input.waitFor({ timeout: 60_000 });

		// A second sign-in through the command palette ends with the "Signed in" toast.
		// The chat view's iframe has the keyboard focus now; F1 works from the workbench's own document.
		await page.evaluate(() => {
			// Runs in the page (this test's tsconfig has no DOM types).
			const active = (globalThis as unknown as { document: { activeElement: { tagName: string; blur(): void } | null } }).document.activeElement;
			if (active?.tagName === 'IFRAME') {
				active.blur();
			}
		});
		await page.keyboard.press('F1');
		const palette = page.locator('.quick-input-widget input');
		await palette.fill('>AI Pass: Sign In');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'AI Pass: Sign In' }).first().click();
		const toast = page.locator('.notification-toast', { hasText: 'Signed in to AI Pass as ada@example.com' });
		await toast.waitFor({ timeout: 60_000 });
		await toast.hover(); // a toast under the mouse stays, as it does for a person reading it
		await closeSignInTabs();

		await input.fill('How do I debounce a function in TypeScript?');
		await input.press('Enter');
		const answer = view.locator('.message.assistant').last();
		await waitUntil('the answer to finish', async () => (await answer.getAttribute('aria-busy')) === 'false');
		assert.ok(await answer.locator('h2', { hasText: 'How do I debounce a function in TypeScript?' }).count() === 1, 'a Markdown heading');
		assert.ok(await answer.locator('table').count() === 1, 'a table');
		assert.ok(await answer.locator('pre code').count() === 2, 'two code blocks');
		assert.ok(await toast.isVisible(), 'the toast is on screen, not only in the bell');

		// Wider, as a person reading code would make it, then the mouse back on the toast.
		const sash = page.locator('.part.sidebar').boundingBox();
		const box = await sash;
		if (box) {
			await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
			await page.mouse.down();
			await page.mouse.move(box.x + 640, box.y + box.height / 2, { steps: 5 });
			await page.mouse.up();
		}
		await toast.hover();
		await answer.locator('h2').first().scrollIntoViewIfNeeded();
		const shot = path.join(projectRoot, 'out', 'e2e', 'playground.png');
		mkdirSync(path.dirname(shot), { recursive: true });
		await page.screenshot({ path: shot });
		if (process.env.AIPASS_UPDATE_SCREENSHOTS === '1') {
			copyFileSync(shot, path.join(projectRoot, 'media', 'screenshots', 'playground.png'));
		}
	});
});
