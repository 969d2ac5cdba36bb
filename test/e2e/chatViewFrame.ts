/** Reaching the chat view's page inside the real workbench, and waiting for a state from Node. */
import assert from 'node:assert/strict';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { openWorkbench, type Workbench } from '../host/workbench';

/** The chat view's webview (VS Code nests the page in an iframe inside an iframe; the outer src names the extension). */
export const viewSelector = 'iframe.webview[src*="extensionId=aipass.aipass-vscode"]';

export function chatView(page: Page): FrameLocator {
	return page.frameLocator(viewSelector).frameLocator('iframe#active-frame');
}

export async function chatFrame(page: Page): Promise<Frame> {
	const outer = await (await page.locator(viewSelector).elementHandle({ timeout: 30_000 }))?.contentFrame();
	const inner = await (await outer?.locator('iframe#active-frame').elementHandle({ timeout: 30_000 }))?.contentFrame();
	assert.ok(inner, 'the chat webview frame');
	return inner;
}


/** A fresh workbench, signed in as Ada, with the AI Pass chat view open and taking input. */
export async function openSignedInChat(): Promise<{ workbench: Workbench; view: FrameLocator }> {
	const workbench = await openWorkbench();
	await workbench.signIn();
	await workbench.runCommand('AI Pass: Open Chat');
	const view = chatView(workbench.page);
	await view.locator('textarea.input').waitFor({ timeout: 60_000 });
	return { workbench, view };
}
