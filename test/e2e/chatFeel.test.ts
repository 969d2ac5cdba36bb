/**
 * The chat view's look and feel in the real VS Code web workbench: code coloured while it streams (and
 * not recoloured when it ends), the wrap toggle for long code lines (remembered when the page is
 * rebuilt), inline code in narrow table cells, and relative times in Conversation History.
 * (The model picker is driven in chat.test.ts, where the emulator checks the model it receives.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { Workbench } from '../host/workbench';
import { chatFrame, openSignedInChat, viewSelector } from './chatViewFrame';
import { waitUntil } from './waitUntil';

/** [class, text] of every highlight.js span in the last answer's first code block; `frozen` keeps only the part a streaming block will not touch again. */
const spansScript = (frozen: boolean) => `(() => {
	const answer = Array.from(document.querySelectorAll('.message.assistant')).pop();
	const code = answer && answer.querySelector('.code-block code');
	if (!code) return [];
	const nodes = Array.from(code.childNodes);
	const kept = ${frozen} ? nodes.slice(0, -1) : nodes;
	const spans = [];
	for (const node of kept) {
		if (node.nodeType !== 1) continue;
		if (node.matches('[class^="hljs-"]')) spans.push([node.className, node.textContent]);
		for (const span of node.querySelectorAll('[class^="hljs-"]')) spans.push([span.className, span.textContent]);
	}
	return spans;
})()`;

describe('e2e: the chat view feels native (real VS Code web workbench)', function () {
	this.timeout(240_000);
	let workbench: Workbench;
	let view: FrameLocator;

	const lastAnswer = () => view.locator('.message.assistant').last();
	const ask = async (text: string, reply: string): Promise<void> => {
		await workbench.emulator.admin.setChatReply({ content: reply, once: true });
		const answers = await view.locator('.message.assistant').count();
		await view.locator('textarea.input').fill(text);
		await view.locator('textarea.input').press('Enter');
		await waitUntil('the new answer', async () => (await view.locator('.message.assistant').count()) > answers);
	};
	const answerIdle = () => waitUntil('the answer to finish', async () => (await lastAnswer().getAttribute('aria-busy')) === 'false');

	before(async () => {
		({ workbench, view } = await openSignedInChat());
	});

	afterEach(async function () {
		await workbench?.emulator.admin.setConfig({ chunkDelayMs: 0 });
		if (this.currentTest?.state === 'failed') {
			await workbench?.page.screenshot({ path: `out/e2e-chat-feel-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png` });
		}
	});

	after(async () => {
		await workbench?.close();
	});

	it('colours a code fence while it streams, with the colours it keeps when it ends', async () => {
		const { page, emulator } = workbench;
		const lines = Array.from({ length: 40 }, (_, i) => `const value${i} = compute(${i}); // step ${i}`);
		const reply = ['Here is the loop, unrolled:', '', '```ts', 'function compute(n: number): number {', '\treturn n * 2;', '}', ...lines, '```', '', 'Each step doubles its index.'].join('\n');
		await emulator.admin.setConfig({ chunkDelayMs: 30 });
		await ask('Unroll it', reply);
		const frame = await chatFrame(page);
		const streamed = await waitUntil('keywords coloured in the open fence', async () => {
			const streaming = (await lastAnswer().getAttribute('aria-busy')) === 'true'
				&& await lastAnswer().locator('.code-block.streaming code .hljs-keyword').count() >= 3;
			return streaming ? await frame.evaluate(spansScript(true)) as [string, string][] : undefined;
		});
		assert.equal(await lastAnswer().getAttribute('aria-busy'), 'true', 'still streaming when the colours were seen');
		// Every line so far is coloured, the one still arriving included: each `const` is a keyword span.
		const coloured = await frame.evaluate(`(() => {
			const code = Array.from(document.querySelectorAll('.message.assistant')).pop().querySelector('.code-block.streaming code');
			const lines = code.textContent.split('\\n').filter(line => /^const\\b/.test(line)).length;
			const keywords = Array.from(code.querySelectorAll('.hljs-keyword')).filter(span => span.textContent === 'const').length;
			return { lines, keywords, html: code.innerHTML.slice(-300) };
		})()`) as { lines: number; keywords: number; html: string };
		assert.equal(coloured.keywords, coloured.lines, `every const line coloured: ${coloured.html}`);
		await page.locator('.part.sidebar').screenshot({ path: 'out/e2e-chat-streaming-highlight.png' });
		await answerIdle();
		const finished = await frame.evaluate(spansScript(false)) as [string, string][];
		assert.ok(streamed.length >= 3, `coloured spans while streaming: ${JSON.stringify(streamed)}`);
		assert.deepEqual(finished.slice(0, streamed.length), streamed, 'what was coloured while streaming keeps its colours when the answer ends');
		assert.equal(await lastAnswer().locator('.code-block.streaming').count(), 0);
	});

	it('wraps long code lines on request, for every block, and remembers it when the view is hidden and when it is rebuilt', async () => {
		const { page } = workbench;
		const long = `const url = "${'https://example.com/a/very/long/path/'.repeat(8)}";`;
		await ask('A long line', ['```js', long, '```'].join('\n'));
		await answerIdle();
		const pre = () => lastAnswer().locator('.code-block pre');
		const overflows = async () => pre().evaluate(element => element.scrollWidth > element.clientWidth + 1);
		const toggle = () => lastAnswer().getByRole('button', { name: 'Wrap Long Lines' });
		assert.equal(await toggle().getAttribute('aria-pressed'), 'false');
		assert.ok(await overflows(), 'unwrapped, the long line scrolls sideways');

		await toggle().click();
		assert.equal(await toggle().getAttribute('aria-pressed'), 'true');
		assert.equal(await overflows(), false, 'wrapped, nothing scrolls sideways');

		// Hide the view and show it again: the page is kept (retainContextWhenHidden), wrapped as it was.
		// (Charges arrive after the budget's next read: once every answer has one, the transcript is complete.)
		await waitUntil('every answer\'s charge', async () =>
			(await view.locator('.message.assistant .message-cost').count()) === (await view.locator('.message.assistant').count()));
		const messages = await view.locator('.message').allTextContents();
		await (await chatFrame(page)).evaluate('window.__pageBefore = true');
		await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
		await waitUntil('the chat view to be hidden', async () => !(await page.locator(viewSelector).isVisible()));
		await page.locator('.activitybar [aria-label^="AI Pass"]').first().click();
		await toggle().waitFor({ timeout: 60_000 });
		assert.equal(await (await chatFrame(page)).evaluate('window.__pageBefore'), true, 'the same page, not rebuilt');
		assert.equal(await toggle().getAttribute('aria-pressed'), 'true', 'still wrapped after hide and show');
		assert.equal(await overflows(), false);

		// Rebuild the page (Developer: Reload Webviews): it shows the conversation from the host's state and takes
		// the choice back from the webview state it saved.
		await workbench.runCommand('Developer: Reload Webviews');
		await waitUntil('a rebuilt page showing the conversation', async () =>
			await (await chatFrame(page)).evaluate('window.__pageBefore === undefined && document.querySelectorAll(".message").length > 0') === true);
		await waitUntil('every message back', async () => (await view.locator('.message').count()) === messages.length);
		assert.deepEqual(await view.locator('.message').allTextContents(), messages);
		assert.equal(await toggle().getAttribute('aria-pressed'), 'true', 'remembered by the rebuilt page');
		assert.equal(await overflows(), false);

		await toggle().press('Enter'); // keyboard works too
		assert.equal(await toggle().getAttribute('aria-pressed'), 'false');
		assert.ok(await overflows());
	});

	it('keeps inline code whole in the narrow cells of a wide table', async () => {
		const { page } = workbench;
		const table = [
			'| option | type | default | effect | notes |',
			'|---|---|---|---|---|',
			'| `maxContextTokens` | `number` | `16000` | `trimsOldestMessages` | `perConversation` |',
			'| `pollIntervalMinutes` | `integer` | `5` | `refreshesTheBudget` | `between1And60` |',
		].join('\n');
		await ask('The settings as a table', table);
		await answerIdle();
		const codes = lastAnswer().locator('td code');
		assert.equal(await codes.count(), 10);
		for (const code of await codes.all()) {
			assert.equal(await code.evaluate(element => element.getClientRects().length), 1, `${await code.textContent()} is on one line`);
		}
		await page.locator('.part.sidebar').screenshot({ path: 'out/e2e-chat-feel.png' });
	});

	it('shows relative times in Conversation History, with the date and time on the detail line', async () => {
		const { page, server } = workbench;
		// The view's conversations, in the store's own files (workspace storage of the extension).
		const storage = path.join(server.userDataDir, 'User', 'workspaceStorage');
		const folder = readdirSync(storage).map(name => path.join(storage, name, 'aipass.aipass-vscode', 'chat'))
			.find(candidate => readdirSync(path.dirname(candidate)).includes('chat'));
		assert.ok(folder, 'the chat store folder');
		const index = JSON.parse(readFileSync(path.join(folder, 'index.json'), 'utf8')) as { version: 1; conversations: { id: string; title: string; updatedAt: number; messageCount: number }[] };
		const current = index.conversations[0];
		const conversation = JSON.parse(readFileSync(path.join(folder, `conversation-${current.id}.json`), 'utf8')) as Record<string, unknown>;
		const now = Date.now();
		const older = [
			{ id: '00000000-0000-4000-8000-000000000002', title: 'Two hours old', updatedAt: now - 2 * 3600_000 - 60_000 },
			{ id: '00000000-0000-4000-8000-000000000003', title: 'Three days old', updatedAt: now - 3 * 24 * 3600_000 },
		];
		for (const item of older) {
			writeFileSync(path.join(folder, `conversation-${item.id}.json`), JSON.stringify({ ...conversation, ...item }));
			index.conversations.push({ ...item, messageCount: current.messageCount });
		}
		writeFileSync(path.join(folder, 'index.json'), JSON.stringify(index));

		await workbench.runCommand('AI Pass: Conversation History…');
		const row = (title: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: title });
		await row('Two hours old').waitFor({ timeout: 30_000 });
		const date = (time: number) => new Date(time).toLocaleDateString('en', { month: 'short', day: 'numeric', year: 'numeric' });
		const twoHours = (await row('Two hours old').textContent()) ?? '';
		assert.match(twoHours, /2 hours ago/);
		assert.ok(twoHours.includes(date(older[0].updatedAt)), `${twoHours} names the date`);
		assert.match(twoHours, /\d+ messages · /);
		const threeDays = (await row('Three days old').textContent()) ?? '';
		assert.match(threeDays, /3 days ago/);
		assert.ok(threeDays.includes(date(older[1].updatedAt)), `${threeDays} names the date`);
		assert.match((await row(current.title).first().textContent()) ?? '', /now · current|minutes? ago · current|seconds? ago · current/);
		await page.screenshot({ path: 'out/e2e-chat-history.png' });
		await page.keyboard.press('Escape');
	});
});
