/**
 * The chat webview's own behaviour, with the REAL bundle in plain Chromium (chatWebviewPage.ts): the
 * keyboard, images (downscaled in the page, refused for models without vision), model choice,
 * auto-scroll and streaming updates. What the host does with the messages is covered by the
 * integration and workbench tests.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { OutgoingImage, WebviewMessage } from '../../src/shared/chatProtocol';
import { launchChromium } from '../host/browser';
import { type ChatWebviewPage, initMessage, openChatWebviewPage, type PageDom, waitInPage } from './chatWebviewPage';

/** Drops (or pastes) a generated noisy PNG of the given size on the chat; resolves to its byte size. */
function dropNoisyPng(width: number, height: number, how: 'drop' | 'paste'): string {
	return `(async () => {
		const canvas = new OffscreenCanvas(${width}, ${height});
		const context = canvas.getContext('2d');
		const image = context.createImageData(${width}, ${height});
		let seed = 7;
		for (let i = 0; i < image.data.length; i++) {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			image.data[i] = i % 4 === 3 ? 255 : seed & 255;
		}
		context.putImageData(image, 0, 0);
		const blob = await canvas.convertToBlob({ type: 'image/png' });
		const transfer = new DataTransfer();
		transfer.items.add(new File([blob], 'noise.png', { type: 'image/png' }));
		const target = ${how === 'drop' ? "document.querySelector('#app')" : "document.querySelector('textarea.input')"};
		target.dispatchEvent(${how === 'drop'
			? "new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })"
			: "new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })"});
		return blob.size;
	})()`;
}

function imageBytes(image: OutgoingImage): number {
	return Buffer.from(image.dataUrl.slice(image.dataUrl.indexOf(',') + 1), 'base64').length;
}

describe('e2e: chat webview behaviour (real bundle, plain Chromium)', function () {
	this.timeout(120_000);
	let browser: Browser;
	let chat: ChatWebviewPage;

	/** What the user's actions posted: not the requests for state (`ready`) or for the token estimate, which the page makes by itself. */
	const sent = async (): Promise<WebviewMessage[]> => (await chat.posted()).filter(m => m.type !== 'ready' && m.type !== 'estimateTokens');

	before(async () => {
		browser = await launchChromium();
	});

	beforeEach(async () => {
		chat = await openChatWebviewPage(browser);
		await chat.host(initMessage());
		await chat.page.locator('textarea.input').waitFor();
	});

	afterEach(async () => {
		await chat?.close();
	});

	after(async () => {
		await browser?.close();
	});

	it('sends on Enter, keeps Shift+Enter as a new line, and stops on Escape only while answering', async () => {
		const input = chat.page.locator('textarea.input');
		await input.press('Escape');
		await input.type('first line');
		await input.press('Shift+Enter');
		await input.type('second line');
		assert.equal(await input.inputValue(), 'first line\nsecond line');
		await input.press('Enter');
		assert.deepEqual(await sent(), [{ type: 'send', text: 'first line\nsecond line', images: [] }]);
		assert.equal(await input.inputValue(), '', 'the box is cleared');
		await chat.host({ type: 'busy', busy: true });
		assert.ok(await chat.page.getByRole('button', { name: 'Stop (Escape)' }).isVisible());
		await input.press('Escape');
		assert.deepEqual((await sent()).slice(1), [{ type: 'stop' }]);
		await input.type('not while busy');
		await input.press('Enter');
		assert.equal((await sent()).length, 2, 'nothing is sent while an answer streams');
	});

	it('posts the model chosen in the picker, and labels its controls for screen readers', async () => {
		const picker = chat.page.getByRole('combobox', { name: 'Model' });
		assert.equal(await picker.getAttribute('aria-haspopup'), 'listbox');
		await picker.click();
		assert.equal(await picker.getAttribute('aria-expanded'), 'true');
		await chat.page.getByRole('option', { name: 'gpt-5-nano' }).click();
		assert.deepEqual(await sent(), [{ type: 'selectModel', model: 'gpt-5-nano' }]);
		assert.equal(await picker.getAttribute('aria-expanded'), 'false');
		// Escape in the open list closes it without picking, and does not reach the chat (no stop).
		await picker.press('ArrowDown');
		await chat.page.getByRole('listbox', { name: 'Model' }).press('Escape');
		assert.equal(await picker.getAttribute('aria-expanded'), 'false');
		assert.deepEqual(await sent(), [{ type: 'selectModel', model: 'gpt-5-nano' }]);
		assert.equal(await chat.page.locator('.transcript').getAttribute('aria-live'), 'polite');
		for (const name of ['Send', 'Attach Selection or File', 'Attach Image']) {
			assert.ok(await chat.page.getByRole('button', { name }).isVisible(), name);
		}
		assert.ok(await chat.page.getByRole('textbox', { name: /^Message/ }).isVisible());
	});

	it('downscales a large dropped image below ~800 KB before sending it', async () => {
		const original = await chat.page.evaluate(dropNoisyPng(1600, 1200, 'drop')) as number;
		assert.ok(original > 800 * 1024, `the test image is large (${original} bytes)`);
		await chat.page.locator('.composer-chips .thumbnail').waitFor();
		await chat.page.locator('textarea.input').press('Enter');
		const [message] = await sent();
		assert.equal(message?.type, 'send');
		const [image] = message.type === 'send' ? message.images : [];
		assert.match(image.dataUrl, /^data:image\/jpeg;base64,/);
		assert.equal(image.name, 'noise.jpg');
		assert.ok(imageBytes(image) <= 800 * 1024, `sent ${imageBytes(image)} bytes`);
	});

	it('sends a small pasted PNG as it is', async () => {
		const original = await chat.page.evaluate(dropNoisyPng(40, 30, 'paste')) as number;
		await chat.page.locator('.composer-chips .thumbnail').waitFor();
		await chat.page.locator('textarea.input').fill('what is this?');
		await chat.page.locator('textarea.input').press('Enter');
		const [message] = await sent();
		const [image] = message?.type === 'send' ? message.images : [];
		assert.match(image.dataUrl, /^data:image\/png;base64,/);
		assert.equal(imageBytes(image), original);
	});

	it('refuses images for a model without vision, with a clear message', async () => {
		await chat.page.getByRole('combobox', { name: 'Model' }).click();
		await chat.page.getByRole('option', { name: 'gpt-5-nano' }).click();
		await chat.page.evaluate(dropNoisyPng(40, 30, 'drop'));
		await chat.page.locator('.notice', { hasText: 'gpt-5-nano cannot read images' }).waitFor();
		assert.equal(await chat.page.locator('.composer-chips .thumbnail').count(), 0);
	});

	it('follows a streaming answer only while the reader is at the bottom', async () => {
		const { page } = chat;
		await chat.host(initMessage({ busy: true, conversation: { id: 'c', title: '', messages: [
			{ id: 'a1', role: 'assistant', text: '', model: 'gpt-5-mini', status: 'streaming' },
		] } }));
		let offset = 0;
		const stream = async (paragraphs: number): Promise<void> => {
			for (let i = 0; i < paragraphs; i++) {
				const text = `Paragraph ${offset} with enough words to wrap in a narrow view, again and again.\n\n`;
				await chat.host({ type: 'delta', messageId: 'a1', offset, text });
				offset += text.length;
			}
			await page.evaluate('new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
		};
		const distanceFromBottom = (): Promise<number> =>
			page.evaluate("(t => t.scrollHeight - t.scrollTop - t.clientHeight)(document.querySelector('.transcript'))") as Promise<number>;
		await stream(60);
		assert.ok(await distanceFromBottom() < 5, 'at the bottom: it follows');
		await page.evaluate("document.querySelector('.transcript').scrollTo(0, 0)");
		await page.evaluate('new Promise(resolve => setTimeout(resolve, 50))');
		await stream(30);
		assert.equal(await page.evaluate("document.querySelector('.transcript').scrollTop"), 0, 'scrolled up: it stays put');
		await page.evaluate("document.querySelector('.transcript').scrollTo(0, document.querySelector('.transcript').scrollHeight)");
		await page.evaluate('new Promise(resolve => setTimeout(resolve, 50))');
		await stream(30);
		assert.ok(await distanceFromBottom() < 5, 'back at the bottom: it follows again');
	});

	it('shows an answer\'s charge in its footer and the conversation total, from the state and as they arrive', async () => {
		await chat.host(initMessage({ conversation: { id: 'c', title: '', total: 'Conversation total: $0.0137', messages: [
			{ id: 'a1', role: 'assistant', text: 'First', model: 'gpt-5-mini', status: 'done', cost: '$0.0137 · 1,204 tokens' },
			{ id: 'a2', role: 'assistant', text: 'Second', model: 'gpt-5-mini', status: 'done' },
		] } }));
		const costs = chat.page.locator('.message.assistant .message-cost');
		assert.deepEqual(await costs.allTextContents(), ['$0.0137 · 1,204 tokens']);
		assert.equal(await chat.page.locator('.conversation-total').textContent(), 'Conversation total: $0.0137');
		await chat.host({ type: 'messageCost', messageId: 'a2', cost: '≈ $0.0040 · 300 tokens', total: 'Conversation total: ≈ $0.0177' });
		assert.deepEqual(await costs.allTextContents(), ['$0.0137 · 1,204 tokens', '≈ $0.0040 · 300 tokens']);
		assert.equal(await chat.page.locator('.conversation-total').textContent(), 'Conversation total: ≈ $0.0177');
		await chat.host(initMessage({ conversation: { id: 'd', title: '', messages: [] } }));
		assert.equal(await chat.page.locator('.conversation-total').isVisible(), false, 'a new conversation has no total');
	});

	it('asks the host for the whole state again when it misses an update, and redraws it in place', async () => {
		await chat.host(initMessage({ busy: true, conversation: { id: 'c', title: '', messages: [
			{ id: 'a1', role: 'assistant', text: 'Hello', model: 'gpt-5-mini', status: 'streaming' },
		] } }));
		await chat.host({ type: 'delta', messageId: 'a1', offset: 5, text: ', wor' });
		await chat.host({ type: 'delta', messageId: 'a1', offset: 5, text: ', wor' }); // a duplicate is ignored
		assert.equal((await chat.posted()).filter(m => m.type === 'ready').length, 1);
		await chat.host({ type: 'delta', messageId: 'a1', offset: 99, text: 'lost' });
		assert.equal((await chat.posted()).filter(m => m.type === 'ready').length, 2, 'a gap asks for a resync');
		await chat.host(initMessage({ busy: false, conversation: { id: 'c', title: '', messages: [
			{ id: 'a1', role: 'assistant', text: 'Hello, world', model: 'gpt-5-mini', status: 'done' },
		] } }));
		assert.equal((await chat.page.locator('.message.assistant .markdown').textContent())?.trim(), 'Hello, world');
		assert.equal(await chat.page.locator('textarea.input').count(), 1, 'one composer, not a second app');
		await chat.page.evaluate(dropNoisyPng(40, 30, 'drop'));
		await chat.page.locator('.composer-chips .thumbnail').first().waitFor();
		await chat.page.locator('textarea.input').press('Enter');
		const sends = (await sent()).filter(m => m.type === 'send');
		assert.equal(sends.length === 1 && sends[0].type === 'send' ? sends[0].images.length : -1, 1, 'one drop handler, one image');
	});

	it('colours an open code fence as it streams, and keeps those colours once it is complete', async () => {
		await chat.host(initMessage({ busy: true, conversation: { id: 'c', title: '', messages: [
			{ id: 'a1', role: 'assistant', text: '', model: 'gpt-5-mini', status: 'streaming' },
		] } }));
		const parts = ['Intro\n\n```ts\n', 'const a = 1;\n', 'const b = 2;\n'];
		let offset = 0;
		for (const text of parts) {
			await chat.host({ type: 'delta', messageId: 'a1', offset, text });
			offset += text.length;
		}
		const streaming = chat.page.locator('.code-block.streaming code');
		await streaming.waitFor();
		await waitInPage(chat.page, (expected: string | number) => (globalThis as unknown as PageDom).document.querySelector('.code-block.streaming code')?.textContent === expected, 'const a = 1;\nconst b = 2;\n');
		assert.deepEqual(await chat.page.locator('.code-block.streaming .hljs-keyword').allTextContents(), ['const', 'const'], 'coloured while streaming');
		await chat.host({ type: 'delta', messageId: 'a1', offset, text: '```\n' });
		await chat.page.locator('.code-block:not(.streaming) .hljs-keyword').first().waitFor();
		assert.deepEqual(await chat.page.locator('.code-block .hljs-keyword').allTextContents(), ['const', 'const']);
		assert.deepEqual(await chat.page.locator('.code-block .hljs-number').allTextContents(), ['1', '2']);
		assert.equal(await chat.page.locator('.code-block.streaming').count(), 0);
		await chat.page.getByRole('button', { name: 'Insert at Cursor' }).click();
		await chat.page.getByRole('button', { name: 'Copy', exact: true }).click();
		await chat.page.getByRole('button', { name: 'Apply', exact: true }).click();
		assert.deepEqual(await sent(), [
			{ type: 'insertCode', code: 'const a = 1;\nconst b = 2;\n' },
			{ type: 'copy', text: 'const a = 1;\nconst b = 2;\n' },
			{ type: 'applyCode', messageId: 'a1', code: 'const a = 1;\nconst b = 2;\n' },
		]);
	});
});
