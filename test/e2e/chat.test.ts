/**
 * The chat view in the real VS Code web workbench (real Chromium), driven like a person: the command
 * palette, the message box, the keyboard and the buttons. Answers come from the emulator.
 */
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { RunningEmulator } from '../emulator/server';
import { openWorkbench, type Workbench } from '../host/workbench';
import { chatFrame, chatView, viewSelector } from './chatViewFrame';
import { xssCorpus } from './xssCorpus';
import { waitUntil } from './waitUntil';

async function chatBodies(emulator: RunningEmulator): Promise<Record<string, unknown>[]> {
	return (await emulator.admin.requests({ path: '/chat/completions' })).map(entry => entry.body as Record<string, unknown>);
}

describe('e2e: the chat view in the real VS Code web workbench', function () {
	this.timeout(240_000);
	let workbench: Workbench;
	let view: FrameLocator;

	const lastAnswer = () => view.locator('.message.assistant').last();
	/** Types a question and presses Enter; resolves when its answer has appeared (streaming or not). */
	const send = async (text: string): Promise<void> => {
		const answers = await view.locator('.message.assistant').count();
		const input = view.locator('textarea.input');
		await input.fill(text);
		await input.press('Enter');
		await waitUntil('the new answer', async () => (await view.locator('.message.assistant').count()) > answers);
	};
	const answerIdle = () => waitUntil('the answer to finish', async () => (await lastAnswer().getAttribute('aria-busy')) === 'false');

	before(async () => {
		workbench = await openWorkbench();
		const { emulator } = workbench;
		await emulator.admin.setConfig({ autoApprove: 'allow' });
		await workbench.runCommand('AI Pass: Sign In');
		await waitUntil('the sign-in', async () => (await emulator.admin.requests({ path: '/oauth2/userinfo' })).some(e => e.status === 200));
		await workbench.runCommand('AI Pass: Open Chat');
		view = chatView(workbench.page);
		await view.locator('textarea.input').waitFor({ timeout: 60_000 });
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await workbench?.page.screenshot({ path: `out/e2e-chat-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png` });
		}
	});

	after(async () => {
		await workbench?.close();
	});

	it('streams an answer that grows while it arrives, then decorates its code block', async () => {
		const { emulator, page } = workbench;
		const reply = [
			'## Sorting numbers',
			'`Array.prototype.sort` compares elements as **strings** unless you pass a comparator, so `[10, 9, 1].sort()` ' +
				'gives `[1, 10, 9]`. Pass a function that returns a negative number, zero or a positive number, and the ' +
				'array is sorted in place by that order. It also returns the same array, which makes chaining easy.',
			'```ts\nconst xs = [10, 9, 1];\nxs.sort((a, b) => a - b); // [1, 9, 10]\n```',
			'- `a - b` sorts ascending\n- `b - a` sorts descending\n- use `toSorted` to keep the original',
			'That is all there is to it.',
		].join('\n\n');
		await emulator.admin.setConfig({ chunkDelayMs: 40 });
		await emulator.admin.setChatReply({ content: reply, once: true });
		await send('How do I sort numbers in TypeScript?');
		const lengths: number[] = [];
		await waitUntil('the answer to finish streaming', async () => {
			const text = (await lastAnswer().locator('.markdown').textContent()) ?? '';
			if (lengths[lengths.length - 1] !== text.length) {
				lengths.push(text.length);
			}
			return (await lastAnswer().getAttribute('aria-busy')) === 'false';
		});
		await emulator.admin.setConfig({ chunkDelayMs: 0 });
		const growing = lengths.filter(length => length > 0);
		assert.ok(growing.length >= 3, `several growing states were seen: ${lengths.join(', ')}`);
		assert.deepEqual([...growing].sort((a, b) => a - b), growing, 'the answer only grows');
		assert.match((await lastAnswer().locator('.markdown').textContent()) ?? '', /chaining easy\.[\s\S]*That is all there is to it\./);
		assert.equal(await lastAnswer().locator('h2').textContent(), 'Sorting numbers');
		const codeBlock = lastAnswer().locator('.code-block');
		assert.equal(await codeBlock.locator('code .hljs-keyword').first().textContent(), 'const', 'highlighted once complete');
		await page.screenshot({ path: 'out/e2e-chat-answer.png' });
		await page.locator('.part.sidebar').screenshot({ path: 'out/e2e-chat-view.png' });

		await codeBlock.getByRole('button', { name: 'Open in New Editor' }).click();
		await page.locator('.monaco-editor .view-lines', { hasText: 'const xs = [10, 9, 1];' }).first().waitFor({ timeout: 30_000 });
		const [body] = await chatBodies(emulator);
		assert.equal(body.stream, true);
		assert.equal(body.model, 'gpt-5-mini');
	});

	it('stops on Escape mid-stream and keeps the partial answer', async () => {
		const { emulator } = workbench;
		const reply = Array.from({ length: 300 }, (_, i) => `part${i}`).join(' ');
		await emulator.admin.setConfig({ chunkDelayMs: 40 });
		await emulator.admin.setChatReply({ content: reply, once: true });
		await send('A long story, please');
		await waitUntil('some streamed text', async () => ((await lastAnswer().locator('.markdown').textContent()) ?? '').length > 40);
		await view.locator('textarea.input').press('Escape');
		await lastAnswer().locator('.message-note', { hasText: 'Stopped.' }).waitFor({ timeout: 30_000 });
		await emulator.admin.setConfig({ chunkDelayMs: 0 });
		const kept = (await lastAnswer().locator('.markdown').textContent()) ?? '';
		assert.ok(kept.length > 40 && kept.length < reply.length, `partial answer kept (${kept.length} of ${reply.length})`);
		assert.ok(reply.startsWith(kept.trim()));
		assert.ok(await view.getByRole('button', { name: 'Send' }).isVisible(), 'ready for the next question');
	});

	it('keeps the page while the view is hidden: an answer that ends meanwhile is complete when it is shown again', async () => {
		const { page, emulator } = workbench;
		// Charges arrive after the budget's next read: once every answer has one, the view is complete.
		await waitUntil('every answer\'s charge', async () =>
			(await view.locator('.message.assistant .message-cost').count()) === (await view.locator('.message.assistant').count()));
		const before = await view.locator('.message').allTextContents();
		assert.ok(before.length >= 4);
		const reply = Array.from({ length: 20 }, (_, i) => `Sentence ${i} of an answer that goes on while nobody looks.`).join(' ');
		await emulator.admin.setChatReply({ content: reply, once: true });
		await emulator.admin.setConfig({ chunkDelayMs: 40 });
		await send('Tell me while I look elsewhere');
		await waitUntil('the answer to stream', async () => (await lastAnswer().getAttribute('aria-busy')) === 'true');
		const frame = await chatFrame(page);
		await frame.evaluate('window.__beforeHide = true');
		// Switch to the Explorer and back with the activity bar, as a person would.
		await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
		await waitUntil('the chat view to be hidden', async () => !(await page.locator(viewSelector).isVisible()));
		// The hidden page is kept and still follows the host: the answer ends in it while the view is hidden.
		await waitUntil('the answer to end in the hidden page', async () => await frame.evaluate(
			'Array.from(document.querySelectorAll(".message.assistant")).pop().getAttribute("aria-busy") === "false"') === true);
		assert.equal(await page.locator(viewSelector).isVisible(), false, 'still hidden');
		await emulator.admin.setConfig({ chunkDelayMs: 0 });
		await page.locator('.activitybar [aria-label^="AI Pass"]').first().click();
		await lastAnswer().waitFor({ timeout: 60_000 });
		assert.equal(await (await chatFrame(page)).evaluate('window.__beforeHide'), true, 'the same page, not rebuilt');
		assert.deepEqual((await view.locator('.message').allTextContents()).slice(0, before.length), before);
		assert.equal(((await lastAnswer().locator('.markdown').textContent()) ?? '').trim(), reply);
	});

	it('rebuilds the page from the host\'s state (Developer: Reload Webviews)', async () => {
		const { page } = workbench;
		await answerIdle();
		await waitUntil('every answer\'s charge', async () =>
			(await view.locator('.message.assistant .message-cost').count()) === (await view.locator('.message.assistant').count()));
		const before = await view.locator('.message').allTextContents();
		await (await chatFrame(page)).evaluate('window.__beforeReload = true');
		await workbench.runCommand('Developer: Reload Webviews');
		await waitUntil('a rebuilt page showing the conversation', async () =>
			await (await chatFrame(page)).evaluate('window.__beforeReload === undefined && document.querySelectorAll(".message").length > 0') === true);
		await waitUntil('every message back', async () => (await view.locator('.message').count()) === before.length);
		assert.deepEqual(await view.locator('.message').allTextContents(), before);
	});

	it('sends with the model picked in the VS Code-styled picker, by mouse and by keyboard', async () => {
		const { emulator } = workbench;
		await emulator.admin.clearRequests();
		const picker = view.getByRole('combobox', { name: 'Model' });
		assert.equal(await view.locator('select').count(), 0, 'no native <select> left');
		await picker.click();
		await view.getByRole('option', { name: 'claude-haiku-4-5' }).click();
		assert.equal(await picker.getAttribute('aria-expanded'), 'false');
		assert.equal(await picker.textContent(), 'claude-haiku-4-5');
		await send('Which model are you?');
		await answerIdle();
		const [body] = await chatBodies(emulator);
		assert.equal(body.model, 'claude-haiku-4-5');
		assert.equal(await lastAnswer().locator('.message-model').textContent(), 'claude-haiku-4-5');

		// Keyboard only: focus, Down opens the list on the current model, a letter jumps, Enter picks.
		await emulator.admin.clearRequests();
		await picker.focus();
		await picker.press('ArrowDown');
		const list = view.getByRole('listbox', { name: 'Model' });
		await list.waitFor({ timeout: 10_000 });
		assert.equal(await list.locator('[aria-selected="true"]').textContent(), 'claude-haiku-4-5');
		await list.press('g');
		const picked = ((await list.locator('.model-option.active').textContent()) ?? '').trim();
		assert.match(picked, /^g/, 'the letter jumped to a model starting with it');
		await list.press('Enter');
		await waitUntil('the list to close', async () => !(await list.isVisible()));
		assert.equal(((await picker.textContent()) ?? '').trim(), picked);
		await send('And now?');
		await answerIdle();
		assert.equal((await chatBodies(emulator))[0]?.model, picked);
		if (picked !== 'gpt-5-mini') {
			await picker.click();
			await view.getByRole('option', { name: 'gpt-5-mini', exact: true }).click();
		}
	});

	it('shows a budget card with a top-up action on 402', async () => {
		const { emulator, page } = workbench;
		await emulator.admin.setBudget({ maxBudget: 1, totalCost: 1 });
		await send('Anything');
		const card = lastAnswer().locator('.error-card.error-budget');
		await card.waitFor({ timeout: 30_000 });
		assert.ok(await card.getByRole('button', { name: 'Top Up' }).isVisible());
		assert.ok(await card.getByRole('button', { name: 'Retry' }).isVisible());
		await page.screenshot({ path: 'out/e2e-chat-budget.png' });
		await emulator.admin.setBudget({ maxBudget: 10, totalCost: 0 });
	});

	it('keeps the partial answer of a dropped stream above an interrupted card, and Retry answers again', async () => {
		const { emulator } = workbench;
		await emulator.admin.setChatReply({ content: 'alpha beta gamma delta epsilon', once: true });
		await emulator.admin.fault({ kind: 'dropStream', afterChunks: 3 });
		await send('Say five words');
		const card = lastAnswer().locator('.error-card.error-interrupted');
		await card.waitFor({ timeout: 30_000 });
		assert.equal((await lastAnswer().locator('.markdown').textContent())?.trim(), 'alpha beta gamma');
		const answers = await view.locator('.message.assistant').count();
		await emulator.admin.setChatReply({ content: 'alpha beta gamma delta epsilon', once: true });
		await card.getByRole('button', { name: 'Retry' }).click();
		await waitUntil('the retried answer', async () => ((await lastAnswer().locator('.markdown').textContent()) ?? '').includes('epsilon'));
		await answerIdle();
		assert.equal(await view.locator('.message.assistant').count(), answers, 'the failed answer was replaced');
		assert.equal(await lastAnswer().locator('.error-card').count(), 0);
	});

	it('renders hostile replies inertly in the real workbench', async () => {
		const { emulator, page, context } = workbench;
		const frame = await chatFrame(page);
		const frameUrl = frame.url();
		const pages = context.pages().length;
		const title = await page.title();
		const names = ['script tag', 'img onerror', 'svg onload', 'markdown javascript: link', 'raw anchor with javascript: href and target', 'iframe srcdoc'];
		for (const name of names) {
			const payload = xssCorpus.find(c => c.name === name);
			assert.ok(payload, name);
			await emulator.admin.setChatReply({ content: payload.markdown, once: true });
			await send(`Show me: ${name}`);
			await answerIdle();
		}
		for (const link of await lastAnswer().locator('a').all()) {
			await link.click();
		}
		for (const link of await view.locator('.message.assistant').nth(-3).locator('a').all()) {
			await link.click();
		}
		await page.waitForTimeout(500);
		assert.equal(await frame.evaluate('window.__xss'), undefined);
		assert.equal(await frame.evaluate('document.querySelectorAll(".transcript script, .transcript iframe, .transcript svg, .transcript img, .transcript [onerror], .transcript [onload], .transcript [href]").length'), 0);
		assert.equal(frame.url(), frameUrl, 'the webview did not navigate');
		assert.equal(context.pages().length, pages, 'nothing opened a window');
		assert.equal(await page.title(), title);
		assert.match((await view.locator('.message.assistant').nth(-names.length).textContent()) ?? '', /<script>window\.__xss=1;document\.title='XSS'<\/script>/);
	});
});
