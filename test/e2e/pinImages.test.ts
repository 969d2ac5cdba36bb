/**
 * Pinning a question's images in the real VS Code web workbench: an image goes with the question it was
 * asked with only; once pinned with the toggle on that question, it goes with every later question.
 * What was sent is read from the emulator's request log.
 */
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { RunningEmulator } from '../emulator/server';
import type { Workbench } from '../host/workbench';
import { photo, pngOf } from '../unit/vision/fixtures';
import { openSignedInChat } from './chatViewFrame';
import { waitUntil } from './waitUntil';

/** How many `image_url` parts the last chat request carried. */
async function imagesInLastRequest(emulator: RunningEmulator): Promise<number> {
	const bodies = (await emulator.admin.requests({ path: '/chat/completions' })).map(entry => entry.body as { messages: { content: unknown }[] });
	const last = bodies.at(-1);
	assert.ok(last, 'a chat request was sent');
	return last.messages.reduce((sum, message) => sum + (Array.isArray(message.content)
		? message.content.filter(part => (part as { type?: unknown }).type === 'image_url').length
		: 0), 0);
}

describe('e2e: pinning images in the chat (real workbench)', function () {
	this.timeout(240_000);
	let workbench: Workbench;
	let view: FrameLocator;

	/** Types a question, presses Enter and waits until its answer has finished. */
	const ask = async (text: string): Promise<void> => {
		const answers = await view.locator('.message.assistant').count();
		await view.locator('textarea.input').fill(text);
		await view.locator('textarea.input').press('Enter');
		await waitUntil('the new answer', async () => (await view.locator('.message.assistant').count()) > answers);
		await waitUntil('the answer to finish', async () => (await view.locator('.message.assistant').last().getAttribute('aria-busy')) === 'false');
	};

	before(async () => {
		({ workbench, view } = await openSignedInChat());
		// The default model, gpt-5-mini, reads images.
		await waitUntil('the model picker', async () => ((await view.getByRole('combobox', { name: 'Model' }).textContent()) ?? '').trim() === 'gpt-5-mini');
	});

	afterEach(async function () {
		if (this.currentTest?.state === 'failed') {
			await workbench?.page.screenshot({ path: `out/e2e-pin-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png` });
		}
	});

	after(async () => {
		await workbench?.close();
	});

	it('an image goes with its own question only, and with every later one once pinned', async () => {
		const { emulator } = workbench;
		await emulator.admin.clearRequests();
		// Attach through the composer's file input (what the Attach Image button opens).
		await view.locator('input[type="file"]').setInputFiles({ name: 'diagram.png', mimeType: 'image/png', buffer: Buffer.from(pngOf(photo(64, 48))) });
		await view.locator('.image-chip').waitFor({ timeout: 30_000 });
		await ask('What is in this diagram?');
		assert.equal(await imagesInLastRequest(emulator), 1, 'the image goes with its own question');

		await ask('And what colour is it mostly?');
		assert.equal(await imagesInLastRequest(emulator), 0, 'not re-sent with a later question');

		const pin = view.locator('.message.user').first().locator('button.pin-images');
		assert.equal(await pin.getAttribute('aria-pressed'), 'false');
		assert.equal(await pin.getAttribute('aria-label'), 'Pin Images: Send Them With Every Later Question');
		await pin.click();
		await waitUntil('the toggle to show it pinned', async () => (await pin.getAttribute('aria-pressed')) === 'true');
		assert.equal(await pin.getAttribute('aria-label'), 'Unpin Images: Send Them Only With This Question');
		await view.locator('.message.user').first().screenshot({ path: 'out/e2e-pinned-image.png' });

		await ask('Compare it with the one before.');
		assert.equal(await imagesInLastRequest(emulator), 1, 'pinned: sent again');

		await pin.click();
		await waitUntil('the toggle to show it unpinned', async () => (await pin.getAttribute('aria-pressed')) === 'false');
		await ask('One more question without it.');
		assert.equal(await imagesInLastRequest(emulator), 0, 'unpinned: not sent');
	});
});
