/**
 * The spend guard in `@aipass`, in VS Code's own chat view: a question estimated above
 * `aipass.budget.confirmAbove` shows the estimate with Send / Don't Send buttons in the response, and
 * nothing reaches AI Pass until Send is clicked (the request waits, open, while the user decides).
 */
import assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from '../host/workbench';
import { waitUntil } from './waitUntil';

const chatModelIds = ['claude-haiku-4-5', 'gemini-2.5-flash-lite', 'gpt-5-mini', 'gpt-5-nano'];

describe('e2e: @aipass asks before an expensive question (real VS Code chat view)', function () {
	this.timeout(240_000);
	let workbench: Workbench;

	const completions = async (): Promise<number> => (await workbench.emulator.admin.requests({ path: '/chat/completions' })).length;

	/** Types (or inserts) into the chat input and presses its Send button. */
	async function send(text: string): Promise<void> {
		const { page } = workbench;
		await page.locator('.interactive-input-part .monaco-editor').first().click({ force: true });
		await page.keyboard.insertText(text);
		await page.locator('.interactive-input-part [aria-label^="Send"]').first().click();
	}

	before(async () => {
		workbench = await openWorkbench({ settings: { 'aipass.budget.confirmAbove': 0.05 } });
		const { page, emulator } = workbench;
		await workbench.signIn();
		for (const model of chatModelIds) {
			await emulator.admin.setPrice({ model, perRequest: 0.002, inputPerToken: 0.00002, outputPerToken: 0.00006 });
		}
		await page.keyboard.press('Control+Alt+I');
		await page.locator('.interactive-input-part').first().waitFor({ timeout: 60_000 });
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await workbench?.page.screenshot({ path: `out/e2e-aipass-guard-failed.png` });
		}
	});

	after(async () => {
		await workbench?.close();
	});

	it('sends nothing until Send is clicked in the response', async () => {
		const { page, emulator } = workbench;
		const list = page.locator('.interactive-list');
		// A short first question: no price is known yet, so it is sent; its charge teaches the price.
		await send('@aipass what does a question cost?');
		await list.locator('.monaco-list-row', { hasText: 'Echo: what does a question cost?' }).first().waitFor({ timeout: 60_000 });
		const answered = (await emulator.admin.requests({ path: '/chat/completions' })).at(-1)?.seq ?? 0;
		await waitUntil('the charge read after the answer', async () =>
			(await emulator.admin.requests({ path: '/usage/me/summary' })).some(entry => entry.seq > answered && entry.status === 200));
		await emulator.admin.clearRequests();

		// A long pasted log: well above $0.05 at the learned price.
		await send(`Why does this fail?\n${'at handler (src/server.ts:42:13)\n'.repeat(300)}`);
		await list.getByText('This will cost about', { exact: false }).first().waitFor({ timeout: 60_000 });
		const sendButton = list.getByRole('button', { name: 'Send', exact: true }).last();
		await sendButton.waitFor({ timeout: 30_000 });
		assert.equal(await list.getByRole('button', { name: "Don't Send", exact: true }).count() > 0, true);
		assert.equal(await completions(), 0, 'nothing sent while the question is open');
		await page.screenshot({ path: 'out/e2e-aipass-guard.png' });

		await sendButton.click();
		await list.locator('.monaco-list-row', { hasText: 'Echo: ' }).last().waitFor({ timeout: 60_000 });
		await waitUntil('the question sent', async () => (await completions()) === 1);
	});
});
