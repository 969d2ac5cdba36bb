import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkbench, type Workbench } from '../host/workbench';
import { answer, showNotifications } from './quickInput';

async function waitForFiles(dir: string, pattern: RegExp): Promise<string[]> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const files = existsSync(dir) ? readdirSync(dir).filter(name => pattern.test(name)) : [];
		if (files.length > 0) {
			return files;
		}
		if (Date.now() > deadline) {
			throw new Error(`no file matching ${pattern} appeared in ${dir}`);
		}
		await new Promise(resolve => setTimeout(resolve, 200));
	}
}

describe('e2e: media commands from the command palette', function () {
	this.timeout(240_000);
	let workbench: Workbench;

	before(async () => {
		workbench = await openWorkbench();
		await workbench.signIn();
	});

	after(async () => {
		await workbench?.close();
	});

	it('Generate Image: prompt, model, size and count through the quick input, then the saved PNG opens', async () => {
		const { page, server, emulator } = workbench;
		await workbench.runCommand('AI Pass: Generate Image…');
		await answer(page, 'Generate Image', 'a lighthouse at dawn');
		await answer(page, 'AI Pass model for image generation', 'nano-banana-2');
		await answer(page, 'Image size');
		await answer(page, 'How many images?');
		const dir = path.join(server.workspaceDir, 'aipass-media');
		const [name] = await waitForFiles(dir, /^a-lighthouse-at-dawn-\d{8}-\d{6}\.png$/);
		assert.deepEqual([...readFileSync(path.join(dir, name)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
		await page.locator('.tabs-container .tab', { hasText: name }).waitFor({ timeout: 30_000 });
		await showNotifications(page);
		await page.locator('.notifications-center .notification-list-item', { hasText: 'Saved the image in aipass-media.' }).waitFor({ timeout: 30_000 });
		await page.screenshot({ path: 'out/e2e-media-image.png' });
		const [request] = (await emulator.admin.requests({ path: '/images/generations' }));
		assert.deepEqual(request.body, { model: 'nano-banana-2', prompt: 'a lighthouse at dawn', n: 1, size: '1024x1024' });
	});

	it('Generate Image again: the model picked last time is offered first', async () => {
		const { page, emulator } = workbench;
		await page.keyboard.press('Escape');
		await emulator.admin.clearRequests();
		await workbench.runCommand('AI Pass: Generate Image…');
		await answer(page, 'Generate Image', 'a second lighthouse');
		await page.locator('.quick-input-widget .quick-input-title', { hasText: 'AI Pass model for image generation' }).waitFor({ timeout: 30_000 });
		const first = page.locator('.quick-input-list .monaco-list-row').first();
		assert.match(await first.innerText(), /nano-banana-2[\s\S]*last used/);
		await page.locator('.quick-input-widget input').press('Enter');
		await answer(page, 'Image size');
		await answer(page, 'How many images?');
		const [name] = await waitForFiles(path.join(workbench.server.workspaceDir, 'aipass-media'), /^a-second-lighthouse-/);
		// The preview opens after the file is written; let it settle so it does not close the next palette.
		await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
		const [request] = await emulator.admin.requests({ path: '/images/generations' });
		assert.equal((request.body as { model: string }).model, 'nano-banana-2');
	});

	it('Generate Video: the progress notification\'s Cancel button stops polling and writes nothing', async () => {
		const { page, server, emulator } = workbench;
		await emulator.admin.setConfig({ videoPollsToComplete: 1000 });
		await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
		await workbench.runCommand('AI Pass: Generate Video…');
		await answer(page, 'Generate Video', 'endless waves');
		await answer(page, 'AI Pass model for video generation', 'sora-2');
		await answer(page, 'Video length');
		await showNotifications(page);
		const toast = page.locator('.notifications-center .notification-list-item', { hasText: 'Generating video with sora-2' });
		await toast.waitFor({ timeout: 30_000 });
		const polled = async (): Promise<number> => (await emulator.admin.requests({ path: '/videos/' })).filter(e => e.method === 'GET').length;
		const deadline = Date.now() + 30_000;
		while ((await polled()) < 1 && Date.now() < deadline) {
			await new Promise(resolve => setTimeout(resolve, 200));
		}
		assert.ok((await polled()) >= 1, 'the job is being polled');
		await toast.hover();
		await toast.getByRole('button', { name: 'Cancel' }).click();
		await toast.waitFor({ state: 'hidden', timeout: 30_000 });
		const settled = await polled();
		await new Promise(resolve => setTimeout(resolve, 5000));
		assert.equal(await polled(), settled, 'no poll after Cancel');
		const dir = path.join(server.workspaceDir, 'aipass-media');
		assert.deepEqual(readdirSync(dir).filter(name => name.endsWith('.mp4')), []);
	});
});
