/**
 * A real VS Code workbench in headless Chromium with the extension under development loaded and pointed
 * at an emulator: used by the e2e tests and the playground. No test payload, so VS Code is not in test mode
 * and dialogs behave as they do for a person.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { launchChromium } from './browser';
import { node24, projectRoot, serverMain } from './hostPaths';
import { startVsCodeServer, type RunningVsCodeServer } from './vscodeServer';
import { trustEmulatorCertificate, webWorkerHostSettings } from './webWorkerHost';

export interface Workbench {
	readonly emulator: RunningEmulator;
	readonly server: RunningVsCodeServer;
	readonly browser: Browser;
	readonly context: BrowserContext;
	readonly page: Page;
	/** Runs a command through the command palette, as a person would (from a settled workbench); `onRun` is called just before the click that runs it. */
	runCommand(title: string, onRun?: () => void): Promise<void>;
	/** Closes whatever the previous step left open (quick input, context menu, notification centre). */
	settle(): Promise<void>;
	/** Opens the Accounts menu until it lists `label` (the session event reaches the UI asynchronously); leaves it open. */
	waitForAccount(label: string): Promise<void>;
	/** Signs in as Ada with the consent auto-approved, then closes the consent tab and focuses the workbench again. */
	signIn(): Promise<void>;
	close(): Promise<void>;
}

export async function openWorkbench(options: {
	settings?: Record<string, unknown>;
	/** Install this packaged extension instead of loading the development folder. */
	vsix?: string;
	/** Load this extension folder instead of the project (the activation benchmark's baseline build). */
	extensionPath?: string;
	/** Extension folders installed next to this one (copied into the extensions folder before the server starts). */
	extraExtensions?: readonly string[];
	/** Run the extension in the browser's web worker extension host (package.json#browser), as vscode.dev does. */
	webWorker?: boolean;
} = {}): Promise<Workbench> {
	const runDir = mkdtempSync(path.join(os.tmpdir(), 'aipass-e2e-'));
	if (options.vsix) {
		execFileSync(node24, [serverMain, '--install-extension', options.vsix, '--extensions-dir', path.join(runDir, 'extensions'), '--accept-server-license-terms'], { stdio: 'pipe' });
	}
	for (const folder of options.extraExtensions ?? []) {
		cpSync(folder, path.join(runDir, 'extensions', path.basename(folder)), { recursive: true });
	}
	const emulator = await startEmulator({ host: '127.0.0.2', port: 0, quiet: true, https: options.webWorker ?? false });
	const server = await startVsCodeServer({
		runDir,
		settings: {
			'aipass.baseUrl': emulator.url, 'aipass.clientId': 'client_vscode_test', 'aipass.budget.confirmAbove': 0,
			// VS Code's own Chat would open in the secondary side bar at first start and take the focus a moment later,
			// closing whatever a test had just opened: tests open it themselves when they need it.
			'workbench.secondarySideBar.defaultVisibility': 'hidden',
			...(options.webWorker ? webWorkerHostSettings : {}), ...options.settings,
		},
		trustedDomains: [emulator.url],
	});
	const browser = await launchChromium(options.webWorker ? trustEmulatorCertificate(emulator.spkiSha256) : []);
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	const page = await context.newPage();
	await page.goto(server.workbenchUrl(options.vsix ? undefined : { extensionDevelopmentPath: options.extensionPath ?? projectRoot }));
	await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
	await page.locator('.statusbar').waitFor({ timeout: 60_000 });

	/**
	 * Keyboard focus out of any webview or preview iframe (an image preview keeps it, and a key pressed there
	 * never reaches the workbench's keybindings), back to the workbench's own document.
	 */
	const moveFocusToWorkbench = async (): Promise<void> => {
		await page.evaluate("document.activeElement && document.activeElement.tagName === 'IFRAME' && document.activeElement.blur()");
	};
	const openPalette = async (): Promise<void> => {
		const input = page.locator('.quick-input-widget input');
		await moveFocusToWorkbench();
		await page.keyboard.press('F1');
		if (await input.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
			return;
		}
		// Focus somewhere F1 does not reach: the command centre in the title bar opens the same quick input.
		const commandCenter = page.locator('.command-center .action-item.command-center-center').first();
		if (await commandCenter.isVisible()) {
			await commandCenter.click();
			await input.waitFor({ timeout: 1500 }).catch(() => undefined);
		}
	};

	const workbench: Workbench = {
		emulator, server, browser, context, page,
		async runCommand(title: string, onRun?: () => void) {
			const input = page.locator('.quick-input-widget input');
			const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
			await workbench.settle();
			// Right after load the keybinding may not be wired yet, and the remote extension host's
			// commands arrive a little later: reopen the palette until the command is listed.
			const deadline = Date.now() + 60_000;
			for (;;) {
				if (!(await input.isVisible())) {
					await openPalette();
				}
				// The palette closes when something takes focus (the built-in Chat view finishing its first
				// render does): then the fill fails fast and the loop opens the palette again.
				if (await input.isVisible() && await input.fill(`>${title}`, { timeout: 1500 }).then(() => true, () => false)) {
					if (await row.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
						break;
					}
				}
				if (Date.now() > deadline) {
					throw new Error(`the command palette never listed "${title}"`);
				}
				await page.keyboard.press('Escape');
				await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
			}
			onRun?.();
			await row.click();
		},
		async settle() {
			// A known state: no quick input, context menu or notification centre left open by the step before.
			for (let i = 0; i < 5; i++) {
				const open = await page.locator('.quick-input-widget').isVisible()
					|| await page.locator('.context-view .monaco-menu').isVisible()
					|| await page.locator('.notifications-center.visible').isVisible();
				if (!open) {
					return;
				}
				await moveFocusToWorkbench();
				await page.keyboard.press('Escape');
				if (await page.locator('.notifications-center.visible').isVisible()) {
					await page.locator('.notifications-center.visible .codicon-notifications-hide').first().click().catch(() => undefined);
				}
			}
		},
		async waitForAccount(label: string) {
			const item = page.locator('.monaco-menu .action-label', { hasText: label });
			const deadline = Date.now() + 30_000;
			for (;;) {
				await page.locator('[aria-label^="Accounts"]').first().click();
				if (await item.waitFor({ timeout: 1500 }).then(() => true, () => false)) {
					return;
				}
				if (Date.now() > deadline) {
					throw new Error(`the Accounts menu never listed "${label}"`);
				}
				await page.keyboard.press('Escape');
				await page.waitForTimeout(500);
			}
		},
		async signIn() {
			await emulator.admin.setConfig({ autoApprove: 'allow' });
			await workbench.runCommand('AI Pass: Sign In');
			await workbench.waitForAccount('ada@example.com (AI Pass)');
			await page.keyboard.press('Escape');
			// The consent page opened in another tab; VS Code holds toasts back while its window is unfocused.
			for (const other of context.pages().filter(p => p !== page)) {
				await other.close();
			}
			await page.bringToFront();
		},
		async close() {
			await browser.close();
			await server.stop();
			await emulator.close();
			rmSync(runDir, { recursive: true, force: true });
		},
	};
	return workbench;
}
