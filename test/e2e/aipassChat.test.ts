import assert from 'node:assert/strict';
import type { ChatMessage } from '../../src/api/types';
import { openWorkbench, type Workbench } from '../host/workbench';

const chatModelIds = ['claude-haiku-4-5', 'gemini-2.5-flash-lite', 'gpt-5-mini', 'gpt-5-nano'];

/**
 * `@aipass` in VS Code's own chat view, typed and sent like a person would. Without Copilot the workbench
 * has no default chat agent (a plain message asks to sign in to GitHub), but participants and the model
 * picker work, and the picker holds only AI Pass models: so every answer here comes from AI Pass.
 */
describe('e2e: @aipass in the real VS Code chat view', function () {
	this.timeout(240_000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench();
		const { page, emulator } = workbench;
		await emulator.admin.setConfig({ autoApprove: 'allow' });
		await workbench.runCommand('AI Pass: Sign In');
		await waitUntil('the sign-in to finish', async () => (await emulator.admin.requests({ path: '/oauth2/userinfo' })).some(e => e.status === 200));
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+Alt+I');
		await page.locator('.interactive-input-part').first().waitFor({ timeout: 60_000 });
	});

	after(async () => {
		await workbench?.close();
	});

	/** Types into the chat input and presses its Send button. */
	async function send(text: string): Promise<void> {
		const { page } = workbench;
		await page.locator('.interactive-input-part .monaco-editor').first().click({ force: true });
		await page.keyboard.type(text);
		await page.locator('.interactive-input-part [aria-label^="Send"]').first().click();
	}

	async function waitForAnswer(text: string): Promise<void> {
		await workbench.page.locator('.interactive-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 60_000 });
	}

	async function chatBodies(): Promise<{ model: string; messages: ChatMessage[] }[]> {
		return (await workbench.emulator.admin.requests({ path: '/chat/completions' })).map(e => e.body as { model: string; messages: ChatMessage[] });
	}

	it('lists the AI Pass models in the chat model picker', async () => {
		const picker = workbench.page.locator('.interactive-input-part .action-label[aria-label^="Models"]').first();
		// The models arrive after the sign-in; until then the picker shows a placeholder.
		await waitUntil('an AI Pass model in the picker', async () => chatModelIds.includes((await picker.innerText().catch(() => '')).trim()));
	});

	it('/budget renders the usage summary table', async () => {
		await send('@aipass /budget');
		await waitForAnswer('Remaining');
		const answer = await workbench.page.locator('.interactive-list .monaco-list-row', { hasText: 'Remaining' }).first().innerText();
		assert.match(answer, /Spent\s+\$2\.45/);
		assert.match(answer, /Remaining\s+\$7\.55/);
		assert.equal((await chatBodies()).length, 0);
	});

	it('answers a question with the AI Pass model picked in the chat view', async () => {
		const picked = (await workbench.page.locator('.interactive-input-part .action-label[aria-label^="Models"]').first().innerText()).trim();
		await workbench.emulator.admin.clearRequests();
		// @aipass is sticky: the input already addresses it.
		await send('hello from the chat view');
		await waitForAnswer('Echo: hello from the chat view');
		const [body] = await chatBodies();
		assert.equal(body.model, picked, 'the request used the model picked in the UI');
		assert.equal(body.messages.at(-1)?.content, 'hello from the chat view');
		await workbench.page.screenshot({ path: 'out/e2e-aipass-chat.png' });
	});

	it('/integrate flutter answers with the shipped playbook as the system prompt', async () => {
		await workbench.emulator.admin.clearRequests();
		await send('/integrate flutter');
		await waitForAnswer('Echo: Integrate AI Pass into my flutter project.');
		const [body] = await chatBodies();
		const system = String(body.messages[0].content);
		assert.match(system, /into a flutter app/);
		assert.ok(system.includes('final verifier = generateRandomString(64);'), 'the playbook is in the system prompt');
		// The earlier question and answer were sent as history; the /budget report was not.
		assert.deepEqual(body.messages.slice(1, -1).map(m => m.role), ['user', 'assistant']);
	});
});

async function waitUntil(what: string, probe: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!(await probe())) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise(resolve => setTimeout(resolve, 200));
	}
}
